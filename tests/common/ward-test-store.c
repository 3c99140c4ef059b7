/* ward-test-store.c: a fresh database and install key in a temporary folder, for tests */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-folder.h"
#include "tests/common/ward-test-store.h"

/* 2026-11-28 08:00:00 UTC: tests run on a fixed, fake clock. */
#define TEST_EPOCH_US (G_GINT64_CONSTANT (1795852800) * G_USEC_PER_SEC)

gboolean
ward_test_backend_is_pg (void)
{
  return g_strcmp0 (g_getenv ("WARDGATE_TEST_BACKEND"), "pg") == 0;
}

/* A superuser connection to the test server (tests/pg/pg-harness.sh). */
static PGconn *
connect_admin (const char *dbname)
{
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=%s", g_getenv ("WARDGATE_TEST_PG"), dbname);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot reach the test server: %s", PQerrorMessage (conn));
  return conn;
}

static void
admin_exec (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("Test SQL failed: %s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

char *
ward_test_pg_new_database (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("wt_%d_%u_%u", (int) getpid (), counter++, g_random_int ());
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0", name);
  PGconn *conn = connect_admin ("postgres");

  admin_exec (conn, sql);
  PQfinish (conn);
  return g_strdup_printf ("host=%s user=wardgate_admin dbname=%s", g_getenv ("WARDGATE_TEST_PG_SOCKET"), name);
}

static void
drop_database (const char *location)
{
  const char *name = strstr (location, "dbname=");
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (name == NULL)
    return;
  /* Not WITH (FORCE): work a test left running (a key touch reporting
   * back late) keeps writing into its own database, as it would into an
   * SQLite file already unlinked, instead of meeting an "outage" in the
   * next test. Such a database stays until the harness stops the server. */
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s", name + strlen ("dbname="));
  conn = connect_admin ("postgres");
  PQclear (PQexec (conn, sql));
  PQfinish (conn);
}

/* What someone with raw access to the database could do behind
 * Wardgate's back (the file's owner, the server's superuser). */
void
ward_test_store_raw_exec (WardTestStore *fixture,
                          const char    *sqlite_sql,
                          const char    *pg_sql)
{
  if (ward_test_backend_is_pg ())
    {
      const char *name = strstr (fixture->db_path, "dbname=") + strlen ("dbname=");
      PGconn *conn = connect_admin (name);

      admin_exec (conn, "SET search_path TO wardgate");
      admin_exec (conn, pg_sql);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (fixture->db_path, &db), ==, SQLITE_OK);
      if (sqlite3_exec (db, sqlite_sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("Test SQL failed: %s: %s", sqlite_sql, message);
      sqlite3_close (db);
    }
}

gint64
ward_test_store_raw_int (WardTestStore *fixture,
                         const char    *sqlite_sql,
                         const char    *pg_sql)
{
  gint64 value;

  if (ward_test_backend_is_pg ())
    {
      const char *name = strstr (fixture->db_path, "dbname=") + strlen ("dbname=");
      PGconn *conn = connect_admin (name);
      PGresult *result;

      admin_exec (conn, "SET search_path TO wardgate");
      result = PQexec (conn, pg_sql);
      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
        g_error ("Test SQL failed: %s: %s", pg_sql, PQerrorMessage (conn));
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sqlite_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      value = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
  return value;
}

WardTestStore *
ward_test_store_new (void)
{
  g_autoptr(GError) error = NULL;
  WardTestStore *fixture = g_new0 (WardTestStore, 1);

  fixture->dir = g_dir_make_tmp ("wardgate-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = ward_test_backend_is_pg () ? ward_test_pg_new_database ()
                                                : g_build_filename (fixture->dir, "wardgate.db", NULL);
  fixture->key_path = g_build_filename (fixture->dir, "wardgate.key", NULL);
  fixture->key = ward_install_key_create (fixture->key_path, &error);
  g_assert_no_error (error);
  /* A server location has no folder to find the key beside: the command
   * line run by a test finds it here, as a kiosk would in production. */
  if (ward_test_backend_is_pg ())
    g_setenv ("WARDGATE_KEY_FILE", fixture->key_path, TRUE);
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

void
ward_test_store_free (WardTestStore *fixture)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->key);
  g_clear_object (&fixture->clock);
  if (ward_test_backend_is_pg ())
    drop_database (fixture->db_path);
  ward_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->key_path);
  g_free (fixture);
}

static gboolean
tree_contains (const char   *path,
               const guint8 *needle,
               gsize         length)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize size = 0;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (tree_contains (child, needle, length))
            return TRUE;
        }
      else if (g_file_get_contents (child, &contents, &size, NULL)
               && size >= length && memmem (contents, size, needle, length) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Searches the raw bytes of a file, and of its write-ahead log if any: a
 * secret must appear in neither. On the server, every file of its data
 * folder (tables and write-ahead log) after a checkpoint. */
gboolean
ward_test_file_contains (const char   *path,
                         const guint8 *needle,
                         gsize         length)
{
  const char *suffixes[] = { "", "-wal" };

  if (ward_test_backend_is_pg ())
    {
      PGconn *conn = connect_admin ("postgres");

      admin_exec (conn, "CHECKPOINT");
      PQfinish (conn);
      return tree_contains (g_getenv ("WARDGATE_TEST_PG_DATA"), needle, length);
    }

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

/* Tests of two processes on one database run this same program again as
 * the second process: the flag tells it apart from a run of the tests. */
#define WORKER_FLAG "--store-worker"

static const char *self_path;

/* In place of g_test_init(): a run started by ward_test_store_spawn_worker()
 * does the worker's part and exits, before any test is registered. */
void
ward_test_store_init_with_worker (int                 *argc,
                                  char              ***argv,
                                  WardTestStoreWorker  worker)
{
  if (*argc == 5 && g_strcmp0 ((*argv)[1], WORKER_FLAG) == 0)
    exit (worker ((*argv)[2], (*argv)[3], (*argv)[4]));

  self_path = (*argv)[0];
  g_test_init (argc, argv, NULL);
}

/* Runs the worker on @fixture's database, at once: the caller waits. */
GSubprocess *
ward_test_store_spawn_worker (WardTestStore *fixture,
                              const char    *arg)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *worker;

  g_assert_nonnull (self_path);
  worker = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, WORKER_FLAG,
                             fixture->db_path, fixture->key_path, arg, NULL);
  g_assert_no_error (error);
  return worker;
}
