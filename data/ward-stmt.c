/* ward-stmt.c: the store's connection under every module of data/: the WardStore object, its transactions and statements */
#include "config.h"

#include "data/ward-store-backend.h"

struct _WardStore
{
  GObject         parent_instance;
  WardBackend    *backend;
  char           *kiosk_id;
  WardInstallKey *key;
  WardClock      *clock;
  GHashTable     *statements;   /* SQL text → WardStmt */
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

static void
ward_store_finalize (GObject *object)
{
  WardStore *self = WARD_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  if (self->backend != NULL)
    self->backend->klass->free (self->backend);
  g_clear_object (&self->key);
  g_clear_object (&self->clock);
  g_free (self->kiosk_id);
  G_OBJECT_CLASS (ward_store_parent_class)->finalize (object);
}

static void
ward_store_class_init (WardStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_store_finalize;
}

static void
finalize_statement (gpointer data)
{
  WardStmt *stmt = data;

  stmt->backend->klass->stmt_free (stmt);
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

/* Takes @backend; the opener (ward-store.c) migrates and checks it. */
WardStore *
ward_store_new_for_backend (WardBackend    *backend,
                            WardInstallKey *key,
                            WardClock      *clock,
                            const char     *kiosk_id)
{
  WardStore *self = g_object_new (WARD_TYPE_STORE, NULL);

  self->backend = backend;
  self->kiosk_id = g_strdup (kiosk_id);
  self->key = g_object_ref (key);
  self->clock = g_object_ref (clock);
  return self;
}

void
ward_store_set_error (WardStore  *self,
                      int         rc,
                      GError    **error)
{
  self->backend->klass->last_error (self->backend, error);
}

gint64
ward_store_changes (WardStore *self)
{
  return self->backend->klass->changes (self->backend);
}

gboolean
ward_store_is_shared (WardStore *self)
{
  return self->backend->shared;
}

/* For an UPDATE or DELETE that must have touched a row: none touched is
 * the caller's error (not found, already done, lost a race). */
gboolean
ward_store_require_changed (WardStore  *self,
                            int         code,
                            const char *message,
                            GError    **error)
{
  if (ward_store_changes (self) > 0)
    return TRUE;
  g_set_error_literal (error, WARD_STORE_ERROR, code, message);
  return FALSE;
}

/* Outside a transaction a statement may be the first after the server
 * went away: the connection is made again before it is sent. Inside one,
 * a lost connection has already undone the whole transaction. */
static gboolean
ensure_connected (WardStore  *self,
                  GError    **error)
{
  return self->depth > 0 || self->backend->klass->ensure_connected (self->backend, error);
}

WardStmt *
ward_store_prepare (WardStore   *self,
                    const char  *sql,
                    GError     **error)
{
  WardStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (!ensure_connected (self, error))
    return NULL;
  if (stmt != NULL)
    return stmt;

  stmt = self->backend->klass->prepare (self->backend, sql, error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

WardStmt *
ward_store_prepare_uncached (WardStore   *self,
                             const char  *sql,
                             GError     **error)
{
  if (!ensure_connected (self, error))
    return NULL;
  return self->backend->klass->prepare (self->backend, sql, error);
}

void
ward_stmt_free (WardStmt *stmt)
{
  if (stmt != NULL)
    stmt->backend->klass->stmt_free (stmt);
}

char *
ward_store_quote (const char *text)
{
  GString *quoted = g_string_new ("'");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (quoted, '\'');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

WardBackend *
ward_store_get_backend (WardStore *self)
{
  return self->backend;
}

gboolean
ward_store_exec (WardStore   *self,
                 const char  *sql,
                 GError     **error)
{
  return ensure_connected (self, error) && self->backend->klass->exec (self->backend, sql, error);
}

gboolean
ward_store_step_done (WardStore  *self,
                      WardStmt   *stmt,
                      GError    **error)
{
  if (ward_stmt_step (stmt) == WARD_STMT_ERROR)
    {
      ward_store_set_error (self, 0, error);
      return FALSE;
    }
  return TRUE;
}

gint64
ward_store_step_returning_id (WardStore  *self,
                              WardStmt   *stmt,
                              GError    **error)
{
  gint64 id;

  if (ward_stmt_step (stmt) != WARD_STMT_ROW)
    {
      ward_store_set_error (self, 0, error);
      return 0;
    }
  id = ward_stmt_column_int64 (stmt, 0);
  if (ward_stmt_step (stmt) == WARD_STMT_ERROR)
    {
      ward_store_set_error (self, 0, error);
      return 0;
    }
  return id;
}

gboolean
ward_store_step_row (WardStore   *self,
                     WardStmt    *stmt,
                     GError     **error,
                     int          missing_code,
                     const char  *missing_format,
                     ...)
{
  WardStmtResult rc = ward_stmt_step (stmt);
  va_list args;

  if (rc == WARD_STMT_ROW)
    return TRUE;
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  va_start (args, missing_format);
  g_propagate_error (error, g_error_new_valist (WARD_STORE_ERROR, missing_code, missing_format, args));
  va_end (args);
  return FALSE;
}

GPtrArray *
ward_store_collect_rows (WardStore        *self,
                         WardStmt         *stmt,
                         WardStmtRowFunc   from_row,
                         GDestroyNotify    free_record,
                         GError          **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (free_record);
  WardStmtResult rc;

  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    g_ptr_array_add (records, from_row (stmt));
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* The outermost level is the backend's transaction (SQLite: BEGIN
 * IMMEDIATE, the whole file's write lock; a server: a plain transaction
 * whose steps lock what they read to write: ward_store_lock, the audit
 * chain's head). Inner levels are savepoints. */
gboolean
ward_store_begin (WardStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (WARD_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!ensure_connected (self, error) || !self->backend->klass->begin (self->backend, error))
        return FALSE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("SAVEPOINT level%u", self->depth);

      if (!ward_store_exec (self, sql, error))
        return FALSE;
    }
  g_array_append_val (self->marks, self->deferred->len);
  self->depth++;
  return TRUE;
}

/* Inside a transaction, for the read-then-write steps that must not
 * interleave with another kiosk's: held until the outermost transaction
 * ends, and by nobody but those taking the same @what and @id, so a sign-in
 * at bed 12 never waits for one at bed 14. */
gboolean
ward_store_lock (WardStore      *self,
                 WardStoreLock   what,
                 gint64          id,
                 GError        **error)
{
  g_return_val_if_fail (WARD_IS_STORE (self), FALSE);

  /* Outside a transaction each statement is its own: nothing to keep. */
  if (self->depth == 0)
    return TRUE;
  return self->backend->klass->lock (self->backend, ((gint64) what << 48) | (id & G_GINT64_CONSTANT (0xffffffffffff)),
                                     error);
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

gboolean
ward_store_finish (WardStore  *self,
                   gboolean    ok,
                   GError    **error)
{
  g_return_val_if_fail (WARD_IS_STORE (self), FALSE);

  if (!ok)
    {
      ward_store_rollback (self);
      return FALSE;
    }
  return ward_store_commit (self, error);
}

void
ward_store_rollback (WardStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (WARD_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* The engine may have rolled back by itself (SQLite after a full disk,
   * PostgreSQL when the connection was lost). */
  if (self->depth == 1 && !self->backend->klass->in_transaction (self->backend))
    sql = NULL;
  else
    sql = self->depth == 1 ? g_strdup ("ROLLBACK")
                         : g_strdup_printf ("ROLLBACK TO level%u; RELEASE level%u",
                                            self->depth - 1, self->depth - 1);
  if (sql != NULL && !self->backend->klass->exec (self->backend, sql, NULL))
    g_warning ("Rollback failed on %s", self->backend->location);
  self->depth--;
  g_ptr_array_set_size (self->deferred, g_array_index (self->marks, guint, self->depth));
  g_array_set_size (self->marks, self->depth);
}


const char *
ward_store_get_path (WardStore *self)
{
  g_return_val_if_fail (WARD_IS_STORE (self), NULL);
  return self->backend->location;
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

gint64
ward_store_now (WardStore *self)
{
  return ward_clock_get_now (ward_store_get_clock (self));
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
  g_return_val_if_fail (WARD_IS_STORE (self), -1);
  return self->backend->klass->schema_version (self->backend, NULL);
}

/* The statement API: each call goes to the statement's backend. */

WardStmtResult
ward_stmt_step (WardStmt *stmt)
{
  return stmt->backend->klass->stmt_step (stmt);
}

void
ward_stmt_reset (WardStmt *stmt)
{
  stmt->backend->klass->stmt_reset (stmt);
}

void
ward_stmt_bind_int64 (WardStmt *stmt, int index, gint64 value)
{
  stmt->backend->klass->bind_int64 (stmt, index, value);
}

void
ward_stmt_bind_double (WardStmt *stmt, int index, double value)
{
  stmt->backend->klass->bind_double (stmt, index, value);
}

void
ward_stmt_bind_text (WardStmt *stmt, int index, const char *value)
{
  stmt->backend->klass->bind_text (stmt, index, value);
}

void
ward_stmt_bind_blob (WardStmt *stmt, int index, gconstpointer value, gsize length)
{
  stmt->backend->klass->bind_blob (stmt, index, value, length);
}

void
ward_stmt_bind_null (WardStmt *stmt, int index)
{
  stmt->backend->klass->bind_null (stmt, index);
}

gboolean
ward_stmt_column_is_null (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_is_null (stmt, column);
}

gint64
ward_stmt_column_int64 (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_int64 (stmt, column);
}

int
ward_stmt_column_int (WardStmt *stmt, int column)
{
  return (int) stmt->backend->klass->column_int64 (stmt, column);
}

double
ward_stmt_column_double (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_double (stmt, column);
}

const char *
ward_stmt_column_text (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_text (stmt, column);
}

const guint8 *
ward_stmt_column_blob (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_blob (stmt, column);
}

gsize
ward_stmt_column_bytes (WardStmt *stmt, int column)
{
  return stmt->backend->klass->column_bytes (stmt, column);
}

void
ward_stmt_bind_text_or_null (WardStmt *stmt, int index, const char *value)
{
  if (value != NULL)
    ward_stmt_bind_text (stmt, index, value);
  else
    ward_stmt_bind_null (stmt, index);
}

void
ward_stmt_bind_id (WardStmt *stmt, int index, gint64 id)
{
  if (id > 0)
    ward_stmt_bind_int64 (stmt, index, id);
  else
    ward_stmt_bind_null (stmt, index);
}

char *
ward_stmt_dup_text (WardStmt *stmt, int column)
{
  return g_strdup (ward_stmt_column_text (stmt, column));
}
