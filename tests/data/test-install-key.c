/* test-install-key.c: sealed secrets, badge hashes and the key file itself */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <liboath/oath.h>

#include "data/ward-directory.h"
#include "data/ward-stmt-private.h"
#include "tests/common/ward-test-store.h"

static const guint8 secret[20] = {
  0x8f, 0x21, 0x5a, 0x73, 0x0c, 0x9e, 0x44, 0xd1, 0x26, 0xb8,
  0x3f, 0x67, 0xe2, 0x05, 0x91, 0xaa, 0x4c, 0x18, 0x7d, 0xf3,
};

static void
test_seal_round_trip (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) opened = NULL;

  sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (sealed), ==, 1 + 12 + sizeof secret + 16);
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), secret, 8));

  opened = ward_install_key_unseal (fixture->key, sealed, "totp:7", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened), secret, sizeof secret);
}

static void
test_seal_is_bound_to_its_context (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:7", NULL);
  g_autoptr(GBytes) opened = NULL;

  /* Copied onto another user's row, the secret no longer opens. */
  opened = ward_install_key_unseal (fixture->key, sealed, "totp:8", &error);
  g_assert_null (opened);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_UNSEAL);
}

static void
test_wrong_key_fails_cleanly (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr(WardInstallKey) other = ward_install_key_create (other_path, NULL);
  g_autoptr(GBytes) sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:7", NULL);
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = ward_install_key_unseal (other, sealed, "totp:7", &error);
  g_assert_null (opened);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_UNSEAL);
  g_assert_null (strstr (error->message, "8f"));
}

static void
test_tampered_ciphertext_fails (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GBytes) sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:7", NULL);
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  guint8 *copy = g_memdup2 (g_bytes_get_data (sealed, &size), g_bytes_get_size (sealed));

  copy[20] ^= 0x01;
  tampered = g_bytes_new_take (copy, size);
  opened = ward_install_key_unseal (fixture->key, tampered, "totp:7", &error);
  g_assert_null (opened);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_UNSEAL);
}

/* The database file, and its WAL, hold neither the secret's bytes nor the
 * base32 text an authenticator app would show. */
static void
test_database_holds_no_plain_secret (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GBytes) sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:1", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base32 = NULL;
  WardStmt *stmt;
  size_t base32_len = 0;
  gint64 user;

  g_assert_cmpint (oath_init (), ==, OATH_OK);
  g_assert_cmpint (oath_base32_encode ((const char *) secret, sizeof secret, &base32, &base32_len), ==, OATH_OK);

  user = ward_directory_add_user (fixture->store, "jsmith", "Jo Smith", &error);
  g_assert_no_error (error);
  stmt = ward_store_prepare (fixture->store,
                             "INSERT INTO totp_secrets (user_id, sealed_secret, created_at) VALUES (?, ?, 0)", &error);
  g_assert_no_error (error);
  ward_stmt_bind_int64 (stmt, 1, user);
  ward_stmt_bind_blob (stmt, 2, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  g_assert_true (ward_store_step_done (fixture->store, stmt, &error));
  ward_stmt_reset (stmt);

  g_assert_false (ward_test_file_contains (fixture->db_path, secret, sizeof secret));
  g_assert_false (ward_test_file_contains (fixture->db_path, (const guint8 *) base32, strlen (base32)));
  g_clear_object (&fixture->store);
  g_assert_false (ward_test_file_contains (fixture->db_path, secret, sizeof secret));
  g_assert_false (ward_test_file_contains (fixture->db_path, (const guint8 *) base32, strlen (base32)));
  /* The scan does find what is there: the user name is stored in clear. */
  g_assert_true (ward_test_file_contains (fixture->db_path, (const guint8 *) "jsmith", 6));
}

static void
test_key_file_is_private (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  struct stat st;

  g_assert_cmpint (g_stat (fixture->key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 36);
}

static void
test_key_refusals (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *short_path = g_build_filename (fixture->dir, "short.key", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.key", NULL);
  g_autoptr(WardInstallKey) key = NULL;
  g_autoptr(GError) error = NULL;

  /* Never overwrites: that would orphan every sealed secret. */
  key = ward_install_key_create (fixture->key_path, &error);
  g_assert_null (key);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (fixture->key_path, 0644), ==, 0);
  key = ward_install_key_load (fixture->key_path, &error);
  g_assert_null (key);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_PERMISSIONS);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (short_path, "WGK1abc", 7, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  key = ward_install_key_load (short_path, &error);
  g_assert_null (key);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_INVALID);
  g_clear_error (&error);

  key = ward_install_key_load (missing, &error);
  g_assert_null (key);
  g_assert_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_MISSING);
}

static void
test_reloaded_key_opens_old_seals (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GBytes) sealed = ward_install_key_seal (fixture->key, secret, sizeof secret, "totp:3", NULL);
  g_autoptr(WardInstallKey) reloaded = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;

  reloaded = ward_install_key_load (fixture->key_path, &error);
  g_assert_no_error (error);
  opened = ward_install_key_unseal (reloaded, sealed, "totp:3", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened), secret, sizeof secret);
}

static void
test_badge_hash (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr(WardInstallKey) other = ward_install_key_create (other_path, NULL);
  guint8 a[32], b[32], c[32], d[32];

  ward_install_key_badge_hash (fixture->key, "04:a2:3b:9c", a);
  ward_install_key_badge_hash (fixture->key, "04A23B9C", b);
  ward_install_key_badge_hash (fixture->key, "04A23B9D", c);
  ward_install_key_badge_hash (other, "04A23B9C", d);

  g_assert_cmpmem (a, 32, b, 32);
  g_assert_true (memcmp (a, c, 32) != 0);
  /* Keyed: another install cannot match this install's badge hashes. */
  g_assert_true (memcmp (a, d, 32) != 0);
}

/* How many kB of this process's memory core dumps leave out ("dd" in
 * VmFlags; neighbouring pages of the same kind merge into one mapping). */
static guint64
dont_dump_kb (void)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 size = 0, total = 0;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL));
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Size:"))
        size = g_ascii_strtoull (lines[i] + strlen ("Size:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "VmFlags:") && strstr (lines[i], " dd") != NULL)
        total += size;
    }
  return total;
}

/* Item 8 of the hardening review: the derived keys sit in memory that a
 * core dump leaves out, and the process makes no core dump at all. */
static void
test_keys_out_of_core_dumps (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WardInstallKey) again = NULL;
  guint64 before = dont_dump_kb ();

  again = ward_install_key_load (fixture->key_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dont_dump_kb (), >=, before + 4);
  g_clear_object (&again);
  g_assert_cmpuint (dont_dump_kb (), ==, before);

  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
  ward_install_key_protect_process ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/install-key/seal-round-trip", test_seal_round_trip);
  g_test_add_func ("/install-key/8/keys-out-of-core-dumps", test_keys_out_of_core_dumps);
  g_test_add_func ("/install-key/seal-bound-to-context", test_seal_is_bound_to_its_context);
  g_test_add_func ("/install-key/wrong-key-fails-cleanly", test_wrong_key_fails_cleanly);
  g_test_add_func ("/install-key/tampered-ciphertext-fails", test_tampered_ciphertext_fails);
  g_test_add_func ("/install-key/database-holds-no-plain-secret", test_database_holds_no_plain_secret);
  g_test_add_func ("/install-key/key-file-is-private", test_key_file_is_private);
  g_test_add_func ("/install-key/key-refusals", test_key_refusals);
  g_test_add_func ("/install-key/reloaded-key-opens-old-seals", test_reloaded_key_opens_old_seals);
  g_test_add_func ("/install-key/badge-hash", test_badge_hash);

  return g_test_run ();
}
