/* test-reentry.c: coming back to a locked session through the real window: badge typed by the X server, key touched, no code */
#include "config.h"

#include <string.h>

#include "tests/ui/ward-test-kiosk.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"

#define NURSE_BADGE      WARD_TEST_NURSE_BADGE
#define ADMIN_BADGE      WARD_TEST_ADMIN_BADGE
#define DEMO_NURSE_BADGE "D0A10002"   /* Nadia Okafor in the demo ward */
#define DEMO_ADMIN_BADGE "D0A10001"   /* Alex Morgan */

/* The default idle lock: 2 minutes without a touch. */
#define IDLE_LOCK_S 120

/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c. */
typedef WardTestKiosk Fixture;

/* The shared ward, with the nurse named as on the demo's lock screen, at
 * night: 03:10 on the fake clock (2026-11-29, UTC). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_kiosk_set_up (f, data);
  ward_test_site_rename (f->site, "nnurse", "Nadia Okafor");
  ward_clock_advance (f->site->fixture->clock, G_GINT64_CONSTANT (19 * 3600 + 9 * 60 + 30) * G_USEC_PER_SEC);
}

static gboolean
awareness_or_signed_in (gpointer data)
{
  WardAuthState state = ward_auth_flow_get_state (data);

  return state == WARD_AUTH_STATE_AWARENESS || state == WARD_AUTH_STATE_SIGNED_IN;
}

/* A badge tapped at the locked kiosk: typed by the X server at a reader's
 * speed when there is one (else fed to the window's capture). */
static void
tap_badge (Fixture    *f,
           const char *badge)
{
  g_test_message ("Badge typed through: %s", ward_test_kiosk_tap_badge (f, badge));
}

static void
type_code (Fixture    *f,
           const char *code)
{
  ward_test_kiosk_type_on_keypad (f, code);
  ward_test_kiosk_press_keypad_ok (f);
}

/* Time passes without a touch; the kiosk's one-second tick runs. */
static void
advance (Fixture *f,
         gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (f));
}

/* Badge, a key touch that the step waits for, then the code. */
static void
full_sign_in (Fixture    *f,
              const char *username,
              const char *badge)
{
  WardSoftKey *key = ward_test_kiosk_key_of (f, username);
  g_autofree char *code = ward_test_site_app_code (f->site, username, 0);

  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, badge);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "Signing in: ");
  ward_soft_key_touch (key);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  type_code (f, code);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
}

/* Nadia signs in, then the idle lock comes and holds her session. */
static void
nurse_signs_in_and_walks_away (Fixture *f)
{
  full_sign_in (f, "nnurse", NURSE_BADGE);
  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "can return with badge and key until");
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
  WardSoftKey *key = ward_test_kiosk_key_of (f, "nnurse");
  gint64 session_id;

  full_sign_in (f, "nnurse", NURSE_BADGE);
  session_id = ward_session_get_id (ward_auth_flow_get_session (f->flow));

  /* She walks away: the idle lock comes, and the lock screen says she may
   * come back with badge and key until 03:40 (30 min after her last touch). */
  advance (f, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_shows (ward_test_kiosk_root (f), "Locked — Nadia Okafor can return with badge and key until 03:40");
  /* Where the line wraps, the time goes with the word before it, never
   * alone on the second line: the two are joined by a no-break space. */
  g_assert_nonnull (strstr (gtk_label_get_text (ward_test_find_label (ward_test_kiosk_root (f),
                                                                      "can return with badge and key", TRUE)),
                            "until\u00a0" "03:40"));
  ward_test_assert_hides (ward_test_kiosk_root (f), "Sign out");
  ward_test_kiosk_screenshot (f, "reentry-lock.png");

  /* Twenty minutes later she taps her badge and touches her key. */
  advance (f, 20 * 60);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "can return with badge and key until 03:40");
  tap_badge (f, NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (f));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  ward_test_assert_shows (ward_test_kiosk_root (f), "Back to your session: Nadia Okafor");
  ward_test_assert_shows (ward_test_kiosk_root (f), "Touch your security key");
  ward_test_kiosk_screenshot (f, "reentry-key.png");
  ward_soft_key_touch (key);

  /* No code: straight back into the same session. */
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  g_assert_cmpint (ward_session_get_id (ward_auth_flow_get_session (f->flow)), ==, session_id);
  ward_test_assert_shows (ward_test_kiosk_root (f), "Nadia Okafor");
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "Locks in 2:00");
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 1);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 1);

  /* Signing out is an end: the lock screen offers no way back. */
  ward_test_click (ward_test_find_button (ward_test_kiosk_root (f), "Sign out"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  ward_test_assert_hides (ward_test_kiosk_root (f), "Nadia Okafor");
  g_assert_null (ward_test_find_label (ward_test_kiosk_root (f), "can return with badge and key", TRUE));
}

static void
test_nurse_returns (Fixture       *f,
                    gconstpointer  data)
{
  ward_test_kiosk_run (f, check_nurse_returns, FALSE);
}

/* -- Past the window: the code again, and why ------------------------------ */

static void
check_past_window (Fixture *f)
{
  g_autofree char *code = NULL;
  WardSoftKey *key = ward_test_kiosk_key_of (f, "nnurse");

  nurse_signs_in_and_walks_away (f);

  /* Thirty minutes after her last touch the kiosk's tick ends the held
   * session: the line goes, and her badge brings the code step. */
  advance (f, 30 * 60 - IDLE_LOCK_S);
  g_assert_null (ward_test_find_label (ward_test_kiosk_root (f), "can return with badge and key", TRUE));
  ward_soft_key_set_auto_touch (key, TRUE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, NURSE_BADGE);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  type_code (f, code);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
}

static void
test_past_window (Fixture       *f,
                  gconstpointer  data)
{
  ward_test_kiosk_run (f, check_past_window, FALSE);
}

/* -- A wrong key: the code again, and the screen says why ----------------- */

static void
check_wrong_key (Fixture *f)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();
  g_autofree char *code = NULL;

  nurse_signs_in_and_walks_away (f);

  /* Someone else's key comes with her badge: refused as on any sign-in. */
  ward_test_site_insert_key (f->site, stranger);
  tap_badge (f, NURSE_BADGE);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_KEY);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "not your registered key");
  g_assert_cmpuint (count_events (f, "factor.failed"), ==, 1);

  /* Her own key then: the code is asked, and the code step says why. */
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (f, "nnurse"), TRUE);
  ward_test_site_insert_key (f->site, ward_test_kiosk_key_of (f, "nnurse"));
  g_assert_true (gtk_widget_activate_action (ward_test_kiosk_root (f), "win.retry-key", NULL));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "code");
  ward_test_assert_shows (ward_test_kiosk_root (f), "Your code is needed again: the security key check failed.");
  ward_test_kiosk_screenshot (f, "reentry-code-asked.png");
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  type_code (f, code);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 2);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  ward_test_kiosk_run (f, check_wrong_key, FALSE);
}

/* -- An administrator signs in fully every time --------------------------- */

static void
check_admin_full_sign_in (Fixture *f)
{
  g_autofree char *code = NULL;
  WardSoftKey *key = ward_test_kiosk_key_of (f, "aadmin");

  full_sign_in (f, "aadmin", ADMIN_BADGE);
  advance (f, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_test_find_label (ward_test_kiosk_root (f), "can return with badge and key", TRUE));
  ward_test_assert_shows (ward_test_kiosk_root (f), "Tap your badge");

  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);
  tap_badge (f, ADMIN_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (f));
  ward_test_assert_shows (ward_test_kiosk_root (f), "Signing in: Test Person");
  ward_soft_key_touch (key);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "code");
  ward_test_assert_shows (ward_test_kiosk_root (f), "Enter your code");
  code = ward_test_site_app_code (f->site, "aadmin", 0);
  type_code (f, code);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 0);
  g_assert_cmpuint (count_events (f, "session.signed-in"), ==, 2);
}

static void
test_admin_full_sign_in (Fixture       *f,
                         gconstpointer  data)
{
  ward_test_kiosk_run (f, check_admin_full_sign_in, FALSE);
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
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  ward_test_click (ward_test_find_button (ward_test_kiosk_root (f), "Touch virtual key"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  code_label = ward_test_find_label (ward_test_kiosk_root (f), "Code ", TRUE);
  code = g_strdup (strrchr (gtk_label_get_text (code_label), ' ') + 1);
  type_code (f, code);
  ward_test_wait_for (awareness_or_signed_in, f->flow);
  if (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_AWARENESS)
    g_assert_true (gtk_widget_activate_action (ward_test_kiosk_root (f), "win.awareness-done", NULL));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);

  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "Locked — Nadia Okafor can return with badge and key until ");
  ward_test_kiosk_screenshot (f, "demo-reentry-lock.png");

  /* Back with the badge and a touch of the virtual key, no code. */
  advance (f, 5 * 60);
  tap_badge (f, DEMO_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (f));
  ward_test_assert_shows (ward_test_kiosk_root (f), "Back to your session: Nadia Okafor");
  ward_test_spin (500);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_click (ward_test_find_button (ward_test_kiosk_root (f), "Touch virtual key"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (f, "session.resumed"), ==, 1);

  /* Alex Morgan, an administrator: another person's badge ends Nadia's
   * held session, and he needs his code. */
  advance (f, IDLE_LOCK_S + 1);
  ward_test_assert_shows_part (ward_test_kiosk_root (f), "Nadia Okafor can return");
  tap_badge (f, DEMO_ADMIN_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  ward_test_click (ward_test_find_button (ward_test_kiosk_root (f), "Touch virtual key"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);
  g_assert_false (ward_reentry_is_holding (ward_auth_flow_get_reentry (f->flow)));
  g_assert_true (gtk_widget_activate_action (ward_test_kiosk_root (f), "win.cancel", NULL));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_test_find_label (ward_test_kiosk_root (f), "can return with badge and key", TRUE));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  ward_test_kiosk_run (f, check_demo, TRUE);
}
#endif

int
main (int   argc,
      char *argv[])
{
  /* The lock screen's times are read in UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  ward_test_kiosk_init (&argc, &argv);

  g_test_add ("/ui/reentry/nurse-returns", Fixture, NULL, fixture_set_up, test_nurse_returns,
              ward_test_kiosk_tear_down);
  g_test_add ("/ui/reentry/past-window", Fixture, NULL, fixture_set_up, test_past_window, ward_test_kiosk_tear_down);
  g_test_add ("/ui/reentry/wrong-key", Fixture, NULL, fixture_set_up, test_wrong_key, ward_test_kiosk_tear_down);
  g_test_add ("/ui/reentry/admin-full-sign-in", Fixture, NULL, fixture_set_up, test_admin_full_sign_in,
              ward_test_kiosk_tear_down);
#if WARD_DEMO_BUILD
  g_test_add ("/ui/reentry/demo", Fixture, NULL, fixture_set_up, test_demo, ward_test_kiosk_tear_down);
#endif

  return g_test_run ();
}
