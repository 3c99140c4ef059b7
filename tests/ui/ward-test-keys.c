/* ward-test-keys.c: real keyboard input to a kiosk window through the X server (xdotool), with GTK's own handling as the fallback */
#include "config.h"

#include <string.h>

#include "tests/ui/ward-test-keys.h"
#include "tests/ui/ward-test-ui.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

gboolean
ward_test_keys_real (GtkWindow *window)
{
#ifdef TEST_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window)));
#else
  return FALSE;
#endif
}

#ifdef TEST_X11
static char *
window_xid (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}
#endif

void
ward_test_keys_type (GtkWindow  *window,
                     const char *text,
                     guint       delay_ms)
{
#ifdef TEST_X11
  if (ward_test_keys_real (window))
    {
      g_autofree char *xid = window_xid (window);
      g_autofree char *delay = g_strdup_printf ("%u", delay_ms);
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "type", "--delay", delay, text, NULL };

      ward_test_run_program (argv);
      /* A person's last key is held back for the gap a reader's keys would
       * have before it is handed on. */
      ward_test_spin (300);
      return;
    }
#endif
  g_error ("Typing needs an X server and xdotool");
}

void
ward_test_keys_press (GtkWindow  *window,
                      const char *key)
{
#ifdef TEST_X11
  if (ward_test_keys_real (window))
    {
      g_autofree char *xid = window_xid (window);
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", key, NULL };

      ward_test_run_program (argv);
      ward_test_spin (300);
      return;
    }
#endif
  if (g_str_equal (key, "Tab"))
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  else if (g_str_equal (key, "Return"))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      if (focus != NULL)
        gtk_widget_activate (focus);
    }
  else
    g_error ("No fallback for the key %s without an X server", key);
  ward_test_spin (300);
}
