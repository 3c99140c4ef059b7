/* ward-policy-store.c: the factors each role needs, and the lockout settings, as stored */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-policy-store.h"
#include "data/ward-store-private.h"

static WardFactors
factors_from_row (WardStmt     *stmt,
                  int           first)
{
  return (ward_stmt_column_int (stmt, first) ? WARD_FACTOR_BADGE : 0)
       | (ward_stmt_column_int (stmt, first + 1) ? WARD_FACTOR_KEY : 0)
       | (ward_stmt_column_int (stmt, first + 2) ? WARD_FACTOR_TOTP : 0)
       | (ward_stmt_column_int (stmt, first + 3) ? WARD_FACTOR_UV : 0);
}

gboolean
ward_policy_store_get_role_factors (WardStore    *store,
                                    const char   *role,
                                    WardFactors  *factors,
                                    GError      **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT coalesce (f.needs_badge, 1), coalesce (f.needs_key, 1), coalesce (f.needs_totp, 1),"
      " coalesce (f.needs_uv, 0) FROM roles r LEFT JOIN factor_policy f ON f.role_id = r.id WHERE r.name = ?",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, role);
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    {
      *factors = factors_from_row (stmt, 0);
      return TRUE;
    }
  if (rc == WARD_STMT_DONE)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
  else
    ward_store_set_error (store, rc, error);
  return FALSE;
}

gboolean
ward_policy_store_set_role_factors (WardStore    *store,
                                    const char   *role,
                                    WardFactors   factors,
                                    GError      **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO factor_policy (role_id, needs_badge, needs_key, needs_totp, needs_uv)"
      " SELECT id, ?2, ?3, ?4, ?5 FROM roles WHERE name = ?1"
      " ON CONFLICT (role_id) DO UPDATE SET needs_badge = ?2, needs_key = ?3, needs_totp = ?4, needs_uv = ?5",
      error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, role);
  ward_stmt_bind_int64 (stmt, 2, (factors & WARD_FACTOR_BADGE) != 0);
  ward_stmt_bind_int64 (stmt, 3, (factors & WARD_FACTOR_KEY) != 0);
  ward_stmt_bind_int64 (stmt, 4, (factors & WARD_FACTOR_TOTP) != 0);
  ward_stmt_bind_int64 (stmt, 5, (factors & WARD_FACTOR_UV) != 0);
  if (!ward_store_step_done (store, stmt, error))
    return FALSE;
  if (ward_store_changes (store) == 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
      return FALSE;
    }
  return TRUE;
}

/* The most demanding policy among the account's roles applies. An account
 * without roles gets the default, never less. */
gboolean
ward_policy_store_get_user_factors (WardStore    *store,
                                    gint64        user_id,
                                    WardFactors  *factors,
                                    GError      **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT coalesce (max (f.needs_badge), 1), coalesce (max (f.needs_key), 1),"
      " coalesce (max (f.needs_totp), 1), coalesce (max (f.needs_uv), 0)"
      " FROM user_roles ur LEFT JOIN factor_policy f ON f.role_id = ur.role_id WHERE ur.user_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  rc = ward_stmt_step (stmt);
  if (rc != WARD_STMT_ROW)
    {
      ward_store_set_error (store, rc, error);
      return FALSE;
    }
  *factors = factors_from_row (stmt, 0);
  return TRUE;
}

gint64
ward_policy_store_get_setting (WardStore  *store,
                               const char *name,
                               gint64      fallback)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT value FROM policy_settings WHERE name = ?", NULL);

  if (stmt == NULL)
    return fallback;
  ward_stmt_bind_text (stmt, 1, name);
  return ward_stmt_step (stmt) == WARD_STMT_ROW ? ward_stmt_column_int64 (stmt, 0) : fallback;
}

gboolean
ward_policy_store_set_setting (WardStore   *store,
                               const char  *name,
                               gint64       value,
                               GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO policy_settings (name, value) VALUES (?1, ?2)"
      " ON CONFLICT (name) DO UPDATE SET value = ?2", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, name);
  ward_stmt_bind_int64 (stmt, 2, value);
  return ward_store_step_done (store, stmt, error);
}
