/* test-awareness.c: the awareness card in the real sign-in window, "Not now" and its limit, and the admin report */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-awareness-store.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/ward-awareness-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

#define NURSE_BADGE        "04A1B2C3"
#define ADMIN_BADGE        "04D4E5F6"
#define SECOND_NURSE_BADGE "04778899"

#define DAYS (G_GINT64_CONSTANT (86400))

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
};

/* -- The kiosk over a test ward, as in test-sign-in-window.c ------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_configure_site ("Bed 3");
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "tnurse", "nurse", SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
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
  g_assert_nonnull (ward_kiosk_get_awareness (f->kiosk));
  ward_test_use_site_keys (f->kiosk, f->site);
  f->check (f);
}

static void
run_kiosk (Fixture      *f,
           FixtureCheck  check)
{
  f->check = check;
  ward_test_run_kiosk (f->site, FALSE, kiosk_ready, f);
  f->app = NULL;
  f->window = NULL;
  f->kiosk = NULL;
  f->flow = NULL;
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

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = ward_test_save_screenshot (root (f), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (root (f), action, NULL));
  gtk_test_widget_wait_for_draw (root (f));
}

static WardAwarenessScheduler *
scheduler (Fixture *f)
{
  return ward_kiosk_get_awareness (f->kiosk);
}

static WardAwarenessPage *
card (Fixture *f)
{
  GtkWidget *page = ward_test_find_widget (root (f), WARD_TYPE_AWARENESS_PAGE);

  g_assert_nonnull (page);
  return WARD_AWARENESS_PAGE (page);
}

static gboolean
has_focus (Fixture   *f,
           GtkWidget *widget)
{
  return gtk_root_get_focus (GTK_ROOT (f->window)) == widget;
}

/* -- Signing in: badge, key, then the code on the keypad ---------------- */

static void
type_on_keypad (Fixture    *f,
                const char *digits)
{
  WardCodePage *page = WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE));
  WardKeypad *keypad = ward_code_page_get_keypad (page);

  for (const char *d = digits; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      ward_test_click (ward_keypad_get_button (keypad, key));
    }
  ward_test_click (ward_keypad_get_button (keypad, "ok"));
}

/* A fresh time step first, so that the code is never a replay. */
static void
pass_factors (Fixture    *f,
              const char *username)
{
  WardTestPerson *person = ward_test_site_person (f->site, username);
  g_autofree char *code = NULL;

  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  code = ward_test_site_app_code (f->site, username, 0);
  ward_soft_key_set_auto_touch (person->key, TRUE);
  ward_test_site_insert_key (f->site, person->key);
  ward_auth_flow_badge (f->flow, person->badge);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  type_on_keypad (f, code);
}

static void
sign_in_to_card (Fixture    *f,
                 const char *username)
{
  pass_factors (f, username);
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "awareness");
}

static void
sign_out (Fixture *f)
{
  activate (f, "win.sign-out");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

/* -- The card ------------------------------------------------------------ */

static int
find_choice (WardAwarenessPrompt *prompt,
             gboolean             correct)
{
  for (guint i = 0; i < ward_awareness_prompt_get_n_choices (prompt); i++)
    if (ward_awareness_prompt_get_choice_correct (prompt, i) == correct)
      return (int) i;
  g_assert_not_reached ();
}

static const char *
topic_name (Fixture             *f,
            WardAwarenessPrompt *prompt)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (scheduler (f));

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

  ward_test_assert_shows_part (root (f), topic_name (f, prompt));
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_scenario (prompt));
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_question (prompt));
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

#ifdef TEST_X11
static gboolean
xdotool_usable (Fixture *f)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (root (f)));
}

static void
xdotool_key (Fixture    *f,
             const char *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", key, NULL };

  ward_test_run_program (argv);
  /* A key alone may be held back for a reader's gap before it is handed on. */
  ward_test_spin (300);
}
#endif

static gboolean
feedback_shown (gpointer data)
{
  return ward_test_find_label (data, "Not quite", FALSE) != NULL
      || ward_test_find_label (data, "That’s right", FALSE) != NULL;
}

/* Tab from the first answer to @index, then Enter: through the X server
 * when there is one, else as GTK's own key handling would. */
static void
pick_by_keyboard (Fixture *f,
                  guint    index)
{
  GtkWidget *target = ward_awareness_page_get_answer_button (card (f), index);

  g_assert_true (has_focus (f, ward_awareness_page_get_answer_button (card (f), 0)));
#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      for (guint i = 0; i < index; i++)
        xdotool_key (f, "Tab");
      g_assert_true (has_focus (f, target));
      xdotool_key (f, "Return");
      ward_test_wait_for (feedback_shown, root (f));
      return;
    }
#endif
  for (guint i = 0; i < index; i++)
    g_assert_true (gtk_widget_child_focus (root (f), GTK_DIR_TAB_FORWARD));
  g_assert_true (has_focus (f, target));
  ward_test_click (target);
}

static void
pick_by_touch (Fixture             *f,
               WardAwarenessPrompt *prompt,
               guint                index)
{
  ward_test_click (ward_test_find_button (root (f), ward_awareness_prompt_get_choice_label (prompt, index)));
  gtk_test_widget_wait_for_draw (root (f));
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
  ward_test_click (ward_test_find_button (root (f), "Continue"));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows (root (f), "Test Person");
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
  first = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (scheduler (f)));
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (scheduler (f)), ==, WARD_AWARENESS_REASON_FIRST);
  assert_card_shows (f, first);
  ward_test_assert_shows (root (f), "A short question before you start");
  ward_test_assert_shows (root (f), "Not now");
  screenshot (f, "awareness-card.png");

  /* A wrong answer, by keyboard: calm feedback, why, and the safer choice. */
  wrong = find_choice (first, FALSE);
  right = find_choice (first, TRUE);
  pick_by_keyboard (f, (guint) wrong);
  title = ward_test_find_label (root (f), "Not quite", FALSE);
  g_assert_nonnull (title);
  g_assert_true (has_focus (f, GTK_WIDGET (title)));
  ward_test_assert_hides (root (f), "That’s right");
  ward_test_assert_shows_part (root (f), ward_awareness_prompt_get_choice_label (first, (guint) wrong));
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_choice_explanation (first, (guint) wrong));
  ward_test_assert_shows_part (root (f), "The safer choice: ");
  ward_test_assert_shows_part (root (f), ward_awareness_prompt_get_choice_label (first, (guint) right));
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_choice_explanation (first, (guint) right));
  ward_test_assert_hides (root (f), "Not now");
  screenshot (f, "awareness-wrong.png");
  assert_stored (f, "nnurse", first, FALSE);
  g_assert_null (ward_awareness_scheduler_get_pending (scheduler (f)));

  continue_to_session (f);
  sign_out (f);

  /* Next sign-in: the same topic again, said so; a right answer, by touch. */
  sign_in_to_card (f, "nnurse");
  second = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (scheduler (f)));
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (scheduler (f)), ==,
                   WARD_AWARENESS_REASON_WRONG_ANSWER);
  g_assert_cmpstr (ward_awareness_prompt_get_topic (second), ==, ward_awareness_prompt_get_topic (first));
  assert_card_shows (f, second);
  ward_test_assert_shows (root (f), "Once more on this topic, as last time was not quite right");
  right = find_choice (second, TRUE);
  pick_by_touch (f, second, (guint) right);
  title = ward_test_find_label (root (f), "That’s right", FALSE);
  g_assert_nonnull (title);
  g_assert_true (has_focus (f, GTK_WIDGET (title)));
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_choice_explanation (second, (guint) right));
  g_assert_null (ward_test_find_label (root (f), "The safer choice: ", TRUE));
  screenshot (f, "awareness-right.png");
  assert_stored (f, "nnurse", second, TRUE);

  continue_to_session (f);
  sign_out (f);
}

static void
test_wrong_then_right (Fixture       *f,
                       gconstpointer  data)
{
  run_kiosk (f, check_wrong_then_right);
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
      ward_test_click (ward_test_find_button (root (f), "Not now"));
      wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
      g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
      g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, skip);
      sign_out (f);
    }

  /* The third time there is no "Not now", and the card says why. */
  sign_in_to_card (f, "nnurse");
  ward_test_assert_hides (root (f), "Not now");
  ward_test_assert_shows (root (f), "This one cannot be put off. It takes less than a minute.");
  screenshot (f, "awareness-must-answer.png");

  /* Asked for all the same (another kiosk's button, a stale screen): the
   * scheduler refuses, the words show and the card stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card (f)), "awareness.not-now", NULL));
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_shows_part (root (f), "cannot be put off again");
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 2);

  /* Answering ends the run of skips. */
  ward_test_click (ward_awareness_page_get_answer_button (card (f), 0));
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 0);
  continue_to_session (f);
  sign_out (f);
}

static void
test_not_now_limit (Fixture       *f,
                    gconstpointer  data)
{
  run_kiosk (f, check_not_now_limit);
}

/* Cancelling at the card leaves nothing pending for the next person. */
static void
check_cancel_at_card (Fixture *f)
{
  sign_in_to_card (f, "nnurse");
  g_assert_nonnull (ward_awareness_scheduler_get_pending (scheduler (f)));
  activate (f, "win.cancel");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_awareness_scheduler_get_pending (scheduler (f)));
  g_assert_cmpuint (skips_in_a_row (f, "nnurse"), ==, 0);
}

static void
test_cancel_at_card (Fixture       *f,
                     gconstpointer  data)
{
  run_kiosk (f, check_cancel_at_card);
}

/* -- Break-glass: never a question ---------------------------------------- */

static void
check_break_glass (Fixture *f)
{
  activate (f, "win.emergency");
  ward_auth_flow_badge (f->flow, SECOND_NURSE_BADGE);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_test_click (ward_test_find_button (root (f), "Cardiac arrest"));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows_part (root (f), "EMERGENCY ACCESS");
  g_assert_null (ward_awareness_scheduler_get_pending (scheduler (f)));
  g_assert_null (ward_test_find_widget (root (f), WARD_TYPE_AWARENESS_PAGE));
  sign_out (f);

  /* The same person signing in normally is asked: it was the emergency
   * that went without. */
  sign_in_to_card (f, "tnurse");
  activate (f, "win.cancel");
}

static void
test_break_glass (Fixture       *f,
                  gconstpointer  data)
{
  run_kiosk (f, check_break_glass);
}

/* -- The report for admins ------------------------------------------------ */

static gint64
add_person (Fixture    *f,
            const char *username,
            const char *full_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (f->site->fixture->store, username, full_name, &error);

  g_assert_no_error (error);
  ward_directory_grant_role (f->site->fixture->store, id, "nurse", "test", &error);
  g_assert_no_error (error);
  return id;
}

static void
seed_answer (WardAwarenessScheduler *seeder,
             gint64                  user_id,
             const char             *prompt_id,
             gboolean                correct)
{
  WardAwarenessPrompt *prompt =
    ward_awareness_catalogue_lookup_prompt (ward_awareness_scheduler_get_catalogue (seeder), prompt_id);
  g_autoptr(GError) error = NULL;
  gboolean stored_correct = !correct;

  g_assert_nonnull (prompt);
  g_assert_true (ward_awareness_scheduler_record_answer (seeder, user_id, prompt,
                                                         ward_awareness_prompt_get_choice_id (
                                                           prompt, (guint) find_choice (prompt, correct)),
                                                         &stored_correct, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_correct, ==, correct);
}

static void
seed_skip (WardAwarenessScheduler *seeder,
           gint64                  user_id,
           const char             *prompt_id)
{
  WardAwarenessPrompt *prompt =
    ward_awareness_catalogue_lookup_prompt (ward_awareness_scheduler_get_catalogue (seeder), prompt_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_awareness_scheduler_record_skip (seeder, user_id, prompt, &error));
  g_assert_no_error (error);
}

static void
later (Fixture *f,
       gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
}

/* Twenty days ago: Mary answers one wrongly, Omar one wrongly. This week:
 * Mary puts one off, then answers two rightly; Omar puts two off and
 * signs in. So over 7 days Mary has 2 answered, 1 put off, 100 % right,
 * Omar 0, 2 and "—"; over 28 days Mary 3, 1, 67 % and Omar 1, 2, 0 %. */
static void
seed_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue = ward_awareness_catalogue_new_default (&error);
  g_autoptr(WardAwarenessScheduler) seeder = NULL;
  gint64 mary = add_person (f, "mmorgan", "Mary Morgan");
  gint64 omar = add_person (f, "ofarouk", "Omar Farouk");

  g_assert_no_error (error);
  seeder = ward_awareness_scheduler_new (f->site->fixture->store, catalogue);
  seed_answer (seeder, mary, "usb-found-corridor", FALSE);
  later (f, 3600);
  seed_answer (seeder, omar, "phishing-invoice", FALSE);
  later (f, 20 * DAYS);
  seed_skip (seeder, mary, "tailgating-delivery");
  later (f, 3600);
  seed_answer (seeder, mary, "tailgating-delivery", TRUE);
  seed_answer (seeder, mary, "phishing-payroll", TRUE);
  later (f, 3600);
  seed_skip (seeder, omar, "phishing-payroll");
  seed_skip (seeder, omar, "phishing-payroll");
  ward_sessions_open (f->site->fixture->store, omar, "normal", NULL, &error);
  g_assert_no_error (error);
  later (f, 3600);
}

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  if (GTK_IS_BUILDABLE (root) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* What a table row shows, cell by cell: "Mary Morgan|mmorgan|3|1|67%|…". */
static char *
row_texts (GtkWidget  *section,
           const char *list_id,
           const char *name)
{
  GtkListBox *list = GTK_LIST_BOX (find_by_id (section, list_id));

  g_assert_nonnull (list);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      g_autoptr(GString) texts = g_string_new (NULL);

      collect_texts (row, texts);
      if (g_str_has_prefix (texts->str, name))
        return g_strdup (texts->str);
    }
  g_error ("No row for “%s” in %s", name, list_id);
}

static guint
n_rows (GtkWidget  *section,
        const char *list_id)
{
  GtkListBox *list = GTK_LIST_BOX (find_by_id (section, list_id));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
assert_row (GtkWidget  *section,
            const char *list_id,
            const char *name,
            const char *expected)
{
  g_autofree char *texts = row_texts (section, list_id, name);

  if (!g_str_has_prefix (texts, expected))
    g_error ("The row of %s in %s shows “%s”, not “%s…”", name, list_id, texts, expected);
}

static void
assert_label (GtkWidget  *section,
              const char *id,
              const char *expected)
{
  GtkWidget *label = find_by_id (section, id);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
}

static gboolean
transition_done (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

/* The sections crossfade: the screenshot waits for the new one alone. */
static void
wait_for_section (Fixture   *f,
                  GtkWidget *section)
{
  ward_test_wait_for (transition_done, gtk_widget_get_parent (section));
  gtk_test_widget_wait_for_draw (root (f));
}

static GtkAdjustment *
tables_adjustment (GtkWidget *section)
{
  GtkWidget *scroll = find_by_id (section, "tables_scroll");

  g_assert_nonnull (scroll);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
}

/* The tables scroll under the totals, which stay in sight. */
static void
scroll_to_end (Fixture   *f,
               GtkWidget *section)
{
  GtkAdjustment *adjustment = tables_adjustment (section);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_test_widget_wait_for_draw (root (f));
}

static void
scroll_to_start (Fixture   *f,
                 GtkWidget *section)
{
  gtk_adjustment_set_value (tables_adjustment (section), 0);
  gtk_test_widget_wait_for_draw (root (f));
}

static void
select_period (Fixture   *f,
               GtkWidget *section,
               guint      index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (section, "period_dropdown")), index);
  gtk_test_widget_wait_for_draw (root (f));
}

/* 28 days, the default: all of the seeded history. */
static void
assert_four_weeks (GtkWidget *section)
{
  assert_label (section, "answered_label", "4");
  assert_label (section, "skipped_label", "3");
  assert_label (section, "right_label", "50%");
  assert_label (section, "overdue_label", "2");
  g_assert_cmpuint (n_rows (section, "users_list"), ==, 3);
  assert_row (section, "users_list", "Mary Morgan", "Mary Morgan|mmorgan|3|1|67%|");
  assert_row (section, "users_list", "Omar Farouk", "Omar Farouk|ofarouk|1|2|0%|");
  assert_row (section, "users_list", "Test Person", "Test Person|aadmin|0|0|—|never");
  assert_row (section, "topics_list", "Phishing e-mail", "Phishing e-mail|2|2|50%|");
  assert_row (section, "topics_list", "Following someone", "Following someone through a badge door|1|1|100%|");
  assert_row (section, "topics_list", "A USB stick", "A USB stick found on the ward|1|0|0%|");
  g_assert_cmpuint (n_rows (section, "overdue_list"), ==, 2);
  assert_row (section, "overdue_list", "Omar Farouk", "Omar Farouk|ofarouk|");
  assert_row (section, "overdue_list", "Test Person", "Test Person|aadmin|");
}

/* The last week: the answers of twenty days ago are out. */
static void
assert_one_week (GtkWidget *section)
{
  assert_label (section, "answered_label", "2");
  assert_label (section, "skipped_label", "3");
  assert_label (section, "right_label", "100%");
  assert_label (section, "overdue_label", "2");
  assert_row (section, "users_list", "Mary Morgan", "Mary Morgan|mmorgan|2|1|100%|");
  assert_row (section, "users_list", "Omar Farouk", "Omar Farouk|ofarouk|0|2|—|");
  assert_row (section, "topics_list", "Phishing e-mail", "Phishing e-mail|1|2|100%|");
  assert_row (section, "topics_list", "A USB stick", "A USB stick found on the ward|0|0|—|never");
}

/* Without its question, so that the figures stay the seeded ones. */
static void
sign_in_without_question (Fixture    *f,
                          const char *username)
{
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
  pass_factors (f, username);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_auth_flow_set_awareness_hook (f->flow, ward_awareness_scheduler_due_for_flow,
                                     g_object_ref (scheduler (f)), g_object_unref);
}

static void
check_report (Fixture *f)
{
  WardAdminPage *admin = ward_admin_page_new (f->kiosk);
  GtkWidget *section;

  ward_window_add_page (f->window, GTK_WIDGET (admin), "admin");
  sign_in_without_question (f, "aadmin");
  activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  ward_admin_page_refresh (admin);
  g_assert_true (ward_admin_page_show_section (admin, "awareness"));
  gtk_test_widget_wait_for_draw (root (f));
  section = ward_admin_page_get_section_widget (admin, "awareness");
  wait_for_section (f, section);
  ward_test_assert_shows (section, "Last 28 days");
  assert_four_weeks (section);
  screenshot (f, "awareness-report.png");
  scroll_to_end (f, section);
  screenshot (f, "awareness-report-tables.png");
  scroll_to_start (f, section);

  select_period (f, section, 0);
  ward_test_assert_shows (section, "Last 7 days");
  assert_one_week (section);
  screenshot (f, "awareness-report-week.png");
  select_period (f, section, 1);
  assert_four_weeks (section);
  sign_out (f);

  /* A nurse may not see the report: no section, and nothing left on it. */
  sign_in_without_question (f, "nnurse");
  ward_admin_page_refresh (admin);
  g_assert_false (ward_admin_page_section_allowed (admin, "awareness"));
  g_assert_false (ward_admin_page_show_section (admin, "awareness"));
  g_assert_cmpuint (n_rows (section, "users_list"), ==, 0);
  sign_out (f);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  seed_history (f);
  run_kiosk (f, check_report);
}

int
main (int   argc,
      char *argv[])
{
  /* Tests read the English texts. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("WARDGATE_DB");
  g_unsetenv ("WARDGATE_KEY_FILE");
  g_unsetenv ("WARDGATE_AWARENESS");
  g_unsetenv ("CREDENTIALS_DIRECTORY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/awareness/wrong-then-right", Fixture, NULL, fixture_set_up, test_wrong_then_right,
              fixture_tear_down);
  g_test_add ("/ui/awareness/not-now-limit", Fixture, NULL, fixture_set_up, test_not_now_limit, fixture_tear_down);
  g_test_add ("/ui/awareness/cancel-at-card", Fixture, NULL, fixture_set_up, test_cancel_at_card, fixture_tear_down);
  g_test_add ("/ui/awareness/break-glass", Fixture, NULL, fixture_set_up, test_break_glass, fixture_tear_down);
  g_test_add ("/ui/awareness/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);

  return g_test_run ();
}
