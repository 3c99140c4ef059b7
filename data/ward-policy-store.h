/* ward-policy-store.h: the factors each role needs, and the lockout settings, as stored */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_FACTOR_BADGE = 1 << 0,
  WARD_FACTOR_KEY   = 1 << 1,
  WARD_FACTOR_TOTP  = 1 << 2,
  WARD_FACTOR_UV    = 1 << 3,   /* the key must verify its user (PIN) */
} WardFactors;

#define WARD_FACTORS_DEFAULT (WARD_FACTOR_BADGE | WARD_FACTOR_KEY | WARD_FACTOR_TOTP)

gboolean ward_policy_store_get_role_factors (WardStore    *store,
                                             const char   *role,
                                             WardFactors  *factors,
                                             GError      **error);
gboolean ward_policy_store_set_role_factors (WardStore    *store,
                                             const char   *role,
                                             WardFactors   factors,
                                             GError      **error);
gboolean ward_policy_store_get_user_factors (WardStore    *store,
                                             gint64        user_id,
                                             WardFactors  *factors,
                                             GError      **error);
gint64   ward_policy_store_get_setting      (WardStore    *store,
                                             const char   *name,
                                             gint64        fallback);
gboolean ward_policy_store_set_setting      (WardStore    *store,
                                             const char   *name,
                                             gint64        value,
                                             GError      **error);

G_END_DECLS
