/* ward-code-factor.c: the authenticator-app code (TOTP) as a sign-in factor: enrolment and checking */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-code-factor.h"
#include "auth/ward-admin-guard.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"

struct _WardCodeFactor
{
  GObject     parent_instance;
  WardStore  *store;
  WardPolicy *policy;
};

G_DEFINE_FINAL_TYPE (WardCodeFactor, ward_code_factor, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-code-factor-error-quark, ward_code_factor_error)

void
ward_code_enrolment_free (WardCodeEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  ward_totp_free_sensitive (enrolment->otpauth_uri);
  ward_totp_free_sensitive (enrolment->secret_base32);
  g_free (enrolment);
}

static void
ward_code_factor_finalize (GObject *object)
{
  WardCodeFactor *self = WARD_CODE_FACTOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  G_OBJECT_CLASS (ward_code_factor_parent_class)->finalize (object);
}

static void
ward_code_factor_class_init (WardCodeFactorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_code_factor_finalize;
}

static void
ward_code_factor_init (WardCodeFactor *self)
{
}

WardCodeFactor *
ward_code_factor_new (WardStore  *store,
                      WardPolicy *policy)
{
  WardCodeFactor *self = g_object_new (WARD_TYPE_CODE_FACTOR, NULL);

  self->store = g_object_ref (store);
  self->policy = g_object_ref (policy);
  return self;
}

static gboolean
load_params (const WardTotpRecord  *record,
             WardTotpParams        *params)
{
  params->digits = record->digits;
  params->period = record->period;
  return ward_totp_algorithm_from_string (record->algorithm, &params->algorithm)
      && ward_totp_params_is_valid (params);
}

static WardUserRecord *
find_target (WardCodeFactor  *self,
             WardActor       *actor,
             const char      *username,
             const char      *operation,
             GError         **error)
{
  g_autoptr(WardUserRecord) user = NULL;

  if (!ward_actor_require (actor, self->store, "credentials.enroll", operation, error))
    return NULL;
  user = ward_directory_find_user (self->store, username, error);
  if (user == NULL
      || !ward_actor_require_over (actor, self->store, "credentials.enroll", operation, user->id, error))
    return NULL;
  return g_steal_pointer (&user);
}

/* Creates a fresh secret, sealed and pending: the working app (if any)
 * keeps working until the person types a first valid code from the new one. */
WardCodeEnrolment *
ward_code_factor_begin_enrolment (WardCodeFactor  *self,
                                  WardActor       *actor,
                                  const char      *username,
                                  const char      *issuer,
                                  GError         **error)
{
  g_autoptr(WardUserRecord) user = find_target (self, actor, username, "totp enroll", error);
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(WardCodeEnrolment) enrolment = g_new0 (WardCodeEnrolment, 1);
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  gboolean ok;

  if (user == NULL)
    return NULL;
  secret = ward_totp_generate_secret ();
  if (secret == NULL)
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_FAILED,
                   _("The system could not provide random bytes for a new code."));
      return NULL;
    }
  if (!ward_store_begin (self->store, error))
    return NULL;
  ok = ward_credentials_set_pending_totp (self->store, user->id, g_bytes_get_data (secret, NULL),
                                          g_bytes_get_size (secret), ward_totp_algorithm_to_string (params.algorithm),
                                          params.digits, params.period,
                                          ward_actor_get_user_id (actor), error)
    && ward_audit_append (self->store, WARD_AUDIT_TOTP_ENROLL_STARTED, ward_actor_get_name (actor), username,
                          NULL, ward_actor_is_flagged (actor), error);
  if (!ward_store_finish (self->store, ok, error))
    return NULL;

  enrolment->otpauth_uri = ward_totp_otpauth_uri (issuer, username, secret, &params);
  enrolment->secret_base32 = ward_totp_secret_to_base32 (secret);
  if (enrolment->otpauth_uri == NULL || enrolment->secret_base32 == NULL)
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_FAILED,
                   _("The set-up code for the app could not be made; check the site name in the settings."));
      return NULL;
    }
  return g_steal_pointer (&enrolment);
}

static WardTotpResult
validate_against (WardCodeFactor  *self,
                  WardTotpRecord  *record,
                  const char      *code,
                  gint64          *step,
                  GError         **error)
{
  g_autoptr(GBytes) secret = NULL;
  WardTotpParams params;

  if (!load_params (record, &params))
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_INVALID_PARAMS,
                   _("The stored code settings are damaged. Ask an administrator to reset the app."));
      return WARD_TOTP_MALFORMED;
    }
  secret = ward_credentials_unseal_totp (self->store, record, error);
  if (secret == NULL)
    return WARD_TOTP_MALFORMED;
  return ward_totp_validate (secret, &params, code, ward_clock_get_now (ward_store_get_clock (self->store)),
                             record->last_step, step);
}

static gboolean
check_code (WardCodeFactor  *self,
            gint64           user_id,
            const char      *code,
            WardTotpResult  *result,
            GError         **error)
{
  g_autoptr(WardTotpRecord) record = ward_credentials_get_totp (self->store, user_id, NULL);
  g_autoptr(GError) local_error = NULL;
  gint64 step = -1;

  if (record == NULL || !record->confirmed)
    {
      g_set_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_NOT_ENROLLED,
                   _("No authenticator app is set up for you yet. Ask the charge nurse or an administrator."));
      return FALSE;
    }
  *result = validate_against (self, record, code, &step, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* The step is claimed with a compare-and-set, so two kiosks taking the
   * same code at the same instant cannot both accept it. */
  if (*result == WARD_TOTP_ACCEPTED && !ward_credentials_accept_totp_step (self->store, user_id, step, NULL))
    *result = WARD_TOTP_REPLAYED;
  return TRUE;
}

gboolean
ward_code_factor_confirm_enrolment (WardCodeFactor  *self,
                                    WardActor       *actor,
                                    const char      *username,
                                    const char      *code,
                                    GError         **error)
{
  g_autoptr(WardUserRecord) user = find_target (self, actor, username, "totp enroll", error);
  g_autoptr(WardTotpRecord) pending = NULL;
  WardTotpResult result;
  gint64 step = -1;
  gboolean ok;

  if (user == NULL)
    return FALSE;
  pending = ward_credentials_get_pending_totp (self->store, user->id, error);
  if (pending == NULL)
    return FALSE;
  result = validate_against (self, pending, code, &step, error);
  if (result != WARD_TOTP_ACCEPTED)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE,
                     _("That code is not right. Check the app shows “%s” and type the newest code."), username);
      return FALSE;
    }

  if (!ward_store_begin (self->store, error))
    return FALSE;
  ok = ward_credentials_promote_pending_totp (self->store, user->id, step, error)
    && ward_audit_append (self->store, WARD_AUDIT_TOTP_ENROLLED, ward_actor_get_name (actor),
                          username, NULL, ward_actor_is_flagged (actor), error);
  return ward_store_finish (self->store, ok, error);
}

gboolean
ward_code_factor_reset (WardCodeFactor  *self,
                        WardActor       *actor,
                        const char      *username,
                        GError         **error)
{
  g_autoptr(WardUserRecord) user = find_target (self, actor, username, "totp reset", error);
  guint usable_admins;
  gboolean ok;

  if (user == NULL || !ward_store_begin (self->store, error))
    return FALSE;
  usable_admins = ward_admin_guard_count_usable (self->store, 0);
  ok = ward_credentials_delete_totp (self->store, user->id, error)
    && ward_admin_guard_check_after (self->store, usable_admins, error)
    && ward_audit_append (self->store, WARD_AUDIT_TOTP_RESET, ward_actor_get_name (actor), username,
                          NULL, ward_actor_is_flagged (actor), error);
  return ward_store_finish (self->store, ok, error);
}

gboolean
ward_code_factor_is_enrolled (WardCodeFactor *self,
                              gint64          user_id)
{
  g_autoptr(WardTotpRecord) record = ward_credentials_get_totp (self->store, user_id, NULL);

  return record != NULL && record->confirmed;
}

#if WARD_DEMO_BUILD
/* The code an app would show now (or offset_steps periods away): for the
 * demo ward only, which plays the phone of every demo person. A clinical
 * build has no way to compute someone's code. */
char *
ward_code_factor_current_code (WardCodeFactor  *self,
                               gint64           user_id,
                               gint64           offset_steps,
                               GError         **error)
{
  g_autoptr(WardTotpRecord) record = ward_credentials_get_totp (self->store, user_id, error);
  g_autoptr(GBytes) secret = NULL;
  WardTotpParams params;

  if (record == NULL)
    return NULL;
  if (!load_params (record, &params))
    return NULL;
  secret = ward_credentials_unseal_totp (self->store, record, error);
  if (secret == NULL)
    return NULL;
  return ward_totp_code_at (secret, &params,
                            ward_clock_get_now (ward_store_get_clock (self->store)) + offset_steps * params.period,
                            error);
}
#endif

static gboolean
refuse_for_verdict (WardCodeFactor     *self,
                    WardPolicyVerdict   verdict,
                    gint64              retry_at,
                    GError            **error)
{
  if (verdict == WARD_POLICY_LOCKED)
    g_set_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_LOCKED,
                 _("Your account is locked after too many wrong tries. Ask the charge nurse or IT to unlock it."));
  else if (verdict == WARD_POLICY_DELAYED)
    {
      g_autofree char *wait = ward_policy_describe_wait (self->policy, retry_at);

      /* Translators: %s is how long, e.g. "30 seconds" or "2 minutes". */
      g_set_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_DELAYED,
                   _("Too many wrong codes. Wait %s before trying again."), wait);
    }
  return verdict == WARD_POLICY_ALLOWED;
}

/* A wrong code and a code used before get the same words: the refusal
 * must not tell an onlooker that a replayed code was otherwise valid. The
 * audit and the awareness prompts still learn which it was. */
static gboolean
verify_in_transaction (WardCodeFactor  *self,
                       gint64           user_id,
                       const char      *username,
                       const char      *code,
                       guint           *attempts_left,
                       gint64          *retry_at,
                       GError         **error)
{
  WardTotpResult result = WARD_TOTP_REJECTED;
  WardPolicyVerdict verdict;
  gint64 until = 0;

  verdict = ward_policy_check (self->policy, user_id, "totp", &until);
  if (retry_at != NULL)
    *retry_at = until;
  if (!refuse_for_verdict (self, verdict, until, error))
    return FALSE;
  if (!check_code (self, user_id, code, &result, error))
    return FALSE;

  if (result == WARD_TOTP_ACCEPTED)
    {
      ward_policy_record_success (self->policy, user_id, "totp");
      return TRUE;
    }

  verdict = ward_policy_record_failure (self->policy, user_id, username, "totp",
                                        result == WARD_TOTP_REPLAYED ? "replayed"
                                        : result == WARD_TOTP_MALFORMED ? "malformed" : "wrong",
                                        &until, attempts_left);
  if (retry_at != NULL)
    *retry_at = until;
  if (verdict != WARD_POLICY_ALLOWED)
    return refuse_for_verdict (self, verdict, until, error);
  g_set_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE,
               _("That code was not accepted. Type the newest code from your app."));
  return FALSE;
}

/* One guess at a time per person, site-wide: the lockout check, the code's
 * check-and-set of its time step and the failure count happen in one
 * transaction holding that person's lock (and no one else's). Kiosks
 * hammering one account in parallel check no more codes than the limit
 * allows, and a code typed at two kiosks at once is accepted at one of
 * them only; other people's sign-ins do not wait. */
gboolean
ward_code_factor_verify (WardCodeFactor  *self,
                         gint64           user_id,
                         const char      *username,
                         const char      *code,
                         guint           *attempts_left,
                         gint64          *retry_at,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean accepted;

  if (!ward_store_begin (self->store, error))
    return FALSE;
  if (!ward_store_lock (self->store, WARD_STORE_LOCK_ACCOUNT, user_id, error))
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  accepted = verify_in_transaction (self, user_id, username, code, attempts_left, retry_at, &local_error);
  /* A refusal is committed too: its failure count is the point. */
  if (!ward_store_commit (self->store, accepted || local_error == NULL ? error : NULL))
    {
      if (!accepted && local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!accepted && local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return accepted;
}
