/* ward-stepper.c: a device setting's big − / value / + controls */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-stepper.h"
#include "ui/ward-widget-util.h"

struct _WardStepper
{
  GtkWidget  parent_instance;

  GtkWidget *lower_button;
  GtkWidget *value_button;
  GtkLabel  *value_label;
  GtkWidget *raise_button;
};

G_DEFINE_FINAL_TYPE (WardStepper, ward_stepper, GTK_TYPE_WIDGET)

/* The buttons' names for a screen reader, e.g. "Lower Rate": three
 * buttons named −, a number and + would say nothing of what they change. */
void
ward_stepper_set_setting_name (WardStepper *self,
                               const char  *name)
{
  /* Translators: screen-reader names of a setting's controls, e.g. "Lower Rate". */
  g_autofree char *lower = g_strdup_printf (_("Lower %s"), name);
  g_autofree char *raise = g_strdup_printf (_("Raise %s"), name);
  g_autofree char *type = g_strdup_printf (_("Type a value for %s"), name);

  g_return_if_fail (WARD_IS_STEPPER (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lower_button), GTK_ACCESSIBLE_PROPERTY_LABEL, lower, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->raise_button), GTK_ACCESSIBLE_PROPERTY_LABEL, raise, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_button), GTK_ACCESSIBLE_PROPERTY_LABEL, type, -1);
}

/* @value: the device's own value, the big number; NULL: not known. */
void
ward_stepper_set_value (WardStepper *self,
                        const char  *value)
{
  g_return_if_fail (WARD_IS_STEPPER (self));
  gtk_label_set_label (self->value_label, value != NULL ? value : "—");
}

const char *
ward_stepper_get_value (WardStepper *self)
{
  g_return_val_if_fail (WARD_IS_STEPPER (self), NULL);
  return gtk_label_get_label (self->value_label);
}

GtkWidget *
ward_stepper_get_button (WardStepper       *self,
                         WardStepperButton  button)
{
  g_return_val_if_fail (WARD_IS_STEPPER (self), NULL);

  switch (button)
    {
    case WARD_STEPPER_LOWER:
      return self->lower_button;
    case WARD_STEPPER_VALUE:
      return self->value_button;
    case WARD_STEPPER_RAISE:
      return self->raise_button;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
ward_stepper_class_init (WardStepperClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/devices/ward-stepper.ui", "stepper", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardStepper, lower_button);
  gtk_widget_class_bind_template_child (widget_class, WardStepper, value_button);
  gtk_widget_class_bind_template_child (widget_class, WardStepper, value_label);
  gtk_widget_class_bind_template_child (widget_class, WardStepper, raise_button);
}

static void
ward_stepper_init (WardStepper *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
