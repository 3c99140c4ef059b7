/* ward-size-class.c: marks a window "large" on a big display, so that the stylesheet can scale text and controls up */
#include "config.h"

#include "ui/ward-size-class.h"

static void
apply (GtkWidget *window,
       int        width,
       int        height)
{
  gboolean large = width >= WARD_SIZE_CLASS_LARGE_WIDTH && height >= WARD_SIZE_CLASS_LARGE_HEIGHT;

  if (large == gtk_widget_has_css_class (window, "large"))
    return;
  if (large)
    gtk_widget_add_css_class (window, "large");
  else
    gtk_widget_remove_css_class (window, "large");
}

/* The surface's size is known here before the window lays out its
 * children, so the frame that follows is already drawn at the new scale. */
static void
on_layout (GdkSurface *surface,
           int         width,
           int         height,
           GtkWidget  *window)
{
  apply (window, width, height);
}

static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect_object (surface, "layout", G_CALLBACK (on_layout), window, 0);
  apply (window, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
}

/**
 * ward_size_class_follow:
 *
 * Keeps the CSS class "large" on @window while it is at least
 * %WARD_SIZE_CLASS_LARGE_WIDTH × %WARD_SIZE_CLASS_LARGE_HEIGHT: GTK 4.8's
 * CSS has no media queries, so the size is told to it as a class.
 */
void
ward_size_class_follow (GtkWindow *window)
{
  int width = 0, height = 0;

  g_return_if_fail (GTK_IS_WINDOW (window));

  /* Before the first frame too: the window opens at its default size. */
  gtk_window_get_default_size (window, &width, &height);
  apply (GTK_WIDGET (window), width, height);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
