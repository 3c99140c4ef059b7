/* ward-device-change.c: one proposed device-setting change: limits, permission, step-up and the second person */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change-private.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "data/ward-text.h"

/* A typed reason shorter than this, or with fewer letters, says nothing
 * a reviewer can use. */
#define MIN_REASON_CHARS 10
#define MIN_REASON_LETTERS 4

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
  g_free (self->answer_detail);
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

/* Errors of the pipeline are in its own domain, whatever step below it
 * failed (the key, the store): the screen matches on one domain. A
 * cancellation stays what GIO calls it, so it is never shown as a fault. */
GError *
_ward_device_change_own_error (GError *cause,
                               int     code)
{
  GError *own;

  if (cause->domain == WARD_DEVICE_CHANGE_ERROR || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cause;
  own = g_error_new_literal (WARD_DEVICE_CHANGE_ERROR, code, cause->message);
  g_error_free (cause);
  return own;
}

gboolean
_ward_device_change_fail (GError **error,
                          GError  *cause,
                          int      code)
{
  g_propagate_error (error, _ward_device_change_own_error (cause, code));
  return FALSE;
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
  /* −0 is 0: a device must never be sent "-0", nor a record disagree with it. */
  self->new_value = new_value == 0 ? 0.0 : new_value;
  self->has_old_value = _ward_device_change_settings_number (current_settings, parameter, &self->old_value);
  return self;
}

void
_ward_device_change_audit_refusal (WardDeviceChange *self,
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
      _ward_device_change_audit_refusal (self, username, self->param->permission, "session-ended");
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,
                           _("Your session has ended. Sign in again to change this setting."));
      return FALSE;
    }
  if (ward_session_can (self->session, self->param->permission))
    return TRUE;
  _ward_device_change_audit_refusal (self, username, self->param->permission, "no-permission");
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
 * effect, or two minutes have passed. Asked at preparation with the
 * screen's values and again at sending with the device's; the newest
 * change to this setting within the hold decides, however many other
 * changes the device had meanwhile. */
gboolean
_ward_device_change_check_unanswered (WardDeviceChange  *self,
                                      GVariant          *settings,
                                      GError           **error)
{
  gint64 now = ward_clock_get_now (ward_store_get_clock (self->store));
  g_autoptr(WardSettingChangeRecord) record = NULL;
  GError *local_error = NULL;
  double current = 0;

  record = ward_device_changes_find_latest (self->store, self->device->id, self->parameter,
                                            now - UNANSWERED_HOLD_S + 1, &local_error);
  if (local_error != NULL)
    {
      /* Not knowing is not a clear way: nothing goes. */
      g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_FAILED,
                   _("The record of earlier changes could not be read, so nothing was sent: %s"),
                   local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  if (record == NULL
      || (record->outcome != WARD_SETTING_OUTCOME_NO_ANSWER && record->outcome != WARD_SETTING_OUTCOME_PENDING))
    return TRUE;
  if (_ward_device_change_settings_number (settings, self->parameter, &current)
      && fabs (current - record->new_value) <= self->param->step / 2)
    return TRUE;
  g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE,
               _("The last change to this setting got no answer and may still be applied. "
                 "Check the device, and try again in two minutes if it did not change."));
  return FALSE;
}

/* The value an unanswered change within the hold may still give @parameter. */
static gboolean
unanswered_value (WardDeviceChange  *self,
                  const char        *parameter,
                  double            *value,
                  GError           **error)
{
  gint64 now = ward_clock_get_now (ward_store_get_clock (self->store));
  g_autoptr(WardSettingChangeRecord) record = ward_device_changes_find_latest (self->store, self->device->id,
                                                                              parameter,
                                                                              now - UNANSWERED_HOLD_S + 1, error);

  if (record == NULL
      || (record->outcome != WARD_SETTING_OUTCOME_NO_ANSWER && record->outcome != WARD_SETTING_OUTCOME_PENDING))
    return FALSE;
  *value = record->new_value;
  return TRUE;
}

/* A low alarm limit at or above its high one would silence the alarm:
 * each pair declared in the catalogue is kept in order, against the
 * screen's values at preparation and the device's at sending (the other
 * limit may have moved meanwhile), always on the value that is sent. The
 * other limit may also still take the value of a change that got no
 * answer: the pair must hold whichever value it ends up with. */
gboolean
_ward_device_change_check_pairs (WardDeviceChange  *self,
                                 GVariant          *settings,
                                 GError           **error)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (self->catalogue, self->device->class_id);

  for (guint i = 0; kind != NULL && i < kind->parameters->len; i++)
    {
      const WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);
      const WardParameterSpec *high = NULL;
      const WardParameterSpec *low = NULL;
      const WardParameterSpec *other_param;
      GError *local_error = NULL;
      double others[2];
      guint n_others = 0;

      if (param->below == NULL)
        continue;
      if (g_str_equal (param->id, self->parameter))
        low = param, high = ward_catalogue_get_parameter (self->catalogue, kind->id, param->below);
      else if (g_str_equal (param->below, self->parameter))
        low = param, high = self->param;
      else
        continue;
      if (low == NULL || high == NULL)
        continue;

      other_param = low == self->param ? high : low;
      if (_ward_device_change_settings_number (settings, other_param->id, &others[n_others]))
        n_others++;
      if (unanswered_value (self, other_param->id, &others[n_others], &local_error))
        n_others++;
      if (local_error != NULL)
        {
          g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_FAILED,
                       _("The record of earlier changes could not be read, so nothing was sent: %s"),
                       local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      for (guint j = 0; j < n_others; j++)
        {
          if (low == self->param && self->new_value >= others[j])
            return pair_refused (error, low, high, others[j], TRUE);
          if (high == self->param && self->new_value <= others[j])
            return pair_refused (error, low, high, others[j], FALSE);
        }
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
  /* Within the step's tolerance the value becomes the grid point itself,
   * before anything is checked: the limits and the alarm pairs are then
   * checked on exactly the value that is sent. */
  if (self->param != NULL)
    ward_catalogue_snap_to_step (self->param, self->new_value, &self->new_value);
  if (!check_limits (self, error) || !_ward_device_change_check_pairs (self, self->settings, error)
      || !_ward_device_change_check_unanswered (self, self->settings, error)
      || !_ward_device_change_authorise (self, error))
    return FALSE;
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

/* What a reviewer will read: spaces of every kind folded into one, and
 * characters that print nothing (zero-width spaces, joiners, direction
 * marks, soft hyphens, controls) dropped, so that invisible text cannot
 * pass for a reason. NULL when it is not text at all. */
static char *
visible_reason (const char *reason,
                guint      *n_letters)
{
  GString *text = g_string_new (NULL);
  gboolean space = FALSE;

  *n_letters = 0;
  if (reason == NULL || !g_utf8_validate (reason, -1, NULL))
    return g_string_free (text, TRUE);
  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c) || type == G_UNICODE_SPACE_SEPARATOR || type == G_UNICODE_LINE_SEPARATOR
          || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        space = TRUE;
      else if (type == G_UNICODE_FORMAT || type == G_UNICODE_CONTROL || type == G_UNICODE_UNASSIGNED
               || type == G_UNICODE_SURROGATE || type == G_UNICODE_PRIVATE_USE)
        continue;
      else
        {
          if (space && text->len > 0)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_unichar (text, c);
          *n_letters += g_unichar_isalpha (c);
        }
    }
  return g_string_free (text, FALSE);
}

gboolean
ward_device_change_confirm_soft_limit (WardDeviceChange  *self,
                                       const char        *reason,
                                       GError           **error)
{
  guint n_letters = 0;
  g_autofree char *text = visible_reason (reason, &n_letters);

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  if (!self->validated || self->sent)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_READY,
                           _("Check the change before confirming it."));
      return FALSE;
    }
  if (text == NULL || g_utf8_strlen (text, -1) < MIN_REASON_CHARS || n_letters < MIN_REASON_LETTERS)
    {
      g_set_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON,
                   _("Give a reason in words, of at least %d characters, or pick one."), MIN_REASON_CHARS);
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

gboolean
_ward_device_change_requires_uv (WardDeviceChange *self,
                                 gint64            user_id)
{
  return self->policy != NULL
      && (ward_policy_factors_for_user (self->policy, user_id, NULL) & WARD_FACTOR_UV) != 0;
}

static gboolean
session_ended (WardDeviceChange  *self,
               GError           **error)
{
  WardSessionState state = ward_session_get_state (self->session);

  if (state == WARD_SESSION_ACTIVE || state == WARD_SESSION_IDLE_WARNING)
    return FALSE;
  g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,
                       _("Your session has ended. Sign in again to change this setting."));
  return TRUE;
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
      g_task_return_error (task, _ward_device_change_own_error (error, WARD_DEVICE_CHANGE_ERROR_STEP_UP));
      return;
    }
  /* The session may have locked while the key was being touched; a key
   * alone never reopens it (that takes the badge too). */
  if (session_ended (self, &error) || !ward_session_record_strong_verification (self->session))
    {
      if (error == NULL)
        g_set_error_literal (&error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,
                             _("Your session has ended. Sign in again to change this setting."));
      g_task_return_error (task, error);
      return;
    }
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
  GError *error = NULL;
  gint64 user_id;

  g_return_if_fail (WARD_IS_DEVICE_CHANGE (self));
  g_task_set_source_tag (task, ward_device_change_step_up_async);
  if (self->keys == NULL)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STEP_UP,
                               _("No security key reader is set up on this kiosk."));
      return;
    }
  if (session_ended (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  user_id = ward_session_get_user_id (self->session);
  ward_key_factor_verify_async (self->keys, user_id, ward_session_get_username (self->session),
                                _ward_device_change_requires_uv (self, user_id) || pin != NULL, pin, cancellable,
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

double
ward_device_change_get_new_value (WardDeviceChange *self)
{
  return self->new_value;
}

