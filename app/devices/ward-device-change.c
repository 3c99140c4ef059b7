/* ward-device-change.c: one proposed device-setting change: limits, permission, step-up and the second person */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change-private.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "data/ward-text.h"

/* A typed reason shorter than this says nothing a reviewer can use. */
#define MIN_REASON_CHARS 10

G_DEFINE_FINAL_TYPE (WardDeviceChange, ward_device_change, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-device-change-error-quark, ward_device_change_error)

static void
ward_device_change_finalize (GObject *object)
{
  WardDeviceChange *self = WARD_DEVICE_CHANGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->policy);
  g_clear_object (&self->keys);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->link);
  g_clear_object (&self->session);
  g_clear_pointer (&self->device, ward_device_info_free);
  g_free (self->change_id);
  g_free (self->parameter);
  g_free (self->drug);
  g_clear_pointer (&self->settings, g_variant_unref);
  ward_limit_check_clear (&self->check);
  g_free (self->reason);
  g_free (self->witness_username);
  g_free (self->witness_name);
  g_free (self->outcome_message);
  G_OBJECT_CLASS (ward_device_change_parent_class)->finalize (object);
}

static void
ward_device_change_class_init (WardDeviceChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_device_change_finalize;
}

static void
ward_device_change_init (WardDeviceChange *self)
{
}

/* Reasons a nurse can pick with a gloved finger instead of typing;
 * translated on each call, as the kiosk's language can change. */
GStrv
ward_device_change_list_reason_picks (void)
{
  const char *picks[] = {
    N_("Prescribed by the doctor for this patient"),
    N_("Following the unit’s protocol"),
    N_("Clinical emergency, doctor present"),
    N_("Confirmed with the pharmacist"),
  };
  GStrv translated = g_new0 (char *, G_N_ELEMENTS (picks) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    translated[i] = g_strdup (_(picks[i]));
  return translated;
}

gboolean
_ward_device_change_settings_number (GVariant   *settings,
                                     const char *key,
                                     double     *value)
{
  g_autoptr(GVariant) found = NULL;

  if (settings == NULL || !g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    return FALSE;
  found = g_variant_lookup_value (settings, key, G_VARIANT_TYPE_DOUBLE);
  if (found == NULL)
    return FALSE;
  *value = g_variant_get_double (found);
  return TRUE;
}

gboolean
_ward_device_change_settings_drug (GVariant  *settings,
                                   char     **drug)
{
  g_autoptr(GVariant) found = NULL;

  /* Three states, never two: a drug, explicitly none (""), or unknown (the
   * key missing or of the wrong type). Unknown must not pass as "none",
   * which has the widest limits and no double check. */
  *drug = NULL;
  if (settings == NULL || !g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    return FALSE;
  found = g_variant_lookup_value (settings, WARD_DEVICE_SETTING_DRUG, NULL);
  if (found == NULL || !g_variant_is_of_type (found, G_VARIANT_TYPE_STRING))
    return FALSE;
  if (*g_variant_get_string (found, NULL) != '\0')
    *drug = g_variant_dup_string (found, NULL);
  return TRUE;
}

/* current_settings are the device's settings as the screen shows them: the
 * drug the limits are taken for, and the old value the witness sees. */
WardDeviceChange *
ward_device_change_new (const WardDeviceChangeContext *context,
                        WardSession                   *session,
                        const WardDeviceInfo          *device,
                        GVariant                      *current_settings,
                        const char                    *parameter,
                        double                         new_value)
{
  WardDeviceChange *self;

  g_return_val_if_fail (context != NULL && WARD_IS_CATALOGUE (context->catalogue), NULL);
  g_return_val_if_fail (WARD_IS_STORE (context->store) && WARD_IS_DEVICE_LINK (context->link), NULL);
  g_return_val_if_fail (WARD_IS_SESSION (session) && device != NULL && parameter != NULL, NULL);

  self = g_object_new (WARD_TYPE_DEVICE_CHANGE, NULL);
  self->store = g_object_ref (context->store);
  self->policy = context->policy != NULL ? g_object_ref (context->policy) : NULL;
  self->keys = context->keys != NULL ? g_object_ref (context->keys) : NULL;
  self->catalogue = g_object_ref (context->catalogue);
  self->link = g_object_ref (context->link);
  self->session = g_object_ref (session);
  self->device = ward_device_info_copy (device);
  self->change_id = g_uuid_string_random ();
  self->parameter = g_strdup (parameter);
  self->param = ward_catalogue_get_parameter (self->catalogue, device->class_id, parameter);
  self->drug_known = _ward_device_change_settings_drug (current_settings, &self->drug);
  self->settings = current_settings != NULL ? g_variant_ref (current_settings) : NULL;
  self->new_value = new_value;
  self->has_old_value = _ward_device_change_settings_number (current_settings, parameter, &self->old_value);
  return self;
}

static void
audit_refusal (WardDeviceChange *self,
               const char       *actor,
               const char       *permission,
               const char       *why)
{
  g_autofree char *details = ward_audit_details ("operation", "device.change", "permission", permission,
                                                 "device", self->device->id, "parameter", self->parameter,
                                                 "change_id", self->change_id, "why", why, NULL);
  g_autoptr(GError) error = NULL;

  if (!ward_audit_append (self->store, WARD_AUDIT_PERMISSION_REFUSED, actor, self->device->id, details,
                          ward_actor_is_flagged (ward_session_get_actor (self->session)), &error))
    g_warning ("Could not audit a refused device change: %s", error->message);
}

/* Deny by default, checked again at send time: the session may have ended
 * or locked since the screen offered the setting. */
gboolean
_ward_device_change_authorise (WardDeviceChange  *self,
                               GError           **error)
{
  WardSessionState state = ward_session_get_state (self->session);
  const char *username = ward_session_get_username (self->session);

  if (state != WARD_SESSION_ACTIVE && state != WARD_SESSION_IDLE_WARNING)
    {
      audit_refusal (self, username, self->param->permission, "session-ended");
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,
                           _("Your session has ended. Sign in again to change this setting."));
      return FALSE;
    }
  if (ward_session_can (self->session, self->param->permission))
    return TRUE;
  audit_refusal (self, username, self->param->permission, "no-permission");
  g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,
               _("Your role may not change “%s” on this device."), ward_parameter_spec_get_label (self->param));
  return FALSE;
}

static gboolean
pair_refused (GError                  **error,
              const WardParameterSpec  *low,
              const WardParameterSpec  *high,
              double                    other,
              gboolean                  raising_low)
{
  g_autofree char *other_text = ward_catalogue_format_with_unit (raising_low ? high : low, other);

  if (raising_low)
    g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REFUSED,
                 _("%s must stay below %s, which is %s."), ward_parameter_spec_get_label (low),
                 ward_parameter_spec_get_label (high), other_text);
  else
    g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REFUSED,
                 _("%s must stay above %s, which is %s."), ward_parameter_spec_get_label (high),
                 ward_parameter_spec_get_label (low), other_text);
  return FALSE;
}

#define UNANSWERED_HOLD_S 120

/* After a change got no answer, the device may still apply it late. A new
 * change to the same setting straight away could then be applied on top
 * (a second bolus): it waits until the device shows the first one in
 * effect, or two minutes have passed. */
static gboolean
check_unanswered (WardDeviceChange  *self,
                  GError           **error)
{
  g_autoptr(GPtrArray) history = ward_device_changes_list_recent (self->store, self->device->id, 20, NULL);
  gint64 now = ward_clock_get_now (ward_store_get_clock (self->store));
  double current = 0;

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      WardSettingChangeRecord *record = g_ptr_array_index (history, i);

      if (!g_str_equal (record->parameter, self->parameter))
        continue;
      if (record->outcome != WARD_SETTING_OUTCOME_NO_ANSWER && record->outcome != WARD_SETTING_OUTCOME_PENDING)
        return TRUE;
      if (now - record->requested_at >= UNANSWERED_HOLD_S)
        return TRUE;
      if (_ward_device_change_settings_number (self->settings, self->parameter, &current)
          && fabs (current - record->new_value) <= self->param->step / 2)
        return TRUE;
      g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE,
                   _("The last change to this setting got no answer and may still be applied. "
                     "Check the device, and try again in two minutes if it did not change."));
      return FALSE;
    }
  return TRUE;
}

/* A low alarm limit at or above its high one would silence the alarm:
 * each pair declared in the catalogue is kept in order. */
static gboolean
check_pairs (WardDeviceChange  *self,
             GError           **error)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (self->catalogue, self->device->class_id);
  double other = 0;

  for (guint i = 0; kind != NULL && i < kind->parameters->len; i++)
    {
      const WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);
      const WardParameterSpec *high = NULL;
      const WardParameterSpec *low = NULL;

      if (param->below == NULL)
        continue;
      if (g_str_equal (param->id, self->parameter))
        low = param, high = ward_catalogue_get_parameter (self->catalogue, kind->id, param->below);
      else if (g_str_equal (param->below, self->parameter))
        low = param, high = self->param;
      else
        continue;

      if (low == self->param
          && _ward_device_change_settings_number (self->settings, high->id, &other) && self->new_value >= other)
        return pair_refused (error, low, high, other, TRUE);
      if (high == self->param
          && _ward_device_change_settings_number (self->settings, low->id, &other) && self->new_value <= other)
        return pair_refused (error, low, high, other, FALSE);
    }
  return TRUE;
}

static gboolean
check_limits (WardDeviceChange  *self,
              GError           **error)
{
  WardLimitResult result;

  ward_limit_check_clear (&self->check);
  result = ward_catalogue_check (self->catalogue, self->device->class_id, self->parameter, self->drug,
                                 self->new_value, &self->check);
  if (result == WARD_LIMIT_OK || result == WARD_LIMIT_SOFT)
    return TRUE;
  g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REFUSED, self->check.message);
  return FALSE;
}

gboolean
ward_device_change_validate (WardDeviceChange  *self,
                             GError           **error)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);

  self->validated = FALSE;
  if (self->sent)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT,
                           _("This change has already been sent."));
      return FALSE;
    }
  if (self->param != NULL && self->param->drug_limits && !self->drug_known)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REFUSED,
                           _("The pump did not say which drug it is running, so its limits are unknown. "
                             "Nothing can be changed until it does."));
      return FALSE;
    }
  if (!check_limits (self, error) || !check_pairs (self, error) || !check_unanswered (self, error)
      || !_ward_device_change_authorise (self, error))
    return FALSE;
  /* Within the step's tolerance, the value sent is exactly on the grid: a
   * device that rounds would otherwise report a value never asked for. */
  self->new_value = round (self->new_value / self->param->step) * self->param->step;
  /* A change to the value already set would only clutter the record. */
  if (self->has_old_value && fabs (self->old_value - self->new_value) < self->param->step * 1e-6)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REFUSED,
                           _("The device already has this value."));
      return FALSE;
    }
  self->high_alert = ward_catalogue_is_high_alert (self->catalogue, self->device->class_id,
                                                   self->parameter, self->drug);
  self->validated = TRUE;
  return TRUE;
}

gboolean
ward_device_change_needs_confirmation (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  return self->validated && self->check.result == WARD_LIMIT_SOFT && self->reason == NULL;
}

const char *
ward_device_change_get_limit_message (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->check.message;
}

gboolean
ward_device_change_confirm_soft_limit (WardDeviceChange  *self,
                                       const char        *reason,
                                       GError           **error)
{
  g_autofree char *text = ward_text_clean (reason != NULL ? reason : "");

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  if (!self->validated || self->sent)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_READY,
                           _("Check the change before confirming it."));
      return FALSE;
    }
  if (text == NULL)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON,
                           _("Use letters, digits and punctuation only in the reason."));
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) < MIN_REASON_CHARS)
    {
      g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON,
                   _("Give a reason of at least %d characters, or pick one."), MIN_REASON_CHARS);
      return FALSE;
    }
  g_free (self->reason);
  self->reason = g_steal_pointer (&text);
  return TRUE;
}

gboolean
ward_device_change_is_high_alert (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  return self->validated && self->high_alert;
}

/* High-risk: a second check is due anyway, or a soft limit is crossed. */
gboolean
ward_device_change_is_high_risk (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  return self->validated && (self->high_alert || self->check.result == WARD_LIMIT_SOFT);
}

gboolean
ward_device_change_needs_step_up (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  return ward_device_change_is_high_risk (self) && ward_session_needs_step_up (self->session);
}

static gboolean
requires_uv (WardDeviceChange *self,
             gint64            user_id)
{
  return self->policy != NULL
      && (ward_policy_factors_for_user (self->policy, user_id, NULL) & WARD_FACTOR_UV) != 0;
}

static void
step_up_verified_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceChange *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!ward_key_factor_verify_finish (WARD_KEY_FACTOR (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  ward_session_record_strong_verification (self->session);
  g_task_return_boolean (task, TRUE);
}

void
ward_device_change_step_up_async (WardDeviceChange    *self,
                                  const char          *pin,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gint64 user_id;

  g_return_if_fail (WARD_IS_DEVICE_CHANGE (self));
  g_task_set_source_tag (task, ward_device_change_step_up_async);
  if (self->keys == NULL)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STEP_UP,
                               _("No security key reader is set up on this kiosk."));
      return;
    }
  user_id = ward_session_get_user_id (self->session);
  ward_key_factor_verify_async (self->keys, user_id, ward_session_get_username (self->session),
                                requires_uv (self, user_id) || pin != NULL, pin, cancellable,
                                step_up_verified_cb, g_steal_pointer (&task));
}

gboolean
ward_device_change_step_up_finish (WardDeviceChange  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ward_device_change_needs_witness (WardDeviceChange *self)
{
  return ward_device_change_is_high_alert (self) && !self->witness_confirmed;
}

static gboolean
refuse_witness (WardDeviceChange  *self,
                const char        *actor,
                const char        *why,
                const char        *message,
                GError           **error)
{
  audit_refusal (self, actor, WARD_PERMISSION_HIGH_ALERT, why);
  g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS, message);
  return FALSE;
}

/* The witness must be someone else who may make this very change and
 * witness high-alert ones; a refusal is audited like any other. */
static gboolean
check_witness (WardDeviceChange      *self,
               const WardUserRecord  *user,
               GError               **error)
{
  g_autoptr(WardActor) actor = NULL;

  if (user->disabled)
    return refuse_witness (self, user->username, "disabled", _("This account is disabled."), error);
  if (user->id == ward_session_get_user_id (self->session))
    return refuse_witness (self, user->username, "same-person",
                           _("The second check must be made by someone else, not by you."), error);
  if (self->policy != NULL && ward_policy_check_account (self->policy, user->id, NULL) != WARD_POLICY_ALLOWED)
    return refuse_witness (self, user->username, "locked",
                           _("This account is locked after failed sign-ins and cannot check a change."), error);
  actor = ward_actor_new_for_user_id (self->store, user->id, error);
  if (actor == NULL)
    return FALSE;
  if (!ward_actor_can (actor, self->param->permission) || !ward_actor_can (actor, WARD_PERMISSION_HIGH_ALERT))
    return refuse_witness (self, user->username, "no-permission",
                           _("This person’s role may not check high-alert changes. Ask a colleague who may."),
                           error);
  return TRUE;
}

gboolean
ward_device_change_witness_badge (WardDeviceChange  *self,
                                  const char        *badge_uid,
                                  GError           **error)
{
  g_autoptr(WardUserRecord) user = NULL;
  gint64 user_id;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  if (!ward_device_change_is_high_alert (self) || self->sent)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_READY,
                           _("This change does not need a second person."));
      return FALSE;
    }
  self->witness_confirmed = FALSE;
  self->witness_id = 0;
  user_id = ward_credentials_find_badge (self->store, badge_uid, error);
  if (user_id < 0)
    return FALSE;
  if (user_id == 0)
    {
      /* Counted with the kiosk's other unknown badges: a burst of cards
       * tried at the witness step is flagged like one at sign-in. */
      guint count = ward_failures_add_for_kiosk (self->store, "badge", 60, NULL);

      ward_audit_append (self->store, WARD_AUDIT_BADGE_UNKNOWN, ward_session_get_username (self->session),
                         self->device->id, "{\"operation\":\"witness\"}", count > 5, NULL);
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                           _("This badge is not recognised."));
      return FALSE;
    }
  user = ward_directory_get_user (self->store, user_id, error);
  if (user == NULL || !check_witness (self, user, error))
    return FALSE;
  self->witness_id = user->id;
  g_free (self->witness_username);
  self->witness_username = g_strdup (user->username);
  g_free (self->witness_name);
  self->witness_name = g_strdup (user->full_name);
  return TRUE;
}

const char *
ward_device_change_get_witness_name (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->witness_id != 0 ? self->witness_name : NULL;
}

static void
witness_verified_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceChange *self = g_task_get_source_object (task);
  gint64 *witness_id = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ward_key_factor_verify_finish (WARD_KEY_FACTOR (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Another badge may have been tapped while this key was being touched. */
  if (*witness_id != self->witness_id)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                               _("Another badge was tapped meanwhile. Touch the key again."));
      return;
    }
  self->witness_confirmed = TRUE;
  g_task_return_boolean (task, TRUE);
}

void
ward_device_change_witness_key_async (WardDeviceChange    *self,
                                      const char          *pin,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (WARD_IS_DEVICE_CHANGE (self));
  g_task_set_source_tag (task, ward_device_change_witness_key_async);
  if (self->witness_id == 0 || self->keys == NULL)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                               _("The second person taps their badge first."));
      return;
    }
  g_task_set_task_data (task, g_memdup2 (&self->witness_id, sizeof self->witness_id), g_free);
  ward_key_factor_verify_async (self->keys, self->witness_id, self->witness_username,
                                requires_uv (self, self->witness_id) || pin != NULL, pin, cancellable,
                                witness_verified_cb, g_steal_pointer (&task));
}

gboolean
ward_device_change_witness_key_finish (WardDeviceChange  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
ward_device_change_describe (WardDeviceChange *self)
{
  const WardDrugSpec *drug;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  if (self->param == NULL)
    return g_strdup (_("This setting is not in the device catalogue."));
  old_text = self->has_old_value ? ward_catalogue_format_value (self->param, self->old_value) : g_strdup (_("unknown"));
  new_text = ward_catalogue_format_with_unit (self->param, self->new_value);
  /* TRANSLATORS: a setting, its old and its new value with the unit, as in "Rate: 5.0 → 8.0 mL/h" */
  line = g_strdup_printf (_("%s: %s → %s"), ward_parameter_spec_get_label (self->param), old_text, new_text);
  drug = ward_catalogue_get_drug (self->catalogue, self->device->class_id, self->drug);
  if (drug != NULL && self->param->drug_limits)
    return g_strdup_printf ("%s\n%s", ward_drug_spec_get_label (drug), line);
  return g_steal_pointer (&line);
}

const char *
ward_device_change_get_id (WardDeviceChange *self)
{
  return self->change_id;
}

const char *
ward_device_change_get_drug (WardDeviceChange *self)
{
  return self->drug;
}

const WardParameterSpec *
ward_device_change_get_parameter (WardDeviceChange *self)
{
  return self->param;
}

double
ward_device_change_get_new_value (WardDeviceChange *self)
{
  return self->new_value;
}

gboolean
ward_device_change_get_old_value (WardDeviceChange *self,
                                  double           *value)
{
  if (self->has_old_value && value != NULL)
    *value = self->old_value;
  return self->has_old_value;
}
