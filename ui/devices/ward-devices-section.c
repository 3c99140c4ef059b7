/* ward-devices-section.c: the home page's device area: the bed's devices as cards, or why they are unavailable */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/ward-widget-util.h"

/* While the devices cannot be listed, try again this often; the link also
 * says by itself when the gateway comes back. */
#define RETRY_SECONDS 5

struct _WardDevicesSection
{
  GtkWidget      parent_instance;

  WardKiosk     *kiosk;
  GCancellable  *cancellable;   /* the refresh under way */
  guint          retry_id;
  guint          refresh_idle_id;

  GtkLabel      *bed_label;
  GtkStack      *state_stack;
  GtkBox        *cards_box;
  GtkLabel      *unavailable_label;
  GtkLabel      *it_label;
  GtkExpander   *it_details;
};

G_DEFINE_FINAL_TYPE (WardDevicesSection, ward_devices_section, GTK_TYPE_WIDGET)

static gboolean
on_retry (gpointer user_data)
{
  WardDevicesSection *self = user_data;

  self->retry_id = 0;
  ward_devices_section_refresh (self);
  return G_SOURCE_REMOVE;
}

/* @it_reason is for IT, shown small under the nurse's sentence. */
static void
section_show_unavailable (WardDevicesSection *self,
                          const char         *sentence,
                          const char         *it_reason,
                          gboolean            retry)
{
  gtk_label_set_label (self->unavailable_label, sentence);
  /* A new cause folds the details again; the same one, shown again by a
   * refresh, leaves them as IT left them. */
  if (g_strcmp0 (gtk_label_get_label (self->it_label), it_reason != NULL ? it_reason : "") != 0)
    gtk_expander_set_expanded (self->it_details, FALSE);
  gtk_label_set_label (self->it_label, it_reason != NULL ? it_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->it_details), it_reason != NULL);
  gtk_stack_set_visible_child_name (self->state_stack, "unavailable");
  if (retry && self->retry_id == 0)
    self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, on_retry, self);
}

GtkWidget *
ward_devices_section_get_card (WardDevicesSection *self,
                               const char         *device_id)
{
  g_return_val_if_fail (WARD_IS_DEVICES_SECTION (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (ward_device_card_get_device_id (WARD_DEVICE_CARD (child)), device_id) == 0)
      return child;
  return NULL;
}

const char *
ward_devices_section_get_state (WardDevicesSection *self)
{
  g_return_val_if_fail (WARD_IS_DEVICES_SECTION (self), NULL);
  return gtk_stack_get_visible_child_name (self->state_stack);
}

static void
on_settings_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WardDeviceCard) card = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) settings = ward_device_link_read_settings_finish (WARD_DEVICE_LINK (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (settings == NULL)
    g_debug ("Device %s not read for its card: %s", ward_device_card_get_device_id (card), error->message);
  ward_device_card_set_settings (card, settings);
}

/* Cards are updated where they stand, never rebuilt: a tap landing
 * during a refresh still opens the device. */
static GtkWidget *
section_put_card (WardDevicesSection   *self,
                  WardDeviceLink       *link,
                  const WardDeviceInfo *device,
                  GtkWidget            *after)
{
  GtkWidget *card = ward_devices_section_get_card (self, device->id);

  if (card == NULL)
    {
      card = ward_device_card_new ();
      ward_device_card_set_device (WARD_DEVICE_CARD (card), device, ward_kiosk_get_catalogue (self->kiosk));
      ward_device_card_set_settings (WARD_DEVICE_CARD (card), NULL);
      gtk_box_insert_child_after (self->cards_box, card, after);
    }
  else
    {
      ward_device_card_set_device (WARD_DEVICE_CARD (card), device, ward_kiosk_get_catalogue (self->kiosk));
      gtk_box_reorder_child_after (self->cards_box, card, after);
    }
  if (device->status == WARD_DEVICE_STATUS_OFFLINE)
    ward_device_card_set_settings (WARD_DEVICE_CARD (card), NULL);
  else
    ward_device_link_read_settings_async (link, device->id, self->cancellable, on_settings_read, g_object_ref (card));
  return card;
}

static gboolean
listed (GPtrArray  *devices,
        const char *device_id)
{
  for (guint i = 0; i < devices->len; i++)
    if (g_strcmp0 (((WardDeviceInfo *) g_ptr_array_index (devices, i))->id, device_id) == 0)
      return TRUE;
  return FALSE;
}

static void
section_drop_unlisted (WardDevicesSection *self,
                       GPtrArray          *devices)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!listed (devices, ward_device_card_get_device_id (WARD_DEVICE_CARD (child))))
        gtk_box_remove (self->cards_box, child);
      child = next;
    }
}

static void
on_devices_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  WardDevicesSection *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = ward_device_link_list_devices_finish (WARD_DEVICE_LINK (source), result, &error);
  GtkWidget *after = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (devices == NULL)
    {
      section_show_unavailable (self, error->message, NULL, TRUE);
      return;
    }
  section_drop_unlisted (self, devices);
  for (guint i = 0; i < devices->len; i++)
    after = section_put_card (self, WARD_DEVICE_LINK (source), g_ptr_array_index (devices, i), after);
  gtk_stack_set_visible_child_name (self->state_stack, devices->len > 0 ? "cards" : "empty");
}

/* Reads the devices again; what is shown stays until the answer comes. */
void
ward_devices_section_refresh (WardDevicesSection *self)
{
  WardDeviceLink *link;

  g_return_if_fail (WARD_IS_DEVICES_SECTION (self));

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  link = ward_kiosk_get_device_link (self->kiosk);

  /* Without a catalogue nothing can be checked: unavailable, not guessed. */
  if (ward_kiosk_get_catalogue (self->kiosk) == NULL)
    section_show_unavailable (self, _("The device list of this kiosk could not be loaded, so devices cannot be "
                                      "adjusted here. Call IT."),
                              ward_kiosk_get_catalogue_error (self->kiosk), FALSE);
  else if (link == NULL)
    section_show_unavailable (self, _("No device gateway is set up for this kiosk."), NULL, FALSE);
  else if (!ward_device_link_is_available (link))
    section_show_unavailable (self, _("The bedside devices cannot be reached from this kiosk just now. "
                                      "Trying again in the background."), NULL, TRUE);
  else
    {
      self->cancellable = g_cancellable_new ();
      ward_device_link_list_devices_async (link, ward_kiosk_get_bed (self->kiosk), self->cancellable,
                                           on_devices_listed, self);
    }
}

static gboolean
on_refresh_idle (gpointer user_data)
{
  WardDevicesSection *self = user_data;

  self->refresh_idle_id = 0;
  ward_devices_section_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Signals come in bursts (an alarm is also a change): one refresh each. */
static void
section_queue_refresh (WardDevicesSection *self)
{
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add (on_refresh_idle, self);
}

static void
on_link_changed (WardDevicesSection *self)
{
  section_queue_refresh (self);
}

static void
section_connect_link (WardDevicesSection *self)
{
  WardDeviceLink *link = ward_kiosk_get_device_link (self->kiosk);
  static const char *const signals[] = { "availability-changed", "device-changed", "alarm", "offline" };

  if (link == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (link, signals[i], G_CALLBACK (on_link_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ward_devices_section_new (WardKiosk *kiosk)
{
  WardDevicesSection *self;
  g_autofree char *bed = NULL;

  g_return_val_if_fail (WARD_IS_KIOSK (kiosk), NULL);

  self = g_object_new (WARD_TYPE_DEVICES_SECTION, NULL);
  self->kiosk = g_object_ref (kiosk);
  /* Translators: beside "Devices" on the home page: the bed this kiosk serves. */
  bed = g_strdup_printf (_("at %s"), ward_kiosk_get_bed (kiosk));
  gtk_label_set_label (self->bed_label, bed);
  section_connect_link (self);
  ward_devices_section_refresh (self);
  return GTK_WIDGET (self);
}

static void
ward_devices_section_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ward_devices_section_parent_class)->map (widget);
  /* Values change at the bedside without the kiosk: read them on each visit. */
  section_queue_refresh (WARD_DEVICES_SECTION (widget));
}

static void
ward_devices_section_dispose (GObject *object)
{
  WardDevicesSection *self = WARD_DEVICES_SECTION (object);
  GtkWidget *child;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->kiosk);
  G_OBJECT_CLASS (ward_devices_section_parent_class)->dispose (object);
}

static void
ward_devices_section_class_init (WardDevicesSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_devices_section_dispose;
  widget_class->map = ward_devices_section_map;

  ward_widget_class_setup (widget_class, "/devices/ward-devices-section.ui", "devicessection", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, bed_label);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, state_stack);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, cards_box);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, it_label);
  gtk_widget_class_bind_template_child (widget_class, WardDevicesSection, it_details);
}

static void
ward_devices_section_init (WardDevicesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
