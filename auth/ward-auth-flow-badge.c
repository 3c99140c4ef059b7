/* ward-auth-flow-badge.c: the sign-in state machine's answer to a badge tap: start, tap out, tap over, unknown badge, emergency */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-auth-flow-private.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"

static void
unknown_badge (WardAuthFlow *self)
{
  const char *message = NULL;
  WardAuthRefusal refusal = ward_badge_taps_unknown (self->taps, &message);

  _ward_auth_flow_refuse_and_lock (self, refusal, message);
}

static WardUserRecord *
user_for_badge (WardAuthFlow *self,
                const char   *badge_uid)
{
  g_autoptr(GError) error = NULL;
  gint64 user_id = ward_credentials_find_badge (self->store, badge_uid, &error);

  if (user_id < 0)
    {
      _ward_auth_flow_refuse_for_store_error (self, error, _("The kiosk could not read its database. Call IT."));
      return NULL;
    }
  if (user_id == 0)
    {
      unknown_badge (self);
      return NULL;
    }
  return ward_directory_get_user (self->store, user_id, NULL);
}

static gboolean
break_glass_allowed (WardAuthFlow   *self,
                     WardUserRecord *user)
{
  g_auto(WardGateVerdict) gate = ward_sign_in_gate_check_emergency (self->store, self->policy, user);
  g_autofree char *details = NULL;

  if (gate.refusal == WARD_AUTH_REFUSAL_NONE)
    return TRUE;
  details = ward_audit_details ("why", gate.why, "kind", "break-glass", NULL);
  _ward_auth_flow_audit (self, WARD_AUDIT_SIGN_IN_REFUSED, user->username, details, TRUE);
  _ward_auth_flow_refuse_and_lock (self, gate.refusal, gate.message);
  return FALSE;
}

static void
badge_while_signed_in (WardAuthFlow   *self,
                       WardUserRecord *user)
{
  /* An unknown card waved at a busy kiosk must not end someone's work. */
  if (user == NULL)
    {
      _ward_auth_flow_audit (self, WARD_AUDIT_BADGE_UNKNOWN, NULL, NULL, FALSE);
      _ward_auth_flow_refuse (self, WARD_AUTH_REFUSAL_UNKNOWN_BADGE,
              _("This badge is not recognised. If it is yours, ask the charge nurse or IT."));
      return;
    }
  if (user->id == ward_session_get_user_id (self->session))
    {
      /* Tap-out: the same badge ends the session. */
      ward_badge_taps_note_tap_out (self->taps, user->id);
      _ward_auth_flow_end_session (self, WARD_AUTH_ENDED_TAP_OUT);
      _ward_auth_flow_return_to_locked (self);
      return;
    }
  /* During an emergency, another badge may be a colleague leaning over
   * the bed: it asks first rather than ending the care in progress. */
  if (ward_session_get_kind (self->session) == WARD_SESSION_KIND_BREAK_GLASS)
    {
      ward_badge_taps_ask_tap_over (self->taps, user->id,
                                    user->full_name != NULL ? user->full_name : user->username);
      _ward_auth_flow_changed (self);
      return;
    }
  /* Tap-over: another person's badge ends this session and starts theirs. */
  _ward_auth_flow_end_session (self, WARD_AUTH_ENDED_TAP_OVER);
  _ward_auth_flow_return_to_locked (self);
  _ward_auth_flow_begin_sign_in (self, user);
}

void
ward_auth_flow_badge (WardAuthFlow *self,
                      const char   *badge_uid)
{
  g_autoptr(WardUserRecord) user = NULL;

  g_return_if_fail (WARD_IS_AUTH_FLOW (self));
  g_return_if_fail (badge_uid != NULL);

  if (self->state == WARD_AUTH_STATE_SIGNED_IN)
    {
      g_autoptr(GError) error = NULL;
      gint64 user_id = ward_credentials_find_badge (self->store, badge_uid, &error);

      if (user_id > 0)
        user = ward_directory_get_user (self->store, user_id, NULL);
      badge_while_signed_in (self, user);
      return;
    }

  user = user_for_badge (self, badge_uid);
  if (user == NULL)
    return;

  if (self->state == WARD_AUTH_STATE_LOCKED && ward_badge_taps_is_tap_out_echo (self->taps, user->id))
    {
      g_debug ("A second read of the badge that just signed out: ignored");
      return;
    }

  if (self->state == WARD_AUTH_STATE_BREAK_GLASS_BADGE)
    {
      if (!break_glass_allowed (self, user))
        return;
      _ward_auth_flow_clear_pending (self);
      _ward_auth_flow_take_pending_user (self, user);
      _ward_auth_flow_enter (self, WARD_AUTH_STATE_BREAK_GLASS_REASON);
      return;
    }

  /* The same badge again mid-way changes nothing; another badge restarts. */
  if (self->state != WARD_AUTH_STATE_LOCKED && user->id == self->pending_user_id)
    return;
  _ward_auth_flow_begin_sign_in (self, user);
}
