/* ward-schema.c: the numbered migrations, and the schema they must leave behind */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "data/ward-audit.h"
#include "data/ward-schema-private.h"
#include "data/ward-store.h"

#define MIGRATIONS_PATH RESOURCE_PREFIX "/migrations"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* In the order they apply. */
char **
ward_schema_list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

  if (names == NULL)
    g_error ("The migrations resource is missing from this build");
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

char *
ward_schema_migration_sql (const char  *name,
                           GError     **error)
{
  g_autofree char *resource = g_build_path ("/", MIGRATIONS_PATH, name, NULL);
  g_autoptr(GBytes) sql = g_resources_lookup_data (resource, 0, error);

  if (sql == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
}

/* Every schema object as one line: type, name, table and its SQL text. The
 * statistics tables SQLite itself makes (ANALYZE, PRAGMA optimize) hold no
 * logic and are left out. */
static GPtrArray *
describe (sqlite3 *db)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, coalesce (sql, '') FROM sqlite_schema"
                              " WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'"
                              " ORDER BY type, name", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s %s on %s: %s", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                                             sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&lines) : NULL;
}

/* What the migrations make in an empty database: the only schema this
 * version of Wardgate accepts. */
static GPtrArray *
build_expected_schema (GError **error)
{
  g_auto(GStrv) names = ward_schema_list_migrations ();
  sqlite3 *db = NULL;
  GPtrArray *lines = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto failed;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *sql = ward_schema_migration_sql (names[i], error);

      if (sql == NULL)
        {
          sqlite3_close_v2 (db);
          return NULL;
        }
      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        goto failed;
    }
  lines = describe (db);
  if (lines == NULL)
    goto failed;
  sqlite3_close_v2 (db);
  return lines;

failed:
  g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED,
               _("The database rules built into this Wardgate could not be read."));
  sqlite3_close_v2 (db);
  return NULL;
}

/* The expected schema depends only on the migrations built into this
 * program, so it is worked out once per process. */
typedef struct
{
  GPtrArray *lines;
  GError    *error;
} Expected;

static gpointer
work_out_expected (gpointer data)
{
  Expected *expected = g_new0 (Expected, 1);

  expected->lines = build_expected_schema (&expected->error);
  return expected;
}

static GOnce expected_once = G_ONCE_INIT;

static const GPtrArray *
expected_schema (GError **error)
{
  const Expected *expected = g_once (&expected_once, work_out_expected, NULL);

  if (expected->lines == NULL)
    {
      g_propagate_error (error, g_error_copy (expected->error));
      return NULL;
    }
  return expected->lines;
}

static gpointer
prepare_thread (gpointer data)
{
  g_once (&expected_once, work_out_expected, NULL);
  return NULL;
}

/* Only the main thread starts and joins it. */
static GThread *preparing;

/**
 * ward_store_prepare_checks:
 *
 * Starts working out, in a thread of its own, what the schema check
 * compares a database with (every migration run into an empty database),
 * so that the kiosk's start does it while the display opens. The check
 * itself is unchanged: ward_store_open() still makes it in full before it
 * returns a store, waiting for this work when it is not finished.
 */
void
ward_store_prepare_checks (void)
{
  if (preparing == NULL)
    preparing = g_thread_new ("wardgate-schema", prepare_thread, NULL);
}

/**
 * ward_store_prepare_checks_finish:
 *
 * Waits for the work ward_store_prepare_checks() started, if any: before
 * the program exits, as the built-in migrations it reads go away with it.
 */
void
ward_store_prepare_checks_finish (void)
{
  if (preparing != NULL)
    g_thread_join (g_steal_pointer (&preparing));
}

/* A planted trigger (one that deletes new audit rows, say), view or index
 * changes what the database does behind every check made above it: the
 * database must hold exactly the objects its migrations made. */
gboolean
ward_schema_check (sqlite3     *db,
                   const char  *path,
                   GError     **error)
{
  const GPtrArray *expected = expected_schema (error);
  g_autoptr(GPtrArray) actual = NULL;

  if (expected == NULL)
    return FALSE;
  actual = describe (db);
  if (actual == NULL)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged. Restore it from a backup."), path);
      return FALSE;
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      /* First what was added or rewritten, then what was removed. */
      const GPtrArray *from = pass == 0 ? actual : expected;
      const GPtrArray *against = pass == 0 ? expected : actual;

      for (guint i = 0; i < from->len; i++)
        {
          const char *line = g_ptr_array_index (from, i);
          g_autofree char *object = NULL;

          if (g_ptr_array_find_with_equal_func ((GPtrArray *) against, line, g_str_equal, NULL))
            continue;
          /* The object's name only: its SQL may quote values. */
          object = g_strndup (line, strcspn (line, ":"));
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                            "MESSAGE_ID", ward_audit_alert_message_id (WARD_AUDIT_ALERT_SCHEMA_ALTERED),
                            "PRIORITY", "2",
                            "WARDGATE_SCHEMA_OBJECT", object,
                            "MESSAGE", "Database %s has a schema that its migrations did not make (%s %s)",
                            path, pass == 0 ? "unexpected" : "missing", object);
          g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                       _("The database %s has been altered outside Wardgate (%s), so it was not used. "
                         "Restore it from a backup and tell IT security."), path, object);
          return FALSE;
        }
    }
  return TRUE;
}
