/* ward-device-page-apply.c: the device page's checks: Apply, step-up, the second person, sending */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-title.h"
#include "ui/devices/ward-device-page-private.h"

static void page_advance (WardDevicePage *self);

static GCancellable *
page_new_check (WardDevicePage *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  return self->check_cancellable;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WardDevicePage) self = user_data;
  WardDeviceChange *change = WARD_DEVICE_CHANGE (source);
  g_autoptr(GError) error = NULL;

  ward_device_change_send_finish (change, result, &error);
  /* The page was reset meanwhile (locked, another person): the answer is
   * on file, but not for this screen. */
  if (self->change != change)
    return;
  g_clear_object (&self->sent_change);
  g_clear_pointer (&self->pending_param, g_free);
  if (error != NULL)
    {
      _ward_device_page_show_result (self, _("Not sent"), error->message, "result-not-sent");
      g_clear_object (&self->change);
      _ward_device_page_set_busy (self, FALSE, NULL);
      _ward_device_page_clear_pending (self);
      _ward_device_page_reload (self);
      return;
    }
  /* The answer is shown with the device's own values, read again: until
   * that read, neither the card nor the rows claim anything new. */
  self->sent_change = g_steal_pointer (&self->change);
  self->awaiting_read = TRUE;
  {
    /* Translators: after a device answered, e.g. "Reading Infusion pump…". */
    g_autofree char *what = g_strdup_printf (_("Reading %s…"),
                                             ward_device_title (ward_kiosk_get_catalogue (self->kiosk), self->device));

    _ward_device_page_set_busy (self, TRUE, what);
  }
  ward_reason_picker_forget (self->reason_picker);
  _ward_device_page_reload (self);
}

static void
page_send (WardDevicePage *self)
{
  /* Translators: while a change is on its way, e.g. "Sending to Infusion pump…". */
  g_autofree char *what = g_strdup_printf (_("Sending to %s…"),
                                           ward_device_title (ward_kiosk_get_catalogue (self->kiosk), self->device));

  _ward_device_page_set_busy (self, TRUE, what);
  /* Not cancellable: once recorded and sent, the answer is awaited and recorded. */
  ward_device_change_send_async (self->change, self->send_timeout_ms, NULL, on_sent, g_object_ref (self));
}

/* -- Step-up ---------------------------------------------------------------- */

static void
on_step_up_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WardDevicePage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ward_device_change_step_up_finish (WARD_DEVICE_CHANGE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ward_step_up_overlay_show_error (self->step_up_overlay, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->step_up_overlay), FALSE);
  page_advance (self);
}

static void
page_step_up (WardDevicePage *self)
{
  g_autofree char *summary = _ward_device_page_summary (self);

  ward_step_up_overlay_open (self->step_up_overlay, summary);
  /* The callback runs only while the check is not cancelled, which the
   * page's reset and dispose always do: self outlives it. */
  ward_device_change_step_up_async (self->change, NULL, page_new_check (self), on_step_up_done, self);
}

/* -- The second person ---------------------------------------------------- */

static void
on_witness_key_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WardDevicePage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ward_device_change_witness_key_finish (WARD_DEVICE_CHANGE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ward_witness_overlay_show_error (self->witness_overlay, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->witness_overlay), FALSE);
  page_advance (self);
}

static void
page_witness_key (WardDevicePage *self)
{
  ward_witness_overlay_show_key_step (self->witness_overlay, ward_device_change_get_witness_name (self->change));
  ward_device_change_witness_key_async (self->change, NULL, page_new_check (self), on_witness_key_done, self);
}

gboolean
ward_device_page_wants_badge (WardDevicePage *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), FALSE);

  /* While a check is on screen every badge is for it: a tap must never
   * sign the nurse out in the middle of a change. */
  return gtk_widget_get_mapped (GTK_WIDGET (self)) && self->change != NULL
      && (gtk_widget_get_visible (GTK_WIDGET (self->witness_overlay))
          || gtk_widget_get_visible (GTK_WIDGET (self->step_up_overlay)));
}

gboolean
ward_device_page_badge_read (WardDevicePage *self,
                             const char     *uid)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), FALSE);

  /* While a change is on its way, a tap (tap-out, tap-over) waits: the
   * nurse who sent it must see the device's answer, not a lock screen. */
  if (self->busy && gtk_widget_get_mapped (GTK_WIDGET (self))
      && !gtk_widget_get_visible (GTK_WIDGET (self->witness_overlay))
      && !gtk_widget_get_visible (GTK_WIDGET (self->step_up_overlay)))
    return TRUE;
  if (!ward_device_page_wants_badge (self))
    return FALSE;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->witness_overlay)))
    {
      ward_step_up_overlay_show_error (self->step_up_overlay,
                                       _("No badge is needed here: touch your security key."));
      return TRUE;
    }
  /* A new badge starts the check over, whoever tapped before. */
  g_cancellable_cancel (self->check_cancellable);
  if (!ward_device_change_witness_badge (self->change, uid, &error))
    {
      ward_witness_overlay_show_badge_step (self->witness_overlay);
      ward_witness_overlay_show_error (self->witness_overlay, error->message);
      return TRUE;
    }
  page_witness_key (self);
  return TRUE;
}

/* -- The steps, in the pipeline's order ----------------------------------- */

static void
page_advance (WardDevicePage *self)
{
  if (self->change == NULL)
    return;
  if (ward_device_change_needs_step_up (self->change))
    page_step_up (self);
  else if (ward_device_change_needs_witness (self->change))
    {
      g_autofree char *description = ward_device_change_describe (self->change);
      g_autofree char *who_may = NULL;
      g_autofree char *title = ward_device_change_describe_witnesses (self->change, &who_may);
      g_autofree char *unusual = ward_device_change_describe_unusual (self->change);
      WardWitnessBrief brief = {
        .title = title,
        .who_may = who_may,
        .device = ward_device_change_get_device_label (self->change),
        .change = description,
        .reason = ward_device_change_get_reason (self->change),
        .unusual = unusual,
      };

      ward_witness_overlay_open (self->witness_overlay, &brief);
    }
  else
    page_send (self);
}

/* The checks are the pipeline's, run again here on the value shown: the
 * screen may have been open for a while. */
static void
action_apply (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->busy || self->change == NULL)
    return;
  if (!ward_device_change_validate (self->change, &error))
    {
      _ward_device_page_show_problem (self, error->message);
      return;
    }
  if (ward_device_change_needs_confirmation (self->change)
      && !ward_device_change_confirm_soft_limit (self->change, _ward_device_page_reason (self), &error))
    {
      _ward_device_page_show_problem (self, error->message);
      return;
    }
  gtk_widget_set_visible (self->result_box, FALSE);
  g_clear_object (&self->sent_change);
  _ward_device_page_set_busy (self, TRUE, NULL);
  page_advance (self);
}

static void
action_discard (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (widget);

  if (!self->busy)
    _ward_device_page_clear_pending (self);
}

/* Back to the pending value, unchecked: nothing was sent. */
static void
action_cancel_change (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (widget);

  if (self->change == NULL || gtk_widget_get_visible (self->busy_box))
    return;
  _ward_device_page_stop_checks (self);
  _ward_device_page_set_busy (self, FALSE, NULL);
}

static void
action_retry_step_up (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (widget);

  if (self->change != NULL && gtk_widget_get_visible (GTK_WIDGET (self->step_up_overlay)))
    page_step_up (self);
}

static void
action_retry_witness_key (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (widget);

  if (self->change != NULL && ward_device_change_get_witness_name (self->change) != NULL)
    page_witness_key (self);
}

void
_ward_device_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "device.apply", NULL, action_apply);
  gtk_widget_class_install_action (widget_class, "device.discard", NULL, action_discard);
  gtk_widget_class_install_action (widget_class, "device.cancel-change", NULL, action_cancel_change);
  gtk_widget_class_install_action (widget_class, "device.retry-step-up", NULL, action_retry_step_up);
  gtk_widget_class_install_action (widget_class, "device.retry-witness-key", NULL, action_retry_witness_key);
}
