/* ward-role-rows-private.h: the guarded policy rows kept per role (factors, re-entry window), found and sealed by role name */
#pragma once

#include "data/ward-row-guard-private.h"
#include "data/ward-stmt-args-private.h"

G_BEGIN_DECLS

WardStmt *ward_role_rows_find    (WardStore         *store,
                                  const char        *sql,
                                  const char        *role,
                                  GError           **error);
gboolean  ward_role_rows_write   (WardStore         *store,
                                  WardGuardTable     table,
                                  const char        *sql,
                                  const WardArg     *args,
                                  const char        *role,
                                  GError           **error);
gboolean  ward_role_rows_of_user (WardStore         *store,
                                  const char        *sql,
                                  gint64             user_id,
                                  WardStmtEachFunc   func,
                                  gpointer           data,
                                  GError           **error);

G_END_DECLS
