/* ward-sign-in-gate.c: the checks made on a badge's owner before any factor is asked for */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-sign-in-gate.h"
#include "data/ward-sessions.h"
#include "data/ward-text.h"

static WardGateVerdict
verdict (WardAuthRefusal  refusal,
         const char      *why,
         const char      *message)
{
  return (WardGateVerdict) { refusal, why, g_strdup (message) };
}

void
ward_gate_verdict_clear (WardGateVerdict *verdict)
{
  g_clear_pointer (&verdict->message, g_free);
}

static const WardGateVerdict allowed = { WARD_AUTH_REFUSAL_NONE, NULL, NULL };

static const char *
locked_message (void)
{
  return _("Your account is locked after too many failed tries. "
           "Ask the charge nurse or IT to unlock it.");
}

static const char *
disabled_message (void)
{
  return _("This account is disabled. If you need access, call the ward manager or IT.");
}

/* Whether this person may start signing in at all, before any factor. */
WardGateVerdict
ward_sign_in_gate_check_account (WardPolicy     *policy,
                                 WardKeyFactor  *keys,
                                 WardCodeFactor *codes,
                                 WardUserRecord *user,
                                 WardFactors     factors)
{
  gint64 retry_at = 0;
  WardPolicyVerdict account;

  if (user->disabled)
    return verdict (WARD_AUTH_REFUSAL_DISABLED, "disabled", disabled_message ());

  account = ward_policy_check_account (policy, user->id, &retry_at);
  if (account == WARD_POLICY_LOCKED)
    return verdict (WARD_AUTH_REFUSAL_LOCKED_OUT, "locked", locked_message ());
  if (account != WARD_POLICY_ALLOWED)
    {
      /* How long, not "a moment": a nurse decides whether to wait or
       * to find another way to do what cannot wait. */
      g_autofree char *wait = ward_policy_describe_wait (policy, retry_at);
      WardGateVerdict delayed = { WARD_AUTH_REFUSAL_DELAYED, "delayed", NULL };

      /* Translators: %s is how long, e.g. "Wait 30 seconds" or "Wait 2 minutes". */
      delayed.message = g_strdup_printf (_("Too many failed tries. Wait %s, then tap your badge again."), wait);
      return delayed;
    }

  if (((factors & WARD_FACTOR_KEY) && !ward_key_factor_is_enrolled (keys, user->id))
      || ((factors & WARD_FACTOR_TOTP) && !ward_code_factor_is_enrolled (codes, user->id)))
    return verdict (WARD_AUTH_REFUSAL_NOT_ENROLLED, "not-enrolled",
                    _("Your security key or authenticator app is not set up yet. "
                      "Ask the charge nurse or an administrator to enrol you."));
  return allowed;
}

/* Emergency access never blocks care: it is refused only to people who
 * are not clinical staff (break-glass.use), disabled or locked. A badge
 * proves nothing, so the session is short, narrow and reviewed. */
WardGateVerdict
ward_sign_in_gate_check_emergency (WardStore      *store,
                                   WardPolicy     *policy,
                                   WardUserRecord *user)
{
  g_auto(GStrv) permissions = NULL;

  if (user->disabled)
    return verdict (WARD_AUTH_REFUSAL_DISABLED, "disabled", disabled_message ());
  permissions = ward_directory_user_permissions (store, user->id, NULL);
  if (permissions == NULL || !g_strv_contains ((const char *const *) permissions, "break-glass.use"))
    return verdict (WARD_AUTH_REFUSAL_NOT_ELIGIBLE, "not-eligible",
                    _("Emergency access is for the clinical staff of this ward. Ask the nurse in charge."));
  if (ward_policy_check_account (policy, user->id, NULL) == WARD_POLICY_LOCKED)
    return verdict (WARD_AUTH_REFUSAL_LOCKED_OUT, "locked",
                    _("Your account is locked, so emergency access is refused. Ask a colleague or the nurse in charge."));
  /* Frequent use is not refused: clinical need wins. The store numbers
   * each use as it opens the session, and the sign-in flow raises a use
   * past the usual number for review. */
  return allowed;
}

WardAuthRefusal
ward_sign_in_gate_final_refusal (const GError *factor_error)
{
  if (g_error_matches (factor_error, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_NOT_ENROLLED))
    return WARD_AUTH_REFUSAL_NOT_ENROLLED;
  if (g_error_matches (factor_error, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_LOCKED)
      || g_error_matches (factor_error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_LOCKED))
    return WARD_AUTH_REFUSAL_LOCKED_OUT;
  if (g_error_matches (factor_error, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_DELAYED)
      || g_error_matches (factor_error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_DELAYED))
    return WARD_AUTH_REFUSAL_DELAYED;
  return WARD_AUTH_REFUSAL_NONE;
}

char *
ward_sign_in_gate_clean_reason (const char *reason)
{
  /* Stored, listed for review and sent to the SIEM: plain text only (no
   * control or invisible formatting characters), in NFC. */
  g_autofree char *stripped = ward_text_clean (reason != NULL ? reason : "");

  if (stripped == NULL || g_utf8_strlen (stripped, -1) < WARD_AUTH_REASON_MIN_LENGTH)
    return NULL;
  return g_steal_pointer (&stripped);
}
