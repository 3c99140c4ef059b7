/* ward-tap-over-card.c: during an emergency session, another person's badge asks before it ends the session */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-tap-over-card.h"
#include "ui/ward-widget-util.h"

/* A colleague's badge brushing the reader in a resuscitation must not end
 * the emergency session: the card asks, and "Keep" is the default. */
struct _WardTapOverCard
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *end_label;
  GtkWidget *keep_button;
  GtkWidget *end_button;
};

G_DEFINE_FINAL_TYPE (WardTapOverCard, ward_tap_over_card, GTK_TYPE_WIDGET)

void
ward_tap_over_card_set_name (WardTapOverCard *self,
                             const char      *name)
{
  /* Translators: another person tapped a badge during emergency access, e.g. "Jo Doe tapped a badge". */
  g_autofree char *title = g_strdup_printf (_("%s tapped a badge"), name);
  /* Translators: the button that ends emergency access so that this person can sign in. */
  g_autofree char *end = g_strdup_printf (_("End emergency access and sign in %s"), name);

  g_return_if_fail (WARD_IS_TAP_OVER_CARD (self));
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->end_label, end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->end_button), GTK_ACCESSIBLE_PROPERTY_LABEL, end, -1);
}

GtkWidget *
ward_tap_over_card_get_keep_button (WardTapOverCard *self)
{
  g_return_val_if_fail (WARD_IS_TAP_OVER_CARD (self), NULL);
  return self->keep_button;
}

GtkWidget *
ward_tap_over_card_get_end_button (WardTapOverCard *self)
{
  g_return_val_if_fail (WARD_IS_TAP_OVER_CARD (self), NULL);
  return self->end_button;
}

static void
ward_tap_over_card_class_init (WardTapOverCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/ward-tap-over-card.ui", "tapovercard", GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_widget_class_bind_template_child (widget_class, WardTapOverCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardTapOverCard, end_label);
  gtk_widget_class_bind_template_child (widget_class, WardTapOverCard, keep_button);
  gtk_widget_class_bind_template_child (widget_class, WardTapOverCard, end_button);
}

static void
ward_tap_over_card_init (WardTapOverCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
