/* ward-witness-overlay.c: the independent double check of a high-alert change: a second person's badge, then key */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-witness-overlay.h"
#include "ui/ward-widget-util.h"

/* The second person reads the change here, on the same screen, before
 * vouching for it: so the change is the biggest thing on the card. */
struct _WardWitnessOverlay
{
  GtkWidget         parent_instance;

  WardWitnessStage  stage;
  char             *last_error;   /* the refusal on screen, to tell a repeat */
  guint             n_repeats;

  GtkLabel         *title_label;
  GtkLabel         *who_label;
  GtkLabel         *device_label;
  GtkLabel         *description_label;
  GtkLabel         *unusual_label;
  GtkLabel         *reason_label;
  GtkImage         *step_icon;
  GtkLabel         *step_label;
  GtkLabel         *step_detail;
  GtkLabel         *message_label;
  GtkWidget        *retry_button;
};

G_DEFINE_FINAL_TYPE (WardWitnessOverlay, ward_witness_overlay, GTK_TYPE_WIDGET)

WardWitnessStage
ward_witness_overlay_get_stage (WardWitnessOverlay *self)
{
  g_return_val_if_fail (WARD_IS_WITNESS_OVERLAY (self), WARD_WITNESS_STAGE_BADGE);
  return self->stage;
}

void
ward_witness_overlay_open (WardWitnessOverlay      *self,
                           const WardWitnessBrief  *brief)
{
  g_autofree char *reason = NULL;

  g_return_if_fail (WARD_IS_WITNESS_OVERLAY (self));
  g_return_if_fail (brief != NULL);

  gtk_label_set_label (self->title_label, brief->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, brief->title, -1);
  gtk_label_set_label (self->who_label, brief->who_may != NULL ? brief->who_may : "");
  gtk_widget_set_visible (GTK_WIDGET (self->who_label), brief->who_may != NULL);
  gtk_label_set_label (self->device_label, brief->device != NULL ? brief->device : "");
  gtk_widget_set_visible (GTK_WIDGET (self->device_label), brief->device != NULL);
  gtk_label_set_label (self->description_label, brief->change);
  gtk_label_set_label (self->unusual_label, brief->unusual != NULL ? brief->unusual : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unusual_label), brief->unusual != NULL);
  if (brief->reason != NULL)
    /* Translators: the reason the nurse gave for a value outside the usual range. */
    reason = g_strdup_printf (_("Reason given: “%s”"), brief->reason);
  else
    reason = g_strdup (_("No reason was needed: the value is within the usual range."));
  gtk_label_set_label (self->reason_label, reason);
  g_clear_pointer (&self->last_error, g_free);
  self->n_repeats = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  ward_witness_overlay_show_badge_step (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/* An earlier refusal stays on screen: it says why the badge is asked again. */
void
ward_witness_overlay_show_badge_step (WardWitnessOverlay *self)
{
  g_return_if_fail (WARD_IS_WITNESS_OVERLAY (self));

  self->stage = WARD_WITNESS_STAGE_BADGE;
  gtk_image_set_from_icon_name (self->step_icon, "ward-badge-tap-symbolic");
  gtk_label_set_label (self->step_label, _("Second person: tap your badge"));
  gtk_label_set_label (self->step_detail, _("Check the change above against the prescription first. "
                                            "It is recorded with your name."));
  gtk_widget_set_visible (self->retry_button, FALSE);
}

void
ward_witness_overlay_show_key_step (WardWitnessOverlay *self,
                                    const char         *witness_name)
{
  /* Translators: the double check's second step, e.g. "Grace Lin: touch your security key". */
  g_autofree char *title = g_strdup_printf (_("%s: touch your security key"), witness_name);

  g_return_if_fail (WARD_IS_WITNESS_OVERLAY (self));

  self->stage = WARD_WITNESS_STAGE_KEY;
  gtk_image_set_from_icon_name (self->step_icon, "ward-security-key-symbolic");
  gtk_label_set_label (self->step_label, title);
  gtk_label_set_label (self->step_detail, _("Your touch confirms that you checked this change."));
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_set_visible (self->retry_button, FALSE);
}

/* The same refusal twice in a row must not look as if the second tap
 * went unseen: it says how often it came. */
void
ward_witness_overlay_show_error (WardWitnessOverlay *self,
                                 const char         *message)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (WARD_IS_WITNESS_OVERLAY (self));

  if (self->last_error != NULL && g_str_equal (self->last_error, message)
      && gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    self->n_repeats++;
  else
    self->n_repeats = 0;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  if (self->n_repeats > 0)
    /* Translators: a refusal shown again for another tap, e.g. "This badge is not recognised. (2nd time)". */
    shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (refused %u time in a row)",
                                          "%s (refused %u times in a row)", self->n_repeats + 1),
                             message, self->n_repeats + 1);
  else
    shown = g_strdup (message);
  gtk_label_set_label (self->message_label, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  gtk_widget_set_visible (self->retry_button, self->stage == WARD_WITNESS_STAGE_KEY);
}

static void
ward_witness_overlay_dispose (GObject *object)
{
  g_clear_pointer (&WARD_WITNESS_OVERLAY (object)->last_error, g_free);
  ward_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (ward_witness_overlay_parent_class)->dispose (object);
}

static void
ward_witness_overlay_class_init (WardWitnessOverlayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_witness_overlay_dispose;

  ward_widget_class_setup (widget_class, "/devices/ward-witness-overlay.ui", "deviceoverlay", GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, who_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, device_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, description_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, unusual_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, step_icon);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, step_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, step_detail);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardWitnessOverlay, retry_button);
}

static void
ward_witness_overlay_init (WardWitnessOverlay *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
