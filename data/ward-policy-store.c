/* ward-policy-store.c: the factors each role needs, and the lockout settings, as stored */
#include "config.h"

#include "data/ward-policy-store.h"
#include "data/ward-role-rows-private.h"

/* What policy_row_factors() reads, from the factor_policy row joined as
 * "f" to one role or to each of an account's roles. */
#define FACTOR_COLUMNS \
  "coalesce (f.needs_badge, 1), coalesce (f.needs_key, 1), coalesce (f.needs_totp, 1)," \
  " coalesce (f.needs_uv, 0), " WARD_GUARD_FACTOR_POLICY_COLUMNS ("f")

static WardFactors
factors_from_row (WardStmt     *stmt,
                  int           first)
{
  return (ward_stmt_column_int (stmt, first) ? WARD_FACTOR_BADGE : 0)
       | (ward_stmt_column_int (stmt, first + 1) ? WARD_FACTOR_KEY : 0)
       | (ward_stmt_column_int (stmt, first + 2) ? WARD_FACTOR_TOTP : 0)
       | (ward_stmt_column_int (stmt, first + 3) ? WARD_FACTOR_UV : 0);
}

/* A role's policy row changed outside Wardgate (made weaker, say) counts
 * as the strictest policy: every factor and the key's PIN. No row at all
 * is the default. */
static WardFactors
policy_row_factors (WardStore    *store,
                    WardStmt     *stmt)
{
  if (ward_stmt_column_is_null (stmt, 4))
    return WARD_FACTORS_DEFAULT;
  if (!ward_row_guard_check (store, WARD_GUARD_FACTOR_POLICY, stmt, 4))
    return WARD_FACTORS_DEFAULT | WARD_FACTOR_UV;
  return factors_from_row (stmt, 0);
}

gboolean
ward_policy_store_get_role_factors (WardStore    *store,
                                    const char   *role,
                                    WardFactors  *factors,
                                    GError      **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_role_rows_find (store,
      "SELECT " FACTOR_COLUMNS " FROM roles r LEFT JOIN factor_policy f ON f.role_id = r.id WHERE r.name = ?",
      role, error);

  if (stmt == NULL)
    return FALSE;
  *factors = policy_row_factors (store, stmt);
  return TRUE;
}

gboolean
ward_policy_store_set_role_factors (WardStore    *store,
                                    const char   *role,
                                    WardFactors   factors,
                                    GError      **error)
{
  return ward_role_rows_write (store, WARD_GUARD_FACTOR_POLICY,
      "INSERT INTO factor_policy (role_id, needs_badge, needs_key, needs_totp, needs_uv)"
      " SELECT id, ?2, ?3, ?4, ?5 FROM roles WHERE name = ?1"
      " ON CONFLICT (role_id) DO UPDATE SET needs_badge = ?2, needs_key = ?3, needs_totp = ?4, needs_uv = ?5",
      WARD_ARGS (WARD_ARG_TEXT (role), WARD_ARG_BOOL (factors & WARD_FACTOR_BADGE),
                 WARD_ARG_BOOL (factors & WARD_FACTOR_KEY), WARD_ARG_BOOL (factors & WARD_FACTOR_TOTP),
                 WARD_ARG_BOOL (factors & WARD_FACTOR_UV)), role, error);
}

typedef struct
{
  WardStore   *store;
  WardFactors  combined;
  gboolean     any;
} Combined;

static void
combine_factors (WardStmt *stmt,
                 gpointer  data)
{
  Combined *combined = data;

  combined->combined |= policy_row_factors (combined->store, stmt);
  combined->any = TRUE;
}

/* The most demanding policy among the account's roles applies. An account
 * without roles gets the default, never less. */
gboolean
ward_policy_store_get_user_factors (WardStore    *store,
                                    gint64        user_id,
                                    WardFactors  *factors,
                                    GError      **error)
{
  Combined combined = { store, 0, FALSE };

  if (!ward_role_rows_of_user (store,
                               "SELECT " FACTOR_COLUMNS " FROM user_roles ur"
                               " LEFT JOIN factor_policy f ON f.role_id = ur.role_id WHERE ur.user_id = ?",
                               user_id, combine_factors, &combined, error))
    return FALSE;
  *factors = combined.any ? combined.combined : WARD_FACTORS_DEFAULT;
  return TRUE;
}

gint64
ward_policy_store_get_setting (WardStore  *store,
                               const char *name,
                               gint64      fallback)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store,
      "SELECT " WARD_GUARD_POLICY_SETTINGS_COLUMNS " FROM policy_settings WHERE name = ?",
      WARD_ARGS (WARD_ARG_TEXT (name)), NULL);

  if (stmt == NULL)
    return fallback;
  /* A value written outside Wardgate (a lockout limit of a million) is
   * not used: the built-in default is. */
  return ward_stmt_step (stmt) == WARD_STMT_ROW && ward_row_guard_check (store, WARD_GUARD_POLICY_SETTINGS, stmt, 0)
         ? ward_stmt_column_int64 (stmt, 1) : fallback;
}

gboolean
ward_policy_store_set_setting (WardStore   *store,
                               const char  *name,
                               gint64       value,
                               GError     **error)
{
  g_autofree char *quoted = ward_store_quote (name);
  g_autofree char *where = g_strdup_printf ("name = %s", quoted);

  /* The MAC goes with the value: without it, get_setting() takes the value
   * for one written outside Wardgate. */
  return ward_store_run (store,
                         "INSERT INTO policy_settings (name, value) VALUES (?1, ?2)"
                         " ON CONFLICT (name) DO UPDATE SET value = ?2",
                         WARD_ARGS (WARD_ARG_TEXT (name), WARD_ARG_INT64 (value)), error)
         && ward_row_guard_seal (store, WARD_GUARD_POLICY_SETTINGS, where, error);
}
