/* test-reentry.c: coming back to a locked session through the real window: badge typed by the X server, key touched, no code */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

#define NURSE_BADGE      "04A1B2C3"
#define ADMIN_BADGE      "04D4E5F6"
#define DEMO_NURSE_BADGE "D0A10002"   /* Nadia Okafor in the demo ward */
#define DEMO_ADMIN_BADGE "D0A10001"   /* Alex Morgan */

/* The default idle lock: 2 minutes without a touch. */
#define IDLE_LOCK_S 120

typedef struct _Fixture Fixture;
typedef void (*FixtureCheck) (Fixture *f);

struct _Fixture
{
  WardTestSite    *site;
  WardApplication *app;
  WardWindow      *window;
  WardKiosk       *kiosk;
  WardAuthFlow    *flow;
  FixtureCheck     check;
  gboolean         demo;
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_configure_site ("Bed 3");
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  g_assert_true (ward_directory_set_full_name (f->site->fixture->store,
                                               ward_test_site_person (f->site, "nnurse")->user_id,
                                               "Nadia Okafor", NULL));
  /* Night shift: 03:10 on the fake clock (2026-11-29, UTC), away from the
   * enrolment's time step. */
  ward_clock_advance (f->site->fixture->clock, G_GINT64_CONSTANT (19 * 3600 + 10 * 60) * G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_site_free (f->site);
}

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->window);
}

static WardSoftKey *
key_of (Fixture    *f,
        const char *username)
{
  return ward_test_site_person (f->site, username)->key;
}

static void
kiosk_ready (WardApplication *app,
             gpointer         data)
{
  Fixture *f = data;

  f->app = app;
  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  f->kiosk = ward_application_get_kiosk (app);
  g_assert_nonnull (f->kiosk);
  f->flow = ward_kiosk_get_flow (f->kiosk);
  if (!f->demo)
    {
      ward_test_use_site_keys (f->kiosk, f->site);
      ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
    }
  f->check (f);
}

static void
run_kiosk (Fixture      *f,
           FixtureCheck  check,
           gboolean      demo)
{
  f->check = check;
  f->demo = demo;
  ward_test_run_kiosk (f->site, demo, kiosk_ready, f);
  f->app = NULL;
  f->window = NULL;
  f->kiosk = NULL;
  f->flow = NULL;
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = ward_test_save_screenshot (root (f), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

typedef struct
{
  WardAuthFlow  *flow;
  WardAuthState  state;
} StateWait;

static gboolean
state_reached (gpointer data)
{
  StateWait *wait = data;

  return ward_auth_flow_get_state (wait->flow) == wait->state && !ward_auth_flow_get_key_busy (wait->flow);
}

static void
wait_for_state (Fixture       *f,
                WardAuthState  state)
{
  StateWait wait = { f->flow, state };

  ward_test_wait_for (state_reached, &wait);
  gtk_test_widget_wait_for_draw (root (f));
}

static gboolean
key_waiting (gpointer data)
{
  return ward_auth_flow_get_key_busy (data);
}

static gboolean
awareness_or_signed_in (gpointer data)
{
  WardAuthState state = ward_auth_flow_get_state (data);

  return state == WARD_AUTH_STATE_AWARENESS || state == WARD_AUTH_STATE_SIGNED_IN;
}

/* -- Real keyboard input through the X server ----------------------------- */

#ifdef TEST_X11
static gboolean
xdotool_usable (Fixture *f)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (root (f)));
}

/* Types @text as the X server's keyboard into the kiosk window: the path
 * a keyboard-wedge reader's keys take. */
static void
xdotool_type (Fixture    *f,
              const char *text,
              guint       delay_ms)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *delay = g_strdup_printf ("%u", delay_ms);
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "type", "--delay", delay, text, NULL };

  ward_test_run_program (argv);
  ward_test_spin (200);
}

static gboolean
flow_left_lock_within (Fixture *f,
                       guint    milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      if (ward_auth_flow_get_state (f->flow) != WARD_AUTH_STATE_LOCKED)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return FALSE;
}
#endif

/* A badge tapped at the locked kiosk: typed by the X server at a reader's
 * speed when there is one, else fed to the window's capture with a
 * reader's timing. */
static void
tap_badge (Fixture    *f,
           const char *badge)
{
#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      /* A loaded machine can stretch xdotool's gaps past a reader's, and
       * the kiosk then rightly takes them for typing: tap again. */
      for (guint attempt = 0; attempt < 3; attempt++)
        {
          xdotool_type (f, keys, 5);
          if (flow_left_lock_within (f, 3000))
            {
              g_test_message ("Badge typed through the X server");
              return;
            }
          g_test_message ("The typed badge was not taken as one; typing it again");
        }
      g_error ("The badge typed through the X server never reached the kiosk");
    }
#endif
  {
    WardBadgeCapture *capture = ward_window_get_badge_capture (f->window);
    guint32 time_ms = 100000;

    for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
      ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
    g_assert_true (ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms));
  }
}

static void
type_code (Fixture    *f,
           const char *code)
{
  WardCodePage *page = WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE));
  WardKeypad *keypad = ward_code_page_get_keypad (page);

  for (const char *d = code; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      ward_test_click (ward_keypad_get_button (keypad, key));
    }
  ward_test_click (ward_keypad_get_button (keypad, "ok"));
}

/* Time passes without a touch; the kiosk's one-second tick runs. */
static void
advance (Fixture *f,
         gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  gtk_test_widget_wait_for_draw (root (f));
}

/* Badge, a key touch that the step waits for, then the code. */
static void
full_sign_in (Fixture    *f,
              const char *username,
              const char *badge)
{
  WardSoftKey *key = key_of (f, username);
  g_autofree char *code = ward_test_site_app_code (f->site, username, 0);

  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, badge);
  ward_test_wait_for (key_waiting, f->flow);
  ward_test_assert_shows_part (root (f), "Signing in: ");
  ward_soft_key_touch (key);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  type_code (f, code);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
}

static guint
count_events (Fixture    *f,
              const char *event)
{
  WardAuditFilter filter = { .event = event };
  /* The kiosk's own store: the demo ward is not the test site's. */
  g_autoptr(GPtrArray) records = ward_audit_list (ward_kiosk_get_store (f->kiosk), &filter, NULL);

  return records->len;
}

/* -- A nurse comes back with badge and key -------------------------------- */

static void
check_nurse_returns (Fixture *f)
{
  WardSoftKey *key = key_of (f, "nnurse");
  gint64 session_id;

  full_sign_in (f, "nnurse", NURSE_BADGE);
  session_id = ward_session_get_id (ward_auth_flow_get_session (f->flow));

  /* She walks away: the idle lock comes, and the lock screen says she may
   * come back with badge and key until 03:40 (30 min after her last touch). */
  advance (f, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_shows (root (f), "Locked — Nadia Okafor can return with badge and key until 03:40");
  ward_test_assert_hides (root (f), "Sign out");
  screenshot (f, "reentry-lock.png");

  /* Twenty minutes later she taps her badge and touches her key. */
  advance (f, 20 * 60);
  ward_test_assert_shows_part (root (f), "can return with badge and key until 03:40");
  tap_badge (f, NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  ward_test_assert_shows (root (f), "Back to your session: Nadia Okafor");
  ward_test_assert_shows (root (f), "Touch your security key");
  screenshot (f, "reentry-key.png");
  ward_soft_key_touch (key);

  /* No code: straight back into the same session. */
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  g_assert_cmpint (ward_session_get_id (ward_auth_flow_get_session (f->flow)), ==, session_id);
  ward_test_assert_shows (root (f), "Nadia Okafor");
  ward_test_assert_shows_part (root (f), "Locks in 2:00");
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 1);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 1);

  /* Signing out is an end: the lock screen offers no way back. */
  ward_test_click (ward_test_find_button (root (f), "Sign out"));
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  ward_test_assert_hides (root (f), "Nadia Okafor");
  g_assert_null (ward_test_find_label (root (f), "can return with badge and key", TRUE));
}

static void
test_nurse_returns (Fixture       *f,
                    gconstpointer  data)
{
  run_kiosk (f, check_nurse_returns, FALSE);
}

/* -- Past the window: the code again, and why ------------------------------ */

static void
check_past_window (Fixture *f)
{
  g_autofree char *code = NULL;
  WardSoftKey *key = key_of (f, "nnurse");

  full_sign_in (f, "nnurse", NURSE_BADGE);
  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (root (f), "can return with badge and key until");

  /* Thirty minutes after her last touch the kiosk's tick ends the held
   * session: the line goes, and her badge brings the code step. */
  advance (f, 30 * 60 - IDLE_LOCK_S);
  g_assert_null (ward_test_find_label (root (f), "can return with badge and key", TRUE));
  ward_soft_key_set_auto_touch (key, TRUE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, NURSE_BADGE);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  type_code (f, code);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
}

static void
test_past_window (Fixture       *f,
                  gconstpointer  data)
{
  run_kiosk (f, check_past_window, FALSE);
}

/* -- A wrong key: the code again, and the screen says why ----------------- */

static void
check_wrong_key (Fixture *f)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();
  g_autofree char *code = NULL;

  full_sign_in (f, "nnurse", NURSE_BADGE);
  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (root (f), "can return with badge and key until");

  /* Someone else's key comes with her badge: refused as on any sign-in. */
  ward_test_site_insert_key (f->site, stranger);
  tap_badge (f, NURSE_BADGE);
  wait_for_state (f, WARD_AUTH_STATE_KEY);
  ward_test_assert_shows_part (root (f), "not your registered key");
  g_assert_cmpuint (count_events (f, "factor.failed"), ==, 1);

  /* Her own key then: the code is asked, and the code step says why. */
  ward_soft_key_set_auto_touch (key_of (f, "nnurse"), TRUE);
  ward_test_site_insert_key (f->site, key_of (f, "nnurse"));
  g_assert_true (gtk_widget_activate_action (root (f), "win.retry-key", NULL));
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "code");
  ward_test_assert_shows (root (f), "Your code is needed again: the security key check failed.");
  screenshot (f, "reentry-code-asked.png");
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  type_code (f, code);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 2);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  run_kiosk (f, check_wrong_key, FALSE);
}

/* -- An administrator signs in fully every time --------------------------- */

static void
check_admin_full_sign_in (Fixture *f)
{
  g_autofree char *code = NULL;
  WardSoftKey *key = key_of (f, "aadmin");

  full_sign_in (f, "aadmin", ADMIN_BADGE);
  advance (f, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_test_find_label (root (f), "can return with badge and key", TRUE));
  ward_test_assert_shows (root (f), "Tap your badge");

  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, ADMIN_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "Signing in: Test Person");
  ward_soft_key_touch (key);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "code");
  ward_test_assert_shows (root (f), "Enter your code");
  code = ward_test_site_app_code (f->site, "aadmin", 0);
  type_code (f, code);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 2);
}

static void
test_admin_full_sign_in (Fixture       *f,
                         gconstpointer  data)
{
  run_kiosk (f, check_admin_full_sign_in, FALSE);
}

/* -- The demo ward, with its virtual key ---------------------------------- */

#if WARD_DEMO_BUILD
static void
check_demo (Fixture *f)
{
  GtkLabel *code_label;
  g_autofree char *code = NULL;

  /* Nadia signs in with the demo's badge, virtual key and code. */
  tap_badge (f, DEMO_NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  ward_test_click (ward_test_find_button (root (f), "Touch virtual key"));
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  code_label = ward_test_find_label (root (f), "Code ", TRUE);
  code = g_strdup (strrchr (gtk_label_get_text (code_label), ' ') + 1);
  type_code (f, code);
  ward_test_wait_for (awareness_or_signed_in, f->flow);
  if (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_AWARENESS)
    g_assert_true (gtk_widget_activate_action (root (f), "win.awareness-done", NULL));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);

  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (root (f), "Locked — Nadia Okafor can return with badge and key until ");
  screenshot (f, "demo-reentry-lock.png");

  /* Back with the badge and a touch of the virtual key, no code. */
  advance (f, 5 * 60);
  tap_badge (f, DEMO_NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "Back to your session: Nadia Okafor");
  ward_test_spin (500);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_click (ward_test_find_button (root (f), "Touch virtual key"));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 1);

  /* Alex Morgan, an administrator: another person's badge ends Nadia's
   * held session, and he needs his code. */
  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (root (f), "Nadia Okafor can return");
  tap_badge (f, DEMO_ADMIN_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  ward_test_click (ward_test_find_button (root (f), "Touch virtual key"));
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_false (ward_reentry_is_holding (ward_auth_flow_get_reentry (f->flow)));
  g_assert_true (gtk_widget_activate_action (root (f), "win.cancel", NULL));
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_test_find_label (root (f), "can return with badge and key", TRUE));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  run_kiosk (f, check_demo, TRUE);
}
#endif

int
main (int   argc,
      char *argv[])
{
  /* Tests read the English texts, and the clock in UTC. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_unsetenv ("WARDGATE_DB");
  g_unsetenv ("WARDGATE_KEY_FILE");
  g_unsetenv ("CREDENTIALS_DIRECTORY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/reentry/nurse-returns", Fixture, NULL, fixture_set_up, test_nurse_returns, fixture_tear_down);
  g_test_add ("/ui/reentry/past-window", Fixture, NULL, fixture_set_up, test_past_window, fixture_tear_down);
  g_test_add ("/ui/reentry/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key, fixture_tear_down);
  g_test_add ("/ui/reentry/admin-full-sign-in", Fixture, NULL, fixture_set_up, test_admin_full_sign_in,
              fixture_tear_down);
#if WARD_DEMO_BUILD
  g_test_add ("/ui/reentry/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
#endif

  return g_test_run ();
}
