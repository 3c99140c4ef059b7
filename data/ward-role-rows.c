/* ward-role-rows.c: the guarded policy rows kept per role (factors, re-entry window), found and sealed by role name */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-role-rows-private.h"

/* @sql selects @role's row (roles LEFT JOIN the policy table, so a role
 * without a row still answers) with the name as its one parameter: the
 * statement on that row, for the caller to read and reset; NULL with an
 * error when there is no such role or the database fails. */
WardStmt *
ward_role_rows_find (WardStore   *store,
                     const char  *sql,
                     const char  *role,
                     GError     **error)
{
  WardStmt *stmt = ward_store_query (store, sql, WARD_ARGS (WARD_ARG_TEXT (role)), error);

  if (stmt == NULL)
    return NULL;
  if (!ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role))
    {
      ward_stmt_reset (stmt);
      return NULL;
    }
  return stmt;
}

/* @sql upserts @role's row, selecting the role by name: nothing written
 * means there is no such role; what was written gets its MAC in the same
 * transaction. */
gboolean
ward_role_rows_write (WardStore       *store,
                      WardGuardTable   table,
                      const char      *sql,
                      const WardArg   *args,
                      const char      *role,
                      GError         **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *where = NULL;

  if (!ward_store_run (store, sql, args, error))
    return FALSE;
  if (ward_store_changes (store) == 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
      return FALSE;
    }
  quoted = ward_store_quote (role);
  where = g_strdup_printf ("role_id = (SELECT id FROM roles WHERE name = %s)", quoted);
  return ward_row_guard_seal (store, table, where, error);
}

/* Calls @func on the row of each role the account holds (@sql selects
 * them with the account's id as its one parameter). */
gboolean
ward_role_rows_of_user (WardStore         *store,
                        const char        *sql,
                        gint64             user_id,
                        WardStmtEachFunc   func,
                        gpointer           data,
                        GError           **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, sql, WARD_ARGS (WARD_ARG_INT64 (user_id)), error);

  return stmt != NULL && ward_store_each_row (store, stmt, func, data, error);
}
