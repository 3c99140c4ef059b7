/* ward-test-screenshot.c: saves what a widget shows as a PNG, for people to look at */
#include "tests/ui/ward-test-screenshot.h"

/* Screenshots go beside the test build ($WARDGATE_TEST_OUTPUT/screenshots)
 * so that they survive the run and can be reviewed or published by CI;
 * outside meson they go to the current folder. */
char *
ward_test_screenshot_path (const char *name)
{
  const char *output = g_getenv ("WARDGATE_TEST_OUTPUT");
  g_autofree char *dir = g_build_filename (output != NULL ? output : ".", "screenshots", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* The widget's own renderer: the same one that draws it on screen. */
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Waits until the widget has been drawn (a snapshot of a widget that was
 * never drawn is empty), renders it and saves it as NAME. Returns the path. */
char *
ward_test_save_screenshot (GtkWidget  *widget,
                           const char *name)
{
  g_autofree char *path = ward_test_screenshot_path (name);
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (GTK_IS_WIDGET (widget));
  gtk_test_widget_wait_for_draw (widget);

  texture = render_widget (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  return g_steal_pointer (&path);
}
