/* ward-row-guard-private.h: the rows that decide who may do what carry a MAC under the install key */
#pragma once

#include "data/ward-stmt-private.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_GUARD_USERS,
  WARD_GUARD_USER_ROLES,
  WARD_GUARD_ROLE_PERMISSIONS,
  WARD_GUARD_FACTOR_POLICY,
  WARD_GUARD_POLICY_SETTINGS,
  WARD_GUARD_BADGES,
  WARD_GUARD_REENTRY_POLICY,
  WARD_GUARD_N_TABLES
} WardGuardTable;

/* The columns a guarded SELECT lists, in this order, followed by row_mac
 * (prefix each with the table's alias in a join). */
#define WARD_GUARD_USERS_COLUMNS             "id, username, disabled, row_mac"
#define WARD_GUARD_USER_ROLES_COLUMNS(a)     a ".user_id, " a ".role_id, " a ".row_mac"
#define WARD_GUARD_ROLE_PERMISSIONS_COLUMNS(a) a ".role_id, " a ".permission_id, " a ".row_mac"
#define WARD_GUARD_FACTOR_POLICY_COLUMNS(a)  a ".role_id, " a ".needs_badge, " a ".needs_key, " a ".needs_totp, " \
                                             a ".needs_uv, " a ".row_mac"
#define WARD_GUARD_POLICY_SETTINGS_COLUMNS   "name, value, row_mac"
#define WARD_GUARD_BADGES_COLUMNS(a)         a ".id, " a ".user_id, " a ".uid_hash, " a ".revoked_at, " a ".row_mac"
#define WARD_GUARD_REENTRY_POLICY_COLUMNS(a) a ".role_id, " a ".minutes, " a ".row_mac"

gboolean ward_row_guard_check         (WardStore      *store,
                                       WardGuardTable  table,
                                       WardStmt       *stmt,
                                       int             first_column);
gboolean ward_row_guard_seal          (WardStore      *store,
                                       WardGuardTable  table,
                                       const char     *where,
                                       GError        **error);
gboolean ward_row_guard_seal_unsealed (WardStore      *store,
                                       GError        **error);

G_END_DECLS
