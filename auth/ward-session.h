/* ward-session.h: one person signed in at the kiosk: what they may do, and for how long */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_SESSION_KIND_NORMAL,
  WARD_SESSION_KIND_BREAK_GLASS,
} WardSessionKind;

typedef enum
{
  WARD_SESSION_ACTIVE,
  WARD_SESSION_IDLE_WARNING,   /* locks soon unless touched */
  WARD_SESSION_IDLE_EXPIRED,
  WARD_SESSION_LIMIT_EXPIRED,  /* absolute limit (12 h, or the break-glass limit) */
  WARD_SESSION_ENDED,
  WARD_SESSION_ACCOUNT_DISABLED,  /* the account was disabled (or is gone) since sign-in */
} WardSessionState;

typedef struct
{
  gint64 idle_lock_us;
  gint64 idle_warning_us;
  gint64 max_duration_us;
  gint64 step_up_us;
  gint64 break_glass_us;
  /* 0 in either: the default below (settings written before these existed) */
  gint64 break_glass_window_us;   /* emergency uses are counted over this period */
  guint  break_glass_per_window;  /* uses past this many are refused */
} WardSessionLimits;

#define WARD_SESSION_LIMITS_DEFAULT ((WardSessionLimits) {     \
  .idle_lock_us = 120 * G_USEC_PER_SEC,                         \
  .idle_warning_us = 30 * G_USEC_PER_SEC,                       \
  .max_duration_us = G_GINT64_CONSTANT (12) * 3600 * G_USEC_PER_SEC, \
  .step_up_us = 300 * G_USEC_PER_SEC,                           \
  .break_glass_us = 15 * 60 * G_USEC_PER_SEC,                   \
  .break_glass_window_us = G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC, \
  .break_glass_per_window = 2 })

#define WARD_TYPE_SESSION (ward_session_get_type ())
G_DECLARE_FINAL_TYPE (WardSession, ward_session, WARD, SESSION, GObject)

WardSession     *ward_session_start            (WardStore                *store,
                                                gint64                    user_id,
                                                WardSessionKind           kind,
                                                const char               *reason,
                                                const WardSessionLimits  *limits,
                                                GError                  **error);
void             ward_session_end              (WardSession  *self,
                                                const char   *reason);

gint64           ward_session_get_id           (WardSession  *self);
gint64           ward_session_get_user_id      (WardSession  *self);
const char      *ward_session_get_username     (WardSession  *self);
const char      *ward_session_get_full_name    (WardSession  *self);
const char *const *ward_session_get_roles      (WardSession  *self);
WardSessionKind  ward_session_get_kind         (WardSession  *self);
guint            ward_session_get_emergency_use (WardSession *self);
guint            ward_session_get_emergency_limit (WardSession *self);
WardActor       *ward_session_get_actor        (WardSession  *self);

gboolean         ward_session_can              (WardSession  *self,
                                                const char   *permission);
void             ward_session_touch            (WardSession  *self);
WardSessionState ward_session_get_state        (WardSession  *self);
void             ward_session_hold             (WardSession  *self);
gboolean         ward_session_is_held          (WardSession  *self);
void             ward_session_release          (WardSession  *self);
gint64           ward_session_get_seconds_until_lock (WardSession *self);
gint64           ward_session_get_seconds_until_limit (WardSession *self);
gint64           ward_session_get_inactive_us  (WardSession  *self);
gboolean         ward_session_resume           (WardSession  *self);
gboolean         ward_session_needs_step_up    (WardSession  *self);
gboolean         ward_session_record_strong_verification (WardSession *self);

G_END_DECLS
