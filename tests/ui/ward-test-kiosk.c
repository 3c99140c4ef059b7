/* ward-test-kiosk.c: the kiosk booted over a test ward, and the steps of signing in at it */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

/* What every kiosk test starts from: the English texts (the tests read
 * them), none of the machine's database, key or session bus, and no
 * smart-card service asked: the keyboard wedge is what is tested. */
void
ward_test_kiosk_init (int    *argc,
                      char ***argv)
{
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  ward_test_kiosk_init_on_bus (argc, argv);
}

/* The same, for a test that runs wardgate-devsim on its own session bus
 * (dbus-run-session): the kiosk reaches the simulator there. */
void
ward_test_kiosk_init_on_bus (int    *argc,
                             char ***argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  ward_test_isolate_kiosk ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (argc, argv, NULL);
}

/* Three people, each with a badge, a key and an app; the clock moved off
 * the enrolment's time step, as the flow tests do. */
void
ward_test_kiosk_set_up (WardTestKiosk *k,
                        gconstpointer  data)
{
  ward_test_configure_site ("Bed 3");
  k->site = ward_test_site_new ();
  ward_test_site_add_person (k->site, "nnurse", "nurse", WARD_TEST_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (k->site, "aadmin", "admin", WARD_TEST_ADMIN_BADGE, TRUE, TRUE);
  ward_test_site_add_person (k->site, "tnurse", "nurse", WARD_TEST_SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_clock_advance (k->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

void
ward_test_kiosk_tear_down (WardTestKiosk *k,
                           gconstpointer  data)
{
  ward_test_site_free (k->site);
}

/* A test at @path over a fresh test ward, torn down after. */
void
ward_test_kiosk_add (const char *path,
                     void      (*test) (WardTestKiosk *k,
                                        gconstpointer  data))
{
  g_test_add (path, WardTestKiosk, NULL, ward_test_kiosk_set_up, test, ward_test_kiosk_tear_down);
}

static void
run_case (WardTestKiosk *k,
          gconstpointer  data)
{
  const WardTestKioskCase *test_case = data;

  ward_test_kiosk_run (k, test_case->check, FALSE);
}

/* Each case a test at its path: the table outlives the run, as it is the
 * tests' data. */
void
ward_test_kiosk_add_cases (const WardTestKioskCase *cases,
                           gsize                    n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    g_test_add (cases[i].path, WardTestKiosk, &cases[i], ward_test_kiosk_set_up, run_case, ward_test_kiosk_tear_down);
}

GtkWidget *
ward_test_kiosk_root (WardTestKiosk *k)
{
  return GTK_WIDGET (k->window);
}

WardSoftKey *
ward_test_kiosk_key_of (WardTestKiosk *k,
                        const char    *username)
{
  return ward_test_site_person (k->site, username)->key;
}

static void
kiosk_ready (WardApplication *app,
             gpointer         data)
{
  WardTestKiosk *k = data;

  k->app = app;
  k->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  k->kiosk = ward_application_get_kiosk (app);
  g_assert_nonnull (k->kiosk);
  k->flow = ward_kiosk_get_flow (k->kiosk);
  if (k->awareness)
    g_assert_nonnull (ward_kiosk_get_awareness (k->kiosk));
  if (!k->demo)
    {
      ward_test_use_site_keys (k->kiosk, k->site);
      if (!k->awareness)
        ward_auth_flow_set_awareness_hook (k->flow, NULL, NULL, NULL);
    }
  k->check (k);
}

/* The kiosk as it boots, over the test ward's database and fake clock;
 * @check runs once its window is up. */
void
ward_test_kiosk_run (WardTestKiosk      *k,
                     WardTestKioskCheck  check,
                     gboolean            demo)
{
  k->check = check;
  k->demo = demo;
  ward_test_run_kiosk (k->site, demo, kiosk_ready, k);
  k->app = NULL;
  k->window = NULL;
  k->kiosk = NULL;
  k->flow = NULL;
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

/* Waits for the flow, then for the screen: a frame drawn after it. */
void
ward_test_kiosk_wait_for_state (WardTestKiosk *k,
                                WardAuthState  state)
{
  StateWait wait = { k->flow, state };

  ward_test_wait_for (state_reached, &wait);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (k));
}

/* After a frame drawn, so that it shows what the test just did. */
void
ward_test_kiosk_screenshot (WardTestKiosk *k,
                            const char    *name)
{
  g_autofree char *path = NULL;

  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (k));
  path = ward_test_save_screenshot (ward_test_kiosk_root (k), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

void
ward_test_kiosk_activate (WardTestKiosk *k,
                          const char    *action)
{
  g_assert_true (gtk_widget_activate_action (ward_test_kiosk_root (k), action, NULL));
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (k));
}

/* A fresh time step, so that the next code is not a replay. */
void
ward_test_kiosk_next_time_step (WardTestKiosk *k)
{
  ward_clock_advance (k->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static WardKeypad *
code_keypad (WardTestKiosk *k)
{
  GtkWidget *page = ward_test_find_widget (ward_test_kiosk_root (k), WARD_TYPE_CODE_PAGE);

  return ward_code_page_get_keypad (WARD_CODE_PAGE (page));
}

void
ward_test_kiosk_type_on_keypad (WardTestKiosk *k,
                                const char    *digits)
{
  WardKeypad *keypad = code_keypad (k);

  for (const char *d = digits; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      ward_test_click (ward_keypad_get_button (keypad, key));
    }
}

void
ward_test_kiosk_press_keypad_ok (WardTestKiosk *k)
{
  ward_test_click (ward_keypad_get_button (code_keypad (k), "ok"));
}

/* Badge and key through the flow, with the person's own key touching by
 * itself: for tests about what comes after. */
void
ward_test_kiosk_reach_code_step (WardTestKiosk *k,
                                 const char    *username,
                                 const char    *badge)
{
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (k, username), TRUE);
  ward_test_site_insert_key (k->site, ward_test_kiosk_key_of (k, username));
  ward_auth_flow_badge (k->flow, badge);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_CODE);
}

void
ward_test_kiosk_sign_in (WardTestKiosk *k,
                         const char    *username,
                         const char    *badge)
{
  g_autofree char *code = ward_test_site_app_code (k->site, username, 0);

  ward_test_kiosk_reach_code_step (k, username, badge);
  ward_test_kiosk_type_on_keypad (k, code);
  ward_test_kiosk_press_keypad_ok (k);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_SIGNED_IN);
}

/* Badge, key and code, in a fresh time step first so that the code is
 * never a replay; what comes next (a question, the session) is the
 * caller's to wait for. */
void
ward_test_kiosk_pass_factors (WardTestKiosk *k,
                              const char    *username)
{
  g_autofree char *code = NULL;

  ward_test_kiosk_next_time_step (k);
  code = ward_test_site_app_code (k->site, username, 0);
  ward_test_kiosk_reach_code_step (k, username, ward_test_site_person (k->site, username)->badge);
  ward_test_kiosk_type_on_keypad (k, code);
  ward_test_kiosk_press_keypad_ok (k);
}

void
ward_test_kiosk_sign_out (WardTestKiosk *k)
{
  ward_test_kiosk_activate (k, "win.sign-out");
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_LOCKED);
}

/* The flow's refusal says @words, and the screen shows it, big. */
void
ward_test_kiosk_assert_refusal_shown (WardTestKiosk *k,
                                      const char    *words)
{
  const char *message = ward_auth_flow_get_message (k->flow);

  if (message == NULL || strstr (message, words) == NULL)
    g_error ("The flow says “%s”, not “…%s…”", message, words);
  ward_test_assert_shows (ward_test_kiosk_root (k), message);
}

/* The code page, shown or not: the window's stack is the outermost one. */
const char *
ward_test_kiosk_code_entry_text (WardTestKiosk *k)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (ward_test_kiosk_root (k), GTK_TYPE_STACK));
  WardCodePage *page = WARD_CODE_PAGE (gtk_stack_get_child_by_name (stack, "code"));

  return gtk_editable_get_text (GTK_EDITABLE (ward_code_page_get_entry (page)));
}

gboolean
ward_test_kiosk_key_waiting (gpointer flow)
{
  return ward_auth_flow_get_key_busy (flow);
}

/* The first answer of @prompt that is right (or wrong). */
int
ward_test_awareness_choice (WardAwarenessPrompt *prompt,
                            gboolean             correct)
{
  for (guint i = 0; i < ward_awareness_prompt_get_n_choices (prompt); i++)
    if (ward_awareness_prompt_get_choice_correct (prompt, i) == correct)
      return (int) i;
  g_assert_not_reached ();
}

/* -- Real keyboard input through the X server ----------------------------- */

gboolean
ward_test_kiosk_xdotool_usable (WardTestKiosk *k)
{
#ifdef TEST_X11
  return ward_test_xinput_usable (ward_test_kiosk_root (k));
#else
  /* Built without the X11 checks: the reader's keys go to the capture. */
  return FALSE;
#endif
}

/* Types @text as the X server's keyboard, the same path a keyboard-wedge
 * reader's keys take. */
void
ward_test_kiosk_xdotool_type (WardTestKiosk *k,
                              const char    *text,
                              guint          delay_ms)
{
  g_assert_true (ward_test_kiosk_xdotool_usable (k));
  ward_test_xinput_type (ward_test_kiosk_root (k), text, delay_ms);
}

/* One key; a key alone may be held back for a reader's gap before it is
 * handed on, hence @settle_ms on top of the usual wait. */
void
ward_test_kiosk_xdotool_key (WardTestKiosk *k,
                             const char    *key,
                             guint          settle_ms)
{
  g_assert_true (ward_test_kiosk_xdotool_usable (k));
  ward_test_xinput_key (ward_test_kiosk_root (k), key);
  ward_test_spin (settle_ms);
}

#ifdef TEST_X11
static gboolean
flow_left_lock_within (WardTestKiosk *k,
                       guint          milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      if (ward_auth_flow_get_state (k->flow) != WARD_AUTH_STATE_LOCKED)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return FALSE;
}
#endif

/* Without an X server to type into, the reader's keys are fed to the
 * window's capture with the timing a reader has. */
void
ward_test_kiosk_feed_badge_keys (WardTestKiosk *k,
                                 const char    *badge)
{
  WardBadgeCapture *capture = ward_window_get_badge_capture (k->window);
  guint32 time_ms = 100000;

  for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
    ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
  g_assert_true (ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms));
}

/* A badge at the lock screen, typed through the X server when there is
 * one; says which way it went. */
const char *
ward_test_kiosk_tap_badge (WardTestKiosk *k,
                           const char    *badge)
{
#ifdef TEST_X11
  if (ward_test_kiosk_xdotool_usable (k))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      /* A loaded machine can stretch the gaps between xdotool's keys past
       * a reader's, and then the kiosk rightly takes them for typing:
       * tap again, as a person would. */
      for (guint attempt = 0; attempt < 3; attempt++)
        {
          ward_test_kiosk_xdotool_type (k, keys, 5);
          if (flow_left_lock_within (k, 3000))
            return "xdotool";
          g_test_message ("The typed badge was not taken as one; typing it again");
        }
      g_error ("The badge typed through the X server never reached the kiosk");
    }
#endif
  ward_test_kiosk_feed_badge_keys (k, badge);
  return "capture";
}

gboolean
ward_test_kiosk_tap_over_asked (gpointer data)
{
  WardTestKiosk *k = data;

  return ward_auth_flow_get_tap_over_name (k->flow) != NULL;
}

/* Another person's badge at a signed-in kiosk, typed through the X server
 * when there is one. */
void
ward_test_kiosk_tap_badge_while_signed_in (WardTestKiosk *k,
                                           const char    *badge)
{
  if (ward_test_kiosk_xdotool_usable (k))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      for (guint attempt = 0; attempt < 3 && !ward_test_kiosk_tap_over_asked (k); attempt++)
        ward_test_kiosk_xdotool_type (k, keys, 5);
    }
  if (!ward_test_kiosk_tap_over_asked (k))
    ward_test_kiosk_feed_badge_keys (k, badge);
  ward_test_wait_for (ward_test_kiosk_tap_over_asked, k);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (k));
}

/* Return on the focused widget, as the keyboard (or a reader) sends it. */
void
ward_test_kiosk_press_return (WardTestKiosk *k)
{
  if (ward_test_kiosk_xdotool_usable (k))
    {
      ward_test_kiosk_xdotool_key (k, "Return", 400);
      return;
    }
  g_assert_true (gtk_widget_activate (gtk_root_get_focus (GTK_ROOT (k->window))));
  ward_test_spin (400);
}
