/* ward-awareness-page.c: the sign-in step where a security-awareness prompt is shown when one is due */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-awareness-page.h"

/* For now a pause with a Continue button. The awareness prompt card (the
 * question, its answers and the feedback) takes the place of the content
 * box in ward-awareness-page.ui; its last answer activates
 * "win.awareness-done", as the Continue button does here. */
struct _WardAwarenessPage
{
  GtkWidget  parent_instance;

  GtkWidget *continue_button;
};

G_DEFINE_FINAL_TYPE (WardAwarenessPage, ward_awareness_page, GTK_TYPE_WIDGET)

GtkWidget *
ward_awareness_page_new (void)
{
  return g_object_new (WARD_TYPE_AWARENESS_PAGE, NULL);
}

static void
ward_awareness_page_map (GtkWidget *widget)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (widget);

  GTK_WIDGET_CLASS (ward_awareness_page_parent_class)->map (widget);
  gtk_widget_grab_focus (self->continue_button);
}

static void
ward_awareness_page_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ward_awareness_page_parent_class)->dispose (object);
}

static void
ward_awareness_page_class_init (WardAwarenessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_awareness_page_dispose;
  widget_class->map = ward_awareness_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ward-awareness-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, continue_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "awarenesspage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ward_awareness_page_init (WardAwarenessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Security awareness"),
                                  -1);
}
