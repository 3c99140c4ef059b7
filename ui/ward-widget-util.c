/* ward-widget-util.c: what every templated widget of the kiosk does the same way */
#include "config.h"

#include "ui/ward-widget-util.h"

void
ward_widget_class_setup (GtkWidgetClass    *widget_class,
                         const char        *template_path,
                         const char        *css_name,
                         GtkAccessibleRole  role)
{
  g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, template_path, NULL);

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, css_name);
  gtk_widget_class_set_accessible_role (widget_class, role);
}

void
ward_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
