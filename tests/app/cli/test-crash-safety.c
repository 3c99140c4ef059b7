/* test-crash-safety.c: wardgate-admin and a kiosk-like writer killed (SIGKILL) at random points of their writes */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tests/common/ward-test-cli.h"

#define ROUNDS 100

static gint64
query (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Nothing half-written: each change and its audit record are there
 * together or not at all. */
static void
assert_whole (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Accounts and their user.added records (the bootstrap has its own). */
  g_assert_cmpint (query (db, "SELECT count(*) FROM users WHERE username <> 'alice'"), ==,
                   query (db, "SELECT count(*) FROM audit WHERE event = 'user.added'"));
  g_assert_cmpint (query (db, "SELECT count(*) FROM users u WHERE u.username <> 'alice' AND NOT EXISTS"
                              " (SELECT 1 FROM audit a WHERE a.event = 'user.added' AND a.subject = u.username)"), ==, 0);
  /* Every badge with its badge.enrolled record, and the other way round. */
  g_assert_cmpint (query (db, "SELECT count(*) FROM badges"), ==,
                   query (db, "SELECT count(*) FROM audit WHERE event = 'badge.enrolled'"));
  /* Every grant of a role with its record (one role each). */
  g_assert_cmpint (query (db, "SELECT count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id"
                              " WHERE u.username <> 'alice'"), ==,
                   query (db, "SELECT count(*) FROM users WHERE username <> 'alice'"));
  /* Sessions the kiosk opened are whole rows. */
  g_assert_cmpint (query (db, "SELECT count(*) FROM sessions WHERE started_at IS NULL OR kiosk_id IS NULL"), ==, 0);
  sqlite3_close (db);
}

static void
kill_after (GSubprocess *process,
            guint        delay_us)
{
  g_usleep (delay_us);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
}

static void
test_killed_writers (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wardgate-crash-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "wardgate.db", NULL);
  g_autofree char *key = g_build_filename (dir, "wardgate.key", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint killed_mid_run = 0;

  ward_test_cli_bootstrap (db);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      guint delay_us = g_rand_int_range (rand, 0, 60000);

      if (round % 2 == 0)
        {
          g_autofree char *command = g_strdup_printf (
              round % 4 == 0 ? "--as alice user add cli-%u --name \"Cli Writer\" --role nurse"
                             : "--as alice badge enroll cli-%u --uid 0B%06X", round - 2 * (round % 4 != 0), round);

          process = ward_test_cli_spawn (db, command, G_SUBPROCESS_FLAGS_STDIN_PIPE);
        }
      else
        {
          g_autofree char *prefix = g_strdup_printf ("kiosk%u", round);

          process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                      g_getenv ("WARDGATE_CRASH_WRITER"), db, key, prefix, NULL);
          g_assert_no_error (error);
        }
      kill_after (process, delay_us);
      if (g_subprocess_get_if_signaled (process))
        killed_mid_run++;

      /* The database opens, the chain is whole, and so is every change. */
      ward_test_cli_assert_intact (db);
      assert_whole (db);
    }
  g_test_message ("%u of %d writers were killed before they finished", killed_mid_run, ROUNDS);
  g_assert_cmpuint (killed_mid_run, >=, ROUNDS / 2);
  {
    sqlite3 *handle = NULL;
    gint64 written;

    /* The writers did get to write (the kills were not all before the first). */
    g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    written = query (handle, "SELECT count(*) FROM audit");
    sqlite3_close (handle);
    g_test_message ("%" G_GINT64_FORMAT " audit records written between the kills", written);
    g_assert_cmpint (written, >, ROUNDS / 2);
  }

  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  ward_test_cli_init (&argc, &argv);
  g_assert_nonnull (g_getenv ("WARDGATE_CRASH_WRITER"));
  g_test_add_func ("/crash-safety/killed-writers", test_killed_writers);
  return g_test_run ();
}
