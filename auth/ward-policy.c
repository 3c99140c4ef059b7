/* ward-policy.c: which factors an account needs, and growing delays then lockout after failures */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-policy.h"
#include "auth/ward-admin-guard.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"

#define DEFAULT_LOCKOUT_THRESHOLD 10
#define DEFAULT_DELAY_AFTER       3
#define DEFAULT_DELAY_BASE        30
#define MAX_DELAY_SECONDS         (15 * 60)

/* Roles that can change who may do what must never sign in more weakly
 * than the nurses whose accounts they manage. */
static const char *const administrative_permissions[] = {
  "users.manage", "roles.manage", "credentials.enroll", "accounts.unlock", NULL
};

static const char *const factors_checked[] = { "badge", "key", "pin", "totp", NULL };

struct _WardPolicy
{
  WardStoreService parent_instance;
};

G_DEFINE_FINAL_TYPE (WardPolicy, ward_policy, WARD_TYPE_STORE_SERVICE)
G_DEFINE_QUARK (ward-policy-error-quark, ward_policy_error)

static void
ward_policy_class_init (WardPolicyClass *klass)
{
}

static void
ward_policy_init (WardPolicy *self)
{
}

WardPolicy *
ward_policy_new (WardStore *store)
{
  return g_object_new (WARD_TYPE_POLICY, "store", store, NULL);
}

char *
ward_policy_factors_to_string (WardFactors factors)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (factors & WARD_FACTOR_BADGE)
    g_strv_builder_add (names, "badge");
  if (factors & WARD_FACTOR_KEY)
    g_strv_builder_add (names, "key");
  if (factors & WARD_FACTOR_UV)
    g_strv_builder_add (names, "pin");
  if (factors & WARD_FACTOR_TOTP)
    g_strv_builder_add (names, "totp");
  strv = g_strv_builder_end (names);
  return g_strjoinv ("+", strv);
}

gboolean
ward_policy_factors_from_strv (const char *const  *names,
                               WardFactors        *factors,
                               GError            **error)
{
  *factors = 0;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "badge"))
        *factors |= WARD_FACTOR_BADGE;
      else if (g_str_equal (names[i], "key"))
        *factors |= WARD_FACTOR_KEY;
      else if (g_str_equal (names[i], "pin"))
        *factors |= WARD_FACTOR_KEY | WARD_FACTOR_UV;
      else if (g_str_equal (names[i], "totp"))
        *factors |= WARD_FACTOR_TOTP;
      else
        {
          g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE,
                       _("“%s” is not a factor; use badge, key, pin or totp."), names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

guint
ward_policy_get_lockout_threshold (WardPolicy *self)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  gint64 threshold = ward_policy_store_get_setting (store, "lockout-threshold", DEFAULT_LOCKOUT_THRESHOLD);

  /* Whatever the database says, never more than 100 tries (SP 800-63B §3.2.2). */
  return (guint) CLAMP (threshold, WARD_POLICY_MIN_LOCKOUT_THRESHOLD, WARD_POLICY_MAX_LOCKOUT_THRESHOLD);
}

/* No delay for the first few slips; then 30 s, doubling, at most 15 min. */
gint64
ward_policy_delay_seconds (WardPolicy *self,
                           guint       consecutive_failures)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  gint64 after = ward_policy_store_get_setting (store, "delay-after-failures", DEFAULT_DELAY_AFTER);
  gint64 base = ward_policy_store_get_setting (store, "delay-base-seconds", DEFAULT_DELAY_BASE);
  gint64 delay = base;

  if (consecutive_failures < after)
    return 0;
  for (guint i = (guint) after; i < consecutive_failures && delay < MAX_DELAY_SECONDS; i++)
    delay *= 2;
  return MIN (delay, MAX_DELAY_SECONDS);
}

/**
 * ward_policy_describe_wait:
 * @retry_at: when a delayed factor may be tried again, as
 *   ward_policy_check() gives it (seconds on the store's clock)
 *
 * How long is left to wait, in words for the person at the kiosk:
 * "30 seconds", "2 minutes" (rounded up, so that a person who waits that
 * long is never refused again).
 */
char *
ward_policy_describe_wait (WardPolicy *self,
                           gint64      retry_at)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  gint64 left;

  g_return_val_if_fail (WARD_IS_POLICY (self), NULL);

  left = retry_at - ward_clock_get_now (ward_store_get_clock (store));
  left = CLAMP (left, 1, MAX_DELAY_SECONDS);
  if (left < 60)
    /* Translators: how long to wait before trying again. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second", "%d seconds", (gulong) left), (int) left);
  left = (left + 59) / 60;
  /* Translators: how long to wait before trying again. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) left), (int) left);
}

WardFactors
ward_policy_factors_for_user (WardPolicy  *self,
                              gint64       user_id,
                              GError     **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  WardFactors factors = WARD_FACTORS_DEFAULT;

  if (!ward_policy_store_get_user_factors (store, user_id, &factors, error))
    return 0;
  return factors | WARD_FACTOR_BADGE;
}

/* Whether the role can change who may do what (manage accounts, roles,
 * credentials or lockouts). */
gboolean
ward_policy_role_is_administrative (WardStore  *store,
                                    const char *role)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, NULL);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      WardRoleRecord *record = g_ptr_array_index (roles, i);

      if (!g_str_equal (record->name, role))
        continue;
      for (guint j = 0; administrative_permissions[j] != NULL; j++)
        if (g_strv_contains ((const char *const *) record->permissions, administrative_permissions[j]))
          return TRUE;
    }
  return FALSE;
}

/* Checked after the change, inside its transaction: every administrative
 * role still needs at least what nurses need. */
gboolean
ward_policy_check_admins_not_weaker (WardStore  *store,
                                     GError    **error)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, error);
  WardFactors nurse = WARD_FACTORS_DEFAULT;

  if (roles == NULL || !ward_policy_store_get_role_factors (store, "nurse", &nurse, error))
    return FALSE;
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *record = g_ptr_array_index (roles, i);
      WardFactors factors = 0;

      if (!ward_policy_role_is_administrative (store, record->name))
        continue;
      if (!ward_policy_store_get_role_factors (store, record->name, &factors, error))
        return FALSE;
      if ((factors & nurse) != nurse)
        {
          g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK,
                       _("The role “%s” manages accounts, so it must need at least what nurses need."),
                       record->name);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ward_policy_set_role_factors (WardPolicy   *self,
                              WardActor    *actor,
                              const char   *role,
                              WardFactors   factors,
                              GError      **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *names = NULL;
  g_autofree char *details = NULL;
  guint usable_admins;
  gboolean ok;

  if (!ward_actor_require (actor, store, "roles.manage", "policy set", error))
    return FALSE;
  /* A badge only says who; something the person has must prove it. */
  if (!(factors & WARD_FACTOR_BADGE) || !(factors & (WARD_FACTOR_KEY | WARD_FACTOR_TOTP)))
    {
      g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK,
                   _("Every role needs the badge and at least a key or a code."));
      return FALSE;
    }
  if (!ward_store_begin (store, error))
    return FALSE;

  names = ward_policy_factors_to_string (factors);
  details = ward_audit_details ("role", role, "factors", names, NULL);
  usable_admins = ward_admin_guard_count_usable (store, 0);
  ok = ward_policy_store_set_role_factors (store, role, factors, error)
    && ward_policy_check_admins_not_weaker (store, error)
    && ward_admin_guard_check_after (store, usable_admins, error)
    && ward_audit_append (store, WARD_AUDIT_POLICY_CHANGED, ward_actor_get_name (actor), role,
                          details, FALSE, error);
  return ward_store_finish (store, ok, error);
}

gboolean
ward_policy_set_lockout_threshold (WardPolicy  *self,
                                   WardActor   *actor,
                                   guint        threshold,
                                   GError     **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *value = g_strdup_printf ("%u", threshold);
  g_autofree char *details = ward_audit_details ("lockout_threshold", value, NULL);
  gboolean ok;

  if (!ward_actor_require (actor, store, "roles.manage", "policy set lockout", error))
    return FALSE;
  if (threshold < WARD_POLICY_MIN_LOCKOUT_THRESHOLD || threshold > WARD_POLICY_MAX_LOCKOUT_THRESHOLD)
    {
      g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE,
                   _("The lockout limit must be between %d and %d failures."),
                   WARD_POLICY_MIN_LOCKOUT_THRESHOLD, WARD_POLICY_MAX_LOCKOUT_THRESHOLD);
      return FALSE;
    }
  if (!ward_store_begin (store, error))
    return FALSE;
  ok = ward_policy_store_set_setting (store, "lockout-threshold", threshold, error)
    && ward_audit_append (store, WARD_AUDIT_POLICY_CHANGED, ward_actor_get_name (actor), NULL,
                          details, FALSE, error);
  return ward_store_finish (store, ok, error);
}

static WardPolicyVerdict
verdict_for (WardPolicy              *self,
             const WardFailureRecord *record,
             gint64                  *retry_at)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  gint64 delay;

  if (record->locked_at != 0 || record->consecutive >= ward_policy_get_lockout_threshold (self))
    return WARD_POLICY_LOCKED;
  delay = ward_policy_delay_seconds (self, record->consecutive);
  if (delay > 0 && record->last_failure_at + delay > ward_clock_get_now (ward_store_get_clock (store)))
    {
      if (retry_at != NULL)
        *retry_at = record->last_failure_at + delay;
      return WARD_POLICY_DELAYED;
    }
  return WARD_POLICY_ALLOWED;
}

/* Fails closed: when the counts cannot be read, the factor is locked. */
WardPolicyVerdict
ward_policy_check (WardPolicy *self,
                   gint64      user_id,
                   const char *factor,
                   gint64     *retry_at)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardFailureRecord) record = ward_failures_get (store, user_id, factor, NULL);

  if (record == NULL)
    return WARD_POLICY_LOCKED;
  return verdict_for (self, record, retry_at);
}

/* The worst verdict over every factor: a lock on any factor locks the account. */
WardPolicyVerdict
ward_policy_check_account (WardPolicy *self,
                           gint64      user_id,
                           gint64     *retry_at)
{
  WardPolicyVerdict worst = WARD_POLICY_ALLOWED;

  for (guint i = 0; factors_checked[i] != NULL; i++)
    {
      gint64 until = 0;
      WardPolicyVerdict verdict = ward_policy_check (self, user_id, factors_checked[i], &until);

      if (verdict > worst)
        worst = verdict;
      if (verdict == WARD_POLICY_DELAYED && retry_at != NULL && until > *retry_at)
        *retry_at = until;
    }
  return worst;
}

/* Counts the failure, audits it, and locks the factor when the limit is
 * reached. The verdict tells the caller what the person may do next. */
WardPolicyVerdict
ward_policy_record_failure (WardPolicy *self,
                            gint64      user_id,
                            const char *username,
                            const char *factor,
                            const char *reason,
                            gint64     *retry_at,
                            guint      *attempts_left)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardFailureRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;
  guint threshold = ward_policy_get_lockout_threshold (self);
  WardPolicyVerdict verdict = WARD_POLICY_LOCKED;

  if (!ward_store_begin (store, &error))
    goto out;
  /* The count and the lock decision of one person are one step site-wide. */
  if (ward_store_lock (store, WARD_STORE_LOCK_ACCOUNT, user_id, &error))
    record = ward_failures_add (store, user_id, factor, FALSE, &error);
  if (record == NULL)
    {
      ward_store_rollback (store);
      goto out;
    }

  /* The count, the lock and their audit records land together or not at
   * all; when they cannot be stored the verdict is LOCKED (fail closed). */
  count = g_strdup_printf ("%u", record->consecutive);
  details = ward_audit_details ("factor", factor, "reason", reason, "consecutive", count, NULL);
  if (!ward_audit_append (store, WARD_AUDIT_FACTOR_FAILED, username, username, details, FALSE, &error)
      || (record->consecutive >= threshold && record->locked_at == 0
          && (!ward_failures_lock (store, user_id, factor, &error)
              || !ward_audit_append (store, WARD_AUDIT_ACCOUNT_LOCKED, username, username, details,
                                     TRUE, &error))))
    {
      ward_store_rollback (store);
      goto out;
    }
  if (record->consecutive >= threshold && record->locked_at == 0)
    record->locked_at = ward_clock_get_now (ward_store_get_clock (store));
  if (!ward_store_commit (store, &error))
    goto out;

  verdict = verdict_for (self, record, retry_at);
  if (attempts_left != NULL)
    *attempts_left = record->consecutive >= threshold ? 0 : threshold - record->consecutive;

out:
  if (error != NULL)
    g_warning ("A failed sign-in could not be counted: %s", error->message);
  return verdict;
}

void
ward_policy_record_success (WardPolicy *self,
                            gint64      user_id,
                            const char *factor)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(GError) error = NULL;

  if (!ward_failures_reset (store, user_id, factor, &error))
    g_warning ("A successful sign-in could not reset the failure count: %s", error->message);
}

gboolean
ward_policy_unlock (WardPolicy  *self,
                    WardActor   *actor,
                    const char  *username,
                    GError     **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(GError) local_error = NULL;
  guint cleared;

  /* Checked before the transaction, so that a refusal's audit record is
   * not rolled back with it. */
  if (!ward_actor_require (actor, store, "accounts.unlock", "unlock", error))
    return FALSE;
  user = ward_directory_find_user (store, username, error);
  if (user == NULL
      || !ward_actor_require_over (actor, store, "accounts.unlock", "unlock", user->id, error)
      || !ward_store_begin (store, error))
    return FALSE;
  if (!ward_store_lock (store, WARD_STORE_LOCK_ACCOUNT, user->id, error))
    {
      ward_store_rollback (store);
      return FALSE;
    }

  cleared = ward_failures_unlock_all (store, user->id, &local_error);
  if (local_error != NULL)
    {
      ward_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (cleared == 0)
    {
      ward_store_rollback (store);
      g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_NOT_LOCKED,
                   _("“%s” has no failed sign-ins to clear."), username);
      return FALSE;
    }
  if (!ward_audit_append (store, WARD_AUDIT_ACCOUNT_UNLOCKED, ward_actor_get_name (actor), username,
                          NULL, ward_actor_is_flagged (actor), error))
    {
      ward_store_rollback (store);
      return FALSE;
    }
  return ward_store_commit (store, error);
}
