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

void
ward_widget_dispose_children (GObject *object)
{
  GObjectClass *own_class = G_OBJECT_GET_CLASS (object);

  /* The parent is found from the instance's own class: right only when
   * nothing derives from it, else a subclass would loop back here. */
  g_assert (G_TYPE_IS_FINAL (G_OBJECT_CLASS_TYPE (own_class)));

  ward_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (g_type_class_peek_parent (own_class))->dispose (object);
}

#define SETTLING_FRAMES 6
/* Below the last widget: its shadow and margin, and clear of the edge. */
#define BREATHING_ROOM 16

typedef struct
{
  GtkWidget *last;
  guint      frames;
} ScrollTarget;

static void
scroll_target_free (gpointer data)
{
  ScrollTarget *target = data;

  g_object_unref (target->last);
  g_free (target);
}

/* Tick callbacks run before the frame's layout: widgets just shown have
 * their place inside the scrolled content only from the next frame on,
 * and wrapped labels may settle their height a frame or two later still;
 * so the first tick waits and a few more frames follow the settling. */
static gboolean
scroll_when_laid_out (GtkWidget     *scroller,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  ScrollTarget *target = data;
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t last;

  if (target->frames++ == 0)
    return G_SOURCE_CONTINUE;
  /* The viewport's own coordinates move as it scrolls; its child's do not. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content != NULL && gtk_widget_get_visible (target->last)
      && gtk_widget_compute_bounds (target->last, content, &last)
      && last.origin.y + last.size.height + BREATHING_ROOM > gtk_adjustment_get_value (adjustment) + page)
    gtk_adjustment_set_value (adjustment, last.origin.y + last.size.height + BREATHING_ROOM - page);
  return target->frames < SETTLING_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
ward_widget_scroll_into_view (GtkScrolledWindow *scroller,
                              GtkWidget         *last)
{
  ScrollTarget *target = g_new0 (ScrollTarget, 1);

  target->last = g_object_ref (last);
  gtk_widget_add_tick_callback (GTK_WIDGET (scroller), scroll_when_laid_out, target, scroll_target_free);
}
