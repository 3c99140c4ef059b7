/* ward-test-xinput.c: real input through the X server (xdotool): pointer clicks on widgets, typed keys */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-home-page.h"
#include "ui/ward-keypad.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* TRUE when input can go through the X server: an X11 display and
 * xdotool. */
gboolean
ward_test_xinput_usable (GtkWidget *window)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (window));
#else
  return FALSE;
#endif
}

/* These tests are about what a person's input does: without an X server
 * and xdotool there is nothing to test, and saying so is a failure. */
void
ward_test_xinput_require (GtkWidget *window)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL)
    g_error ("xdotool is not installed (.ci/install-deps installs it)");
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (window)))
    return;
#endif
  g_error ("These tests need an X display (run them under xvfb-run)");
}

static char *
window_xid (GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
#else
  g_error ("No X11 support in this GTK");
#endif
}

/* Moves the X pointer to the middle of @widget and presses the first
 * button there: GTK sees the same events as from a mouse or a touch
 * screen's pointer emulation. The widget must be on screen. */
void
ward_test_xinput_click (GtkWidget *widget)
{
  ward_test_xinput_click_button (widget, 1);
}

/* Button 4 and 5 are the wheel, up and down. */
void
ward_test_xinput_click_button (GtkWidget *widget,
                               guint      button)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *which = g_strdup_printf ("%u", button);
  double wx = 0, wy = 0, sx = 0, sy = 0;

  g_assert_nonnull (native);
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0, &wx, &wy));
  gtk_native_get_surface_transform (native, &sx, &sy);
  g_assert_cmpfloat (wx, >=, 0);
  g_assert_cmpfloat (wy, >=, 0);
  g_assert_cmpfloat (wx, <, gtk_widget_get_width (GTK_WIDGET (native)));
  g_assert_cmpfloat (wy, <, gtk_widget_get_height (GTK_WIDGET (native)));
  xid = window_xid (widget);
  x = g_strdup_printf ("%d", (int) (wx + sx));
  y = g_strdup_printf ("%d", (int) (wy + sy));
  {
    /* No focus asked: a popover's window takes none, and a pointer
     * press needs none. No --sync either: it waits for a motion event,
     * and there is none when the pointer is already there (a second turn
     * of the wheel). The X server takes the move before the press. */
    const char *argv[] = { "xdotool", "mousemove", "--window", xid, x, y, "click", which, NULL };

    ward_test_run_program (argv);
  }
  ward_test_spin (150);
}

void
ward_test_xinput_type (GtkWidget  *window,
                       const char *text,
                       guint       delay_ms)
{
  g_autofree char *xid = window_xid (window);
  g_autofree char *delay = g_strdup_printf ("%u", delay_ms);
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "type", "--delay", delay, text, NULL };

  ward_test_run_program (argv);
  /* A person's last key is held back for the gap a reader's keys would
   * have before it is handed on. */
  ward_test_spin (300);
}

/* One key by its X name ("Return", "Tab", "Escape"); without an X server
 * Return activates the focused widget and Tab moves the focus, as GTK
 * would for those keys. */
void
ward_test_xinput_key (GtkWidget  *window,
                      const char *key)
{
  if (ward_test_xinput_usable (window))
    {
      g_autofree char *xid = window_xid (window);
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", key, NULL };

      ward_test_run_program (argv);
    }
  else if (g_str_equal (key, "Tab"))
    g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
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

/* The kiosk's window once it is up, ready for a person's input: the
 * site's keys, and no awareness prompt in the way (they are tested alone). */
WardWindow *
ward_test_xinput_kiosk_ready (WardApplication *app,
                              WardTestSite    *site)
{
  WardWindow *window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  WardKiosk *kiosk = ward_application_get_kiosk (app);

  ward_test_xinput_require (GTK_WIDGET (window));
  ward_test_use_site_keys (kiosk, site);
  ward_auth_flow_set_awareness_hook (ward_kiosk_get_flow (kiosk), NULL, NULL, NULL);
  return window;
}

/* A section of the administration page, chosen in its sidebar with the
 * pointer, and drawn past the pages' cross-fade. */
void
ward_test_xinput_choose_section (GtkWidget  *root,
                                 const char *title)
{
  GtkWidget *sidebar = ward_test_find_widget (root, GTK_TYPE_STACK_SIDEBAR);
  GtkLabel *entry = ward_test_find_label (sidebar, title, FALSE);

  if (entry == NULL)
    g_error ("The sidebar offers no “%s”", title);
  ward_test_xinput_click (GTK_WIDGET (entry));
  ward_test_spin (600);
  gtk_test_widget_wait_for_draw (root);
}

static gboolean
flow_at_code (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_CODE && !ward_auth_flow_get_key_busy (data);
}

static gboolean
flow_signed_in (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_SIGNED_IN;
}

static gboolean
flow_left_lock_within (WardAuthFlow *flow,
                       guint         milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      if (ward_auth_flow_get_state (flow) != WARD_AUTH_STATE_LOCKED)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return FALSE;
}

/* The whole sign-in as the person makes it: the badge typed by the reader
 * through the X server, the key touched (the soft key touches itself),
 * the code tapped on the on-screen keypad with the pointer. The kiosk
 * must have the site's keys (ward_test_use_site_keys). */
void
ward_test_xinput_sign_in (WardWindow   *window,
                          WardTestSite *site,
                          const char   *username,
                          const char   *badge)
{
  WardAuthFlow *flow = ward_kiosk_get_flow (ward_application_get_kiosk (
    WARD_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)))));
  WardTestPerson *person = ward_test_site_person (site, username);
  g_autofree char *keys = g_strconcat (badge, "\n", NULL);
  g_autofree char *code = NULL;
  WardKeypad *keypad;
  guint attempt;

  ward_soft_key_set_auto_touch (person->key, TRUE);
  ward_test_site_insert_key (site, person->key);
  /* A loaded machine can stretch xdotool's gaps past a reader's: the
   * kiosk then rightly takes the keys for typing, and the person taps
   * again. */
  for (attempt = 0; attempt < 3; attempt++)
    {
      ward_test_xinput_type (GTK_WIDGET (window), keys, 5);
      if (flow_left_lock_within (flow, 3000))
        break;
    }
  g_assert_cmpuint (attempt, <, 3);
  ward_test_wait_for (flow_at_code, flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ward_test_spin (200);

  keypad = ward_code_page_get_keypad (WARD_CODE_PAGE (ward_test_find_widget (GTK_WIDGET (window),
                                                                             WARD_TYPE_CODE_PAGE)));
  code = ward_test_site_app_code (site, username, 0);
  for (const char *d = code; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      ward_test_xinput_click (ward_keypad_get_button (keypad, key));
    }
  ward_test_xinput_click (ward_keypad_get_button (keypad, "ok"));
  ward_test_wait_for (flow_signed_in, flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* Signs @username in with real input and opens the administration page
 * with the home page's button: in German the administrator's role, in the
 * session bar, is "Administration" too. Drawn past the pages' cross-fade. */
WardAdminPage *
ward_test_xinput_open_admin (WardWindow   *window,
                             WardTestSite *site,
                             const char   *username,
                             const char   *badge)
{
  GtkWidget *root = GTK_WIDGET (window);
  WardAdminPage *page;

  ward_test_xinput_require (root);
  ward_test_xinput_sign_in (window, site, username, badge);
  ward_test_xinput_click (ward_test_find_button (ward_test_find_widget (root, WARD_TYPE_HOME_PAGE),
                                                 _("Administration")));
  ward_test_spin (600);
  page = WARD_ADMIN_PAGE (ward_test_find_widget (root, WARD_TYPE_ADMIN_PAGE));
  g_assert_nonnull (page);
  gtk_test_widget_wait_for_draw (root);
  return page;
}
