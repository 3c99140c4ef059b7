/* ward-auth-flow-private.h: the sign-in state machine's state, shared with its badge handling (ward-auth-flow-badge.c) */
#pragma once

#include "auth/ward-auth-flow.h"
#include "auth/ward-badge-taps.h"
#include "auth/ward-reentry.h"
#include "auth/ward-sign-in-gate.h"
#include "data/ward-audit.h"

G_BEGIN_DECLS

struct _WardAuthFlow
{
  GObject              parent_instance;

  WardStore           *store;
  WardPolicy          *policy;
  WardKeyFactor       *keys;
  WardCodeFactor      *codes;
  WardSessionLimits    limits;
  guint                step_timeout_s;

  WardAwarenessDueFunc awareness_due;
  gpointer             awareness_data;
  GDestroyNotify       awareness_destroy;

  WardAuthState        state;
  WardSession         *session;

  /* The person part-way through signing in. */
  gint64               pending_user_id;
  char                *pending_username;
  char                *pending_name;
  WardFactors          pending_factors;
  gboolean             pin_required;
  GCancellable        *key_cancellable;
  guint                key_generation;

  WardAuthRefusal      refusal;
  char                *message;
  guint                attempts_left;
  gint64               step_deadline_us;   /* monotonic; 0: none */
  WardBadgeTaps       *taps;
  /* A session held after an idle lock, and its person coming back to it
   * with badge and key (no code): ward-auth-flow-reentry.c. */
  WardReentry         *reentry;
  gboolean             returning;
  const char          *reentry_note;       /* why the code is asked again; static */
};

/* Steps of the flow that badge handling drives; defined in ward-auth-flow.c,
 * which calls nothing back in ward-auth-flow-badge.c. */
void     _ward_auth_flow_changed           (WardAuthFlow    *self);
void     _ward_auth_flow_clear_pending     (WardAuthFlow    *self);
void     _ward_auth_flow_audit             (WardAuthFlow    *self,
                                            WardAuditEvent   event,
                                            const char      *actor,
                                            const char      *details,
                                            gboolean         flagged);
void     _ward_auth_flow_enter             (WardAuthFlow    *self,
                                            WardAuthState    state);
void     _ward_auth_flow_refuse            (WardAuthFlow    *self,
                                            WardAuthRefusal  refusal,
                                            const char      *message);
void     _ward_auth_flow_refuse_and_lock   (WardAuthFlow    *self,
                                            WardAuthRefusal  refusal,
                                            const char      *message);
void     _ward_auth_flow_refuse_for_store_error (WardAuthFlow *self,
                                                 const GError *error,
                                                 const char   *otherwise);
void     _ward_auth_flow_return_to_locked  (WardAuthFlow    *self);
void     _ward_auth_flow_end_session       (WardAuthFlow    *self,
                                            WardAuthEnding   ending);
gboolean _ward_auth_flow_take_pending_user (WardAuthFlow    *self,
                                            WardUserRecord  *user);
void     _ward_auth_flow_begin_sign_in     (WardAuthFlow    *self,
                                            WardUserRecord  *user);

/* The way back into a session held after an idle lock; defined in
 * ward-auth-flow-reentry.c, which calls nothing back in ward-auth-flow.c. */
gboolean     _ward_auth_flow_hold_for_reentry (WardAuthFlow   *self);
void         _ward_auth_flow_reentry_begin    (WardAuthFlow   *self,
                                               WardUserRecord *user);
void         _ward_auth_flow_reentry_refused  (WardAuthFlow   *self,
                                               WardUserRecord *user);
void         _ward_auth_flow_reentry_drop     (WardAuthFlow   *self,
                                               const char     *why,
                                               const char     *note);
WardSession *_ward_auth_flow_reentry_resume   (WardAuthFlow   *self);

G_END_DECLS
