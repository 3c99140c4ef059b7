/* ward-reentry-store.c: how long after an idle lock each role may come back with badge and key, as stored */
#include "config.h"

#include "data/ward-reentry-store.h"
#include "data/ward-role-rows-private.h"

/* Deny by default: no row, a row written outside Wardgate, or a value out
 * of range all mean no re-entry (the full sign-in is asked). */
static guint
row_minutes (WardStore    *store,
             WardStmt     *stmt,
             int           first)
{
  gint64 minutes;

  if (ward_stmt_column_is_null (stmt, first)
      || !ward_row_guard_check (store, WARD_GUARD_REENTRY_POLICY, stmt, first))
    return 0;
  minutes = ward_stmt_column_int64 (stmt, first + 1);
  return minutes > 0 && minutes <= WARD_REENTRY_MAX_MINUTES ? (guint) minutes : 0;
}

gboolean
ward_reentry_store_get_role_minutes (WardStore   *store,
                                     const char  *role,
                                     guint       *minutes,
                                     GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_role_rows_find (store,
      "SELECT " WARD_GUARD_REENTRY_POLICY_COLUMNS ("p")
      " FROM roles r LEFT JOIN reentry_policy p ON p.role_id = r.id WHERE r.name = ?", role, error);

  if (stmt == NULL)
    return FALSE;
  *minutes = row_minutes (store, stmt, 0);
  return TRUE;
}

gboolean
ward_reentry_store_set_role_minutes (WardStore   *store,
                                     const char  *role,
                                     guint        minutes,
                                     GError     **error)
{
  return ward_role_rows_write (store, WARD_GUARD_REENTRY_POLICY,
      "INSERT INTO reentry_policy (role_id, minutes) SELECT id, ?2 FROM roles WHERE name = ?1"
      " ON CONFLICT (role_id) DO UPDATE SET minutes = ?2",
      WARD_ARGS (WARD_ARG_TEXT (role), WARD_ARG_INT64 (minutes)), role, error);
}

typedef struct
{
  WardStore *store;
  guint      shortest;
  gboolean   any;
} Shortest;

static void
take_shortest (WardStmt *stmt,
               gpointer  data)
{
  Shortest *shortest = data;
  guint role = row_minutes (shortest->store, stmt, 0);

  shortest->shortest = shortest->any ? MIN (shortest->shortest, role) : role;
  shortest->any = TRUE;
}

/* The shortest window among the account's roles applies: a nurse who is
 * also an administrator comes back as an administrator would. An account
 * without roles gets none. */
gboolean
ward_reentry_store_get_user_minutes (WardStore   *store,
                                     gint64       user_id,
                                     guint       *minutes,
                                     GError     **error)
{
  Shortest shortest = { store, 0, FALSE };

  if (!ward_role_rows_of_user (store,
                               "SELECT " WARD_GUARD_REENTRY_POLICY_COLUMNS ("p") " FROM user_roles ur"
                               " LEFT JOIN reentry_policy p ON p.role_id = ur.role_id WHERE ur.user_id = ?",
                               user_id, take_shortest, &shortest, error))
    return FALSE;
  *minutes = shortest.shortest;
  return TRUE;
}
