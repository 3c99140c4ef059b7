/* ward-step-up-overlay.c: "Touch your key again" before a high-risk device change, over the device page */
#include "config.h"

#include "ui/devices/ward-step-up-overlay.h"
#include "ui/ward-widget-util.h"

/* It covers the whole page: nothing under it can be changed while the
 * key is awaited. */
struct _WardStepUpOverlay
{
  GtkWidget  parent_instance;

  GtkLabel  *summary_label;
  GtkLabel  *message_label;
  GtkWidget *retry_button;
};

G_DEFINE_FINAL_TYPE (WardStepUpOverlay, ward_step_up_overlay, GTK_TYPE_WIDGET)

/* Shown, or shown again for a retry: waiting for the touch. */
void
ward_step_up_overlay_open (WardStepUpOverlay *self,
                           const char        *summary)
{
  g_return_if_fail (WARD_IS_STEP_UP_OVERLAY (self));

  if (summary != NULL)
    gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
ward_step_up_overlay_show_error (WardStepUpOverlay *self,
                                 const char        *message)
{
  g_return_if_fail (WARD_IS_STEP_UP_OVERLAY (self));

  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  gtk_widget_set_visible (self->retry_button, TRUE);
}

static void
ward_step_up_overlay_class_init (WardStepUpOverlayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/devices/ward-step-up-overlay.ui", "deviceoverlay", GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, WardStepUpOverlay, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WardStepUpOverlay, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardStepUpOverlay, retry_button);
}

static void
ward_step_up_overlay_init (WardStepUpOverlay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
