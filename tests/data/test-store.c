/* test-store.c: opening, migrating and refusing databases */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-stmt-private.h"
#include "tests/common/ward-test-store.h"

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

#define PG_OBJECTS "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" \
                   " WHERE n.nspname = 'wardgate'"

/* Checks that only make sense for a file: the server has its own. */
static gboolean
skip_unless_sqlite (void)
{
  if (!ward_test_backend_is_pg ())
    return FALSE;
  g_test_skip ("about the SQLite file; the PostgreSQL server guards its own files");
  return TRUE;
}

static void
test_migrates_from_empty (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_auto(GStrv) permissions = NULL;
  g_autoptr(GError) error = NULL;
  const char *roles[] = { "nurse", "charge-nurse", "biomed", "admin", "break-glass" };
  const char *tables[] = { "users", "roles", "permissions", "role_permissions", "user_roles", "badges",
                           "fido_credentials", "totp_secrets", "auth_failures", "sessions", "devices",
                           "device_settings", "setting_changes", "awareness_answers", "audit" };

  g_assert_cmpint (ward_store_get_schema_version (fixture->store), ==, ward_store_latest_schema_version ());
  g_assert_cmpint (ward_store_latest_schema_version (), >=, 1);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    g_assert_true (ward_directory_has_role (fixture->store, roles[i]));
  g_assert_false (ward_directory_has_role (fixture->store, "superuser"));

  permissions = ward_directory_list_permissions (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) permissions, "device.adjust.high-alert"));
  g_assert_true (g_strv_contains ((const char *const *) permissions, "awareness.report"));

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                                              tables[i]);
      g_autofree char *pg_sql = g_strdup_printf ("SELECT count(*) FROM pg_tables WHERE schemaname = 'wardgate'"
                                                 " AND tablename = '%s'", tables[i]);
      g_assert_cmpint (ward_test_store_raw_int (fixture, sql, pg_sql), ==, 1);
    }
}

static void
test_reopen_is_a_no_op (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) again = NULL;
  int objects_before;

  g_clear_object (&fixture->store);
  objects_before = ward_test_store_raw_int (fixture, "SELECT count(*) FROM sqlite_master", PG_OBJECTS);

  again = ward_test_store_reopen (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ward_store_get_schema_version (again), ==, ward_store_latest_schema_version ());
  g_clear_object (&again);

  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM sqlite_master", PG_OBJECTS), ==, objects_before);
  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM install", "SELECT count(*) FROM install"), ==, 1);
  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM roles", "SELECT count(*) FROM roles"), ==, 5);
}

static void
test_refuses_newer_schema (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) again = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", ward_store_latest_schema_version () + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_autofree char *pg_sql = g_strdup_printf ("UPDATE schema_version SET version = %d",
                                             ward_store_latest_schema_version () + 1);
  gint64 objects_before;

  g_clear_object (&fixture->store);
  ward_test_store_raw_exec (fixture, sql, pg_sql);
  if (!ward_test_backend_is_pg ())
    before = file_digest (fixture->db_path);
  objects_before = ward_test_store_raw_int (fixture, "SELECT count(*) FROM sqlite_master", PG_OBJECTS);

  again = ward_test_store_reopen (fixture, &error);
  g_assert_null (again);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Wardgate"));

  if (!ward_test_backend_is_pg ())
    after = file_digest (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM sqlite_master", PG_OBJECTS), ==, objects_before);
  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM install", "SELECT count(*) FROM install"), ==, 1);
}

static void
test_refuses_random_bytes (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "random.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint8 noise[8192];

  if (skip_unless_sqlite ())
    return;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_random_int ();
  g_assert_true (g_file_set_contents (path, (const char *) noise, sizeof noise, NULL));
  before = file_digest (path);

  store = ward_store_open (path, fixture->key, fixture->clock, "test", WARD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a Wardgate database"));

  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_refuses_truncated_database (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) again = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize size = 0;

  if (skip_unless_sqlite ())
    return;

  /* Closing the only connection checkpoints the WAL into the main file. */
  ward_test_bootstrap_admin (fixture, "alice");
  g_clear_object (&fixture->store);
  g_assert_true (g_file_get_contents (fixture->db_path, &contents, &size, NULL));
  g_assert_cmpuint (size, >, 16384);
  g_assert_true (g_file_set_contents (fixture->db_path, contents, size / 3, NULL));
  before = file_digest (fixture->db_path);

  again = ward_test_store_reopen (fixture, &error);
  g_assert_null (again);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));

  after = file_digest (fixture->db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuses_missing_without_create (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *path = ward_test_backend_is_pg () ? ward_test_pg_new_database ()
                                                     : g_build_filename (fixture->dir, "nothing-here.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) store = NULL;

  store = ward_store_open (path, fixture->key, fixture->clock, "test", WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "wardgate-admin init"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Kiosks connect as members of wardgate_kiosk: they sign people in and
 * append to the audit trail, and can neither rewrite it nor alter the
 * schema. */
static void
test_kiosk_role_cannot_rewrite (void)
{
  g_autoptr(WardTestStore) fixture = NULL;
  g_autoptr(WardStore) kiosk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *create = NULL;
  g_autofree char *location = NULL;
  const char *refused[] = {
    "UPDATE audit SET actor = 'mallory'", "DELETE FROM audit", "TRUNCATE audit",
    "ALTER TABLE users ADD COLUMN note TEXT", "DROP TABLE audit", "CREATE TABLE wardgate.evil (x INTEGER)",
    "UPDATE schema_version SET version = 99", "DROP TRIGGER audit_append_only_update ON audit",
    "ALTER TABLE audit DISABLE TRIGGER USER",
  };
  gint64 first_bad = -1, checked = 0;

  if (!ward_test_backend_is_pg ())
    {
      g_test_skip ("database roles are the server's");
      return;
    }
  fixture = ward_test_store_new ();
  g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_STORE_INITIALISED, "os:root", NULL, NULL, FALSE, NULL));
  role = g_strdup_printf ("kiosk_bed12_%u", g_random_int ());
  create = g_strdup_printf ("CREATE ROLE %s LOGIN IN ROLE wardgate_kiosk", role);
  ward_test_store_raw_exec (fixture, NULL, create);
  location = g_strdup_printf ("%s user=%s", fixture->db_path, role);

  kiosk = ward_store_open (location, fixture->key, fixture->clock, "bed-12", WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ward_audit_append (kiosk, WARD_AUDIT_SIGNED_IN, "nnurse", NULL, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_directory_add_user (kiosk, "nnew", "New Nurse", &error), >, 0);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (ward_store_exec (kiosk, refused[i], &error));
      g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
  g_assert_true (ward_audit_verify (fixture->store, &first_bad, &checked, NULL));
  g_assert_cmpint (first_bad, ==, 0);
  g_assert_cmpint (checked, ==, 2);
}

/* Every kiosk and the command line need the same site key: another key is
 * refused by the database's check value before anything is read or written. */
static void
test_wrong_site_key_refused (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr(WardInstallKey) other = ward_install_key_create (other_path, NULL);
  g_autoptr(WardStore) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_STORE_INITIALISED, "os:root", NULL, NULL, FALSE, NULL));
  g_clear_object (&fixture->store);
  again = ward_store_open (fixture->db_path, other, fixture->clock, "bed-12", WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_null (again);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "is not the key of the database"));
  g_assert_cmpint (ward_test_store_raw_int (fixture, "SELECT count(*) FROM audit", "SELECT count(*) FROM audit"), ==, 1);
  g_clear_error (&error);

  again = ward_test_store_reopen (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

/* A location that looks like an address is never a file name: no folder
 * "postgresql:" appears, and an unknown scheme is refused outright. */
static void
test_uri_is_never_a_folder (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WardStore) store = NULL;
  gint64 started;

  g_assert_true (g_chdir (fixture->dir) == 0);
  started = g_get_monotonic_time ();
  store = ward_store_open ("postgresql:///wardgate?host=/nonexistent-wardgate-socket", fixture->key,
                           fixture->clock, "test", WARD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "cannot reach the staff database"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_assert_false (g_file_test ("postgresql:", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = ward_store_open ("service=wardgate-no-such-service", fixture->key, fixture->clock, "test",
                           WARD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE);
  g_assert_false (g_file_test ("service=wardgate-no-such-service", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = ward_store_open ("mysql://db/wardgate", fixture->key, fixture->clock, "test",
                           WARD_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID);
  g_assert_false (g_file_test ("mysql:", G_FILE_TEST_EXISTS));
  g_assert_true (g_chdir (cwd) == 0);
}

/* A full disk is simulated by capping the database at its current size. */
static void
test_full_disk_keeps_nothing_half_written (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *cap = NULL;
  WardStmt *stmt;
  gint64 id = 0;
  int pages;

  if (skip_unless_sqlite ())
    return;

  stmt = ward_store_prepare (fixture->store, "PRAGMA page_count", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ward_stmt_step (stmt), ==, WARD_STMT_ROW);
  pages = ward_stmt_column_int (stmt, 0);
  ward_stmt_reset (stmt);
  cap = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
  g_assert_true (ward_store_exec (fixture->store, cap, NULL));

  g_assert_true (ward_store_begin (fixture->store, NULL));
  for (guint i = 0; i < 2000 && error == NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%04u", i);
      g_autofree char *full = g_strnfill (100, 'x');
      id = ward_directory_add_user (fixture->store, name, full, &error);
    }
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  ward_store_rollback (fixture->store);

  g_clear_error (&error);
  users = ward_directory_list_users (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/migrates-from-empty", test_migrates_from_empty);
  g_test_add_func ("/store/reopen-is-a-no-op", test_reopen_is_a_no_op);
  g_test_add_func ("/store/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/store/refuses-random-bytes", test_refuses_random_bytes);
  g_test_add_func ("/store/refuses-truncated-database", test_refuses_truncated_database);
  g_test_add_func ("/store/refuses-missing-without-create", test_refuses_missing_without_create);
  g_test_add_func ("/store/full-disk-keeps-nothing-half-written", test_full_disk_keeps_nothing_half_written);
  g_test_add_func ("/store/uri-is-never-a-folder", test_uri_is_never_a_folder);
  g_test_add_func ("/store/kiosk-role-cannot-rewrite", test_kiosk_role_cannot_rewrite);
  g_test_add_func ("/store/wrong-site-key-refused", test_wrong_site_key_refused);

  return g_test_run ();
}
