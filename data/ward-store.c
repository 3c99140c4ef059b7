/* ward-store.c: the SQLite database: opening, migrations, transactions */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <openssl/crypto.h>

#include "data/ward-audit.h"
#include "data/ward-row-guard-private.h"
#include "data/ward-schema-private.h"
#include "data/ward-store-private.h"

#define BUSY_TIMEOUT_MS   10000
#define SQLITE_MAGIC      "SQLite format 3"

struct _WardStore
{
  GObject         parent_instance;
  sqlite3        *db;
  char           *path;
  char           *kiosk_id;
  WardInstallKey *key;
  WardClock      *clock;
  GHashTable     *statements;   /* SQL text → sqlite3_stmt */
  guint           depth;        /* transaction nesting */
  GPtrArray      *deferred;     /* Deferred, run after the outermost COMMIT */
  GArray         *marks;        /* deferred->len at each level's start */
};

typedef struct
{
  GDestroyNotify run;
  gpointer       data;
  GDestroyNotify destroy;
} Deferred;

static void
deferred_free (gpointer data)
{
  Deferred *deferred = data;

  if (deferred->destroy != NULL)
    deferred->destroy (deferred->data);
  g_free (deferred);
}

G_DEFINE_FINAL_TYPE (WardStore, ward_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-store-error-quark, ward_store_error)

static void
ward_store_finalize (GObject *object)
{
  WardStore *self = WARD_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_object (&self->key);
  g_clear_object (&self->clock);
  g_free (self->path);
  g_free (self->kiosk_id);
  G_OBJECT_CLASS (ward_store_parent_class)->finalize (object);
}

static void
ward_store_class_init (WardStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ward_store_init (WardStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->deferred = g_ptr_array_new_with_free_func (deferred_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Work that must happen only if the data it describes is really stored
 * (the journal copy of an audit event). Dropped on rollback. */
void
ward_store_defer_until_commit (WardStore      *self,
                               GDestroyNotify  run,
                               gpointer        data,
                               GDestroyNotify  destroy)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  g_return_if_fail (self->depth > 0);
  deferred->run = run;
  deferred->data = data;
  deferred->destroy = destroy;
  g_ptr_array_add (self->deferred, deferred);
}

static void
run_deferred (WardStore *self)
{
  g_autoptr(GPtrArray) work = g_steal_pointer (&self->deferred);

  self->deferred = g_ptr_array_new_with_free_func (deferred_free);
  for (guint i = 0; i < work->len; i++)
    {
      Deferred *deferred = g_ptr_array_index (work, i);
      deferred->run (deferred->data);
    }
}

char *
ward_store_default_path (void)
{
  const char *from_env = g_getenv ("WARDGATE_DB");

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);
  return g_build_filename (g_get_user_data_dir (), "wardgate", "wardgate.db", NULL);
}

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

void
ward_store_set_error (WardStore  *self,
                      int         rc,
                      GError    **error)
{
  set_error_from_code (self->db, self->path, sqlite3_extended_errcode (self->db) != 0
                                             ? sqlite3_extended_errcode (self->db) : rc,
                       error);
}

sqlite3 *
ward_store_get_handle (WardStore *self)
{
  return self->db;
}

/* For an UPDATE or DELETE that must have touched a row: none touched is
 * the caller's error (not found, already done, lost a race). */
gboolean
ward_store_require_changed (WardStore  *self,
                            int         code,
                            const char *message,
                            GError    **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error_literal (error, WARD_STORE_ERROR, code, message);
  return FALSE;
}

sqlite3_stmt *
ward_store_prepare (WardStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Cannot prepare statement: %s", sqlite3_errmsg (self->db));
      ward_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
ward_store_exec (WardStore   *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
ward_store_step_done (WardStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The outermost level takes the write lock at once (BEGIN IMMEDIATE): the
 * audit chain reads the last hash and appends after it, and no other
 * process may slip a row in between. Inner levels are savepoints. */
gboolean
ward_store_begin (WardStore  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (WARD_IS_STORE (self), FALSE);

  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT level%u", self->depth);
  if (!ward_store_exec (self, sql, error))
    return FALSE;
  g_array_append_val (self->marks, self->deferred->len);
  self->depth++;
  return TRUE;
}

gboolean
ward_store_commit (WardStore  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (WARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE level%u", self->depth - 1);
  if (!ward_store_exec (self, sql, error))
    {
      ward_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  g_array_set_size (self->marks, self->depth);
  if (self->depth == 0)
    run_deferred (self);
  return TRUE;
}

void
ward_store_rollback (WardStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (WARD_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* SQLite already rolled back by itself after some errors (disk full). */
  if (self->depth == 1 && sqlite3_get_autocommit (self->db))
    sql = NULL;
  else
    sql = self->depth == 1 ? g_strdup ("ROLLBACK")
                         : g_strdup_printf ("ROLLBACK TO level%u; RELEASE level%u",
                                            self->depth - 1, self->depth - 1);
  if (sql != NULL && sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));
  self->depth--;
  g_ptr_array_set_size (self->deferred, g_array_index (self->marks, guint, self->depth));
  g_array_set_size (self->marks, self->depth);
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
  int version, rc;

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

  if (version > ward_store_latest_schema_version ())
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer Wardgate (schema %d, this one knows %d); "
                     "update Wardgate instead. The file was left untouched."),
                   path, version, ward_store_latest_schema_version ());
      return FALSE;
    }
  return TRUE;
}

int
ward_store_latest_schema_version (void)
{
  g_auto(GStrv) names = ward_schema_list_migrations ();
  guint n = g_strv_length (names);

  return n == 0 ? 0 : (int) g_ascii_strtoll (names[n - 1], NULL, 10);
}

static gboolean
apply_migration (WardStore   *self,
                 const char  *name,
                 int          number,
                 GError     **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", number);
  g_autofree char *text = ward_schema_migration_sql (name, error);
  int current, rc;

  if (text == NULL)
    return FALSE;

  if (!ward_store_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the lock. */
  current = query_int (self->db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK && current >= number)
    return ward_store_commit (self, error);

  /* The rows a migration inserts (grants, default policy) get their MAC in
   * the same transaction; afterwards an unsealed row is nobody's. */
  if (!ward_store_exec (self, text, error) || !ward_store_exec (self, set_version, error)
      || (number == ward_store_latest_schema_version () && !ward_row_guard_seal_unsealed (self, error)))
    {
      g_prefix_error (error, _("Updating the database to schema %d failed: "), number);
      ward_store_rollback (self);
      return FALSE;
    }
  g_info ("Database %s migrated to schema %d", self->path, number);
  return ward_store_commit (self, error);
}

static gboolean
migrate (WardStore  *self,
         GError    **error)
{
  g_auto(GStrv) names = ward_schema_list_migrations ();
  int rc, current = query_int (self->db, "PRAGMA user_version", &rc);

  if (rc != SQLITE_OK)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      int number = (int) g_ascii_strtoll (names[i], NULL, 10);

      if (number > current && !apply_migration (self, names[i], number, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_install (WardStore  *self,
                GError    **error)
{
  g_autofree char *install_id = g_uuid_string_random ();
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (self,
      "INSERT OR IGNORE INTO install (id, install_id, created_at) VALUES (1, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, install_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ward_clock_get_now (self->clock));
  return ward_store_step_done (self, stmt, error);
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

static gboolean
configure_connection (WardStore  *self,
                      GError    **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL lets the kiosk read while the CLI writes; FULL sync because an
   * audit record that vanishes on power loss is a record lost;
   * secure_delete so a removed sealed secret does not linger in free pages. */
  return ward_store_exec (self,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          "PRAGMA trusted_schema = OFF;",
                          error);
}

WardStore *
ward_store_open (const char          *path,
                 WardInstallKey      *key,
                 WardClock           *clock,
                 const char          *kiosk_id,
                 WardStoreOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(WardStore) self = NULL;
  gboolean exists;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (WARD_IS_INSTALL_KEY (key), NULL);
  g_return_val_if_fail (WARD_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (kiosk_id != NULL && *kiosk_id != '\0', NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & WARD_STORE_OPEN_CREATE))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                   _("There is no Wardgate database at %s. Run “wardgate-admin init” first."), path);
      return NULL;
    }
  if (exists && (!ward_store_check_owner (path, error) || !inspect_existing (path, error)))
    return NULL;

  self = g_object_new (WARD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->kiosk_id = g_strdup (kiosk_id);
  self->key = g_object_ref (key);
  self->clock = g_object_ref (clock);

  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_mkdir_with_parents (dir, 0700);
    }

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
      return NULL;
    }

  if (!configure_connection (self, error))
    return NULL;
  /* An upgrade seals rows with the key: it must be this database's key,
   * which the key check value cannot tell yet in an older schema. */
  if (exists && ward_store_get_schema_version (self) < ward_store_latest_schema_version ()
      && !ward_audit_key_opens_chain (self))
    {
      ward_store_set_wrong_key_error (self, error);
      return NULL;
    }
  if (!migrate (self, error)
      || !ward_schema_check (self->db, path, error) || !record_install (self, error)
      || !ward_store_check_install_key (self, error))
    return NULL;
  if (!exists)
    ward_audit_anchor_genesis (self);
  restrict_file_modes (path);

  return g_steal_pointer (&self);
}

const char *
ward_store_get_path (WardStore *self)
{
  g_return_val_if_fail (WARD_IS_STORE (self), NULL);
  return self->path;
}

WardInstallKey *
ward_store_get_key (WardStore *self)
{
  g_return_val_if_fail (WARD_IS_STORE (self), NULL);
  return self->key;
}

WardClock *
ward_store_get_clock (WardStore *self)
{
  g_return_val_if_fail (WARD_IS_STORE (self), NULL);
  return self->clock;
}

const char *
ward_store_get_kiosk_id (WardStore *self)
{
  g_return_val_if_fail (WARD_IS_STORE (self), NULL);
  return self->kiosk_id;
}

int
ward_store_get_schema_version (WardStore *self)
{
  int rc;

  g_return_val_if_fail (WARD_IS_STORE (self), -1);
  return query_int (self->db, "PRAGMA user_version", &rc);
}
