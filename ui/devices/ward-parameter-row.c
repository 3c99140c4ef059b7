/* ward-parameter-row.c: one device setting on the device page: now, limits, and big − / value / + controls */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-stepper.h"
#include "ui/ward-format.h"
#include "ui/ward-widget-util.h"

struct _WardParameterRow
{
  GtkWidget                parent_instance;

  const WardParameterSpec *param;   /* the catalogue's, which outlives the page's rows */

  GtkLabel                *name_label;
  GtkWidget               *high_alert_label;
  GtkLabel                *current_label;
  GtkLabel                *age_label;
  GtkLabel                *pending_label;
  GtkLabel                *limits_label;
  WardStepper             *stepper;
};

G_DEFINE_FINAL_TYPE (WardParameterRow, ward_parameter_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_STEP,
  SIGNAL_EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ward_parameter_row_new (const WardParameterSpec *param)
{
  WardParameterRow *self;

  g_return_val_if_fail (param != NULL, NULL);

  self = g_object_new (WARD_TYPE_PARAMETER_ROW, NULL);
  self->param = param;
  gtk_label_set_label (self->name_label, ward_parameter_spec_get_label (param));
  ward_stepper_set_setting_name (self->stepper, ward_parameter_spec_get_label (param));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ward_parameter_spec_get_label (param), -1);
  return GTK_WIDGET (self);
}

const WardParameterSpec *
ward_parameter_row_get_parameter (WardParameterRow *self)
{
  g_return_val_if_fail (WARD_IS_PARAMETER_ROW (self), NULL);
  return self->param;
}

/* @pending: the value about to be asked for, with its unit, or NULL. The
 * big number between − and + is always the device's own: what is wished
 * shows only in the "New" chip beside it. */
void
ward_parameter_row_update (WardParameterRow *self,
                           const char       *current,
                           const char       *number,
                           const char       *pending,
                           const char       *limits,
                           gboolean          high_alert,
                           gboolean          can_change)
{
  /* Translators: a setting's value as the device reports it now, e.g. "Now 10.0 mL/h". */
  g_autofree char *now = g_strdup_printf (_("Now %s"), current != NULL ? current : _("unknown"));
  /* Translators: a value asked for but not yet in effect on the device, e.g. "New: 12.0 mL/h". */
  g_autofree char *wished = pending != NULL ? g_strdup_printf (_("New: %s"), pending) : NULL;
  g_autofree char *whole_limits = ward_format_keep_values_whole (limits != NULL ? limits : "");

  g_return_if_fail (WARD_IS_PARAMETER_ROW (self));

  gtk_label_set_label (self->current_label, now);
  gtk_label_set_label (self->limits_label, whole_limits);
  gtk_widget_set_visible (self->high_alert_label, high_alert);
  ward_stepper_set_value (self->stepper, number);
  gtk_label_set_label (self->pending_label, wished != NULL ? wished : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), wished != NULL);
  /* The buttons follow their actions: disabled, they are drawn so and
   * nothing they would send is sent. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.step", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.edit", can_change);
}

/* How old the value shown is, e.g. "Read 5 s ago"; NULL: never read. */
void
ward_parameter_row_set_age (WardParameterRow *self,
                            const char       *age)
{
  g_return_if_fail (WARD_IS_PARAMETER_ROW (self));
  gtk_label_set_label (self->age_label, age != NULL ? age : "");
  gtk_widget_set_visible (GTK_WIDGET (self->age_label), age != NULL);
}

const char *
ward_parameter_row_get_pending_text (WardParameterRow *self)
{
  g_return_val_if_fail (WARD_IS_PARAMETER_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->pending_label)) ? gtk_label_get_label (self->pending_label) : NULL;
}

const char *
ward_parameter_row_get_value_text (WardParameterRow *self)
{
  g_return_val_if_fail (WARD_IS_PARAMETER_ROW (self), NULL);
  return ward_stepper_get_value (self->stepper);
}

GtkWidget *
ward_parameter_row_get_minus (WardParameterRow *self)
{
  return ward_stepper_get_button (self->stepper, WARD_STEPPER_LOWER);
}

GtkWidget *
ward_parameter_row_get_plus (WardParameterRow *self)
{
  return ward_stepper_get_button (self->stepper, WARD_STEPPER_RAISE);
}

GtkWidget *
ward_parameter_row_get_value_button (WardParameterRow *self)
{
  return ward_stepper_get_button (self->stepper, WARD_STEPPER_VALUE);
}

static void
step (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_STEP], 0, g_variant_get_int32 (parameter));
}

static void
edit (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_EDIT], 0);
}

static void
ward_parameter_row_class_init (WardParameterRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WARD_TYPE_STEPPER);
  ward_widget_class_setup (widget_class, "/devices/ward-parameter-row.ui", "parameterrow", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, high_alert_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, current_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, age_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, pending_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, limits_label);
  gtk_widget_class_bind_template_child (widget_class, WardParameterRow, stepper);
  gtk_widget_class_install_action (widget_class, "row.step", "i", step);
  gtk_widget_class_install_action (widget_class, "row.edit", NULL, edit);
}

static void
ward_parameter_row_init (WardParameterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
