/* ward-auth-flow-reentry.c: the sign-in state machine's way back into a session held after an idle lock, with badge and key */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-auth-flow-private.h"
#include "auth/ward-session-audit.h"

/* An idle lock of a session whose person may come back to it: the session
 * is held (it can do nothing) rather than ended, and the lock is audited
 * as any idle lock is, with until when she may return. FALSE: the caller
 * ends it as before. */
gboolean
_ward_auth_flow_hold_for_reentry (WardAuthFlow *self)
{
  g_autoptr(GDateTime) until_time = NULL;
  g_autofree char *until = NULL;
  g_autofree char *details = NULL;

  if (!ward_reentry_hold (self->reentry, self->session))
    return FALSE;
  until_time = g_date_time_new_from_unix_utc (ward_reentry_get_until (self->reentry));
  until = g_date_time_format_iso8601 (until_time);
  details = ward_audit_details ("how", "idle", "return_until", until, NULL);
  ward_badge_taps_take_tap_over (self->taps);
  ward_session_audit_write (self->store, WARD_AUDIT_SESSION_TIMED_OUT, ward_session_get_username (self->session),
                            details, FALSE);
  g_clear_object (&self->session);
  return TRUE;
}

/* The badge of the person whose session is held, once the account checks
 * let her begin: back with badge and key when her roles allow it;
 * otherwise the held session ends and the code step will say why. Another
 * person's badge ends it (as an idle lock always did). */
void
_ward_auth_flow_reentry_begin (WardAuthFlow   *self,
                               WardUserRecord *user)
{
  WardReentryVerdict verdict;

  if (!ward_reentry_is_holding (self->reentry))
    return;
  if (ward_reentry_get_user_id (self->reentry) != user->id)
    {
      ward_reentry_end (self->reentry, "tap-over");
      return;
    }
  verdict = ward_reentry_check (self->reentry, user, self->pending_factors);
  if (verdict == WARD_REENTRY_ALLOWED)
    {
      self->returning = TRUE;
      self->pending_factors &= ~WARD_FACTOR_TOTP;
      return;
    }
  self->reentry_note = ward_reentry_verdict_note (verdict);
  ward_reentry_end (self->reentry, ward_reentry_verdict_why (verdict));
}

/* The person was refused before any factor (disabled or locked out
 * meanwhile): nothing stays held for them. */
void
_ward_auth_flow_reentry_refused (WardAuthFlow   *self,
                                 WardUserRecord *user)
{
  if (ward_reentry_get_user_id (self->reentry) == user->id)
    ward_reentry_end (self->reentry, "refused");
}

/* Coming back without the code is no longer possible (a wrong or copied
 * key, the window passed during the key step): the full sign-in goes on
 * for the same person, and the code step says why. */
void
_ward_auth_flow_reentry_drop (WardAuthFlow *self,
                              const char   *why,
                              const char   *note)
{
  WardFactors factors;

  if (!self->returning)
    return;
  self->returning = FALSE;
  ward_reentry_end (self->reentry, why);
  factors = ward_policy_factors_for_user (self->policy, self->pending_user_id, NULL);
  /* The policy could not be read: the code is asked all the same. */
  self->pending_factors = factors != 0 ? factors : self->pending_factors | WARD_FACTOR_TOTP;
  self->reentry_note = note;
}

/* The key proved the person coming back: her held session, resumed; NULL
 * when it can no longer be (then the code is asked). */
WardSession *
_ward_auth_flow_reentry_resume (WardAuthFlow *self)
{
  WardSession *session;

  if (!self->returning)
    return NULL;
  session = ward_reentry_resume (self->reentry);
  if (session == NULL)
    _ward_auth_flow_reentry_drop (self, "expired",
                                  _("Your code is needed again: your time to return with badge and key ran out."));
  return session;
}

/* The session held after an idle lock (for the lock screen's line). */
WardReentry *
ward_auth_flow_get_reentry (WardAuthFlow *self)
{
  g_return_val_if_fail (WARD_IS_AUTH_FLOW (self), NULL);
  return self->reentry;
}

/* TRUE while the person at the key step is coming back to her held
 * session (no code is asked if the key is right). */
gboolean
ward_auth_flow_get_returning (WardAuthFlow *self)
{
  g_return_val_if_fail (WARD_IS_AUTH_FLOW (self), FALSE);
  return self->returning;
}
