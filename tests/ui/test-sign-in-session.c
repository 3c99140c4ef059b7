/* test-sign-in-session.c: after signing in at the real window: idle lock, tap-out, tap-over, emergency access, the awareness step and the admin page */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tests/ui/ward-test-kiosk.h"
#include "ui/ward-language.h"
#include "ui/ward-tap-over-card.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c. */
typedef WardTestKiosk Fixture;

/* -- 2. Idle warning and lock, tap-out, tap-over ------------------------- */

static void
advance (Fixture *f,
         gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
check_idle (Fixture *f)
{
  ward_test_kiosk_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_assert_hides (GTK_WIDGET (f->window), "Still there?");

  /* 95 s idle of 120: the warning, with its countdown. */
  advance (f, 95);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Still there?");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Locks in 0:25");
  ward_test_kiosk_screenshot (f, "idle-warning.png");

  /* A touch keeps the session. */
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Stay signed in"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_assert_hides (GTK_WIDGET (f->window), "Still there?");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Locks in 2:00");

  /* Walking away: the warning, then the lock, and nothing left on screen. */
  advance (f, 100);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Still there?");
  advance (f, 21);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Still there?");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Test Person");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
  /* Her way back with badge and key alone (tests/ui/test-reentry.c) ends
   * 30 min after her last touch: the sign-ins below take every factor. */
  advance (f, 30 * 60);

  /* Tap-out: her own badge ends her session. */
  ward_test_kiosk_next_time_step (f);
  ward_test_kiosk_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_auth_flow_badge (f->flow, WARD_TEST_NURSE_BADGE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* Tap-over: a colleague's badge ends it and starts theirs. */
  ward_test_kiosk_next_time_step (f);
  ward_test_kiosk_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (f, "tnurse"), FALSE);
  ward_test_site_insert_key (f->site, ward_test_kiosk_key_of (f, "tnurse"));
  ward_auth_flow_badge (f->flow, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  g_assert_null (ward_auth_flow_get_session (f->flow));
  ward_test_assert_hides (GTK_WIDGET (f->window), "Sign out");
  ward_test_kiosk_activate (f, "win.cancel");
}

/* Her badge read twice in a row (held too long, or tapped twice): the
 * first read signs her out, the second does nothing. */
static void
check_double_tap_out (Fixture *f)
{
  g_autofree char *twice = g_strconcat (WARD_TEST_NURSE_BADGE, "\n", WARD_TEST_NURSE_BADGE, "\n", NULL);

  ward_test_kiosk_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (f, "nnurse"), FALSE);
#ifdef TEST_X11
  if (ward_test_kiosk_xdotool_usable (f))
    ward_test_kiosk_xdotool_type (f, twice, 8);
  else
#endif
    {
      ward_test_kiosk_feed_badge_keys (f, WARD_TEST_NURSE_BADGE);
      ward_test_kiosk_feed_badge_keys (f, WARD_TEST_NURSE_BADGE);
    }
  ward_test_spin (1000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_false (ward_auth_flow_get_key_busy (f->flow));
  g_assert_null (ward_auth_flow_get_session (f->flow));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* Two seconds on, her badge starts a sign-in again. */
  advance (f, 3);
  ward_test_kiosk_next_time_step (f);
  ward_test_kiosk_tap_badge (f, WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, f->flow);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_kiosk_activate (f, "win.cancel");
}

/* -- Emergency access ---------------------------------------------------- */

static void
check_break_glass (Fixture *f)
{
  ward_test_kiosk_activate (f, "win.emergency");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "break-glass");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
  ward_test_kiosk_screenshot (f, "break-glass-badge.png");

  ward_auth_flow_badge (f->flow, WARD_TEST_NURSE_BADGE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Why do you need emergency access?");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Cardiac arrest");
  ward_test_kiosk_screenshot (f, "break-glass-reason.png");

  /* Too short a typed reason is refused on the page itself. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.submit-reason", "s", "help"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_kiosk_assert_refusal_shown (f, "at least 10 characters");

  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Cardiac arrest"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "EMERGENCY ACCESS");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "ends in 15:00");
  ward_test_kiosk_screenshot (f, "break-glass-banner.png");

  advance (f, 60);
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "ends in 14:00");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Emergency access ends in 14:00");

  /* Hands on the patient for five minutes: no idle warning, no lock. */
  advance (f, 300);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_hides (GTK_WIDGET (f->window), "Still there?");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "ends in 9:00");

  /* A colleague's badge asks first; the reader's own Enter (or any
   * Return) lands on "Keep", so the emergency goes on. */
  ward_test_kiosk_tap_badge_while_signed_in (f, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Keep emergency access");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "tapped a badge");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_kiosk_screenshot (f, "break-glass-tap-over.png");
  ward_test_kiosk_press_return (f);
  ward_test_assert_hides (GTK_WIDGET (f->window), "Keep emergency access");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_nonnull (ward_test_find_label (GTK_WIDGET (f->window), "EMERGENCY ACCESS", TRUE));

  /* Asked again and answered "End": her own sign-in begins. */
  ward_test_kiosk_tap_badge_while_signed_in (f, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_click (ward_tap_over_card_get_end_button (
      WARD_TAP_OVER_CARD (ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_TAP_OVER_CARD))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), !=, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), !=, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_pending_user_id (f->flow), ==, ward_test_site_person (f->site, "tnurse")->user_id);
  g_assert_null (ward_test_find_label (GTK_WIDGET (f->window), "EMERGENCY ACCESS", TRUE));
  ward_test_kiosk_activate (f, "win.cancel");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

/* -- Awareness step and the administration hook ------------------------- */

static gboolean
always_due (gint64   user_id,
            gpointer user_data)
{
  return TRUE;
}

static void
check_awareness_and_admin (Fixture *f)
{
  GtkWidget *admin_page = gtk_label_new ("Admin screens");

  ward_window_add_page (f->window, admin_page, "admin");

  /* Nobody reaches the admin page from the lock screen. */
  ward_test_kiosk_activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  ward_auth_flow_set_awareness_hook (f->flow, always_due, NULL, NULL);
  ward_test_kiosk_reach_code_step (f, "aadmin", WARD_TEST_ADMIN_BADGE);
  {
    g_autofree char *code = ward_test_site_app_code (f->site, "aadmin", 0);

    ward_test_kiosk_type_on_keypad (f, code);
    ward_test_kiosk_press_keypad_ok (f);
  }
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_shows (GTK_WIDGET (f->window), "One moment…");
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Continue"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);

  ward_test_assert_shows (GTK_WIDGET (f->window), "Administrator");
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Administration"));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Sign out");

  /* Locking leaves the admin page for the lock screen. */
  ward_test_kiosk_activate (f, "win.sign-out");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* A nurse has no Administration button, and the action does nothing. */
  ward_test_kiosk_next_time_step (f);
  ward_test_kiosk_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_assert_hides (GTK_WIDGET (f->window), "Administration");
  ward_test_kiosk_activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_kiosk_activate (f, "win.sign-out");
}

/* Each test runs its check in a kiosk over a fresh test ward. */
static const WardTestKioskCase cases[] = {
  { "/ui/sign-in/idle-tap-out-tap-over", check_idle },
  { "/ui/sign-in/double-tap-out", check_double_tap_out },
  { "/ui/sign-in/break-glass", check_break_glass },
  { "/ui/sign-in/awareness-and-admin", check_awareness_and_admin },
};

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);

  ward_test_kiosk_add_cases (cases, G_N_ELEMENTS (cases));

  return g_test_run ();
}
