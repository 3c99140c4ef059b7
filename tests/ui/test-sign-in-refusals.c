/* test-sign-in-refusals.c: what the real window says when sign-in is refused: unknown badge, wrong key, wrong or replayed code, lockout */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tests/ui/ward-test-kiosk.h"
#include "ui/ward-language.h"

/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c. */
typedef WardTestKiosk Fixture;

/* -- Refusals: the flow's words, big, on the screen ---------------------- */

static void
check_refusals (Fixture *f)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();
  g_autofree char *code = NULL;

  /* Unknown badge: a banner over the lock screen. */
  ward_auth_flow_badge (f->flow, "DEADBEEF");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_kiosk_assert_refusal_shown (f, "not recognised");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
  ward_test_kiosk_screenshot (f, "refusal-banner.png");

  /* Wrong key: on the key step, with "Try again". */
  ward_test_site_insert_key (f->site, stranger);
  ward_auth_flow_badge (f->flow, WARD_TEST_NURSE_BADGE);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_KEY);
  ward_test_assert_hides (GTK_WIDGET (f->window), "This badge is not recognised. If it is yours, ask the charge nurse or IT.");
  ward_test_kiosk_assert_refusal_shown (f, "not your registered key");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Try again");
  ward_test_kiosk_screenshot (f, "key-wrong-key.png");

  /* The right key, on "Try again". */
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (f, "nnurse"), TRUE);
  ward_test_site_insert_key (f->site, ward_test_kiosk_key_of (f, "nnurse"));
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Try again"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_CODE);

  /* Wrong code: on the code step, with the tries left. */
  ward_test_kiosk_type_on_keypad (f, "000000");
  ward_test_kiosk_press_keypad_ok (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_CODE);
  ward_test_kiosk_assert_refusal_shown (f, "not accepted");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "left before your account is locked");
  g_assert_cmpstr (ward_test_kiosk_code_entry_text (f), ==, "");
  ward_test_kiosk_screenshot (f, "code-wrong.png");

  /* The right code, then the same code again: a replay. */
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  ward_test_kiosk_type_on_keypad (f, code);
  ward_test_kiosk_press_keypad_ok (f);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_kiosk_activate (f, "win.sign-out");
  ward_test_kiosk_reach_code_step (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_kiosk_type_on_keypad (f, code);
  ward_test_kiosk_press_keypad_ok (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_refusal (f->flow), ==, WARD_AUTH_REFUSAL_WRONG_CODE);
  ward_test_kiosk_assert_refusal_shown (f, "not accepted");
  ward_test_kiosk_activate (f, "win.cancel");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
}

/* Wrong codes until the account locks: the lock screen says so, and whom
 * to ask. */
static void
check_lockout (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_policy_set_lockout_threshold (ward_kiosk_get_policy (f->kiosk), f->site->enroller, 3, &error));
  g_assert_no_error (error);

  for (guint tries = 0; ward_auth_flow_get_refusal (f->flow) != WARD_AUTH_REFUSAL_LOCKED_OUT; tries++)
    {
      g_assert_cmpuint (tries, <, 10);
      /* Past any growing delay: the lockout is what is tested. */
      ward_clock_advance (f->site->fixture->clock, (gint64) 3600 * G_USEC_PER_SEC);
      ward_test_kiosk_reach_code_step (f, "nnurse", WARD_TEST_NURSE_BADGE);
      while (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_CODE)
        {
          ward_test_kiosk_type_on_keypad (f, "000000");
          ward_test_kiosk_press_keypad_ok (f);
        }
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
    }

  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_kiosk_assert_refusal_shown (f, "locked");
  ward_test_kiosk_screenshot (f, "refusal-lockout.png");

  /* Tapping again while locked out: refused at once, with the same words. */
  ward_auth_flow_badge (f->flow, WARD_TEST_NURSE_BADGE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_kiosk_assert_refusal_shown (f, "locked");
}

/* Each test runs its check in a kiosk over a fresh test ward. */
static const WardTestKioskCase cases[] = {
  { "/ui/sign-in/refusals", check_refusals },
  { "/ui/sign-in/lockout", check_lockout },
};

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);

  ward_test_kiosk_add_cases (cases, G_N_ELEMENTS (cases));

  return g_test_run ();
}
