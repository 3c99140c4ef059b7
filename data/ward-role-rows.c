/* ward-role-rows.c: the guarded policy rows kept per role (factors, re-entry window), found and sealed by role name */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-role-rows-private.h"

/* Steps @stmt, a SELECT of @role's row (roles LEFT JOIN the policy table,
 * so a role without a row still answers): TRUE on that row, an error when
 * there is no such role or the database fails. */
gboolean
ward_role_rows_step (WardStore   *store,
                     WardStmt    *stmt,
                     const char  *role,
                     GError     **error)
{
  return ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
}

/* After an upsert of @role's row that selects the role by name: nothing
 * written means there is no such role; what was written gets its MAC in
 * the same transaction. */
gboolean
ward_role_rows_seal (WardStore       *store,
                     WardGuardTable   table,
                     const char      *role,
                     GError         **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *where = NULL;

  if (ward_store_changes (store) == 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
      return FALSE;
    }
  quoted = ward_store_quote (role);
  where = g_strdup_printf ("role_id = (SELECT id FROM roles WHERE name = %s)", quoted);
  return ward_row_guard_seal (store, table, where, error);
}
