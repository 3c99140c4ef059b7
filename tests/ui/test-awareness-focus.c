/* test-awareness-focus.c: the awareness card by keyboard: a stray Enter answers nothing, Enter on the feedback continues, "Not now" is an ordinary button, a wrong answer waits for the next shift, and the card fits 1024×768 and 1280×800 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "app/awareness/ward-awareness-catalogue.h"
#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-awareness-store.h"
#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-language.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/ward-awareness-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-language.h"

#define HOUR_US     (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

typedef struct
{
  WardTestKiosk  k;          /* first: the kiosk's check hands this back */
  int            width;
  int            height;
  const char    *language;
  const char    *prompt_id;  /* the prompt shown; NULL: the first of the shipped content */
  char          *localedir;  /* the German catalogue */
  char          *content;    /* content holding only prompt_id */
} Fixture;

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

  /* The questions stay on: they are what is tested. */
  ward_test_kiosk_set_up (&f->k, NULL);
  f->k.awareness = TRUE;
  f->width = card != NULL ? card->width : 1280;
  f->height = card != NULL ? card->height : 800;
  f->language = card != NULL ? card->language : "en";
  f->localedir = ward_test_language_use (f->language);
  /* The longest prompt is measured in the language the card shows. */
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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_tear_down (&f->k, NULL);
  g_unsetenv ("WARDGATE_AWARENESS");
  if (f->content != NULL)
    g_unlink (f->content);
  g_clear_pointer (&f->content, g_free);
  ward_test_language_restore (g_steal_pointer (&f->localedir));
}

static GtkWidget *
root (Fixture *f)
{
  return ward_test_kiosk_root (&f->k);
}

static WardAwarenessScheduler *
scheduler (Fixture *f)
{
  return ward_kiosk_get_awareness (f->k.kiosk);
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
  return gtk_root_get_focus (GTK_ROOT (f->k.window));
}

static WardAwarenessUserState *
user_state (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  WardAwarenessUserState *state =
    ward_awareness_store_user_state (f->k.site->fixture->store, ward_test_site_person (f->k.site, "nnurse")->user_id,
                                     &error);

  g_assert_no_error (error);
  return state;
}

/* One key by its X name, through the X server when there is one. */
static void
press (Fixture    *f,
       const char *key)
{
  ward_test_xinput_key (root (f), key);
}

/* Badge and key; the code typed on the keyboard, a person's pace, and
 * Enter: the Enter that, before, fell through onto the first answer. */
static void
sign_in_by_keyboard (Fixture *f)
{
  g_autofree char *code = NULL;

  ward_test_kiosk_next_time_step (&f->k);
  code = ward_test_site_app_code (f->k.site, "nnurse", 0);
  ward_test_kiosk_reach_code_step (&f->k, "nnurse", WARD_TEST_NURSE_BADGE);
  if (ward_test_kiosk_xdotool_usable (&f->k))
    ward_test_kiosk_xdotool_type (&f->k, code, 150);
  else
    ward_auth_flow_submit_code (f->k.flow, code);
  press (f, "Return");
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

/* -- Enter after the code, Enter on the feedback ------------------------------ */

static void
check_enter (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  g_autoptr(WardAwarenessUserState) before = NULL;
  g_autoptr(WardAwarenessUserState) after = NULL;
  g_autoptr(WardAwarenessPrompt) prompt = NULL;
  GtkWidget *wrong;
  int index;

  sign_in_by_keyboard (f);
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_AWARENESS);
  ward_test_spin (300);
  prompt = ward_awareness_prompt_ref (ward_awareness_scheduler_get_pending (scheduler (f)));

  /* The focus rests on the card, on no answer. */
  g_assert_false (is_answer (f, focus (f)));
  g_assert_true (focus (f) == GTK_WIDGET (card (f)));
  ward_test_kiosk_screenshot (&f->k, "awareness-focus-question.png");

  /* A second Enter (a reader's, a habit's) answers nothing. */
  before = user_state (f);
  press (f, "Return");
  press (f, "space");
  g_assert_cmpint (ward_auth_flow_get_state (f->k.flow), ==, WARD_AUTH_STATE_AWARENESS);
  after = user_state (f);
  g_assert_cmpint (after->last_answer_id, ==, before->last_answer_id);
  g_assert_cmpint (after->last_answer_id, ==, 0);
  g_assert_nonnull (ward_awareness_scheduler_get_pending (scheduler (f)));

  /* Tab reaches the answers in order; Enter answers the one chosen. */
  index = ward_test_awareness_choice (prompt, FALSE);
  for (int i = 0; i <= index; i++)
    press (f, "Tab");
  wrong = ward_awareness_page_get_answer_button (card (f), (guint) index);
  g_assert_true (focus (f) == wrong);
  press (f, "Return");

  /* The feedback: in words that do not contradict each other, the focus
   * on Continue. */
  ward_test_assert_shows (root (f), "There is a safer choice");
  ward_test_assert_hides (root (f), "Not quite");
  g_assert_true (focus (f) == ward_test_find_button (root (f), "Continue"));
  ward_test_kiosk_screenshot (&f->k, "awareness-focus-feedback.png");
  g_clear_pointer (&after, ward_awareness_user_state_free);
  after = user_state (f);
  g_assert_false (after->last_correct);

  /* Enter continues into the session. */
  press (f, "Return");
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->k.window), ==, "home");
  ward_test_kiosk_sign_out (&f->k);

  /* Back ten minutes later, same shift: no question. */
  ward_clock_advance (f->k.site->fixture->clock, 10 * 60 * G_USEC_PER_SEC);
  sign_in_by_keyboard (f);
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (f->k.window), ==, "home");
  ward_test_kiosk_sign_out (&f->k);

  /* The next shift: the topic once more, and the card says why. */
  ward_clock_advance (f->k.site->fixture->clock, WARD_AWARENESS_NEXT_SHIFT_HOURS * HOUR_US);
  sign_in_by_keyboard (f);
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_AWARENESS);
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (scheduler (f)), ==,
                   WARD_AWARENESS_REASON_WRONG_ANSWER);
  g_assert_cmpstr (ward_awareness_prompt_get_topic (ward_awareness_scheduler_get_pending (scheduler (f))), ==,
                   ward_awareness_prompt_get_topic (prompt));
  ward_test_assert_shows (root (f), "Once more on this topic, as last time was not quite right");
  g_assert_false (is_answer (f, focus (f)));
  ward_test_kiosk_screenshot (&f->k, "awareness-focus-next-shift.png");
}

static void
test_enter (Fixture       *f,
            gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_enter, FALSE);
}

/* -- "Not now": an ordinary button while skips remain ------------------------- */

static guint
skips_in_a_row (Fixture *f)
{
  g_autoptr(WardAwarenessUserState) state = user_state (f);

  return state->consecutive_skips;
}

static void
check_not_now (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  static const char *const left[] = { "You can put this off 2 more times", "You can put this off 1 more time" };

  for (guint skip = 0; skip < G_N_ELEMENTS (left); skip++)
    {
      GtkWidget *button;

      sign_in_by_keyboard (f);
      ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_AWARENESS);
      button = ward_test_find_button (root (f), "Not now");
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_true (gtk_widget_has_css_class (button, "secondary-button"));
      g_assert_cmpint (gtk_widget_get_height (button), >=, 48);
      g_assert_cmpint (gtk_widget_get_width (button), >=, 120);
      ward_test_assert_shows (root (f), left[skip]);
      if (skip == 0)
        ward_test_kiosk_screenshot (&f->k, "awareness-not-now.png");

      /* By keyboard: Tab past every answer to it, then Enter. */
      for (guint i = 0; i < 5 && focus (f) != button; i++)
        press (f, "Tab");
      g_assert_true (focus (f) == button);
      press (f, "Return");
      ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_SIGNED_IN);
      g_assert_cmpuint (skips_in_a_row (f), ==, skip + 1);
      ward_test_kiosk_sign_out (&f->k);
    }

  /* None left: no button, and the card says so. */
  sign_in_by_keyboard (f);
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_hides (root (f), "Not now");
  ward_test_assert_shows (root (f), "This one cannot be put off. It takes less than a minute.");
  g_assert_null (ward_test_find_label (root (f), "You can put this off", TRUE));
}

static void
test_not_now (Fixture       *f,
              gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_not_now, FALSE);
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

  ward_test_spin (100);
  ward_test_wait_for_transitions (root (f));
  ward_test_kiosk_screenshot (&f->k, file);
  ward_test_assert_fits_size (root (f), f->width, f->height, where);
  ward_test_assert_placeholders_whole (root (f));
}

/* The prompt a first sign-in shows, and its feedback with the safer
 * choice (the taller face), in the language of the card. */
static void
check_fits (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  WardAwarenessPrompt *prompt;
  int wrong;

  sign_in_by_keyboard (f);
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_AWARENESS);
  prompt = ward_awareness_scheduler_get_pending (scheduler (f));
  if (f->prompt_id != NULL)
    g_assert_cmpstr (ward_awareness_prompt_get_id (prompt), ==, f->prompt_id);
  ward_test_assert_shows (root (f), ward_awareness_prompt_get_question (prompt));
  assert_fits (f, "question");
  wrong = ward_test_awareness_choice (prompt, FALSE);
  ward_test_click (ward_awareness_page_get_answer_button (card (f), (guint) wrong));
  ward_test_spin (300);
  ward_test_assert_shows (root (f), _("There is a safer choice"));
  assert_fits (f, "feedback");
}

static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_fits, FALSE);
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

  /* The one prompt kept is this test's to name, never the machine's. */
  g_unsetenv ("WARDGATE_AWARENESS");
  ward_test_kiosk_init (&argc, &argv);

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
