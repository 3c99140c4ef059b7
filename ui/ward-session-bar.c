/* ward-session-bar.c: the signed-in header: who, in which role, when the screen locks, and Sign out */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-format.h"
#include "ui/ward-session-bar.h"
#include "ui/ward-widget-util.h"

struct _WardSessionBar
{
  GtkWidget  parent_instance;

  GtkLabel  *name_label;
  GtkLabel  *role_label;
  GtkLabel  *lock_label;
};

G_DEFINE_FINAL_TYPE (WardSessionBar, ward_session_bar, GTK_TYPE_WIDGET)

void
ward_session_bar_update (WardSessionBar *self,
                         WardAuthFlow   *flow)
{
  WardSession *session;
  g_autofree char *roles = NULL;
  g_autofree char *left = NULL;
  g_autofree char *lock = NULL;

  g_return_if_fail (WARD_IS_SESSION_BAR (self));

  session = ward_auth_flow_get_session (flow);
  if (session == NULL)
    return;

  roles = ward_format_roles (ward_session_get_roles (session));
  left = ward_format_countdown (ward_auth_flow_get_seconds_left (flow));
  if (ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS)
    /* Translators: an emergency session does not lock when left alone; it ends at its own limit,
     * e.g. "Emergency access ends in 14:52". */
    lock = g_strdup_printf (_("Emergency access ends in %s"), left);
  else if (ward_session_is_held (session))
    /* Only the session's own limit, hours away, would end it now: a
     * countdown of hundreds of minutes would read as a fault. */
    lock = g_strdup (_("No lock while you wait"));
  else
    /* Translators: when the signed-in screen locks unless touched, e.g. "Locks in 1:52". */
    lock = g_strdup_printf (_("Locks in %s"), left);

  gtk_label_set_label (self->name_label, ward_session_get_full_name (session));
  gtk_label_set_label (self->role_label, roles);
  gtk_label_set_label (self->lock_label, lock);
}

static void
ward_session_bar_class_init (WardSessionBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/ward-session-bar.ui", "sessionbar", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardSessionBar, name_label);
  gtk_widget_class_bind_template_child (widget_class, WardSessionBar, role_label);
  gtk_widget_class_bind_template_child (widget_class, WardSessionBar, lock_label);
}

static void
ward_session_bar_init (WardSessionBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
