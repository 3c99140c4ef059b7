/* ward-auth-flow.h: the sign-in state machine: badge, key, code, awareness prompt, session */
#pragma once

#include <glib-object.h>

#include "auth/ward-code-factor.h"
#include "auth/ward-sign-in-gate.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "auth/ward-reentry.h"
#include "auth/ward-session.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_AUTH_STATE_LOCKED,
  WARD_AUTH_STATE_KEY,
  WARD_AUTH_STATE_CODE,
  WARD_AUTH_STATE_AWARENESS,
  WARD_AUTH_STATE_SIGNED_IN,
  WARD_AUTH_STATE_BREAK_GLASS_BADGE,
  WARD_AUTH_STATE_BREAK_GLASS_REASON,
} WardAuthState;

typedef enum
{
  WARD_AUTH_ENDED_SIGN_OUT,
  WARD_AUTH_ENDED_TAP_OUT,
  WARD_AUTH_ENDED_TAP_OVER,
  WARD_AUTH_ENDED_IDLE,
  WARD_AUTH_ENDED_LIMIT,
  WARD_AUTH_ENDED_ACCOUNT_DISABLED,  /* disabled meanwhile (by hand or by the hospital directory) */
} WardAuthEnding;

/* Asked once the factors are verified: is a security-awareness prompt due? */
typedef gboolean (*WardAwarenessDueFunc) (gint64    user_id,
                                          gpointer  user_data);

#define WARD_TYPE_AUTH_FLOW (ward_auth_flow_get_type ())
G_DECLARE_FINAL_TYPE (WardAuthFlow, ward_auth_flow, WARD, AUTH_FLOW, GObject)

WardAuthFlow    *ward_auth_flow_new               (WardStore              *store,
                                                   WardPolicy             *policy,
                                                   WardKeyFactor          *keys,
                                                   WardCodeFactor         *codes);
void             ward_auth_flow_set_limits        (WardAuthFlow           *self,
                                                   const WardSessionLimits *limits);
void             ward_auth_flow_set_step_timeout  (WardAuthFlow           *self,
                                                   guint                   seconds);
void             ward_auth_flow_set_awareness_hook (WardAuthFlow          *self,
                                                   WardAwarenessDueFunc    due,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);

/* Events. */
void             ward_auth_flow_badge             (WardAuthFlow *self,
                                                   const char   *badge_uid);
void             ward_auth_flow_submit_pin        (WardAuthFlow *self,
                                                   const char   *pin);
void             ward_auth_flow_retry_key         (WardAuthFlow *self);
void             ward_auth_flow_submit_code       (WardAuthFlow *self,
                                                   const char   *code);
void             ward_auth_flow_awareness_done    (WardAuthFlow *self);
void             ward_auth_flow_emergency         (WardAuthFlow *self);
void             ward_auth_flow_submit_reason     (WardAuthFlow *self,
                                                   const char   *reason);
void             ward_auth_flow_cancel            (WardAuthFlow *self);
void             ward_auth_flow_sign_out          (WardAuthFlow *self);
void             ward_auth_flow_activity          (WardAuthFlow *self);
void             ward_auth_flow_tick              (WardAuthFlow *self);
const char      *ward_auth_flow_get_tap_over_name (WardAuthFlow *self);
void             ward_auth_flow_answer_tap_over   (WardAuthFlow *self,
                                                   gboolean      end_emergency);

/* What the screens show. */
WardAuthState    ward_auth_flow_get_state         (WardAuthFlow *self);
WardSession     *ward_auth_flow_get_session       (WardAuthFlow *self);
gint64           ward_auth_flow_get_pending_user_id (WardAuthFlow *self);
const char      *ward_auth_flow_get_pending_name  (WardAuthFlow *self);
gboolean         ward_auth_flow_get_pin_required  (WardAuthFlow *self);
gboolean         ward_auth_flow_get_key_busy      (WardAuthFlow *self);
gboolean         ward_auth_flow_get_returning     (WardAuthFlow *self);
WardReentry     *ward_auth_flow_get_reentry       (WardAuthFlow *self);
WardAuthRefusal  ward_auth_flow_get_refusal       (WardAuthFlow *self);
const char      *ward_auth_flow_get_message       (WardAuthFlow *self);
guint            ward_auth_flow_get_attempts_left (WardAuthFlow *self);
gint64           ward_auth_flow_get_seconds_left  (WardAuthFlow *self);

G_END_DECLS
