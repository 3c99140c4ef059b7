/* test-awareness.c: the awareness card in the real sign-in window: wrong then right, "Not now" and its limit, cancelling, emergencies */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-awareness-store.h"
#include "tests/ui/ward-test-kiosk.h"
#include "ui/ward-awareness-page.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#endif

/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c, its
 * awareness prompts on. */
typedef WardTestKiosk Fixture;

static WardAwarenessPage *
card (Fixture *f)
{
  GtkWidget *page = ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_AWARENESS_PAGE);

  g_assert_nonnull (page);
  return WARD_AWARENESS_PAGE (page);
}

static gboolean
has_focus (Fixture   *f,
           GtkWidget *widget)
{
  return gtk_root_get_focus (GTK_ROOT (f->window)) == widget;
}

/* -- Signing in, to the card -------------------------------------------- */

static void
sign_in_to_card (Fixture    *f,
                 const char *username)
{
  ward_test_kiosk_pass_factors (f, username);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "awareness");
}

/* -- The card ------------------------------------------------------------ */

static const char *
topic_name (Fixture             *f,
            WardAwarenessPrompt *prompt)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (ward_kiosk_get_awareness (f->kiosk));

  return ward_awareness_topic_get_name (ward_awareness_catalogue_lookup_topic (catalogue,
                                                                               ward_awareness_prompt_get_topic (prompt)));
}

/* Everything the card must show, each answer a big, full-width button. */
static void
assert_card_shows (Fixture             *f,
                   WardAwarenessPrompt *prompt)
{
  WardAwarenessPage *page = card (f);
  guint n = ward_awareness_prompt_get_n_choices (prompt);

  ward_test_assert_shows_part (GTK_WIDGET (f->window), topic_name (f, prompt));
  ward_test_assert_shows (GTK_WIDGET (f->window), ward_awareness_prompt_get_scenario (prompt));
  ward_test_assert_shows (GTK_WIDGET (f->window), ward_awareness_prompt_get_question (prompt));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = ward_awareness_page_get_answer_button (page, i);

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_drawable (button));
      ward_test_assert_shows (button, ward_awareness_prompt_get_choice_label (prompt, i));
      g_assert_cmpint (gtk_widget_get_height (button), >=, 64);
      g_assert_cmpint (gtk_widget_get_width (button), >=, 1000);
    }
  g_assert_null (ward_awareness_page_get_answer_button (page, n));
}


static gboolean
feedback_shown (gpointer data)
{
  return ward_test_find_label (data, "There is a safer choice", FALSE) != NULL
      || ward_test_find_label (data, "That’s right", FALSE) != NULL;
}

/* Tab from the card (where the focus rests, on no answer) to @index,
 * then Enter: through the X server when there is one, else as GTK's own
 * key handling would. */
static void
pick_by_keyboard (Fixture *f,
                  guint    index)
{
  GtkWidget *target = ward_awareness_page_get_answer_button (card (f), index);

  g_assert_true (has_focus (f, GTK_WIDGET (card (f))));
#ifdef TEST_X11
  if (ward_test_kiosk_xdotool_usable (f))
    {
      for (guint i = 0; i <= index; i++)
        ward_test_kiosk_xdotool_key (f, "Tab", 300);
      g_assert_true (has_focus (f, target));
      ward_test_kiosk_xdotool_key (f, "Return", 300);
      ward_test_wait_for (feedback_shown, GTK_WIDGET (f->window));
      return;
    }
#endif
  for (guint i = 0; i <= index; i++)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus (f, target));
  ward_test_click (target);
}

static void
pick_by_touch (Fixture             *f,
               WardAwarenessPrompt *prompt,
               guint                index)
{
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_label (prompt, index)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
assert_stored (Fixture             *f,
               const char          *username,
               WardAwarenessPrompt *prompt,
               gboolean             correct)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessUserState) state =
    ward_awareness_store_user_state (f->site->fixture->store, ward_test_site_person (f->site, username)->user_id,
                                     &error);

  g_assert_no_error (error);
  g_assert_cmpstr (state->last_prompt, ==, ward_awareness_prompt_get_id (prompt));
  g_assert_cmpstr (state->last_topic, ==, ward_awareness_prompt_get_topic (prompt));
  g_assert_cmpint (state->last_correct, ==, correct);
  g_assert_cmpuint (state->consecutive_skips, ==, 0);
}

static void
continue_to_session (Fixture *f)
{
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Continue"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Test Person");
}

static void
check_wrong_then_right (Fixture *f)
{
  g_autoptr(WardAwarenessPrompt) first = NULL;
  g_autoptr(WardAwarenessPrompt) second = NULL;
  GtkLabel *title;
  int wrong, right;

  /* A first sign-in always brings a question. */
  sign_in_to_card (f, "nnurse");
  first = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (ward_kiosk_get_awareness (f->kiosk)), ==, WARD_AWARENESS_REASON_FIRST);
  assert_card_shows (f, first);
  ward_test_assert_shows (GTK_WIDGET (f->window), "A short question before you start");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Not now");
  ward_test_kiosk_screenshot (f, "awareness-card.png");

  /* A wrong answer, by keyboard: calm feedback, why, and the safer choice. */
  wrong = ward_test_awareness_choice (first, FALSE);
  right = ward_test_awareness_choice (first, TRUE);
  pick_by_keyboard (f, (guint) wrong);
  title = ward_test_find_label (GTK_WIDGET (f->window), "There is a safer choice", FALSE);
  g_assert_nonnull (title);
  g_assert_true (has_focus (f, ward_test_find_button (GTK_WIDGET (f->window), "Continue")));
  ward_test_assert_hides (GTK_WIDGET (f->window), "That’s right");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_label (first, (guint) wrong));
  ward_test_assert_shows (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_explanation (first, (guint) wrong));
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "The safer choice: ");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_label (first, (guint) right));
  ward_test_assert_shows (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_explanation (first, (guint) right));
  ward_test_assert_hides (GTK_WIDGET (f->window), "Not now");
  ward_test_kiosk_screenshot (f, "awareness-wrong.png");
  assert_stored (f, "nnurse", first, FALSE);
  g_assert_null (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));

  continue_to_session (f);
  ward_test_kiosk_sign_out (f);

  /* The next shift's first sign-in: the same topic again, said so; a
   * right answer, by touch. */
  ward_clock_advance (f->site->fixture->clock, G_GINT64_CONSTANT (3600) * WARD_AWARENESS_NEXT_SHIFT_HOURS * G_USEC_PER_SEC);
  sign_in_to_card (f, "nnurse");
  second = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (ward_kiosk_get_awareness (f->kiosk)), ==,
                   WARD_AWARENESS_REASON_WRONG_ANSWER);
  g_assert_cmpstr (ward_awareness_prompt_get_topic (second), ==, ward_awareness_prompt_get_topic (first));
  assert_card_shows (f, second);
  ward_test_assert_shows (GTK_WIDGET (f->window), "Once more on this topic, as last time was not quite right");
  right = ward_test_awareness_choice (second, TRUE);
  pick_by_touch (f, second, (guint) right);
  title = ward_test_find_label (GTK_WIDGET (f->window), "That’s right", FALSE);
  g_assert_nonnull (title);
  g_assert_true (has_focus (f, ward_test_find_button (GTK_WIDGET (f->window), "Continue")));
  ward_test_assert_shows (GTK_WIDGET (f->window), ward_awareness_prompt_get_choice_explanation (second, (guint) right));
  g_assert_null (ward_test_find_label (GTK_WIDGET (f->window), "The safer choice: ", TRUE));
  ward_test_kiosk_screenshot (f, "awareness-right.png");
  assert_stored (f, "nnurse", second, TRUE);

  continue_to_session (f);
  ward_test_kiosk_sign_out (f);
}

static void
test_wrong_then_right (Fixture       *f,
                       gconstpointer  data)
{
  f->awareness = TRUE;
  ward_test_kiosk_run (f, check_wrong_then_right, FALSE);
}

/* -- "Not now": for emergencies, recorded, limited ------------------------ */

static guint
skips_in_a_row (Fixture    *f,
                const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessUserState) state =
    ward_awareness_store_user_state (f->site->fixture->store, ward_test_site_person (f->site, username)->user_id,
                                     &error);

  g_assert_no_error (error);
  return state->consecutive_skips;
}

static void
check_not_now_limit (Fixture *f)
{
  for (guint skip = 1; skip <= 2; skip++)
    {
      sign_in_to_card (f, "nnurse");
      ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Not now"));
      ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
      g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
      g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, skip);
      ward_test_kiosk_sign_out (f);
    }

  /* The third time there is no "Not now", and the card says why. */
  sign_in_to_card (f, "nnurse");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Not now");
  ward_test_assert_shows (GTK_WIDGET (f->window), "This one cannot be put off. It takes less than a minute.");
  ward_test_kiosk_screenshot (f, "awareness-must-answer.png");

  /* Asked for all the same (another kiosk's button, a stale screen): the
   * scheduler refuses, the words show and the card stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card (f)), "awareness.not-now", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "cannot be put off again");
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 2);

  /* Answering ends the run of skips. */
  ward_test_click (ward_awareness_page_get_answer_button (card (f), 0));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 0);
  continue_to_session (f);
  ward_test_kiosk_sign_out (f);
}

static void
test_not_now_limit (Fixture       *f,
                    gconstpointer  data)
{
  f->awareness = TRUE;
  ward_test_kiosk_run (f, check_not_now_limit, FALSE);
}

/* Cancelling at the card leaves nothing pending for the next person. */
static void
check_cancel_at_card (Fixture *f)
{
  sign_in_to_card (f, "nnurse");
  g_assert_nonnull (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));
  ward_test_kiosk_activate (f, "win.cancel");
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 0);
}

static void
test_cancel_at_card (Fixture       *f,
                     gconstpointer  data)
{
  f->awareness = TRUE;
  ward_test_kiosk_run (f, check_cancel_at_card, FALSE);
}

/* -- Break-glass: never a question ---------------------------------------- */

static void
check_break_glass (Fixture *f)
{
  ward_test_kiosk_activate (f, "win.emergency");
  ward_auth_flow_badge (f->flow, WARD_TEST_SECOND_NURSE_BADGE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->window), "Cardiac arrest"));
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows_part (GTK_WIDGET (f->window), "EMERGENCY ACCESS");
  g_assert_null (ward_awareness_scheduler_get_pending (ward_kiosk_get_awareness (f->kiosk)));
  g_assert_null (ward_test_find_widget (GTK_WIDGET (f->window), WARD_TYPE_AWARENESS_PAGE));
  ward_test_kiosk_sign_out (f);

  /* The same person signing in normally is asked: it was the emergency
   * that went without. */
  sign_in_to_card (f, "tnurse");
  ward_test_kiosk_activate (f, "win.cancel");
}

static void
test_break_glass (Fixture       *f,
                  gconstpointer  data)
{
  f->awareness = TRUE;
  ward_test_kiosk_run (f, check_break_glass, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* The shipped prompts, not a site's own. */
  g_unsetenv ("WARDGATE_AWARENESS");
  ward_test_kiosk_init (&argc, &argv);

  ward_test_kiosk_add ("/ui/awareness/wrong-then-right", test_wrong_then_right);
  ward_test_kiosk_add ("/ui/awareness/not-now-limit", test_not_now_limit);
  ward_test_kiosk_add ("/ui/awareness/cancel-at-card", test_cancel_at_card);
  ward_test_kiosk_add ("/ui/awareness/break-glass", test_break_glass);

  return g_test_run ();
}
