/* ward-auth-flow.c: the sign-in state machine: badge, key, code, awareness prompt, session */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-auth-flow-private.h"
#include "auth/ward-badge-taps.h"
#include "auth/ward-session-audit.h"
#include "auth/ward-sign-in-gate.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"

#define DEFAULT_STEP_TIMEOUT_S     60
#define REASON_STEP_TIMEOUT_S      180

enum
{
  SIGNAL_CHANGED,
  SIGNAL_REFUSED,
  SIGNAL_SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WardAuthFlow, ward_auth_flow, G_TYPE_OBJECT)

void
_ward_auth_flow_changed (WardAuthFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void start_key_check (WardAuthFlow *self, const char *pin);

void
_ward_auth_flow_clear_pending (WardAuthFlow *self)
{
  if (self->key_cancellable != NULL)
    g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  self->key_generation++;
  self->pending_user_id = 0;
  g_clear_pointer (&self->pending_username, g_free);
  g_clear_pointer (&self->pending_name, g_free);
  self->pending_factors = 0;
  self->pin_required = FALSE;
  self->attempts_left = 0;
  self->step_deadline_us = 0;
  self->returning = FALSE;
  self->reentry_note = NULL;
}

static void
ward_auth_flow_dispose (GObject *object)
{
  WardAuthFlow *self = WARD_AUTH_FLOW (object);

  _ward_auth_flow_clear_pending (self);
  if (self->session != NULL)
    ward_session_end (self->session, "kiosk-closed");
  g_clear_object (&self->session);
  g_clear_object (&self->reentry);
  G_OBJECT_CLASS (ward_auth_flow_parent_class)->dispose (object);
}

static void
ward_auth_flow_finalize (GObject *object)
{
  WardAuthFlow *self = WARD_AUTH_FLOW (object);

  if (self->awareness_destroy != NULL)
    self->awareness_destroy (self->awareness_data);
  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_object (&self->keys);
  g_clear_object (&self->codes);
  g_free (self->message);
  g_clear_pointer (&self->taps, ward_badge_taps_free);
  G_OBJECT_CLASS (ward_auth_flow_parent_class)->finalize (object);
}

static void
ward_auth_flow_class_init (WardAuthFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ward_auth_flow_dispose;
  object_class->finalize = ward_auth_flow_finalize;

  /* Anything on screen may have changed: state, message, time left. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[SIGNAL_SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
ward_auth_flow_init (WardAuthFlow *self)
{
  self->limits = WARD_SESSION_LIMITS_DEFAULT;
  self->step_timeout_s = DEFAULT_STEP_TIMEOUT_S;
}

WardAuthFlow *
ward_auth_flow_new (WardStore      *store,
                    WardPolicy     *policy,
                    WardKeyFactor  *keys,
                    WardCodeFactor *codes)
{
  WardAuthFlow *self = g_object_new (WARD_TYPE_AUTH_FLOW, NULL);

  self->store = g_object_ref (store);
  self->policy = g_object_ref (policy);
  self->keys = g_object_ref (keys);
  self->codes = g_object_ref (codes);
  self->reentry = ward_reentry_new (store);
  self->taps = ward_badge_taps_new (store);
  return self;
}

void
ward_auth_flow_set_limits (WardAuthFlow            *self,
                           const WardSessionLimits *limits)
{
  self->limits = *limits;
}

void
ward_auth_flow_set_step_timeout (WardAuthFlow *self,
                                 guint         seconds)
{
  self->step_timeout_s = MAX (seconds, 5);
}

void
ward_auth_flow_set_awareness_hook (WardAuthFlow         *self,
                                   WardAwarenessDueFunc  due,
                                   gpointer              user_data,
                                   GDestroyNotify        destroy)
{
  if (self->awareness_destroy != NULL)
    self->awareness_destroy (self->awareness_data);
  self->awareness_due = due;
  self->awareness_data = user_data;
  self->awareness_destroy = destroy;
}

static gint64
monotonic (WardAuthFlow *self)
{
  return ward_clock_get_monotonic_us (ward_store_get_clock (self->store));
}

void
_ward_auth_flow_audit (WardAuthFlow   *self,
       WardAuditEvent  event,
       const char     *actor,
       const char     *details,
       gboolean        flagged)
{
  ward_session_audit_write (self->store, event, actor, details, flagged);
}

static void
set_message (WardAuthFlow    *self,
             WardAuthRefusal  refusal,
             const char      *message)
{
  self->refusal = refusal;
  g_free (self->message);
  self->message = g_strdup (message);
}

void
_ward_auth_flow_enter (WardAuthFlow  *self,
       WardAuthState  state)
{
  self->state = state;
  switch (state)
    {
    case WARD_AUTH_STATE_LOCKED:
    case WARD_AUTH_STATE_SIGNED_IN:
      self->step_deadline_us = 0;
      break;
    case WARD_AUTH_STATE_BREAK_GLASS_REASON:
      self->step_deadline_us = monotonic (self) + REASON_STEP_TIMEOUT_S * G_USEC_PER_SEC;
      break;
    default:
      self->step_deadline_us = monotonic (self) + (gint64) self->step_timeout_s * G_USEC_PER_SEC;
      break;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
_ward_auth_flow_refuse (WardAuthFlow    *self,
        WardAuthRefusal  refusal,
        const char      *message)
{
  set_message (self, refusal, message);
  g_signal_emit (self, signals[SIGNAL_REFUSED], 0, (int) refusal, message);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Back to the lock screen, forgetting the person part-way through. */
void
_ward_auth_flow_return_to_locked (WardAuthFlow *self)
{
  _ward_auth_flow_clear_pending (self);
  _ward_auth_flow_enter (self, WARD_AUTH_STATE_LOCKED);
}

void
_ward_auth_flow_refuse_and_lock (WardAuthFlow    *self,
                 WardAuthRefusal  refusal,
                 const char      *message)
{
  _ward_auth_flow_clear_pending (self);
  self->state = WARD_AUTH_STATE_LOCKED;
  _ward_auth_flow_refuse (self, refusal, message);
}

/* A database that cannot be reached is said as such (the nurse calls IT
 * about the network, not about her badge); any other failure keeps the
 * step's own words. Either way the kiosk stays locked. */
void
_ward_auth_flow_refuse_for_store_error (WardAuthFlow *self,
                                        const GError *error,
                                        const char   *otherwise)
{
  if (g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE))
    _ward_auth_flow_refuse_and_lock (self, WARD_AUTH_REFUSAL_FAILED, error->message);
  else
    _ward_auth_flow_refuse_and_lock (self, WARD_AUTH_REFUSAL_FAILED, otherwise);
}

static const char *
ending_name (WardAuthEnding ending)
{
  static const char *const names[] = { "sign-out", "tap-out", "tap-over", "idle", "time-limit",
                                       "account-disabled" };

  return names[ending];
}

void
_ward_auth_flow_end_session (WardAuthFlow   *self,
             WardAuthEnding  ending)
{
  g_autoptr(WardSession) session = g_steal_pointer (&self->session);

  ward_badge_taps_take_tap_over (self->taps);
  if (session == NULL)
    return;
  ward_session_end (session, ending_name (ending));
  ward_session_audit_ended (self->store, session, ending_name (ending),
                            ending == WARD_AUTH_ENDED_IDLE || ending == WARD_AUTH_ENDED_LIMIT);
  g_signal_emit (self, signals[SIGNAL_SESSION_ENDED], 0, (int) ending);
}

static void
start_session (WardAuthFlow    *self,
               WardSessionKind  kind,
               const char      *reason)
{
  g_autoptr(GError) error = NULL;

  /* A new session (another person's, or emergency access) ends one held
   * after an idle lock: one session per kiosk. */
  ward_reentry_end (self->reentry, kind == WARD_SESSION_KIND_BREAK_GLASS ? "break-glass" : "replaced");
  self->session = ward_session_start (self->store, self->pending_user_id, kind, reason, &self->limits, &error);
  if (self->session == NULL)
    {
      _ward_auth_flow_refuse_for_store_error (self, error, _("The kiosk could not start your session. Call IT."));
      return;
    }
  ward_session_audit_started (self->store, self->session, self->pending_username,
                              self->pending_factors, reason);
  _ward_auth_flow_clear_pending (self);
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  _ward_auth_flow_enter (self, WARD_AUTH_STATE_SIGNED_IN);
}

static void
factors_done (WardAuthFlow *self)
{
  if (self->awareness_due != NULL && self->awareness_due (self->pending_user_id, self->awareness_data))
    _ward_auth_flow_enter (self, WARD_AUTH_STATE_AWARENESS);
  else
    start_session (self, WARD_SESSION_KIND_NORMAL, NULL);
}

static void
next_factor_after_key (WardAuthFlow *self)
{
  WardSession *resumed = _ward_auth_flow_reentry_resume (self);

  if (resumed != NULL)
    {
      self->session = resumed;
      _ward_auth_flow_clear_pending (self);
      set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
      _ward_auth_flow_enter (self, WARD_AUTH_STATE_SIGNED_IN);
      return;
    }
  if (self->pending_factors & WARD_FACTOR_TOTP)
    {
      /* Why the code is asked when she expected to come back without it. */
      if (self->reentry_note != NULL)
        set_message (self, WARD_AUTH_REFUSAL_NONE, self->reentry_note);
      _ward_auth_flow_enter (self, WARD_AUTH_STATE_CODE);
    }
  else
    factors_done (self);
}

static void
audit_refused_sign_in (WardAuthFlow *self,
                       const char   *why)
{
  g_autofree char *details = ward_audit_details ("why", why, NULL);

  _ward_auth_flow_audit (self, WARD_AUDIT_SIGN_IN_REFUSED, self->pending_username, details, FALSE);
}

/* Whether this person may start signing in at all, before any factor. */
static gboolean
account_may_sign_in (WardAuthFlow   *self,
                     WardUserRecord *user)
{
  g_auto(WardGateVerdict) gate = ward_sign_in_gate_check_account (self->policy, self->keys, self->codes,
                                                          user, self->pending_factors);

  if (gate.refusal == WARD_AUTH_REFUSAL_NONE)
    return TRUE;
  audit_refused_sign_in (self, gate.why);
  _ward_auth_flow_refuse_and_lock (self, gate.refusal, gate.message);
  return FALSE;
}

gboolean
_ward_auth_flow_take_pending_user (WardAuthFlow   *self,
                   WardUserRecord *user)
{
  g_autoptr(GError) error = NULL;

  _ward_auth_flow_clear_pending (self);
  self->pending_user_id = user->id;
  self->pending_username = g_strdup (user->username);
  self->pending_name = g_strdup (user->full_name);
  self->pending_factors = ward_policy_factors_for_user (self->policy, user->id, &error);
  if (self->pending_factors == 0)
    {
      _ward_auth_flow_refuse_for_store_error (self, error, _("The kiosk could not read its sign-in rules. Call IT."));
      return FALSE;
    }
  self->pin_required = (self->pending_factors & WARD_FACTOR_UV) != 0;
  return TRUE;
}

void
_ward_auth_flow_begin_sign_in (WardAuthFlow   *self,
               WardUserRecord *user)
{
  if (!_ward_auth_flow_take_pending_user (self, user) || !account_may_sign_in (self, user))
    {
      _ward_auth_flow_reentry_refused (self, user);
      return;
    }
  _ward_auth_flow_reentry_begin (self, user);

  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  if (self->pending_factors & WARD_FACTOR_KEY)
    {
      _ward_auth_flow_enter (self, WARD_AUTH_STATE_KEY);
      if (!self->pin_required)
        start_key_check (self, NULL);
    }
  else
    next_factor_after_key (self);
}

typedef struct
{
  WardAuthFlow *flow;
  guint         generation;
} KeyCheck;

static void
key_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KeyCheck *check = user_data;
  g_autoptr(WardAuthFlow) self = check->flow;
  g_autoptr(GError) error = NULL;
  guint attempts_left = 0;
  WardAuthRefusal refusal;
  gboolean ok;

  ok = ward_key_factor_verify_finish (WARD_KEY_FACTOR (source), result, &attempts_left, &error);
  /* The person cancelled, timed out or was replaced while the key worked. */
  if (check->generation != self->key_generation || self->state != WARD_AUTH_STATE_KEY)
    {
      g_free (check);
      return;
    }
  g_free (check);
  g_clear_object (&self->key_cancellable);

  if (ok)
    {
      next_factor_after_key (self);
      return;
    }
  /* The failure counts as on any sign-in (delays, lockout); coming back
   * without the code is over. */
  _ward_auth_flow_reentry_drop (self, "key-failed", _("Your code is needed again: the security key check failed."));
  if ((refusal = ward_sign_in_gate_final_refusal (error)) != WARD_AUTH_REFUSAL_NONE)
    {
      _ward_auth_flow_refuse_and_lock (self, refusal, error->message);
      return;
    }
  if (g_error_matches (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_PIN_REQUIRED))
    self->pin_required = TRUE;
  self->attempts_left = attempts_left;
  _ward_auth_flow_refuse (self, WARD_AUTH_REFUSAL_KEY, error->message);
}

static void
start_key_check (WardAuthFlow *self,
                 const char   *pin)
{
  KeyCheck *check = g_new0 (KeyCheck, 1);

  if (self->key_cancellable != NULL)
    g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  self->key_cancellable = g_cancellable_new ();
  check->flow = g_object_ref (self);
  check->generation = ++self->key_generation;
  ward_key_factor_verify_async (self->keys, self->pending_user_id, self->pending_username,
                                (self->pending_factors & WARD_FACTOR_UV) != 0 || pin != NULL, pin,
                                self->key_cancellable, key_checked_cb, check);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
ward_auth_flow_submit_pin (WardAuthFlow *self,
                           const char   *pin)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_KEY || pin == NULL || *pin == '\0')
    return;
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  start_key_check (self, pin);
}

void
ward_auth_flow_retry_key (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_KEY || self->key_cancellable != NULL || self->pin_required)
    return;
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  self->step_deadline_us = monotonic (self) + (gint64) self->step_timeout_s * G_USEC_PER_SEC;
  start_key_check (self, NULL);
}

void
ward_auth_flow_submit_code (WardAuthFlow *self,
                            const char   *code)
{
  g_autoptr(GError) error = NULL;
  guint attempts_left = 0;
  gint64 retry_at = 0;
  WardAuthRefusal refusal;

  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_CODE || code == NULL)
    return;

  if (ward_code_factor_verify (self->codes, self->pending_user_id, self->pending_username, code,
                               &attempts_left, &retry_at, &error))
    {
      factors_done (self);
      return;
    }

  if ((refusal = ward_sign_in_gate_final_refusal (error)) != WARD_AUTH_REFUSAL_NONE)
    {
      _ward_auth_flow_refuse_and_lock (self, refusal, error->message);
      return;
    }
  self->attempts_left = attempts_left;
  _ward_auth_flow_refuse (self, WARD_AUTH_REFUSAL_WRONG_CODE, error->message);
}

void
ward_auth_flow_awareness_done (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state == WARD_AUTH_STATE_AWARENESS)
    start_session (self, WARD_SESSION_KIND_NORMAL, NULL);
}

void
ward_auth_flow_emergency (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_LOCKED)
    return;
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  _ward_auth_flow_enter (self, WARD_AUTH_STATE_BREAK_GLASS_BADGE);
}

void
ward_auth_flow_submit_reason (WardAuthFlow *self,
                              const char   *reason)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_BREAK_GLASS_REASON)
    return;

  if ((stripped = ward_sign_in_gate_clean_reason (reason)) == NULL)
    {
      _ward_auth_flow_refuse (self, WARD_AUTH_REFUSAL_REASON_TOO_SHORT,
              _("Say in a few words why you need emergency access (at least 10 characters)."));
      return;
    }
  start_session (self, WARD_SESSION_KIND_BREAK_GLASS, stripped);
}

void
ward_auth_flow_cancel (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state == WARD_AUTH_STATE_SIGNED_IN || self->state == WARD_AUTH_STATE_LOCKED)
    return;
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  _ward_auth_flow_return_to_locked (self);
}

void
ward_auth_flow_sign_out (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->state != WARD_AUTH_STATE_SIGNED_IN)
    return;
  _ward_auth_flow_end_session (self, WARD_AUTH_ENDED_SIGN_OUT);
  set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
  _ward_auth_flow_return_to_locked (self);
}

void
ward_auth_flow_activity (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  if (self->session != NULL)
    ward_session_touch (self->session);
}

static void
step_timed_out (WardAuthFlow *self)
{
  static const char *const steps[] = { "locked", "key", "code", "awareness", "signed-in",
                                       "break-glass-badge", "break-glass-reason" };
  g_autofree char *details = ward_audit_details ("step", steps[self->state], NULL);

  _ward_auth_flow_audit (self, WARD_AUDIT_SESSION_TIMED_OUT, self->pending_username, details, FALSE);
  _ward_auth_flow_refuse_and_lock (self, WARD_AUTH_REFUSAL_TIMED_OUT, _("Sign-in timed out. Tap your badge to start again."));
}

/* Called every second by the kiosk (and by tests after moving the clock):
 * steps time out, idle sessions lock, long sessions end. */
void
ward_auth_flow_tick (WardAuthFlow *self)
{
  g_return_if_fail (WARD_IS_AUTH_FLOW (self));

  if (self->state == WARD_AUTH_STATE_SIGNED_IN)
    {
      WardSessionState state = ward_session_get_state (self->session);

      if (state == WARD_SESSION_IDLE_EXPIRED && _ward_auth_flow_hold_for_reentry (self))
        {
          g_signal_emit (self, signals[SIGNAL_SESSION_ENDED], 0, (int) WARD_AUTH_ENDED_IDLE);
          set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
          _ward_auth_flow_return_to_locked (self);
          return;
        }
      if (state == WARD_SESSION_IDLE_EXPIRED || state == WARD_SESSION_LIMIT_EXPIRED
          || state == WARD_SESSION_ACCOUNT_DISABLED)
        {
          _ward_auth_flow_end_session (self, state == WARD_SESSION_IDLE_EXPIRED ? WARD_AUTH_ENDED_IDLE
                             : state == WARD_SESSION_LIMIT_EXPIRED ? WARD_AUTH_ENDED_LIMIT
                             : WARD_AUTH_ENDED_ACCOUNT_DISABLED);
          if (state == WARD_SESSION_ACCOUNT_DISABLED)
            set_message (self, WARD_AUTH_REFUSAL_DISABLED,
                         _("This account is disabled. If you need access, call the ward manager or IT."));
          else
            set_message (self, WARD_AUTH_REFUSAL_NONE, NULL);
          _ward_auth_flow_return_to_locked (self);
          return;
        }
      if (ward_badge_taps_tap_over_expired (self->taps))
        ward_auth_flow_answer_tap_over (self, FALSE);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }

  /* A held session ends when its window or its 12 hours pass. */
  if (ward_reentry_expire (self->reentry))
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (self->step_deadline_us != 0 && monotonic (self) >= self->step_deadline_us)
    step_timed_out (self);
}

WardAuthState
ward_auth_flow_get_state (WardAuthFlow *self)
{
  return self->state;
}

WardSession *
ward_auth_flow_get_session (WardAuthFlow *self)
{
  return self->session;
}

gint64
ward_auth_flow_get_pending_user_id (WardAuthFlow *self)
{
  return self->pending_user_id;
}

const char *
ward_auth_flow_get_pending_name (WardAuthFlow *self)
{
  return self->pending_name;
}

gboolean
ward_auth_flow_get_pin_required (WardAuthFlow *self)
{
  return self->pin_required;
}

gboolean
ward_auth_flow_get_key_busy (WardAuthFlow *self)
{
  return self->key_cancellable != NULL;
}

WardAuthRefusal
ward_auth_flow_get_refusal (WardAuthFlow *self)
{
  return self->refusal;
}

const char *
ward_auth_flow_get_message (WardAuthFlow *self)
{
  return self->message;
}

guint
ward_auth_flow_get_attempts_left (WardAuthFlow *self)
{
  return self->attempts_left;
}

/* Seconds left in the current step, or before the session locks. */
gint64
ward_auth_flow_get_seconds_left (WardAuthFlow *self)
{
  if (self->state == WARD_AUTH_STATE_SIGNED_IN && self->session != NULL)
    return ward_session_get_seconds_until_lock (self->session);
  if (self->step_deadline_us == 0)
    return 0;
  return MAX (0, self->step_deadline_us - monotonic (self)) / G_USEC_PER_SEC;
}

/* The name of the person whose badge asked to end an emergency session,
 * or NULL when nobody is asking. */
const char *
ward_auth_flow_get_tap_over_name (WardAuthFlow *self)
{
  g_return_val_if_fail (WARD_IS_AUTH_FLOW (self), NULL);
  return ward_badge_taps_get_tap_over_name (self->taps);
}

/* Yes: the emergency session ends and that person's sign-in begins.
 * No (or no answer in time): the emergency session goes on. */
void
ward_auth_flow_answer_tap_over (WardAuthFlow *self,
                                gboolean      end_emergency)
{
  g_autoptr(WardUserRecord) user = NULL;
  gint64 user_id;

  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  user_id = ward_badge_taps_take_tap_over (self->taps);
  if (user_id == 0 || self->state != WARD_AUTH_STATE_SIGNED_IN)
    return;
  if (!end_emergency)
    {
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
      return;
    }
  user = ward_directory_get_user (self->store, user_id, NULL);
  _ward_auth_flow_end_session (self, WARD_AUTH_ENDED_TAP_OVER);
  _ward_auth_flow_return_to_locked (self);
  if (user != NULL)
    _ward_auth_flow_begin_sign_in (self, user);
}
