/* ward-role-rows-private.h: the guarded policy rows kept per role (factors, re-entry window), found and sealed by role name */
#pragma once

#include "data/ward-row-guard-private.h"

G_BEGIN_DECLS

gboolean ward_role_rows_step  (WardStore       *store,
                               WardStmt        *stmt,
                               const char      *role,
                               GError         **error);
gboolean ward_role_rows_seal  (WardStore       *store,
                               WardGuardTable   table,
                               const char      *role,
                               GError         **error);

G_END_DECLS
