/* ward-policy.h: which factors an account needs, and growing delays then lockout after failures */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "auth/ward-store-service.h"
#include "data/ward-policy-store.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_POLICY_ERROR (ward_policy_error_quark ())

typedef enum
{
  WARD_POLICY_ERROR_TOO_WEAK,
  WARD_POLICY_ERROR_OUT_OF_RANGE,
  WARD_POLICY_ERROR_NOT_LOCKED,
} WardPolicyError;

typedef enum
{
  WARD_POLICY_ALLOWED,
  WARD_POLICY_DELAYED,
  WARD_POLICY_LOCKED,
} WardPolicyVerdict;

#define WARD_POLICY_MAX_LOCKOUT_THRESHOLD 100
#define WARD_POLICY_MIN_LOCKOUT_THRESHOLD 3

#define WARD_TYPE_POLICY (ward_policy_get_type ())
G_DECLARE_FINAL_TYPE (WardPolicy, ward_policy, WARD, POLICY, WardStoreService)

GQuark            ward_policy_error_quark         (void);

WardPolicy       *ward_policy_new                 (WardStore    *store);

char             *ward_policy_factors_to_string   (WardFactors   factors);
gboolean          ward_policy_factors_from_strv   (const char *const *names,
                                                   WardFactors  *factors,
                                                   GError      **error);

guint             ward_policy_get_lockout_threshold (WardPolicy *self);
gint64            ward_policy_delay_seconds       (WardPolicy   *self,
                                                   guint         consecutive_failures);
char             *ward_policy_describe_wait       (WardPolicy   *self,
                                                   gint64        retry_at);
WardFactors       ward_policy_factors_for_user    (WardPolicy   *self,
                                                   gint64        user_id,
                                                   GError      **error);
gboolean          ward_policy_set_role_factors    (WardPolicy   *self,
                                                   WardActor    *actor,
                                                   const char   *role,
                                                   WardFactors   factors,
                                                   GError      **error);
gboolean          ward_policy_set_lockout_threshold (WardPolicy *self,
                                                   WardActor    *actor,
                                                   guint         threshold,
                                                   GError      **error);

gboolean          ward_policy_check_admins_not_weaker (WardStore *store,
                                                   GError      **error);
gboolean          ward_policy_role_is_administrative (WardStore *store,
                                                   const char   *role);

WardPolicyVerdict ward_policy_check               (WardPolicy   *self,
                                                   gint64        user_id,
                                                   const char   *factor,
                                                   gint64       *retry_at);
WardPolicyVerdict ward_policy_check_account       (WardPolicy   *self,
                                                   gint64        user_id,
                                                   gint64       *retry_at);
WardPolicyVerdict ward_policy_record_failure      (WardPolicy   *self,
                                                   gint64        user_id,
                                                   const char   *username,
                                                   const char   *factor,
                                                   const char   *reason,
                                                   gint64       *retry_at,
                                                   guint        *attempts_left);
void              ward_policy_record_success      (WardPolicy   *self,
                                                   gint64        user_id,
                                                   const char   *factor);
gboolean          ward_policy_unlock              (WardPolicy   *self,
                                                   WardActor    *actor,
                                                   const char   *username,
                                                   GError      **error);

G_END_DECLS
