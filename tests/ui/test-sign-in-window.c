/* test-sign-in-window.c: signing in through the real window: badge, key, code, by keyboard and reader, language, the demo */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tests/ui/ward-test-kiosk.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"
#include "ui/ward-refusal-banner.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c. */
typedef WardTestKiosk Fixture;

/* -- 1. The whole sign-in, as a nurse does it ------------------------------ */

static void
check_full_sign_in (Fixture *f)
{
  WardSoftKey *key = ward_test_kiosk_key_of (f, "nnurse");
  g_autofree char *code = ward_test_site_app_code (f->site, "nnurse", 0);
  const char *badge_path;

  ward_test_kiosk_screenshot (f, "lock.png");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");

  /* The key waits for her touch, so the key step can be seen. */
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);

  badge_path = ward_test_kiosk_tap_badge (f, WARD_TEST_NURSE_BADGE);
  g_test_message ("Badge typed through: %s", badge_path);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Touch your security key");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Signing in: Test Person");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), " left");
  ward_test_kiosk_screenshot (f, "key-step.png");

  ward_soft_key_touch (key);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Enter your code");

#ifdef TEST_X11
  /* A person typing on a real keyboard, slowly: the keys reach the code
   * field even though the badge capture sees them first. */
  if (ward_test_kiosk_xdotool_usable (f))
    {
      ward_test_kiosk_xdotool_type (f, "12", 150);
      g_assert_cmpstr (ward_test_kiosk_code_entry_text (f), ==, "12");
      ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (
        WARD_CODE_PAGE (ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_CODE_PAGE))), "backspace"));
      ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (
        WARD_CODE_PAGE (ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_CODE_PAGE))), "backspace"));
      g_assert_cmpstr (ward_test_kiosk_code_entry_text (f), ==, "");
    }
#endif

  ward_test_kiosk_type_on_keypad (f, code);
  g_assert_cmpstr (ward_test_kiosk_code_entry_text (f), ==, code);
  ward_test_kiosk_screenshot (f, "code-step.png");
  ward_test_kiosk_press_keypad_ok (f);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);

  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Test Person");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Nurse");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "Locks in ");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Devices");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Administration");
  ward_test_kiosk_screenshot (f, "home.png");

  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Sign out"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Test Person");
  g_assert_cmpstr (ward_test_kiosk_code_entry_text (f), ==, "");
}

static void
test_full_sign_in (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_run (f, check_full_sign_in, FALSE);
}

/* -- Keyboard only ----------------------------------------------------- */

static void
check_escape_cancels (Fixture *f)
{
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (f, "nnurse"), FALSE);
  ward_test_site_insert_key (f->site, ward_test_kiosk_key_of (f, "nnurse"));
  ward_auth_flow_badge (f->flow, WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

#ifdef TEST_X11
  if (ward_test_kiosk_xdotool_usable (f))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "Escape", NULL };

      ward_test_run_program (argv);
      ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
      g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
      return;
    }
#endif
  ward_test_kiosk_activate (f, "win.cancel");
  g_test_message ("No X server to press Escape on: cancelled through the action");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  ward_test_kiosk_run (f, check_escape_cancels, FALSE);
}

/* -- Language ----------------------------------------------------------- */

static void
select_language (Fixture *f,
                 guint    index)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (ward_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  GtkWindow *before = GTK_WINDOW (f->window);

  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown, index);
  /* The window is rebuilt in the new language. */
  while (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == before)
    g_main_context_iteration (NULL, TRUE);
  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
check_language (Fixture *f)
{
  guint n_languages = 0;
  const WardLanguage *languages = ward_language_get_all (&n_languages);

  g_assert_cmpuint (n_languages, >=, 2);
  g_assert_cmpstr (languages[1].code, ==, "de");
  ward_test_assert_shows (GTK_WIDGET (f->window), "English");

  select_language (f, 1);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Badge auflegen");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Deutsch");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Tap your badge");
  ward_test_kiosk_screenshot (f, "lock-german.png");

  /* The flow's own words follow too, as they are made after the switch. */
  ward_auth_flow_badge (f->flow, "DEADBEEF");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_assert_shows (GTK_WIDGET (f->window), "Dieser Badge ist nicht bekannt.");
  ward_refusal_banner_hide (WARD_REFUSAL_BANNER (ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_REFUSAL_BANNER)));

  select_language (f, 0);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
  g_assert_cmpstr (ward_language_get_current (), ==, "en");
}

static void
test_language (Fixture       *f,
               gconstpointer  data)
{
  const char *po = g_getenv ("WARDGATE_TEST_PO");
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *localedir = NULL;

  if (po == NULL || msgfmt == NULL)
    {
      g_test_skip ("No msgfmt or no test catalogue to compile");
      return;
    }
  localedir = ward_test_compile_german (po);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  ward_test_kiosk_run (f, check_language, FALSE);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  ward_language_apply ("en");
  ward_test_remove_german (localedir);
}

/* -- Demo --------------------------------------------------------------- */

#if WARD_DEMO_BUILD
static gboolean
awareness_or_signed_in (gpointer data)
{
  WardAuthState state = ward_auth_flow_get_state (data);

  return state == WARD_AUTH_STATE_AWARENESS || state == WARD_AUTH_STATE_SIGNED_IN;
}

static void
check_demo (Fixture *f)
{
  GtkLabel *code_label;
  g_autofree char *code = NULL;
  const char *shown;

  ward_test_assert_shows (GTK_WIDGET (f->window), "DEMO — not for clinical use");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Nadia Okafor\nNurse");
  ward_test_kiosk_screenshot (f, "demo-lock.png");

  /* The seeding confirmed each app with the previous step's code; the
   * test moves on a step anyway, as a person would arrive later. */
  ward_test_kiosk_next_time_step (f);

  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Nadia Okafor\nNurse"));
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_assert_shows (GTK_WIDGET (f->window), "Signing in: Nadia Okafor");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "Code ");
  ward_test_kiosk_screenshot (f, "demo-key-step.png");

  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Touch virtual key"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  code_label = ward_test_find_label (GTK_WIDGET (f->window), "Code ", TRUE);
  shown = gtk_label_get_text (code_label);
  code = g_strdup (strrchr (shown, ' ') + 1);
  ward_test_kiosk_type_on_keypad (f, code);
  ward_test_kiosk_screenshot (f, "demo-strip.png");
  ward_test_kiosk_press_keypad_ok (f);
  ward_test_wait_for (awareness_or_signed_in, f->flow);
  if (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_AWARENESS)
    ward_test_kiosk_activate (f, "win.awareness-done");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Nadia Okafor");
  ward_test_assert_shows (GTK_WIDGET (f->window), "DEMO — not for clinical use");
  ward_test_kiosk_activate (f, "win.sign-out");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);

  /* The second time too, the virtual key waits for its own touch: the
   * first touch is spent, so the demo shows the real key step again. */
  ward_test_kiosk_next_time_step (f);
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Nadia Okafor\nNurse"));
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  ward_test_spin (1500);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_true (ward_auth_flow_get_key_busy (f->flow));
  ward_test_assert_shows (GTK_WIDGET (f->window), "Signing in: Nadia Okafor");
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Touch virtual key"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  ward_test_kiosk_activate (f, "win.cancel");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  ward_test_kiosk_run (f, check_demo, TRUE);
}
#endif

/* -- Reader bursts on the lock screen, whatever has the focus ------------- */

#ifdef TEST_X11
static void
collect_focusable (GtkWidget *widget,
                   GPtrArray *found)
{
  /* A closed menu's rows are not on the screen. */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) || GTK_IS_POPOVER (widget))
    return;
  if (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_focusable (child, found);
}

static void
on_burst_badge (WardBadgeCapture *capture,
                const char       *uid,
                guint            *seen)
{
  if (g_strcmp0 (uid, WARD_TEST_NURSE_BADGE) == 0)
    (*seen)++;
}

static gboolean
popover_open (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (popover_open (child))
      return TRUE;
  return FALSE;
}

/* 100 reader bursts at 8 ms a key, typed through the X server, with each
 * focusable control of the lock screen focused in turn: every one is
 * recognised, and none reaches the control (no menu opens, no button is
 * pressed). */
static void
check_badge_bursts (Fixture *f)
{
  g_autoptr(GPtrArray) focusable = g_ptr_array_new ();
  g_autofree char *keys = g_strconcat (WARD_TEST_NURSE_BADGE, "\n", NULL);
  guint recognised = 0;
  guint stalled = 0;
  guint seen = 0;

  collect_focusable (GTK_WIDGET (f->window), focusable);
  g_assert_cmpuint (focusable->len, >, 0);
  g_test_message ("%u focusable controls on the lock screen", focusable->len);
  /* Nothing a reader's Enter could activate holds the focus at start. */
  {
    GtkWidget *start = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_true (start == NULL || (!GTK_IS_BUTTON (start) && !GTK_IS_MENU_BUTTON (start)
                                     && gtk_widget_get_ancestor (start, GTK_TYPE_DROP_DOWN) == NULL));
  }
  g_signal_connect (ward_window_get_badge_capture (f->window), "badge", G_CALLBACK (on_burst_badge), &seen);
  /* 100 bursts that reached the kiosk at a reader's speed. One that the
   * X server saw with a pause past the reader gap (xdotool stalled on a
   * loaded machine) is not a reader's burst: it is counted apart, must
   * not become a badge either, and is typed again, as a nurse would tap. */
  for (guint i = 0; i < 100;)
    {
      GtkWidget *target = g_ptr_array_index (focusable, i % focusable->len);
      WardBadgeCapture *capture = ward_window_get_badge_capture (f->window);
      guint broken = ward_badge_capture_get_runs_broken (capture);
      guint before = seen;
      gint64 until;

      gtk_widget_grab_focus (target);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      ward_test_kiosk_xdotool_type (f, keys, 8);
      until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
      while (seen == before && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      if (seen == before && ward_badge_capture_get_runs_broken (capture) != broken)
        {
          g_test_message ("Burst %u with %s focused arrived with a pause (not reader speed): typed again", i,
                          G_OBJECT_TYPE_NAME (target));
          stalled++;
          g_assert_cmpuint (stalled, <, 50);
        }
      else
        {
          if (seen == before + 1)
            recognised++;
          else
            g_test_message ("Burst %u with %s focused: %u badges seen", i, G_OBJECT_TYPE_NAME (target), seen - before);
          i++;
        }
      /* Nothing the burst typed opened a menu. */
      g_assert_false (popover_open (GTK_WIDGET (f->window)));
      if (ward_auth_flow_get_state (f->flow) != WARD_AUTH_STATE_LOCKED)
        ward_test_kiosk_activate (f, "win.cancel");
      ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
      /* Cancelled key steps count as failures: the person is not what is
       * tested here, the reader is. */
      ward_clock_advance (f->site->fixture->clock, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
    }
  g_test_message ("100 reader-speed bursts, %u recognised; %u more arrived with a pause and were typed again",
                  recognised, stalled);
  g_assert_cmpuint (recognised, ==, 100);
}
#endif

static void
test_badge_bursts (Fixture       *f,
                   gconstpointer  data)
{
#ifdef TEST_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      ward_test_kiosk_run (f, check_badge_bursts, FALSE);
      return;
    }
#endif
  g_test_skip ("Needs xdotool and an X server");
}

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);

  ward_test_kiosk_add ("/ui/sign-in/full-sign-in", test_full_sign_in);
  ward_test_kiosk_add ("/ui/sign-in/badge-bursts", test_badge_bursts);
  ward_test_kiosk_add ("/ui/sign-in/escape-cancels", test_escape_cancels);
  ward_test_kiosk_add ("/ui/sign-in/language", test_language);
#if WARD_DEMO_BUILD
  ward_test_kiosk_add ("/ui/sign-in/demo", test_demo);
#endif

  return g_test_run ();
}
