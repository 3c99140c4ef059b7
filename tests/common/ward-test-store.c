/* ward-test-store.c: a fresh database and install key in a temporary folder, for tests */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-store.h"

/* 2026-11-28 08:00:00 UTC: tests run on a fixed, fake clock. */
#define TEST_EPOCH_US (G_GINT64_CONSTANT (1795852800) * G_USEC_PER_SEC)

WardTestStore *
ward_test_store_new (void)
{
  g_autoptr(GError) error = NULL;
  WardTestStore *fixture = g_new0 (WardTestStore, 1);

  fixture->dir = g_dir_make_tmp ("wardgate-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "wardgate.db", NULL);
  fixture->key_path = g_build_filename (fixture->dir, "wardgate.key", NULL);
  fixture->key = ward_install_key_create (fixture->key_path, &error);
  g_assert_no_error (error);
  fixture->clock = ward_clock_new_fake (TEST_EPOCH_US);
  fixture->store = ward_store_open (fixture->db_path, fixture->key, fixture->clock, "test-kiosk",
                                    WARD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return fixture;
}

WardStore *
ward_test_store_reopen (WardTestStore  *fixture,
                        GError        **error)
{
  return ward_store_open (fixture->db_path, fixture->key, fixture->clock, "test-kiosk",
                          WARD_STORE_OPEN_DEFAULT, error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
ward_test_store_free (WardTestStore *fixture)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->key);
  g_clear_object (&fixture->clock);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->key_path);
  g_free (fixture);
}

/* Searches the raw bytes of a file, and of its write-ahead log if any: a
 * secret must appear in neither. */
gboolean
ward_test_file_contains (const char   *path,
                         const guint8 *needle,
                         gsize         length)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (!g_file_get_contents (file, &contents, &size, NULL))
        continue;
      if (size >= length && memmem (contents, size, needle, length) != NULL)
        return TRUE;
    }
  return FALSE;
}

void
ward_test_bootstrap_admin (WardTestStore *fixture,
                           const char    *username)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (fixture->store, username, "Test Administrator", &error);

  g_assert_no_error (error);
  ward_directory_grant_role (fixture->store, id, "admin", "test", &error);
  g_assert_no_error (error);
}
