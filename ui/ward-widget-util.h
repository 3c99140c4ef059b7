/* ward-widget-util.h: what every templated widget of the kiosk does the same way */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A widget built from its .ui template in the resource, laid out as a bin
 * (one child filling it), styled by @css_name and announced as @role. */
void ward_widget_class_setup        (GtkWidgetClass    *widget_class,
                                     const char        *template_path,
                                     const char        *css_name,
                                     GtkAccessibleRole  role);

/* Template children are unparented in dispose one by one: on GTK 4.8,
 * gtk_widget_dispose_template() could leave one behind. */
void ward_widget_unparent_children  (GtkWidget         *widget);
/* The dispose of a final widget that owns nothing but its children: they
 * are unparented, then its parent class's dispose runs. A widget with
 * state of its own writes its own dispose and unparents there. */
void ward_widget_dispose_children   (GObject           *object);

/* Scrolls @scroller down, once what was just shown inside it is laid
 * out, until @last is in view whole (what lies above it scrolls up). */
void ward_widget_scroll_into_view   (GtkScrolledWindow *scroller,
                                     GtkWidget         *last);

G_END_DECLS
