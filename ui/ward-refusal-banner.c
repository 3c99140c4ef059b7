/* ward-refusal-banner.c: a refusal in big words over the screen, for a few seconds or until acted on, never a dialog */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-refusal-banner.h"
#include "ui/ward-widget-util.h"

/* Long enough to read two lines twice, short enough that the next person
 * does not meet the last one's refusal. */
#define SHOW_SECONDS 8
/* A refusal that stays true (locked, disabled, not enrolled) is what the
 * person must act on: it waits for her to come back from fetching her
 * glasses or the charge nurse, until the next badge tap or a touch, and
 * only then leaves an abandoned kiosk. */
#define LASTING_SECONDS 120

struct _WardRefusalBanner
{
  GtkWidget  parent_instance;

  GtkLabel  *message_label;
  guint      hide_id;
  gboolean   lasting;
};

G_DEFINE_FINAL_TYPE (WardRefusalBanner, ward_refusal_banner, GTK_TYPE_WIDGET)

static gboolean
on_hide_timeout (gpointer user_data)
{
  WardRefusalBanner *self = user_data;

  self->hide_id = 0;
  ward_refusal_banner_hide (self);
  return G_SOURCE_REMOVE;
}

static void
banner_show_for (WardRefusalBanner *self,
                 const char        *message,
                 guint              seconds)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  /* A second refusal restarts the time: its words are new. */
  g_clear_handle_id (&self->hide_id, g_source_remove);
  self->hide_id = g_timeout_add_seconds (seconds, on_hide_timeout, self);
}

void
ward_refusal_banner_show (WardRefusalBanner *self,
                          const char        *message)
{
  g_return_if_fail (WARD_IS_REFUSAL_BANNER (self));
  g_return_if_fail (message != NULL);

  self->lasting = FALSE;
  banner_show_for (self, message, SHOW_SECONDS);
}

void
ward_refusal_banner_show_lasting (WardRefusalBanner *self,
                                  const char        *message)
{
  g_return_if_fail (WARD_IS_REFUSAL_BANNER (self));
  g_return_if_fail (message != NULL);

  self->lasting = TRUE;
  banner_show_for (self, message, LASTING_SECONDS);
}

gboolean
ward_refusal_banner_get_lasting (WardRefusalBanner *self)
{
  g_return_val_if_fail (WARD_IS_REFUSAL_BANNER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self)) && self->lasting;
}

void
ward_refusal_banner_hide (WardRefusalBanner *self)
{
  g_return_if_fail (WARD_IS_REFUSAL_BANNER (self));

  g_clear_handle_id (&self->hide_id, g_source_remove);
  self->lasting = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_label_set_label (self->message_label, "");
}

const char *
ward_refusal_banner_get_message (WardRefusalBanner *self)
{
  g_return_val_if_fail (WARD_IS_REFUSAL_BANNER (self), NULL);
  return gtk_label_get_label (self->message_label);
}

/* Touching the banner puts it away: it is read, the screen is wanted. */
static void
on_pressed (GtkGestureClick   *gesture,
            int                n_press,
            double             x,
            double             y,
            WardRefusalBanner *self)
{
  ward_refusal_banner_hide (self);
}

static void
ward_refusal_banner_dispose (GObject *object)
{
  WardRefusalBanner *self = WARD_REFUSAL_BANNER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->hide_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ward_refusal_banner_parent_class)->dispose (object);
}

static void
ward_refusal_banner_class_init (WardRefusalBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_refusal_banner_dispose;

  ward_widget_class_setup (widget_class, "/ward-refusal-banner.ui", "refusalbanner", GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_widget_class_bind_template_child (widget_class, WardRefusalBanner, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_pressed);
}

static void
ward_refusal_banner_init (WardRefusalBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
