/* ward-device-card.c: one bedside device on the home page: name, status and its key values, tapped to open it */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change.h"
#include "app/devices/ward-device-title.h"
#include "ui/devices/ward-device-card.h"
#include "ui/ward-widget-util.h"

/* Enough to recognise the device's state at a glance; the page has the rest. */
#define KEY_VALUES 3

struct _WardDeviceCard
{
  GtkWidget      parent_instance;

  WardDeviceInfo *device;
  WardCatalogue  *catalogue;

  GtkWidget      *button;
  GtkLabel       *title_label;
  GtkLabel       *status_label;
  GtkLabel       *kind_label;
  GtkLabel       *alarm_label;
  GtkLabel       *drug_label;
  GtkGrid        *values_grid;
};

G_DEFINE_FINAL_TYPE (WardDeviceCard, ward_device_card, GTK_TYPE_WIDGET)

GtkWidget *
ward_device_card_new (void)
{
  return g_object_new (WARD_TYPE_DEVICE_CARD, NULL);
}

const char *
ward_device_status_text (const WardDeviceInfo *device)
{
  switch (device->status)
    {
    case WARD_DEVICE_STATUS_ALARM:
      return _("Alarm");
    case WARD_DEVICE_STATUS_OFFLINE:
      return _("Offline");
    case WARD_DEVICE_STATUS_ONLINE:
    default:
      return _("Online");
    }
}

/* Red is kept for alarms: an offline device is grey, not alarming. */
void
ward_device_status_style (GtkWidget        *chip,
                          WardDeviceStatus  status)
{
  gtk_widget_remove_css_class (chip, "device-online");
  gtk_widget_remove_css_class (chip, "device-offline");
  gtk_widget_remove_css_class (chip, "device-alarm");
  gtk_widget_add_css_class (chip, status == WARD_DEVICE_STATUS_ALARM ? "device-alarm"
                                  : status == WARD_DEVICE_STATUS_OFFLINE ? "device-offline"
                                  : "device-online");
}

const char *
ward_device_card_get_device_id (WardDeviceCard *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CARD (self), NULL);
  return self->device != NULL ? self->device->id : NULL;
}

GtkWidget *
ward_device_card_get_button (WardDeviceCard *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CARD (self), NULL);
  return self->button;
}

static void
card_clear_values (WardDeviceCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_grid))) != NULL)
    gtk_grid_remove (self->values_grid, child);
}

static void
card_add_value (WardDeviceCard *self,
                int             row,
                const char     *name,
                const char     *value)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  /* Three cards share the width of a 1024-wide screen: each value under
   * its setting's name, the name wrapping, so that a long (German) name
   * never pushes the cards off the screen. */
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (name_label, "device-card-value-name");
  gtk_widget_add_css_class (value_label, "device-card-value");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_grid_attach (self->values_grid, name_label, 0, 2 * row, 1, 1);
  gtk_grid_attach (self->values_grid, value_label, 0, 2 * row + 1, 1, 1);
}

static void
card_update_accessible (WardDeviceCard *self)
{
  /* Translators: a device card for screen readers: "Infusion pump, Online". */
  g_autofree char *name = g_strdup_printf (_("%s, %s"), ward_device_title (self->catalogue, self->device),
                                           ward_device_status_text (self->device));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
ward_device_card_set_device (WardDeviceCard       *self,
                             const WardDeviceInfo *device,
                             WardCatalogue        *catalogue)
{
  const WardDeviceKind *kind = catalogue != NULL ? ward_catalogue_get_kind (catalogue, device->class_id) : NULL;
  const char *kind_label = kind != NULL ? ward_device_kind_get_label (kind) : NULL;

  g_return_if_fail (WARD_IS_DEVICE_CARD (self));
  g_return_if_fail (device != NULL);

  g_clear_pointer (&self->device, ward_device_info_free);
  self->device = ward_device_info_copy (device);
  g_set_object (&self->catalogue, catalogue);

  gtk_label_set_label (self->title_label, ward_device_title (catalogue, device));
  gtk_label_set_label (self->status_label, ward_device_status_text (device));
  ward_device_status_style (GTK_WIDGET (self->status_label), device->status);
  /* The class only when the device's own name does not already say it. */
  gtk_label_set_label (self->kind_label, kind_label != NULL ? kind_label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_label),
                          kind_label != NULL && g_strcmp0 (kind_label, ward_device_title (catalogue, device)) != 0);
  gtk_label_set_label (self->alarm_label, device->alarm != NULL ? device->alarm : "");
  gtk_widget_set_visible (GTK_WIDGET (self->alarm_label), device->status == WARD_DEVICE_STATUS_ALARM);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->button), "s", device->id);
  card_update_accessible (self);
}

static void
card_show_drug (WardDeviceCard *self,
                GVariant       *settings)
{
  g_autofree char *drug_id = NULL;
  const WardDrugSpec *drug;

  if (settings != NULL)
    g_variant_lookup (settings, WARD_DEVICE_SETTING_DRUG, "s", &drug_id);
  drug = drug_id != NULL ? ward_catalogue_get_drug (self->catalogue, self->device->class_id, drug_id) : NULL;
  gtk_label_set_label (self->drug_label, drug != NULL ? ward_drug_spec_get_label (drug) : (drug_id != NULL ? drug_id : ""));
  gtk_widget_set_visible (GTK_WIDGET (self->drug_label), drug_id != NULL && *drug_id != '\0');
}

/* The first settings of the class, in catalogue order: the ones the file
 * puts first are the ones that matter most at the bedside. */
void
ward_device_card_set_settings (WardDeviceCard *self,
                               GVariant       *settings)
{
  const WardDeviceKind *kind;
  int shown = 0;

  g_return_if_fail (WARD_IS_DEVICE_CARD (self));
  g_return_if_fail (self->device != NULL);

  card_clear_values (self);
  card_show_drug (self, settings);
  kind = self->catalogue != NULL ? ward_catalogue_get_kind (self->catalogue, self->device->class_id) : NULL;
  for (guint i = 0; kind != NULL && settings != NULL && i < kind->parameters->len && shown < KEY_VALUES; i++)
    {
      const WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);
      g_autofree char *text = NULL;
      double value;

      if (!g_variant_lookup (settings, param->id, "d", &value))
        continue;
      text = ward_catalogue_format_with_unit (param, value);
      card_add_value (self, shown++, ward_parameter_spec_get_label (param), text);
    }
  if (shown == 0)
    card_add_value (self, 0, self->device->status == WARD_DEVICE_STATUS_OFFLINE
                             ? _("Settings cannot be read while the device is offline.")
                             : _("Reading the settings…"), "");
}

static void
ward_device_card_dispose (GObject *object)
{
  WardDeviceCard *self = WARD_DEVICE_CARD (object);
  ward_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->device, ward_device_info_free);
  g_clear_object (&self->catalogue);
  G_OBJECT_CLASS (ward_device_card_parent_class)->dispose (object);
}

static void
ward_device_card_class_init (WardDeviceCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_device_card_dispose;

  ward_widget_class_setup (widget_class, "/devices/ward-device-card.ui", "devicecard", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, button);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, drug_label);
  gtk_widget_class_bind_template_child (widget_class, WardDeviceCard, values_grid);
}

static void
ward_device_card_init (WardDeviceCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
