/* ward-store-sqlite.c: the embedded backend: one SQLite file, for a single kiosk, the demo and the tests */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "data/ward-migrations.h"
#include "data/ward-schema-description.h"
#include "data/ward-store-location.h"
#include "data/ward-store-sqlite.h"

#define BUSY_TIMEOUT_MS   10000
#define SQLITE_MAGIC      "SQLite format 3"

typedef struct
{
  WardBackend  parent;
  sqlite3     *db;
  int          last_rc;
} SqliteBackend;

typedef struct
{
  WardStmt      parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define DB(backend) (((SqliteBackend *) (backend))->db)
#define STMT(s)     (((SqliteStmt *) (s))->stmt)

/* Turns an SQLite result into an error a person can act on. The database's
 * own text goes only to the debug log: it may quote values. */
static void
set_error_from_code (sqlite3     *db,
                     const char  *path,
                     int          rc,
                     GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  g_debug ("SQLite error %d (%s) on %s", rc, sqlite3_errstr (rc), path);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FULL,
                   _("The disk is full, so nothing was saved. Ask IT to free space."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_BUSY,
                   _("The database is busy; nothing was saved. Try again in a moment."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written; nothing was saved."), path);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_DATABASE,
                   _("%s is not a Wardgate database."), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged. Restore it from a backup."), path);
      break;
    case SQLITE_CONSTRAINT:
      if (detail != NULL && strstr (detail, "wardgate:last-admin") != NULL)
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN,
                     _("This is the last active administrator. Make someone else an administrator first."));
      else if (detail != NULL && strstr (detail, "wardgate:disabled") != NULL)
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_DISABLED,
                     _("This account is disabled. Enable it before enrolling a badge, key or app for it."));
      else if (detail != NULL && strstr (detail, "wardgate:audit-sequence") != NULL)
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                     _("Audit records are numbered one after another; this one was refused."));
      else if (detail != NULL && strstr (detail, "wardgate:immutable") != NULL)
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                     _("Roles and grants are added and removed, never rewritten."));
      else if ((rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY))
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS,
                     _("This already exists."));
      else
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                     _("The change breaks a rule of the database and was not saved."));
      break;
    default:
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED,
                   _("The database %s failed (%s); nothing was saved."), path, sqlite3_errstr (rc));
      break;
    }
}

static void
sqlite_last_error (WardBackend  *backend,
                   GError      **error)
{
  SqliteBackend *self = (SqliteBackend *) backend;
  int rc = sqlite3_extended_errcode (self->db);

  set_error_from_code (self->db, backend->location, rc != 0 ? rc : self->last_rc, error);
}

static gboolean
failed (SqliteBackend  *self,
        int             rc,
        GError        **error)
{
  self->last_rc = rc;
  sqlite_last_error (&self->parent, error);
  return FALSE;
}

static void
sqlite_free (WardBackend *backend)
{
  if (DB (backend) != NULL)
    sqlite3_close_v2 (DB (backend));
  g_free (backend->location);
  g_free (backend);
}

static WardStmt *
sqlite_prepare (WardBackend  *backend,
                const char   *sql,
                GError      **error)
{
  SqliteBackend *self = (SqliteBackend *) backend;
  sqlite3_stmt *handle = NULL;
  SqliteStmt *stmt;
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &handle, NULL);

  if (rc != SQLITE_OK)
    {
      g_critical ("Cannot prepare statement: %s", sqlite3_errmsg (self->db));
      failed (self, rc, error);
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.backend = backend;
  stmt->stmt = handle;
  return &stmt->parent;
}

static gboolean
sqlite_exec (WardBackend  *backend,
             const char   *sql,
             GError      **error)
{
  SqliteBackend *self = (SqliteBackend *) backend;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || failed (self, rc, error);
}

/* BEGIN IMMEDIATE takes the write lock at once: the audit chain reads the
 * last hash and appends after it, and no other process may slip a row in
 * between. */
static gboolean
sqlite_begin (WardBackend  *backend,
              GError      **error)
{
  return sqlite_exec (backend, "BEGIN IMMEDIATE", error);
}

/* BEGIN IMMEDIATE already holds the whole file. */
static gboolean
sqlite_lock (WardBackend  *backend,
             gint64        key,
             GError      **error)
{
  return TRUE;
}

static gboolean
sqlite_in_transaction (WardBackend *backend)
{
  return !sqlite3_get_autocommit (DB (backend));
}

static gint64
sqlite_changes (WardBackend *backend)
{
  return sqlite3_changes (DB (backend));
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

static int
sqlite_schema_version (WardBackend  *backend,
                       GError      **error)
{
  int rc, version = query_int (DB (backend), "PRAGMA user_version", &rc);

  if (rc != SQLITE_OK)
    {
      failed ((SqliteBackend *) backend, rc, error);
      return -1;
    }
  return version;
}

static gboolean
sqlite_set_schema_version (WardBackend  *backend,
                           int           version,
                           GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return sqlite_exec (backend, sql, error);
}

static gboolean
sqlite_nothing (WardBackend  *backend,
                GError      **error)
{
  return TRUE;
}

static void
sqlite_stmt_free (WardStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_stmt_reset (WardStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
  sqlite3_clear_bindings (STMT (stmt));
}

static WardStmtResult
sqlite_stmt_step (WardStmt *stmt)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return WARD_STMT_ROW;
  if (rc == SQLITE_DONE)
    return WARD_STMT_DONE;
  ((SqliteBackend *) stmt->backend)->last_rc = rc;
  return WARD_STMT_ERROR;
}

static void
sqlite_bind_int64 (WardStmt *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (WardStmt *stmt, int index, double value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (WardStmt *stmt, int index, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (STMT (stmt), index);
  else
    sqlite3_bind_text (STMT (stmt), index, value, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_blob (WardStmt *stmt, int index, gconstpointer value, gsize length)
{
  sqlite3_bind_blob64 (STMT (stmt), index, value, length, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (WardStmt *stmt, int index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static gboolean
sqlite_column_is_null (WardStmt *stmt, int column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (WardStmt *stmt, int column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (WardStmt *stmt, int column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (WardStmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static const guint8 *
sqlite_column_blob (WardStmt *stmt, int column)
{
  return sqlite3_column_blob (STMT (stmt), column);
}

static gsize
sqlite_column_bytes (WardStmt *stmt, int column)
{
  return (gsize) sqlite3_column_bytes (STMT (stmt), column);
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

static GPtrArray *
sqlite_describe_schema (WardBackend  *backend,
                        GError      **error)
{
  GPtrArray *lines = describe (DB (backend));

  if (lines == NULL)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_CORRUPT,
                 _("The database %s is damaged. Restore it from a backup."), backend->location);
  return lines;
}

/* What the migrations make in an empty database: the only schema this
 * version of Wardgate accepts. Run by the build (data/ward-schema-describe.c),
 * whose result the kiosk compares with at every start, and by the tests that
 * check that result is still this one. */
GPtrArray *
ward_backend_sqlite_describe_migrations (GError **error)
{
  g_autoptr(GPtrArray) names = ward_migrations_list (WARD_MIGRATIONS_SQLITE);
  sqlite3 *db = NULL;
  GPtrArray *lines = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto failed;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = ward_migrations_sql (WARD_MIGRATIONS_SQLITE, g_ptr_array_index (names, i), error);

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

/* Worked out when Wardgate was built, not at every start: running every
 * migration into a database in memory cost 20–40 ms of the kiosk's start. */
static GPtrArray *
sqlite_expected_schema (GError **error)
{
  return ward_schema_built_in (WARD_SCHEMA_SQLITE_DESCRIPTION, error);
}

static const WardBackendClass sqlite_class = {
  .name = "sqlite",
  .migrations = WARD_MIGRATIONS_SQLITE,
  .free = sqlite_free,
  .prepare = sqlite_prepare,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .lock = sqlite_lock,
  .in_transaction = sqlite_in_transaction,
  .last_error = sqlite_last_error,
  .changes = sqlite_changes,
  .schema_version = sqlite_schema_version,
  .set_schema_version = sqlite_set_schema_version,
  .after_migrations = sqlite_nothing,
  .ensure_connected = sqlite_nothing,
  .describe_schema = sqlite_describe_schema,
  .expected_schema = sqlite_expected_schema,
  .stmt_free = sqlite_stmt_free,
  .stmt_reset = sqlite_stmt_reset,
  .stmt_step = sqlite_stmt_step,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_blob = sqlite_bind_blob,
  .bind_null = sqlite_bind_null,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_blob = sqlite_column_blob,
  .column_bytes = sqlite_column_bytes,
};

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *empty,
                   GError     **error)
{
  char header[sizeof SQLITE_MAGIC];
  FILE *file = g_fopen (path, "rbe");
  size_t n;

  if (file == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_READ_ONLY,
                   _("Cannot read %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  *empty = n == 0;
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp (header, SQLITE_MAGIC, sizeof header) != 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_DATABASE,
                   _("%s is not a Wardgate database; it was left untouched."), path);
      return FALSE;
    }
  return TRUE;
}

/* Everything that could refuse the file is checked through a read-only
 * handle first, so that a damaged or foreign file is never modified (no
 * WAL switch, no migration) before a person has looked at it. */
static gboolean
inspect_existing (const char  *path,
                  GError     **error)
{
  g_autofree char *check = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean empty = FALSE;
  int version = 0, rc;

  if (!has_sqlite_header (path, &empty, error))
    return FALSE;
  if (empty)
    return TRUE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && g_strcmp0 (check, "ok") != 0)
    rc = SQLITE_CORRUPT;
  if (rc == SQLITE_OK)
    version = query_int (db, "PRAGMA user_version", &rc);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (NULL, path, rc, error);
      g_prefix_error (error, "%s ", _("Refused to open the database, and left it untouched:"));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);

  if (version > ward_migrations_latest (WARD_MIGRATIONS_SQLITE))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer Wardgate (schema %d, this one knows %d); "
                     "update Wardgate instead. The file was left untouched."),
                   path, version, ward_migrations_latest (WARD_MIGRATIONS_SQLITE));
      return FALSE;
    }
  return TRUE;
}

/* The database holds names, break-glass reasons and device history: never
 * readable (nor, through the group, writable) by other users of the
 * machine, whatever the umask. */
static void
restrict_file_modes (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 0077) != 0 && g_chmod (file, st.st_mode & 0700) != 0)
        g_warning ("Could not restrict the permissions of %s", file);
    }
}

WardBackend *
ward_backend_sqlite_open (const char  *path,
                          gboolean     create,
                          GError     **error)
{
  SqliteBackend *self;
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  int rc;

  if (!exists && !create)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                   _("There is no Wardgate database at %s. Run “wardgate-admin init” first."), path);
      return NULL;
    }
  if (exists && (!ward_store_location_check_owner (path, error) || !inspect_existing (path, error)))
    return NULL;

  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }

  self = g_new0 (SqliteBackend, 1);
  self->parent.klass = &sqlite_class;
  self->parent.location = g_strdup (path);
  {
    /* New files (the database, its WAL and shared memory) start private. */
    mode_t saved = umask (0077);
    rc = sqlite3_open_v2 (path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    umask (saved);
  }
  if (rc != SQLITE_OK)
    {
      set_error_from_code (self->db, path, rc, error);
      sqlite_free (&self->parent);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL lets the kiosk read while the CLI writes; FULL sync because an
   * audit record that vanishes on power loss is a record lost;
   * secure_delete so a removed sealed secret does not linger in free pages. */
  if (!sqlite_exec (&self->parent,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;"
                    "PRAGMA trusted_schema = OFF;",
                    error))
    {
      sqlite_free (&self->parent);
      return NULL;
    }
  restrict_file_modes (path);
  return &self->parent;
}
