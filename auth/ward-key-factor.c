/* ward-key-factor.c: the FIDO2 security key as a sign-in factor: enrolment, revocation, checking */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/rand.h>

#include "auth/ward-key-factor.h"
#include "auth/ward-admin-guard.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"

struct _WardKeyFactor
{
  GObject      parent_instance;
  WardStore   *store;
  WardPolicy  *policy;
  WardFidoKey *fido;
};

typedef struct
{
  gint64     user_id;
  char      *username;
  char      *actor_name;
  gint64     actor_user_id;
  gboolean   flagged;
  char      *label;
  GPtrArray *keys;          /* WardKeyRecord, parallel to the allowed credentials */
  guint      attempts_left;
} KeyOperation;

G_DEFINE_FINAL_TYPE (WardKeyFactor, ward_key_factor, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-key-factor-error-quark, ward_key_factor_error)

static void
key_operation_free (KeyOperation *operation)
{
  g_free (operation->username);
  g_free (operation->actor_name);
  g_free (operation->label);
  g_clear_pointer (&operation->keys, g_ptr_array_unref);
  g_free (operation);
}

static void
ward_key_factor_finalize (GObject *object)
{
  WardKeyFactor *self = WARD_KEY_FACTOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_object (&self->fido);
  G_OBJECT_CLASS (ward_key_factor_parent_class)->finalize (object);
}

static void
ward_key_factor_class_init (WardKeyFactorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_key_factor_finalize;
}

static void
ward_key_factor_init (WardKeyFactor *self)
{
}

WardKeyFactor *
ward_key_factor_new (WardStore   *store,
                     WardPolicy  *policy,
                     WardFidoKey *fido)
{
  WardKeyFactor *self = g_object_new (WARD_TYPE_KEY_FACTOR, NULL);

  self->store = g_object_ref (store);
  self->policy = g_object_ref (policy);
  self->fido = g_object_ref (fido);
  return self;
}

WardFidoKey *
ward_key_factor_get_fido_key (WardKeyFactor *self)
{
  return self->fido;
}

static GPtrArray *
credentials_from_keys (GPtrArray *keys)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_fido_credential_free);

  for (guint i = 0; i < keys->len; i++)
    {
      WardKeyRecord *key = g_ptr_array_index (keys, i);

      g_ptr_array_add (credentials, ward_fido_credential_new (key->credential_id, key->cose_alg, key->public_key,
                                                              (guint32) key->sign_count, key->aaguid, NULL));
    }
  return credentials;
}

static GBytes *
random_user_handle (void)
{
  guint8 handle[16];

  /* The user handle goes onto the key: random, so it names nobody. */
  if (RAND_bytes (handle, sizeof handle) != 1)
    return NULL;
  return g_bytes_new (handle, sizeof handle);
}

static void
enrolled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardKeyFactor *self = g_task_get_source_object (task);
  KeyOperation *operation = g_task_get_task_data (task);
  g_autoptr(WardFidoCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  WardKeyRecord record = { 0 };
  gint64 key_id = 0;

  credential = ward_fido_key_enroll_finish (WARD_FIDO_KEY (source), result, &error);
  if (credential == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  record.user_id = operation->user_id;
  record.credential_id = credential->credential_id;
  record.cose_alg = credential->cose_alg;
  record.public_key = credential->public_key;
  record.sign_count = credential->sign_count;
  record.aaguid = credential->aaguid;
  record.rp_id = (char *) ward_fido_key_get_rp_id (self->fido);
  record.label = operation->label;
  record.enrolled_by = operation->actor_user_id;
  details = ward_audit_details ("label", operation->label, "format", credential->format, NULL);

  if (!ward_store_begin (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  key_id = ward_credentials_add_key (self->store, &record, &error);
  if (key_id == 0 || !ward_audit_append (self->store, WARD_AUDIT_KEY_ENROLLED, operation->actor_name,
                                         operation->username, details, operation->flagged, &error))
    {
      ward_store_rollback (self->store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ward_store_commit (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, key_id);
}

void
ward_key_factor_enroll_async (WardKeyFactor       *self,
                              WardActor           *actor,
                              const char          *username,
                              const char          *label,
                              const char          *pin,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) exclude = NULL;
  g_autoptr(GBytes) handle = random_user_handle ();
  g_autoptr(GError) error = NULL;
  KeyOperation *operation;

  g_task_set_source_tag (task, ward_key_factor_enroll_async);
  if (handle == NULL)
    {
      g_task_return_new_error (task, WARD_FIDO_ERROR, WARD_FIDO_ERROR_DEVICE,
                               _("The system could not provide random bytes for the key."));
      return;
    }
  if (!ward_actor_require (actor, self->store, "credentials.enroll", "key enroll", &error)
      || (user = ward_directory_find_user (self->store, username, &error)) == NULL
      || !ward_actor_require_over (actor, self->store, "credentials.enroll", "key enroll", user->id, &error)
      || (keys = ward_credentials_list_keys (self->store, user->id, FALSE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  operation = g_new0 (KeyOperation, 1);
  operation->user_id = user->id;
  operation->username = g_strdup (user->username);
  operation->actor_name = g_strdup (ward_actor_get_name (actor));
  operation->actor_user_id = ward_actor_get_user_id (actor);
  operation->flagged = ward_actor_is_flagged (actor);
  operation->label = g_strdup (label != NULL && *label != '\0' ? label
                               : keys->len == 0 ? _("Main key") : _("Backup key"));
  g_task_set_task_data (task, operation, (GDestroyNotify) key_operation_free);

  /* The same key cannot be enrolled twice for one person. */
  exclude = credentials_from_keys (keys);
  ward_fido_key_enroll_async (self->fido, handle, user->username, user->full_name, exclude,
                              pin != NULL, pin, cancellable, enrolled_cb, g_steal_pointer (&task));
}

gint64
ward_key_factor_enroll_finish (WardKeyFactor  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  gint64 key_id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  /* GTask reports an error as -1; callers test for 0. */
  key_id = g_task_propagate_int (G_TASK (result), error);
  return key_id > 0 ? key_id : 0;
}

GPtrArray *
ward_key_factor_list_keys (WardKeyFactor  *self,
                           WardActor      *actor,
                           const char     *username,
                           GError        **error)
{
  g_autoptr(WardUserRecord) user = NULL;

  if (!ward_actor_require (actor, self->store, "credentials.enroll", "key list", error))
    return NULL;
  user = ward_directory_find_user (self->store, username, error);
  /* Which keys an administrator has (and when they were last used) is not
   * for someone who could not enrol them. */
  if (user == NULL
      || !ward_actor_require_over (actor, self->store, "credentials.enroll", "key list", user->id, error))
    return NULL;
  return ward_credentials_list_keys (self->store, user->id, TRUE, error);
}

gboolean
ward_key_factor_revoke (WardKeyFactor  *self,
                        WardActor      *actor,
                        const char     *username,
                        gint64          key_id,
                        GError        **error)
{
  g_autoptr(WardUserRecord) user = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, key_id);
  g_autofree char *details = ward_audit_details ("key", id_text, NULL);
  guint usable_admins;
  gboolean ok;

  if (!ward_actor_require (actor, self->store, "credentials.enroll", "key revoke", error))
    return FALSE;
  user = ward_directory_find_user (self->store, username, error);
  if (user == NULL
      || !ward_actor_require_over (actor, self->store, "credentials.enroll", "key revoke", user->id, error)
      || !ward_store_begin (self->store, error))
    return FALSE;
  usable_admins = ward_admin_guard_count_usable (self->store, 0);
  ok = ward_credentials_revoke_key (self->store, user->id, key_id, error)
    && ward_admin_guard_check_after (self->store, usable_admins, error)
    && ward_audit_append (self->store, WARD_AUDIT_KEY_REVOKED, ward_actor_get_name (actor), username,
                          details, ward_actor_is_flagged (actor), error);
  return ward_store_finish (self->store, ok, error);
}

gboolean
ward_key_factor_is_enrolled (WardKeyFactor *self,
                             gint64         user_id)
{
  g_autoptr(GPtrArray) keys = ward_credentials_list_keys (self->store, user_id, FALSE, NULL);

  return keys != NULL && keys->len > 0;
}

/* Failures that say something about the person or the key count towards
 * the lockout; a missing, busy or untouched key does not. */
static const char *
failure_reason (const GError *error)
{
  if (error->domain != WARD_FIDO_ERROR)
    return NULL;
  switch (error->code)
    {
    case WARD_FIDO_ERROR_NOT_REGISTERED:     return "wrong-key";
    case WARD_FIDO_ERROR_NO_PRESENCE:        return "no-presence";
    case WARD_FIDO_ERROR_UV_MISSING:         return "no-verification";
    case WARD_FIDO_ERROR_BAD_SIGNATURE:      return "bad-signature";
    case WARD_FIDO_ERROR_FOREIGN_CREDENTIAL: return "foreign-credential";
    case WARD_FIDO_ERROR_COUNTER_NOT_RISING: return "counter-not-rising";
    case WARD_FIDO_ERROR_PIN_INVALID:        return "wrong-pin";
    default:                                 return NULL;
    }
}

static gboolean
refuse_for_verdict (WardKeyFactor      *self,
                    WardPolicyVerdict   verdict,
                    gint64              retry_at,
                    GError            **error)
{
  if (verdict == WARD_POLICY_LOCKED)
    g_set_error (error, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_LOCKED,
                 _("Your account is locked after too many failed tries. Ask the charge nurse or IT to unlock it."));
  else if (verdict == WARD_POLICY_DELAYED)
    {
      g_autofree char *wait = ward_policy_describe_wait (self->policy, retry_at);

      /* Translators: %s is how long, e.g. "30 seconds" or "2 minutes". */
      g_set_error (error, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_DELAYED,
                   _("Too many failed tries. Wait %s before trying again."), wait);
    }
  return verdict == WARD_POLICY_ALLOWED;
}

static void
count_failure (WardKeyFactor *self,
               KeyOperation  *operation,
               GError       **error)
{
  const char *reason = failure_reason (*error);
  const char *factor = g_error_matches (*error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_PIN_INVALID) ? "pin" : "key";
  WardPolicyVerdict verdict;

  if (reason == NULL)
    return;
  verdict = ward_policy_record_failure (self->policy, operation->user_id, operation->username, factor, reason,
                                        NULL, &operation->attempts_left);
  if (verdict == WARD_POLICY_LOCKED)
    {
      g_clear_error (error);
      refuse_for_verdict (self, verdict, 0, error);
    }
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardKeyFactor *self = g_task_get_source_object (task);
  KeyOperation *operation = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint32 new_count = 0;
  guint index = 0;
  WardKeyRecord *key;

  if (!ward_fido_key_verify_finish (WARD_FIDO_KEY (source), result, &index, &new_count, &error))
    {
      count_failure (self, operation, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The counter moves by compare-and-set: the same key used at two kiosks
   * at once (a clone) loses the race and is refused. */
  key = g_ptr_array_index (operation->keys, index);
  if (!ward_credentials_advance_key_counter (self->store, key->id, key->sign_count, new_count, &error))
    {
      g_clear_error (&error);
      g_set_error (&error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_COUNTER_NOT_RISING,
                   _("This key may have been copied. It has been refused; call the help desk."));
      count_failure (self, operation, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ward_policy_record_success (self->policy, operation->user_id, "key");
  ward_policy_record_success (self->policy, operation->user_id, "pin");
  g_task_return_boolean (task, TRUE);
}

void
ward_key_factor_verify_async (WardKeyFactor       *self,
                              gint64               user_id,
                              const char          *username,
                              gboolean             require_uv,
                              const char          *pin,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GPtrArray) allowed = NULL;
  gint64 key_retry_at = 0, pin_retry_at = 0;
  g_autoptr(GError) error = NULL;
  KeyOperation *operation = g_new0 (KeyOperation, 1);

  g_task_set_source_tag (task, ward_key_factor_verify_async);
  operation->user_id = user_id;
  operation->username = g_strdup (username);
  g_task_set_task_data (task, operation, (GDestroyNotify) key_operation_free);

  if (!refuse_for_verdict (self, ward_policy_check (self->policy, user_id, "key", &key_retry_at), key_retry_at, &error)
      || !refuse_for_verdict (self, ward_policy_check (self->policy, user_id, "pin", &pin_retry_at), pin_retry_at, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  operation->keys = ward_credentials_list_keys (self->store, user_id, FALSE, &error);
  if (operation->keys == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (operation->keys->len == 0)
    {
      g_task_return_new_error (task, WARD_KEY_FACTOR_ERROR, WARD_KEY_FACTOR_ERROR_NOT_ENROLLED,
                               _("No security key is registered for you. Ask the charge nurse or an administrator."));
      return;
    }

  allowed = credentials_from_keys (operation->keys);
  ward_fido_key_verify_async (self->fido, allowed, require_uv, pin, cancellable, verified_cb,
                              g_steal_pointer (&task));
}

gboolean
ward_key_factor_verify_finish (WardKeyFactor  *self,
                               GAsyncResult   *result,
                               guint          *attempts_left,
                               GError        **error)
{
  KeyOperation *operation;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  operation = g_task_get_task_data (G_TASK (result));
  if (attempts_left != NULL)
    *attempts_left = operation->attempts_left;
  return g_task_propagate_boolean (G_TASK (result), error);
}
