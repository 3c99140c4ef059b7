/* ward-stmt-args.c: statements run with their parameters and rows read into their records, given as lists */
#include "config.h"

#include "data/ward-stmt-args-private.h"

/* An empty GBytes is an empty blob, not NULL. */
static void
bind_bytes (WardStmt *stmt,
            int       index,
            GBytes   *bytes)
{
  gsize size = 0;
  gconstpointer data;

  if (bytes == NULL)
    {
      ward_stmt_bind_null (stmt, index);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  ward_stmt_bind_blob (stmt, index, data != NULL ? data : "", size);
}

void
ward_stmt_bind_args (WardStmt      *stmt,
                     const WardArg *args)
{
  for (int i = 0; args[i].kind != WARD_VALUE_END; i++)
    {
      const WardArg *arg = &args[i];

      switch (arg->kind)
        {
        case WARD_VALUE_INT64:
        case WARD_VALUE_INT:
        case WARD_VALUE_BOOL:
          ward_stmt_bind_int64 (stmt, i + 1, arg->number);
          break;
        case WARD_VALUE_DOUBLE:
          ward_stmt_bind_double (stmt, i + 1, arg->real);
          break;
        case WARD_VALUE_DOUBLE_OR_NULL:
          if (arg->number != 0)
            ward_stmt_bind_double (stmt, i + 1, arg->real);
          else
            ward_stmt_bind_null (stmt, i + 1);
          break;
        case WARD_VALUE_TEXT:
          ward_stmt_bind_text (stmt, i + 1, arg->text);
          break;
        case WARD_VALUE_TEXT_OR_NULL:
          ward_stmt_bind_text_or_null (stmt, i + 1, arg->text);
          break;
        case WARD_VALUE_ID:
          ward_stmt_bind_id (stmt, i + 1, arg->number);
          break;
        case WARD_VALUE_BLOB:
          ward_stmt_bind_blob (stmt, i + 1, arg->data, arg->size);
          break;
        case WARD_VALUE_BYTES:
          bind_bytes (stmt, i + 1, arg->bytes);
          break;
        case WARD_VALUE_END:
        default:
          g_assert_not_reached ();
        }
    }
}

void
ward_stmt_read_columns (WardStmt         *stmt,
                        const WardColumn *columns)
{
  for (int i = 0; columns[i].kind != WARD_VALUE_END; i++)
    {
      gpointer target = columns[i].target;

      switch (columns[i].kind)
        {
        case WARD_VALUE_INT64:
          *(gint64 *) target = ward_stmt_column_int64 (stmt, i);
          break;
        case WARD_VALUE_INT:
          *(int *) target = ward_stmt_column_int (stmt, i);
          break;
        case WARD_VALUE_BOOL:
          *(gboolean *) target = ward_stmt_column_int (stmt, i) != 0;
          break;
        case WARD_VALUE_DOUBLE:
          *(double *) target = ward_stmt_column_double (stmt, i);
          break;
        case WARD_VALUE_TEXT:
          *(char **) target = ward_stmt_dup_text (stmt, i);
          break;
        case WARD_VALUE_BYTES:
          *(GBytes **) target = ward_stmt_column_is_null (stmt, i) ? NULL
                              : g_bytes_new (ward_stmt_column_blob (stmt, i), ward_stmt_column_bytes (stmt, i));
          break;
        case WARD_VALUE_BLOB:
        case WARD_VALUE_DOUBLE_OR_NULL:
        case WARD_VALUE_TEXT_OR_NULL:
        case WARD_VALUE_ID:
        case WARD_VALUE_END:
        default:
          g_assert_not_reached ();
        }
    }
}

WardStmt *
ward_store_query (WardStore      *self,
                  const char     *sql,
                  const WardArg  *args,
                  GError        **error)
{
  WardStmt *stmt = ward_store_prepare (self, sql, error);

  if (stmt != NULL)
    ward_stmt_bind_args (stmt, args);
  return stmt;
}

gboolean
ward_store_run (WardStore      *self,
                const char     *sql,
                const WardArg  *args,
                GError        **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);

  return stmt != NULL && ward_store_step_done (self, stmt, error);
}

gboolean
ward_store_run_changing (WardStore      *self,
                         const char     *sql,
                         const WardArg  *args,
                         int             code,
                         const char     *message,
                         GError        **error)
{
  return ward_store_run (self, sql, args, error)
      && ward_store_require_changed (self, code, message, error);
}

gint64
ward_store_insert (WardStore      *self,
                   const char     *sql,
                   const WardArg  *args,
                   GError        **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);

  return stmt != NULL ? ward_store_step_returning_id (self, stmt, error) : 0;
}

gint64
ward_store_insert_new (WardStore      *self,
                       const char     *sql,
                       const WardArg  *args,
                       GError        **error,
                       const char     *exists_format,
                       ...)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id = ward_store_insert (self, sql, args, &local_error);
  va_list format_args;

  if (id != 0)
    return id;
  if (!g_error_matches (local_error, WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  va_start (format_args, exists_format);
  g_propagate_error (error, g_error_new_valist (WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS, exists_format, format_args));
  va_end (format_args);
  return 0;
}

GPtrArray *
ward_store_collect (WardStore        *self,
                    const char       *sql,
                    const WardArg    *args,
                    WardStmtRowFunc   from_row,
                    GDestroyNotify    free_record,
                    GError          **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);

  if (stmt == NULL)
    return NULL;
  return ward_store_collect_rows (self, stmt, from_row, free_record, error);
}

gboolean
ward_store_read_row (WardStore         *self,
                     const char        *sql,
                     const WardArg     *args,
                     const WardColumn  *columns,
                     gboolean          *found,
                     GError           **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);
  WardStmtResult rc;

  if (found != NULL)
    *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_DONE)
    return TRUE;
  if (rc != WARD_STMT_ROW)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  ward_stmt_read_columns (stmt, columns);
  if (found != NULL)
    *found = TRUE;
  return TRUE;
}

static void
append_id (WardStmt *stmt,
           gpointer  ids)
{
  gint64 id = ward_stmt_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) ids, id);
}

GArray *
ward_store_collect_ids (WardStore      *self,
                        const char     *sql,
                        const WardArg  *args,
                        GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);

  if (stmt == NULL || !ward_store_each_row (self, stmt, append_id, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

gpointer
ward_store_find_row (WardStore        *self,
                     const char       *sql,
                     const WardArg    *args,
                     WardStmtRowFunc   from_row,
                     GError          **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (self, sql, args, error);
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    return from_row (stmt);
  if (rc != WARD_STMT_DONE)
    ward_store_set_error (self, rc, error);
  return NULL;
}

gboolean
ward_store_each_row (WardStore         *self,
                     WardStmt          *stmt,
                     WardStmtEachFunc   func,
                     gpointer           data,
                     GError           **error)
{
  WardStmtResult rc;

  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    func (stmt, data);
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
