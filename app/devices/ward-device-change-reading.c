/* ward-device-change-reading.c: a sent change held against each later read of its device: the words, a late apply on file */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change-private.h"
#include "app/devices/ward-device-title.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"

static gboolean
same_value (WardDeviceChange *self,
            double            a,
            double            b)
{
  return fabs (a - b) <= self->param->step * 1e-6;
}

/* The device's state became known after the time allowed: the record and
 * the audit say so together, or neither does. */
static gboolean
record_late_apply (WardDeviceChange  *self,
                   GError           **error)
{
  char new_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *details = ward_audit_details (
      "change_id", self->change_id, "device", self->device->id, "parameter", self->parameter,
      "new", g_ascii_dtostr (new_text, sizeof new_text, self->new_value), "unit", self->param->unit,
      "outcome", "applied-late", NULL);

  if (!ward_store_begin (self->store, error))
    return FALSE;
  if (!ward_device_changes_set_applied_late (self->store, self->change_id, "applied after the time allowed", error)
      || !ward_audit_append (self->store, WARD_AUDIT_SETTING_CHANGE_APPLIED_LATE,
                             ward_session_get_username (self->session), self->device->id, details,
                             ward_actor_is_flagged (ward_session_get_actor (self->session)), error))
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  return ward_store_commit (self->store, error);
}

/**
 * ward_device_change_reconcile:
 * @settings: (nullable): the device's settings as just read, or %NULL when it could not be read
 *
 * Holds a change that got no answer in time against a fresh read of its
 * device. When the device now reports the value that was sent (and it was
 * not already in effect before), the change was applied late: that is
 * recorded once, in the change's record and in the audit
 * (`device.change-applied-late`).
 *
 * Returns: %TRUE when this read revealed the late apply (recorded now)
 */
gboolean
ward_device_change_reconcile (WardDeviceChange  *self,
                              GVariant          *settings,
                              GError           **error)
{
  double now;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);

  if (!self->sent || self->outcome != WARD_CHANGE_NO_ANSWER || self->applied_late || self->param == NULL)
    return FALSE;
  if (!_ward_device_change_settings_number (settings, self->parameter, &now) || !same_value (self, now, self->new_value))
    return FALSE;
  /* Already the value before it was sent: the read proves nothing. */
  if (self->has_old_value && same_value (self, self->old_value, self->new_value))
    return FALSE;
  self->applied_late = TRUE;
  if (!record_late_apply (self, error))
    return FALSE;
  g_info ("Device %s applied change %s after the time allowed", self->device->id, self->change_id);
  return TRUE;
}

gboolean
ward_device_change_is_applied_late (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  return self->applied_late;
}

/* A device's refusal in one sentence that says what to do next. The
 * device's own words are quoted as they came, without their full stop:
 * they are the gateway's, in its language, not a sentence of ours. */
char *
_ward_device_change_refusal_sentence (const char *device,
                                      const char *detail)
{
  g_autofree char *words = g_strstrip (g_strdup (detail != NULL ? detail : ""));
  gsize length = strlen (words);

  while (length > 0 && (words[length - 1] == '.' || words[length - 1] == ' '))
    words[--length] = '\0';
  if (length == 0)
    /* Translators: %s is a device, e.g. "Infusion pump refused the change without saying why; …". */
    return g_strdup_printf (_("%s refused the change without saying why; check the device, then try again."), device);
  /* Translators: the first %s is a device, the second its own words, e.g. "Infusion pump refused the
   * change, saying “occlusion downstream”; check the device, then try again." */
  return g_strdup_printf (_("%s refused the change, saying “%s”; check the device, then try again."), device, words);
}

static char *
answer_sentence (WardDeviceChange *self)
{
  const char *device = ward_device_title (self->catalogue, self->device);
  const char *detail = self->answer_detail;

  if (self->applied_late)
    /* Translators: %s is a device, e.g. "Infusion pump applied the change late, after the time allowed." */
    return g_strdup_printf (_("%s applied the change late, after the time allowed."), device);
  switch (self->outcome)
    {
    case WARD_CHANGE_APPLIED:
      return g_strdup_printf (_("%s applied the change."), device);
    case WARD_CHANGE_REFUSED:
      return _ward_device_change_refusal_sentence (device, detail);
    case WARD_CHANGE_NO_ANSWER:
    default:
      return g_strdup_printf (_("%s did not answer in time, so the change may or may not be in effect."), device);
    }
}

/**
 * ward_device_change_describe_reading:
 * @settings: (nullable): the device's settings as last read
 *
 * The answer of a sent change in words, with the value the device reports
 * in @settings — never the one that was asked for. Called again on every
 * read, so the words never contradict the value on screen.
 */
char *
ward_device_change_describe_reading (WardDeviceChange *self,
                                     GVariant         *settings)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *value = NULL;
  double now;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  g_return_val_if_fail (self->sent && self->param != NULL, NULL);

  first = answer_sentence (self);
  if (!_ward_device_change_settings_number (settings, self->parameter, &now))
    return g_strdup_printf ("%s %s", first, _("Its current value could not be read: check the device itself."));
  value = ward_catalogue_format_with_unit (self->param, now);
  /* Translators: the value a device reports after a change, e.g. "Rate is now 12.0 mL/h." */
  second = g_strdup_printf (_("%s is now %s."), ward_parameter_spec_get_label (self->param), value);
  if ((self->outcome == WARD_CHANGE_APPLIED || self->applied_late) && !same_value (self, now, self->new_value))
    return g_strdup_printf ("%s %s %s", first, second, _("This is not the value that was sent."));
  return g_strdup_printf ("%s %s", first, second);
}

/* The outcome to show: a late apply counts as applied. */
WardChangeOutcome
ward_device_change_get_outcome (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), WARD_CHANGE_NO_ANSWER);
  return self->applied_late ? WARD_CHANGE_APPLIED : self->outcome;
}
