/* ward-step-header.c: over each sign-in step: whose step it is, and the time left for it */
#include "config.h"

#include "ui/ward-format.h"
#include "ui/ward-step-header.h"
#include "ui/ward-widget-util.h"

struct _WardStepHeader
{
  GtkWidget  parent_instance;

  GtkLabel  *who_label;
  GtkLabel  *time_label;
};

G_DEFINE_FINAL_TYPE (WardStepHeader, ward_step_header, GTK_TYPE_WIDGET)

/* @who: the person signing in ("Signing in: …"), or the step's own title
 * where nobody is known yet; @seconds_left: the step's time. */
void
ward_step_header_show (WardStepHeader *self,
                       const char     *who,
                       gint64          seconds_left)
{
  g_autofree char *time = ward_format_time_left (seconds_left);

  g_return_if_fail (WARD_IS_STEP_HEADER (self));

  gtk_label_set_label (self->who_label, who);
  gtk_label_set_label (self->time_label, time);
}

/* Emergency access is told apart by its colour at every step. */
void
ward_step_header_set_emergency (WardStepHeader *self)
{
  g_return_if_fail (WARD_IS_STEP_HEADER (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->who_label), "emergency-text");
}

static void
ward_step_header_class_init (WardStepHeaderClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/ward-step-header.ui", "stepheader", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardStepHeader, who_label);
  gtk_widget_class_bind_template_child (widget_class, WardStepHeader, time_label);
}

static void
ward_step_header_init (WardStepHeader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
