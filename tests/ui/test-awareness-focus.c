/* test-awareness-focus.c: the awareness card by keyboard: a stray Enter answers nothing, Enter on the feedback continues, "Not now" is an ordinary button, a wrong answer waits for the next shift, and the card fits 1024×768 and 1280×800 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "app/awareness/ward-awareness-catalogue.h"
#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-awareness-store.h"
#include "tests/ui/ward-test-keys.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-awareness-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-language.h"

#define NURSE_BADGE "04A1B2C3"
#define HOUR_US     (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

typedef struct _Fixture Fixture;
typedef void (*FixtureCheck) (Fixture *f);

struct _Fixture
{
  WardTestSite    *site;
  WardWindow      *window;
  WardKiosk       *kiosk;
  WardAuthFlow    *flow;
  FixtureCheck     check;
  int              width;
  int              height;
  const char      *language;
  const char      *prompt_id;  /* the prompt shown; NULL: the first of the shipped content */
  char            *localedir;  /* the German catalogue */
  char            *content;    /* content holding only prompt_id */
};

typedef enum
{
  PROMPT_FIRST,             /* the first of the shipped content */
  PROMPT_LONGEST_QUESTION,  /* the most to read before answering, in the language shown */
  PROMPT_LONGEST_FEEDBACK,  /* the most to read after answering */
} Prompt;

/* Which card to look at: the screen, its language, and the prompt. */
typedef struct
{
  int         width;
  int         height;
  const char *language;
  Prompt      prompt;
} Card;

/* The prompt whose question face (scenario, question, answers) or whose
 * feedback (the explanations) has the most text in the language now
 * applied. */
static char *
longest_prompt (gboolean feedback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue = ward_awareness_catalogue_new_default (&error);
  GPtrArray *prompts;
  const char *longest = NULL;
  glong longest_chars = 0;

  g_assert_no_error (error);
  prompts = ward_awareness_catalogue_get_prompts (catalogue);
  for (guint i = 0; i < prompts->len; i++)
    {
      WardAwarenessPrompt *prompt = prompts->pdata[i];
      glong chars = 0;

      if (!ward_awareness_prompt_is_for_roles (prompt, (const char *const[]) { "nurse", NULL }))
        continue;
      if (!feedback)
        chars = g_utf8_strlen (ward_awareness_prompt_get_scenario (prompt), -1)
              + g_utf8_strlen (ward_awareness_prompt_get_question (prompt), -1);
      for (guint c = 0; c < ward_awareness_prompt_get_n_choices (prompt); c++)
        chars += g_utf8_strlen (feedback ? ward_awareness_prompt_get_choice_explanation (prompt, c)
                                         : ward_awareness_prompt_get_choice_label (prompt, c), -1);
      if (chars > longest_chars)
        {
          longest = ward_awareness_prompt_get_id (prompt);
          longest_chars = chars;
        }
    }
  g_assert_nonnull (longest);
  g_test_message ("longest %s: “%s”, %ld characters", feedback ? "feedback" : "question", longest, longest_chars);
  return g_strdup (longest);
}

/* One element of the shipped content, from its opening tag to its end. */
static char *
element (const char *content,
         const char *tag,
         const char *id)
{
  g_autofree char *open = g_strdup_printf ("<%s id=\"%s\"", tag, id);
  g_autofree char *close = g_strdup_printf ("</%s>", tag);
  const char *start = strstr (content, open);
  const char *end = start != NULL ? strstr (start, close) : NULL;

  g_assert_nonnull (end);
  return g_strndup (start, (gsize) (end + strlen (close) - start));
}

/* Content with @prompt_id alone (and its topic): the kiosk then asks it at
 * the first sign-in, as it would ask any other. */
static char *
content_with_only (const char *prompt_id)
{
  g_autofree char *shipped = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *topic_id = NULL;
  g_autofree char *topic = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *topic_attr;
  char *path;
  int fd;

  g_assert_true (g_file_get_contents (g_getenv ("WARDGATE_SHIPPED_PROMPTS"), &shipped, NULL, &error));
  g_assert_no_error (error);
  prompt = element (shipped, "prompt", prompt_id);
  topic_attr = strstr (prompt, "topic=\"");
  g_assert_nonnull (topic_attr);
  topic_attr += strlen ("topic=\"");
  topic_id = g_strndup (topic_attr, (gsize) (strchr (topic_attr, '"') - topic_attr));
  topic = element (shipped, "topic", topic_id);
  text = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<awareness version=\"1\">\n%s\n%s\n"
                          "</awareness>\n", topic, prompt);
  fd = g_file_open_tmp ("wardgate-prompt-XXXXXX.xml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Card *card = data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  ward_test_configure_site ("Bed 3");
  f->width = card != NULL ? card->width : 1280;
  f->height = card != NULL ? card->height : 800;
  f->language = card != NULL ? card->language : "en";
  g_settings_set_string (settings, "language", f->language);
  if (g_str_equal (f->language, "de"))
    {
      f->localedir = ward_test_compile_german (g_getenv ("WARDGATE_DE_PO"));
      bindtextdomain (GETTEXT_PACKAGE, f->localedir);
    }
  ward_language_apply (f->language);
  if (card != NULL && card->prompt != PROMPT_FIRST)
    {
      g_autofree char *id = longest_prompt (card->prompt == PROMPT_LONGEST_FEEDBACK);

      f->prompt_id = g_intern_string (id);
      f->content = content_with_only (id);
    }
  if (f->content != NULL)
    g_setenv ("WARDGATE_AWARENESS", f->content, TRUE);
  ward_test_set_window_size (f->width, f->height);
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  ward_test_site_free (f->site);
  g_unsetenv ("WARDGATE_AWARENESS");
  if (f->content != NULL)
    g_unlink (f->content);
  g_clear_pointer (&f->content, g_free);
  g_settings_set_string (settings, "language", "en");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  if (f->localedir != NULL)
    ward_test_remove_german (f->localedir);
  g_clear_pointer (&f->localedir, g_free);
  ward_language_apply ("en");
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

  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  f->kiosk = ward_application_get_kiosk (app);
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

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static WardAwarenessUserState *
user_state (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  WardAwarenessUserState *state =
    ward_awareness_store_user_state (f->site->fixture->store, ward_test_site_person (f->site, "nnurse")->user_id,
                                     &error);

  g_assert_no_error (error);
  return state;
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = ward_test_save_screenshot (root (f), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Badge and key; the code typed on the keyboard, a person's pace, and
 * Enter: the Enter that, before, fell through onto the first answer. */
static void
sign_in_by_keyboard (Fixture *f)
{
  WardTestPerson *person = ward_test_site_person (f->site, "nnurse");
  g_autofree char *code = NULL;

  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  ward_soft_key_set_auto_touch (person->key, TRUE);
  ward_test_site_insert_key (f->site, person->key);
  ward_auth_flow_badge (f->flow, person->badge);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  if (ward_test_keys_real (GTK_WINDOW (f->window)))
    ward_test_keys_type (GTK_WINDOW (f->window), code, 150);
  else
    ward_auth_flow_submit_code (f->flow, code);
  ward_test_keys_press (GTK_WINDOW (f->window), "Return");
}

static void
sign_out (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (root (f), "win.sign-out", NULL));
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static gboolean
is_answer (Fixture   *f,
           GtkWidget *widget)
{
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *answer = ward_awareness_page_get_answer_button (card (f), i);

      if (answer != NULL && widget != NULL && (widget == answer || gtk_widget_is_ancestor (widget, answer)))
        return TRUE;
    }
  return FALSE;
}

static int
find_choice (WardAwarenessPrompt *prompt,
             gboolean             correct)
{
  for (guint i = 0; i < ward_awareness_prompt_get_n_choices (prompt); i++)
    if (ward_awareness_prompt_get_choice_correct (prompt, i) == correct)
      return (int) i;
  g_assert_not_reached ();
}

/* -- Enter after the code, Enter on the feedback ------------------------------ */

static void
check_enter (Fixture *f)
{
  g_autoptr(WardAwarenessUserState) before = NULL;
  g_autoptr(WardAwarenessUserState) after = NULL;
  g_autoptr(WardAwarenessPrompt) prompt = NULL;
  GtkWidget *wrong;
  int index;

  sign_in_by_keyboard (f);
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  ward_test_spin (300);
  prompt = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (scheduler (f)));

  /* The focus rests on the card, on no answer. */
  g_assert_false (is_answer (f, focus (f)));
  g_assert_true (focus (f) == GTK_WIDGET (card (f)));
  screenshot (f, "awareness-focus-question.png");

  /* A second Enter (a reader's, a habit's) answers nothing. */
  before = user_state (f);
  ward_test_keys_press (GTK_WINDOW (f->window), "Return");
  ward_test_keys_press (GTK_WINDOW (f->window), "space");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_AWARENESS);
  after = user_state (f);
  g_assert_cmpint (after->last_answer_id, ==, before->last_answer_id);
  g_assert_cmpint (after->last_answer_id, ==, 0);
  g_assert_nonnull (ward_awareness_scheduler_get_pending (scheduler (f)));

  /* Tab reaches the answers in order; Enter answers the one chosen. */
  index = find_choice (prompt, FALSE);
  for (int i = 0; i <= index; i++)
    ward_test_keys_press (GTK_WINDOW (f->window), "Tab");
  wrong = ward_awareness_page_get_answer_button (card (f), (guint) index);
  g_assert_true (focus (f) == wrong);
  ward_test_keys_press (GTK_WINDOW (f->window), "Return");

  /* The feedback: in words that do not contradict each other, the focus
   * on Continue. */
  ward_test_assert_shows (root (f), "There is a safer choice");
  ward_test_assert_hides (root (f), "Not quite");
  g_assert_true (focus (f) == ward_test_find_button (root (f), "Continue"));
  screenshot (f, "awareness-focus-feedback.png");
  g_clear_pointer (&after, ward_awareness_user_state_free);
  after = user_state (f);
  g_assert_false (after->last_correct);

  /* Enter continues into the session. */
  ward_test_keys_press (GTK_WINDOW (f->window), "Return");
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  sign_out (f);

  /* Back ten minutes later, same shift: no question. */
  ward_clock_advance (f->site->fixture->clock, 10 * 60 * G_USEC_PER_SEC);
  sign_in_by_keyboard (f);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  sign_out (f);

  /* The next shift: the topic once more, and the card says why. */
  ward_clock_advance (f->site->fixture->clock, WARD_AWARENESS_NEXT_SHIFT_HOURS * HOUR_US);
  sign_in_by_keyboard (f);
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (scheduler (f)), ==,
                   WARD_AWARENESS_REASON_WRONG_ANSWER);
  g_assert_cmpstr (ward_awareness_prompt_get_topic (ward_awareness_scheduler_get_pending (scheduler (f))), ==,
                   ward_awareness_prompt_get_topic (prompt));
  ward_test_assert_shows (root (f), "Once more on this topic, as last time was not quite right");
  g_assert_false (is_answer (f, focus (f)));
  screenshot (f, "awareness-focus-next-shift.png");
}

static void
test_enter (Fixture       *f,
            gconstpointer  data)
{
  run_kiosk (f, check_enter);
}

/* -- "Not now": an ordinary button while skips remain ------------------------- */

static guint
skips_in_a_row (Fixture *f)
{
  g_autoptr(WardAwarenessUserState) state = user_state (f);

  return state->consecutive_skips;
}

static void
check_not_now (Fixture *f)
{
  static const char *const left[] = { "You can put this off 2 more times", "You can put this off 1 more time" };

  for (guint skip = 0; skip < G_N_ELEMENTS (left); skip++)
    {
      GtkWidget *button;

      sign_in_by_keyboard (f);
      wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
      button = ward_test_find_button (root (f), "Not now");
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_has_css_class (button, "secondary-button"));
      g_assert_cmpint (gtk_widget_get_height (button), >=, 48);
      g_assert_cmpint (gtk_widget_get_width (button), >=, 120);
      ward_test_assert_shows (root (f), left[skip]);
      if (skip == 0)
        screenshot (f, "awareness-not-now.png");

      /* By keyboard: Tab past every answer to it, then Enter. */
      for (guint i = 0; i < 5 && focus (f) != button; i++)
        ward_test_keys_press (GTK_WINDOW (f->window), "Tab");
      g_assert_true (focus (f) == button);
      ward_test_keys_press (GTK_WINDOW (f->window), "Return");
      wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
      g_assert_cmpuint (skips_in_a_row (f), ==, skip + 1);
      sign_out (f);
    }

  /* None left: no button, and the card says so. */
  sign_in_by_keyboard (f);
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_hides (root (f), "Not now");
  ward_test_assert_shows (root (f), "This one cannot be put off. It takes less than a minute.");
  g_assert_null (ward_test_find_label (root (f), "You can put this off", TRUE));
}

static void
test_not_now (Fixture       *f,
              gconstpointer  data)
{
  run_kiosk (f, check_not_now);
}

/* -- The card fits the bedside screens --------------------------------------- */

static void
assert_fits (Fixture    *f,
             const char *face)
{
  g_autofree char *where = g_strdup_printf ("awareness-%s%s%s-%dx%d%s%s", face, f->prompt_id != NULL ? "-" : "",
                                            f->prompt_id != NULL ? f->prompt_id : "", f->width, f->height,
                                            g_str_equal (f->language, "en") ? "" : "-", 
                                            g_str_equal (f->language, "en") ? "" : f->language);
  g_autofree char *file = g_strdup_printf ("layout-%s.png", where);
  g_autoptr(GPtrArray) problems = NULL;

  ward_test_spin (100);
  gtk_test_widget_wait_for_draw (root (f));
  screenshot (f, file);
  g_assert_cmpint (gtk_widget_get_width (root (f)), ==, f->width);
  g_assert_cmpint (gtk_widget_get_height (root (f)), ==, f->height);
  problems = ward_test_layout_problems (root (f), where);
  if (problems->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_error ("%s does not fit:\n  %s", where, all);
    }
}

/* The prompt a first sign-in shows, and its feedback with the safer
 * choice (the taller face), in the language of the card. */
static void
check_fits (Fixture *f)
{
  WardAwarenessPrompt *prompt;
  int wrong;

  sign_in_by_keyboard (f);
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  prompt = ward_awareness_scheduler_get_pending (scheduler (f));
  if (f->prompt_id != NULL)
    g_assert_cmpstr (ward_awareness_prompt_get_id (prompt), ==, f->prompt_id);
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_question (prompt));
  assert_fits (f, "question");
  wrong = find_choice (prompt, FALSE);
  ward_test_click (ward_awareness_page_get_answer_button (card (f), (guint) wrong));
  ward_test_spin (300);
  ward_test_assert_shows (root (f), _("There is a safer choice"));
  assert_fits (f, "feedback");
}

static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  run_kiosk (f, check_fits);
}

int
main (int   argc,
      char *argv[])
{
  static const Card cards[] = {
    { 1024, 768, "en", PROMPT_FIRST }, { 1280, 800, "en", PROMPT_FIRST },
    { 1024, 768, "de", PROMPT_FIRST }, { 1280, 800, "de", PROMPT_FIRST },
    { 1024, 768, "en", PROMPT_LONGEST_QUESTION }, { 1280, 800, "en", PROMPT_LONGEST_QUESTION },
    { 1024, 768, "de", PROMPT_LONGEST_QUESTION }, { 1280, 800, "de", PROMPT_LONGEST_QUESTION },
    { 1024, 768, "en", PROMPT_LONGEST_FEEDBACK }, { 1280, 800, "en", PROMPT_LONGEST_FEEDBACK },
    { 1024, 768, "de", PROMPT_LONGEST_FEEDBACK }, { 1280, 800, "de", PROMPT_LONGEST_FEEDBACK },
  };
  static const char *const prompt_names[] = { "first", "longest-question", "longest-feedback" };

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

  g_test_add ("/ui/awareness-focus/enter", Fixture, NULL, fixture_set_up, test_enter, fixture_tear_down);
  g_test_add ("/ui/awareness-focus/not-now", Fixture, NULL, fixture_set_up, test_not_now, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/awareness-focus/fits/%dx%d/%s/%s", cards[i].width,
                                               cards[i].height, cards[i].language, prompt_names[cards[i].prompt]);

      g_test_add (path, Fixture, &cards[i], fixture_set_up, test_fits, fixture_tear_down);
    }
  return g_test_run ();
}
