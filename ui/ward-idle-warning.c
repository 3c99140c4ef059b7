/* ward-idle-warning.c: "Still there?": the in-window warning shown before an idle session locks */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-format.h"
#include "ui/ward-idle-warning.h"
#include "ui/ward-widget-util.h"

/* It covers the whole window: any touch on it is the activity that keeps
 * the session (the window's capture-phase controllers see it first), and
 * nothing under it is pressed by mistake. */
struct _WardIdleWarning
{
  GtkWidget  parent_instance;

  GtkLabel  *countdown_label;
};

G_DEFINE_FINAL_TYPE (WardIdleWarning, ward_idle_warning, GTK_TYPE_WIDGET)

void
ward_idle_warning_set_seconds (WardIdleWarning *self,
                               gint64           seconds)
{
  g_autofree char *left = ward_format_countdown (seconds);
  /* Translators: the idle warning's countdown, e.g. "Locks in 0:28"; the same words as the session bar's. */
  g_autofree char *text = g_strdup_printf (_("Locks in %s"), left);

  g_return_if_fail (WARD_IS_IDLE_WARNING (self));
  gtk_label_set_label (self->countdown_label, text);
}

static void
ward_idle_warning_class_init (WardIdleWarningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/ward-idle-warning.ui", "idlewarning", GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_widget_class_bind_template_child (widget_class, WardIdleWarning, countdown_label);
}

static void
ward_idle_warning_init (WardIdleWarning *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
