/* ward-device-change-send.c: a checked change recorded, sent through the device link, answered and read back */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change-private.h"
#include "app/devices/ward-device-title.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"

/* The link enforces the timeout; this margin only catches a link that
 * never calls back at all, so the screen is not left waiting forever. */
#define GUARD_GRACE_MS 2000

typedef struct
{
  guint         timeout_ms;
  GCancellable *apply_cancellable;
  guint         guard_id;
  gboolean      answered;
  char         *detail;
} SendOp;

static void
send_op_free (SendOp *op)
{
  g_clear_handle_id (&op->guard_id, g_source_remove);
  g_clear_object (&op->apply_cancellable);
  g_free (op->detail);
  g_free (op);
}

static gboolean
not_ready (GError     **error,
           int          code,
           const char  *message)
{
  g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, code, message);
  return FALSE;
}

/* Every earlier step, checked again here: the screen only offers them. */
static gboolean
still_allowed (WardDeviceChange  *self,
               GError           **error)
{
  if (!self->validated)
    return not_ready (error, WARD_DEVICE_CHANGE_ERROR_NOT_READY, _("Check the change before sending it."));
  if (ward_device_change_needs_confirmation (self))
    return not_ready (error, WARD_DEVICE_CHANGE_ERROR_REASON,
                      _("This value is outside the usual range: confirm it and give a reason first."));
  if (ward_device_change_needs_step_up (self))
    return not_ready (error, WARD_DEVICE_CHANGE_ERROR_STEP_UP,
                      _("Touch your security key again before this change."));
  if (ward_device_change_needs_witness (self))
    return not_ready (error, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                      _("A second person must check this high-alert change first."));
  return _ward_device_change_authorise (self, error) && _ward_device_change_recheck_witness (self, error);
}

static gboolean
ready_to_send (WardDeviceChange  *self,
               GError           **error)
{
  if (self->sent)
    return not_ready (error, WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT, _("This change has already been sent."));
  return still_allowed (self, error);
}

static const char *
number_text (char    *buffer,
             gboolean known,
             double   value)
{
  return known ? g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value) : NULL;
}

static gboolean
audit_request (WardDeviceChange  *self,
               GError           **error)
{
  char old_text[G_ASCII_DTOSTR_BUF_SIZE], new_text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean break_glass = ward_session_get_kind (self->session) == WARD_SESSION_KIND_BREAK_GLASS;
  g_autofree char *details = ward_audit_details (
      "change_id", self->change_id, "device", self->device->id, "class", self->device->class_id,
      "parameter", self->parameter, "drug", self->drug,
      "old", number_text (old_text, self->has_old_value, self->old_value),
      "new", number_text (new_text, TRUE, self->new_value), "unit", self->param->unit,
      "reason", self->reason, "witness", self->witness_id != 0 ? self->witness_username : NULL,
      "limit", self->check.result == WARD_LIMIT_SOFT ? "soft" : "within",
      "session", break_glass ? "break-glass" : "normal", NULL);

  return ward_audit_append (self->store, WARD_AUDIT_SETTING_CHANGE_REQUESTED,
                            ward_session_get_username (self->session), self->device->id, details,
                            ward_actor_is_flagged (ward_session_get_actor (self->session)), error);
}

/* The request and its audit record in one transaction: neither without
 * the other, and both before anything reaches the device. */
static gboolean
record_request (WardDeviceChange  *self,
                GError           **error)
{
  WardSettingChangeRequest request = {
    .change_id = self->change_id,
    .device_id = self->device->id,
    .parameter = self->parameter,
    .drug = self->drug,
    .has_old_value = self->has_old_value,
    .old_value = self->old_value,
    .new_value = self->new_value,
    .unit = self->param->unit,
    .reason = self->reason,
    .user_id = ward_session_get_user_id (self->session),
    .witness_id = self->witness_id,
    .session_id = ward_session_get_id (self->session),
  };

  if (!ward_store_begin (self->store, error))
    return FALSE;
  if (ward_device_changes_add_pending (self->store, &request, error) <= 0 || !audit_request (self, error))
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  /* A failed commit has rolled back already. */
  return ward_store_commit (self->store, error);
}

static const struct
{
  WardSettingOutcome stored;
  WardAuditEvent     event;
  const char        *name;
} outcomes[] = {
  [WARD_CHANGE_APPLIED] = { WARD_SETTING_OUTCOME_APPLIED, WARD_AUDIT_SETTING_CHANGE_APPLIED, "applied" },
  [WARD_CHANGE_REFUSED] = { WARD_SETTING_OUTCOME_REFUSED, WARD_AUDIT_SETTING_CHANGE_REFUSED, "refused" },
  [WARD_CHANGE_NO_ANSWER] = { WARD_SETTING_OUTCOME_NO_ANSWER, WARD_AUDIT_SETTING_CHANGE_FAILED, "no-answer" },
};

static gboolean
record_outcome (WardDeviceChange  *self,
                const char        *detail,
                GError           **error)
{
  char new_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *details = ward_audit_details (
      "change_id", self->change_id, "device", self->device->id, "parameter", self->parameter,
      "new", number_text (new_text, TRUE, self->new_value), "outcome", outcomes[self->outcome].name,
      "detail", detail, NULL);

  if (!ward_store_begin (self->store, error))
    return FALSE;
  if (!ward_device_changes_set_outcome (self->store, self->change_id, outcomes[self->outcome].stored, detail, error)
      || !ward_audit_append (self->store, outcomes[self->outcome].event, ward_session_get_username (self->session),
                             self->device->id, details,
                             ward_actor_is_flagged (ward_session_get_actor (self->session)), error))
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  return ward_store_commit (self->store, error);
}

static char *
first_sentence (WardDeviceChange *self,
                const char       *detail)
{
  const char *device = ward_device_title (self->catalogue, self->device);

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

/* The screen shows what the device reports, never the value asked for. */
static void
compose_message (WardDeviceChange *self,
                 const char       *detail)
{
  g_autofree char *first = first_sentence (self, detail);
  g_autofree char *actual = NULL;
  g_autofree char *second = NULL;

  if (!self->has_actual_value)
    second = g_strdup (_("Its current value could not be read: check the device itself."));
  else
    {
      actual = ward_catalogue_format_with_unit (self->param, self->actual_value);
      second = g_strdup_printf (_("%s is now %s."), ward_parameter_spec_get_label (self->param), actual);
      if (self->outcome == WARD_CHANGE_APPLIED && fabs (self->actual_value - self->new_value) > self->param->step * 1e-6)
        {
          g_autofree char *both = g_strdup_printf ("%s %s", second, _("This is not the value that was sent."));
          g_free (second);
          second = g_steal_pointer (&both);
        }
    }
  g_free (self->outcome_message);
  self->outcome_message = g_strdup_printf ("%s %s", first, second);
}

static void
read_back_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceChange *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) settings = ward_device_link_read_settings_finish (WARD_DEVICE_LINK (source), result, &error);
  SendOp *op = g_task_get_task_data (task);

  if (settings == NULL)
    g_info ("Device %s could not be read back after change %s: %s", self->device->id, self->change_id,
            error->message);
  self->has_actual_value = _ward_device_change_settings_number (settings, self->parameter, &self->actual_value);
  compose_message (self, op->detail);
  g_task_return_int (task, self->outcome);
}

static void
conclude (GTask             *task,
          WardChangeOutcome  outcome,
          const char        *detail)
{
  WardDeviceChange *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->answered = TRUE;
  g_clear_handle_id (&op->guard_id, g_source_remove);
  /* Anything a link might return beyond the three answers is no answer. */
  self->outcome = outcome <= WARD_CHANGE_NO_ANSWER ? outcome : WARD_CHANGE_NO_ANSWER;
  op->detail = g_strdup (detail);
  self->answer_detail = g_strdup (detail);
  /* The answer stays unrecorded only if the database itself fails; the
   * request is then on file as pending, which a reviewer sees. */
  if (!record_outcome (self, detail, &error))
    g_warning ("Could not record the answer to device change %s: %s", self->change_id, error->message);
  ward_device_link_read_settings_async (self->link, self->device->id, g_task_get_cancellable (task),
                                        read_back_cb, g_object_ref (task));
}

static gboolean
guard_expired_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendOp *op = g_task_get_task_data (task);

  op->guard_id = 0;
  if (!op->answered)
    {
      g_cancellable_cancel (op->apply_cancellable);
      conclude (task, WARD_CHANGE_NO_ANSWER, _("no answer within the time allowed"));
    }
  return G_SOURCE_REMOVE;
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  WardChangeOutcome outcome;

  outcome = ward_device_link_apply_change_finish (WARD_DEVICE_LINK (source), result, &detail, &error);
  if (op->answered)
    return;
  /* A link error leaves the device's state unknown: not applied, not refused. */
  if (error != NULL)
    conclude (task, WARD_CHANGE_NO_ANSWER, error->message);
  else
    conclude (task, outcome, detail);
}

static void
apply (GTask *task)
{
  WardDeviceChange *self = g_task_get_source_object (task);
  SendOp *op = g_task_get_task_data (task);
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_double (self->new_value));

  op->guard_id = g_timeout_add_full (G_PRIORITY_DEFAULT, op->timeout_ms + GUARD_GRACE_MS, guard_expired_cb,
                                     g_object_ref (task), g_object_unref);
  ward_device_link_apply_change_async (self->link, self->change_id, self->device->id, self->parameter, value,
                                       op->timeout_ms, op->apply_cancellable, applied_cb, g_object_ref (task));
}

/* The old value on file is the one the device reports just before the
 * change, not the one the screen showed; a different drug means the
 * limits checked no longer apply, and nothing is sent. */
static void
read_before_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceChange *self = g_task_get_source_object (task);
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  g_autoptr(GVariant) settings = ward_device_link_read_settings_finish (WARD_DEVICE_LINK (source), result,
                                                                        &read_error);
  g_autofree char *drug = NULL;
  gboolean drug_known;
  double current = 0;

  /* The read took time: the session may have ended (tap-over, idle lock,
   * time limit), aged past the step-up window or lost its witness
   * meanwhile. That is the answer even when the device was not read
   * either: nothing would be sent for this change anyway. */
  if (!still_allowed (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (settings == NULL)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_DEVICE,
                               _("The device could not be read, so nothing was sent: %s"), read_error->message);
      return;
    }
  drug_known = _ward_device_change_settings_drug (settings, &drug);
  if (drug_known != self->drug_known || g_strcmp0 (drug, self->drug) != 0)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE,
                               _("The drug on the pump changed since this change was prepared. Nothing was "
                                 "sent: prepare the change again."));
      return;
    }
  /* The old value on record is the one the nurse and the witness saw; if
   * the device moved meanwhile, they agreed to a different change. */
  if (!_ward_device_change_settings_number (settings, self->parameter, &current))
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_DEVICE,
                               _("The device did not report its current value, so nothing was sent."));
      return;
    }
  if (!self->has_old_value || fabs (current - self->old_value) > self->param->step / 2)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE,
                               _("The value on the device changed since this change was prepared. Nothing was "
                                 "sent: prepare the change again."));
      return;
    }
  /* The rules that depend on the device's other values and on the
   * changes before this one, against what the device reports now: the
   * other alarm limit may have moved, another change may have gone
   * unanswered since this one was prepared. */
  if (!_ward_device_change_check_pairs (self, settings, &error)
      || !_ward_device_change_check_unanswered (self, settings, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!record_request (self, &error))
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_FAILED,
                               _("The change could not be recorded, so it was not sent: %s"), error->message);
      g_error_free (error);
      return;
    }
  apply (task);
}

void
ward_device_change_send_async (WardDeviceChange    *self,
                               guint                timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SendOp *op = g_new0 (SendOp, 1);
  GError *error = NULL;

  g_return_if_fail (WARD_IS_DEVICE_CHANGE (self));
  g_task_set_source_tag (task, ward_device_change_send_async);
  /* Cancelling after the request is on file must still yield its answer. */
  g_task_set_check_cancellable (task, FALSE);
  /* Bounded, so the guard timer below can never overflow. */
  op->timeout_ms = CLAMP (timeout_ms, 100, 120000);
  /* Once sent, leaving the screen does not take the change back: the
   * answer is awaited (up to the timeout) and recorded regardless. */
  op->apply_cancellable = g_cancellable_new ();
  g_task_set_task_data (task, op, (GDestroyNotify) send_op_free);

  if (!ready_to_send (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  self->sent = TRUE;
  ward_device_link_read_settings_async (self->link, self->device->id, cancellable, read_before_cb,
                                        g_steal_pointer (&task));
}

/* The device's answer; on error nothing was sent (and NO_ANSWER is
 * returned only as a placeholder). */
WardChangeOutcome
ward_device_change_send_finish (WardDeviceChange  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  GError *local_error = NULL;
  gssize outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), WARD_CHANGE_NO_ANSWER);
  outcome = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return WARD_CHANGE_NO_ANSWER;
    }
  return (WardChangeOutcome) outcome;
}

const char *
ward_device_change_get_outcome_message (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->outcome_message;
}

gboolean
ward_device_change_get_actual_value (WardDeviceChange *self,
                                     double           *value)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  if (self->has_actual_value && value != NULL)
    *value = self->actual_value;
  return self->has_actual_value;
}
