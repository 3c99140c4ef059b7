/* ward-device-page.c: one bedside device: the page's lifecycle: which device, the device's signals, locking */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-title.h"
#include "ui/devices/ward-device-page-private.h"
#include "ui/ward-widget-util.h"

/* Long enough for a busy pump to answer; short enough that a nurse is
 * not left wondering. The link reads the device back either way. */
#define DEFAULT_SEND_TIMEOUT_MS 10000

G_DEFINE_FINAL_TYPE (WardDevicePage, ward_device_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGE_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
on_age_tick (gpointer user_data)
{
  _ward_device_page_update_ages (user_data);
  return G_SOURCE_CONTINUE;
}



static gboolean
on_reload_idle (gpointer user_data)
{
  WardDevicePage *self = user_data;

  self->reload_id = 0;
  _ward_device_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
page_queue_reload (WardDevicePage *self)
{
  if (self->device_id != NULL && self->reload_id == 0)
    self->reload_id = g_idle_add (on_reload_idle, self);
}

static void
on_link_device_signal (WardDeviceLink *link,
                       const char     *device_id,
                       WardDevicePage *self)
{
  if (g_strcmp0 (device_id, self->device_id) == 0)
    page_queue_reload (self);
}

static void
on_link_alarm (WardDeviceLink *link,
               const char     *device_id,
               const char     *message,
               WardDevicePage *self)
{
  on_link_device_signal (link, device_id, self);
}

static void
on_link_availability (WardDeviceLink *link,
                      WardDevicePage *self)
{
  page_queue_reload (self);
}

/* Locking, signing out or another person's badge: nothing of this change
 * may be left for the next person. */
static void
on_flow_changed (WardAuthFlow   *flow,
                 WardDevicePage *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;

  if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_SIGNED_IN)
    return;
  /* A change prepared but never sent is not silently lost: whoever comes
   * back is told what was dropped, and that the device did not get it. */
  if (self->pending_param != NULL && self->device != NULL && self->sent_change == NULL)
    {
      summary = _ward_device_page_summary (self);
      label = g_strdup (ward_device_title (ward_kiosk_get_catalogue (self->kiosk), self->device));
    }
  ward_device_page_reset (self);
  if (summary != NULL)
    {
      /* Translators: on the lock screen after a lock dropped an unsent change,
       * e.g. "Not sent: Infusion pump, Rate 10.0 → 12.0 mL/h. The device did not get this change." */
      g_autofree char *notice = g_strdup_printf (_("Not sent: %s, %s. The device did not get this change."),
                                                 label, summary);

      g_signal_emit (self, signals[SIGNAL_CHANGE_DROPPED], 0, notice);
    }
}

/* -- Public ---------------------------------------------------------------- */

GtkWidget *
ward_device_page_new (WardKiosk *kiosk)
{
  WardDevicePage *self;
  WardDeviceLink *link;

  g_return_val_if_fail (WARD_IS_KIOSK (kiosk), NULL);

  self = g_object_new (WARD_TYPE_DEVICE_PAGE, NULL);
  self->kiosk = g_object_ref (kiosk);
  link = ward_kiosk_get_device_link (kiosk);
  if (link != NULL)
    {
      g_signal_connect_object (link, "device-changed", G_CALLBACK (on_link_device_signal), self, 0);
      g_signal_connect_object (link, "offline", G_CALLBACK (on_link_device_signal), self, 0);
      g_signal_connect_object (link, "alarm", G_CALLBACK (on_link_alarm), self, 0);
      g_signal_connect_object (link, "availability-changed", G_CALLBACK (on_link_availability), self, 0);
    }
  g_signal_connect_object (ward_kiosk_get_flow (kiosk), "changed", G_CALLBACK (on_flow_changed), self, 0);
  return GTK_WIDGET (self);
}

void
ward_device_page_show_device (WardDevicePage *self,
                              const char     *device_id)
{
  g_return_if_fail (WARD_IS_DEVICE_PAGE (self));
  g_return_if_fail (device_id != NULL);

  ward_device_page_reset (self);
  self->device_id = g_strdup (device_id);
  if (self->age_tick_id == 0)
    self->age_tick_id = g_timeout_add_seconds (1, on_age_tick, self);
  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->subtitle_label, "");
  _ward_device_page_reload (self);
}

const char *
ward_device_page_get_device_id (WardDevicePage *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), NULL);
  return self->device_id;
}

void
ward_device_page_reset (WardDevicePage *self)
{
  g_return_if_fail (WARD_IS_DEVICE_PAGE (self));

  _ward_device_page_stop_checks (self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->age_tick_id, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->value_entry), FALSE);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->pending_param, g_free);
  g_clear_object (&self->change);
  g_clear_object (&self->sent_change);
  self->awaiting_read = FALSE;
  self->busy = FALSE;
  _ward_device_page_release_session (self);
  ward_reason_picker_forget (self->reason_picker);
  gtk_widget_set_visible (self->busy_box, FALSE);
  gtk_spinner_stop (self->busy_spinner);
  gtk_widget_set_visible (self->result_box, FALSE);
  _ward_device_page_show_missing (self, "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
}

void
ward_device_page_set_send_timeout (WardDevicePage *self,
                                   guint           milliseconds)
{
  g_return_if_fail (WARD_IS_DEVICE_PAGE (self));
  self->send_timeout_ms = milliseconds;
}

WardValueEntry *
ward_device_page_get_value_entry (WardDevicePage *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), NULL);
  return self->value_entry;
}

gboolean
ward_device_page_is_busy (WardDevicePage *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), FALSE);
  return self->busy;
}

/* -- GObject ----------------------------------------------------------------- */

static void
ward_device_page_dispose (GObject *object)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (object);
  GtkWidget *child;

  _ward_device_page_stop_checks (self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->age_tick_id, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->sent_change);
  _ward_device_page_release_session (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->change);
  g_clear_object (&self->kiosk);
  G_OBJECT_CLASS (ward_device_page_parent_class)->dispose (object);
}

static void
ward_device_page_finalize (GObject *object)
{
  WardDevicePage *self = WARD_DEVICE_PAGE (object);

  g_free (self->device_id);
  g_clear_pointer (&self->device, ward_device_info_free);
  g_clear_pointer (&self->settings, g_variant_unref);
  g_ptr_array_unref (self->rows);
  g_free (self->pending_param);
  G_OBJECT_CLASS (ward_device_page_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, WardDevicePage, name)

static void
ward_device_page_class_init (WardDevicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_device_page_dispose;
  object_class->finalize = ward_device_page_finalize;

  /* (const char *notice): a sentence for the lock screen. */
  signals[SIGNAL_CHANGE_DROPPED] = g_signal_new ("change-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (WARD_TYPE_VALUE_ENTRY);
  g_type_ensure (WARD_TYPE_REASON_PICKER);
  g_type_ensure (WARD_TYPE_STEP_UP_OVERLAY);
  g_type_ensure (WARD_TYPE_WITNESS_OVERLAY);
  ward_widget_class_setup (widget_class, "/devices/ward-device-page.ui", "devicepage", GTK_ACCESSIBLE_ROLE_GENERIC);
  BIND (title_label);
  BIND (subtitle_label);
  BIND (status_label);
  BIND (notice_label);
  BIND (rows_box);
  BIND (no_rows_label);
  BIND (history_box);
  BIND (hint_label);
  BIND (summary_box);
  BIND (summary_label);
  BIND (drug_label);
  BIND (check_label);
  BIND (problem_label);
  BIND (panel_scroller);
  BIND (warning_box);
  BIND (warning_label);
  BIND (reason_picker);
  BIND (actions_box);
  BIND (busy_box);
  BIND (busy_spinner);
  BIND (busy_label);
  BIND (result_box);
  BIND (result_title);
  BIND (result_label);
  BIND (value_entry);
  BIND (step_up_overlay);
  BIND (witness_overlay);
  _ward_device_page_install_view_callbacks (widget_class);
  _ward_device_page_install_actions (widget_class);
}

static void
ward_device_page_init (WardDevicePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->send_timeout_ms = DEFAULT_SEND_TIMEOUT_MS;
}
