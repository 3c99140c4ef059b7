/* test-sign-in-window.c: signing in through the real window: badge, key, code, refusals, idle lock, emergency access */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "auth/ward-totp.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"
#include "ui/ward-refusal-banner.h"
#include "ui/ward-tap-over-card.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

#define NURSE_BADGE        "04A1B2C3"
#define ADMIN_BADGE        "04D4E5F6"
#define SECOND_NURSE_BADGE "04778899"

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
  ward_test_site_add_person (f->site, "tnurse", "nurse", SECOND_NURSE_BADGE, TRUE, TRUE);
  /* Away from the enrolment's time step, as the flow tests do. */
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_site_free (f->site);
}

static WardSoftKey *
key_of (Fixture    *f,
        const char *username)
{
  return ward_test_site_person (f->site, username)->key;
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
  /* The demo ward has its own virtual keys. Awareness prompts are
   * switched off but where a test asks for them: they are tested alone. */
  if (!f->demo)
    {
      ward_test_use_site_keys (f->kiosk, f->site);
      ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
    }
  f->check (f);
}

/* The kiosk as it boots, over the test ward's database and fake clock. */
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

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = ward_test_save_screenshot (root (f), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- Real keyboard input through the X server ----------------------------- */

#ifdef TEST_X11
static gboolean
xdotool_usable (Fixture *f)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (root (f)));
}

/* Focuses the kiosk window and types @text as the X server's keyboard:
 * the same path a keyboard-wedge reader's keys take. Async: the window
 * must keep handling events while xdotool types. */
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
  /* The last keys may still be on their way; a person's last key is
   * held back for the gap a reader's keys would have. */
  ward_test_spin (200);
}
#endif

#ifdef TEST_X11
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

/* Without an X server to type into, the reader's keys are fed to the
 * window's capture with the timing a reader has. */
static void
feed_badge_keys (Fixture    *f,
                 const char *badge)
{
  WardBadgeCapture *capture = ward_window_get_badge_capture (f->window);
  guint32 time_ms = 100000;

  for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
    ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
  g_assert_true (ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms));
}

static const char *
tap_badge_on_keyboard (Fixture    *f,
                       const char *badge)
{
#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      /* A loaded machine can stretch the gaps between xdotool's keys past
       * a reader's, and then the kiosk rightly takes them for typing:
       * tap again, as a person would. */
      for (guint attempt = 0; attempt < 3; attempt++)
        {
          xdotool_type (f, keys, 5);
          if (flow_left_lock_within (f, 3000))
            return "xdotool";
          g_test_message ("The typed badge was not taken as one; typing it again");
        }
      g_error ("The badge typed through the X server never reached the kiosk");
    }
#endif
  feed_badge_keys (f, badge);
  return "capture";
}

static gboolean
tap_over_asked (gpointer data)
{
  Fixture *f = data;

  return ward_auth_flow_get_tap_over_name (f->flow) != NULL;
}

/* Another person's badge at a signed-in kiosk, typed through the X server
 * when there is one. */
static void
tap_badge_while_signed_in (Fixture    *f,
                           const char *badge)
{
#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      for (guint attempt = 0; attempt < 3 && !tap_over_asked (f); attempt++)
        xdotool_type (f, keys, 5);
    }
#endif
  if (!tap_over_asked (f))
    feed_badge_keys (f, badge);
  ward_test_wait_for (tap_over_asked, f);
  gtk_test_widget_wait_for_draw (root (f));
}

/* Return on the focused widget, as the keyboard (or a reader) sends it. */
static void
press_return (Fixture *f)
{
#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "Return", NULL };

      ward_test_run_program (argv);
      ward_test_spin (400);
      return;
    }
#endif
  g_assert_true (gtk_widget_activate (gtk_root_get_focus (GTK_ROOT (f->window))));
  ward_test_spin (400);
}

/* -- Steps -------------------------------------------------------------- */

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
}

static void
press_keypad_ok (Fixture *f)
{
  WardCodePage *page = WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE));

  ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (page), "ok"));
}

/* The code page, shown or not: the window's stack is the outermost one. */
static const char *
code_entry_text (Fixture *f)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (root (f), GTK_TYPE_STACK));
  WardCodePage *page = WARD_CODE_PAGE (gtk_stack_get_child_by_name (stack, "code"));

  return gtk_editable_get_text (GTK_EDITABLE (ward_code_page_get_entry (page)));
}

/* Badge and key through the flow, with the person's own key touching by
 * itself: for tests about what comes after. */
static void
reach_code_step (Fixture    *f,
                 const char *username,
                 const char *badge)
{
  ward_soft_key_set_auto_touch (key_of (f, username), TRUE);
  ward_test_site_insert_key (f->site, key_of (f, username));
  ward_auth_flow_badge (f->flow, badge);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
}

static void
sign_in (Fixture    *f,
         const char *username,
         const char *badge)
{
  g_autofree char *code = ward_test_site_app_code (f->site, username, 0);

  reach_code_step (f, username, badge);
  type_on_keypad (f, code);
  press_keypad_ok (f);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (root (f), action, NULL));
  gtk_test_widget_wait_for_draw (root (f));
}

/* A fresh time step, so that the next code is not a replay. */
static void
next_time_step (Fixture *f)
{
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

/* -- 1. The whole sign-in, as a nurse does it ------------------------------ */

static void
check_full_sign_in (Fixture *f)
{
  WardSoftKey *key = key_of (f, "nnurse");
  g_autofree char *code = ward_test_site_app_code (f->site, "nnurse", 0);
  const char *badge_path;

  screenshot (f, "lock.png");
  ward_test_assert_shows (root (f), "Tap your badge");

  /* The key waits for her touch, so the key step can be seen. */
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);

  badge_path = tap_badge_on_keyboard (f, NURSE_BADGE);
  g_test_message ("Badge typed through: %s", badge_path);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  ward_test_assert_shows (root (f), "Touch your security key");
  ward_test_assert_shows (root (f), "Signing in: Test Person");
  ward_test_assert_shows_part (root (f), " left");
  screenshot (f, "key-step.png");

  ward_soft_key_touch (key);
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  ward_test_assert_shows (root (f), "Enter your code");

#ifdef TEST_X11
  /* A person typing on a real keyboard, slowly: the keys reach the code
   * field even though the badge capture sees them first. */
  if (xdotool_usable (f))
    {
      xdotool_type (f, "12", 150);
      g_assert_cmpstr (code_entry_text (f), ==, "12");
      ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (
        WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE))), "backspace"));
      ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (
        WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE))), "backspace"));
      g_assert_cmpstr (code_entry_text (f), ==, "");
    }
#endif

  type_on_keypad (f, code);
  g_assert_cmpstr (code_entry_text (f), ==, code);
  screenshot (f, "code-step.png");
  press_keypad_ok (f);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);

  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  ward_test_assert_shows (root (f), "Test Person");
  ward_test_assert_shows (root (f), "Nurse");
  ward_test_assert_shows_part (root (f), "Locks in ");
  ward_test_assert_shows (root (f), "Devices");
  ward_test_assert_hides (root (f), "Administration");
  screenshot (f, "home.png");

  ward_test_click (ward_test_find_button (root (f), "Sign out"));
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_hides (root (f), "Test Person");
  g_assert_cmpstr (code_entry_text (f), ==, "");
}

static void
test_full_sign_in (Fixture       *f,
                   gconstpointer  data)
{
  run_kiosk (f, check_full_sign_in, FALSE);
}

/* -- Refusals: the flow's words, big, on the screen ---------------------- */

static void
assert_refusal_shown (Fixture    *f,
                      const char *words)
{
  const char *message = ward_auth_flow_get_message (f->flow);

  if (message == NULL || strstr (message, words) == NULL)
    g_error ("The flow says “%s”, not “…%s…”", message, words);
  ward_test_assert_shows (root (f), message);
}

static void
check_refusals (Fixture *f)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();
  g_autofree char *code = NULL;

  /* Unknown badge: a banner over the lock screen. */
  ward_auth_flow_badge (f->flow, "DEADBEEF");
  gtk_test_widget_wait_for_draw (root (f));
  assert_refusal_shown (f, "not recognised");
  ward_test_assert_shows (root (f), "Tap your badge");
  screenshot (f, "refusal-banner.png");

  /* Wrong key: on the key step, with "Try again". */
  ward_test_site_insert_key (f->site, stranger);
  ward_auth_flow_badge (f->flow, NURSE_BADGE);
  wait_for_state (f, WARD_AUTH_STATE_KEY);
  ward_test_assert_hides (root (f), "This badge is not recognised. If it is yours, ask the charge nurse or IT.");
  assert_refusal_shown (f, "not your registered key");
  ward_test_assert_shows (root (f), "Try again");
  screenshot (f, "key-wrong-key.png");

  /* The right key, on "Try again". */
  ward_soft_key_set_auto_touch (key_of (f, "nnurse"), TRUE);
  ward_test_site_insert_key (f->site, key_of (f, "nnurse"));
  ward_test_click (ward_test_find_button (root (f), "Try again"));
  wait_for_state (f, WARD_AUTH_STATE_CODE);

  /* Wrong code: on the code step, with the tries left. */
  type_on_keypad (f, "000000");
  press_keypad_ok (f);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_CODE);
  assert_refusal_shown (f, "not accepted");
  ward_test_assert_shows_part (root (f), "left before your account is locked");
  g_assert_cmpstr (code_entry_text (f), ==, "");
  screenshot (f, "code-wrong.png");

  /* The right code, then the same code again: a replay. */
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  type_on_keypad (f, code);
  press_keypad_ok (f);
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  activate (f, "win.sign-out");
  reach_code_step (f, "nnurse", NURSE_BADGE);
  type_on_keypad (f, code);
  press_keypad_ok (f);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_refusal (f->flow), ==, WARD_AUTH_REFUSAL_WRONG_CODE);
  assert_refusal_shown (f, "not accepted");
  activate (f, "win.cancel");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  run_kiosk (f, check_refusals, FALSE);
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
      reach_code_step (f, "nnurse", NURSE_BADGE);
      while (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_CODE)
        {
          type_on_keypad (f, "000000");
          press_keypad_ok (f);
        }
      gtk_test_widget_wait_for_draw (root (f));
    }

  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  assert_refusal_shown (f, "locked");
  screenshot (f, "refusal-lockout.png");

  /* Tapping again while locked out: refused at once, with the same words. */
  ward_auth_flow_badge (f->flow, NURSE_BADGE);
  gtk_test_widget_wait_for_draw (root (f));
  assert_refusal_shown (f, "locked");
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  run_kiosk (f, check_lockout, FALSE);
}

/* -- 2. Idle warning and lock, tap-out, tap-over ------------------------- */

static void
advance (Fixture *f,
         gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  gtk_test_widget_wait_for_draw (root (f));
}

static void
check_idle (Fixture *f)
{
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_assert_hides (root (f), "Still there?");

  /* 95 s idle of 120: the warning, with its countdown. */
  advance (f, 95);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows (root (f), "Still there?");
  ward_test_assert_shows (root (f), "Locks in 0:25");
  screenshot (f, "idle-warning.png");

  /* A touch keeps the session. */
  ward_test_click (ward_test_find_button (root (f), "Stay signed in"));
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_hides (root (f), "Still there?");
  ward_test_assert_shows (root (f), "Locks in 2:00");

  /* Walking away: the warning, then the lock, and nothing left on screen. */
  advance (f, 100);
  ward_test_assert_shows (root (f), "Still there?");
  advance (f, 21);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
  ward_test_assert_hides (root (f), "Still there?");
  ward_test_assert_hides (root (f), "Test Person");
  ward_test_assert_shows (root (f), "Tap your badge");

  /* Tap-out: her own badge ends her session. */
  next_time_step (f);
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_auth_flow_badge (f->flow, NURSE_BADGE);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* Tap-over: a colleague's badge ends it and starts theirs. */
  next_time_step (f);
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_soft_key_set_auto_touch (key_of (f, "tnurse"), FALSE);
  ward_test_site_insert_key (f->site, key_of (f, "tnurse"));
  ward_auth_flow_badge (f->flow, SECOND_NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "key");
  g_assert_null (ward_auth_flow_get_session (f->flow));
  ward_test_assert_hides (root (f), "Sign out");
  activate (f, "win.cancel");
}

static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  run_kiosk (f, check_idle, FALSE);
}

/* Her badge read twice in a row (held too long, or tapped twice): the
 * first read signs her out, the second does nothing. */
static void
check_double_tap_out (Fixture *f)
{
  g_autofree char *twice = g_strconcat (NURSE_BADGE, "\n", NURSE_BADGE, "\n", NULL);

  sign_in (f, "nnurse", NURSE_BADGE);
  ward_soft_key_set_auto_touch (key_of (f, "nnurse"), FALSE);
#ifdef TEST_X11
  if (xdotool_usable (f))
    xdotool_type (f, twice, 8);
  else
#endif
    {
      feed_badge_keys (f, NURSE_BADGE);
      feed_badge_keys (f, NURSE_BADGE);
    }
  ward_test_spin (1000);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_false (ward_auth_flow_get_key_busy (f->flow));
  g_assert_null (ward_auth_flow_get_session (f->flow));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* Two seconds on, her badge starts a sign-in again. */
  advance (f, 3);
  next_time_step (f);
  tap_badge_on_keyboard (f, NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  activate (f, "win.cancel");
}

static void
test_double_tap_out (Fixture       *f,
                     gconstpointer  data)
{
  run_kiosk (f, check_double_tap_out, FALSE);
}

/* -- Emergency access ---------------------------------------------------- */

static void
check_break_glass (Fixture *f)
{
  activate (f, "win.emergency");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "break-glass");
  ward_test_assert_shows (root (f), "Tap your badge");
  screenshot (f, "break-glass-badge.png");

  ward_auth_flow_badge (f->flow, NURSE_BADGE);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_test_assert_shows (root (f), "Why do you need emergency access?");
  ward_test_assert_shows (root (f), "Cardiac arrest");
  screenshot (f, "break-glass-reason.png");

  /* Too short a typed reason is refused on the page itself. */
  g_assert_true (gtk_widget_activate_action (root (f), "win.submit-reason", "s", "help"));
  gtk_test_widget_wait_for_draw (root (f));
  assert_refusal_shown (f, "at least 10 characters");

  ward_test_click (ward_test_find_button (root (f), "Cardiac arrest"));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows_part (root (f), "EMERGENCY ACCESS");
  ward_test_assert_shows_part (root (f), "ends in 15:00");
  screenshot (f, "break-glass-banner.png");

  advance (f, 60);
  ward_test_assert_shows_part (root (f), "ends in 14:00");
  ward_test_assert_shows (root (f), "Emergency access ends in 14:00");

  /* Hands on the patient for five minutes: no idle warning, no lock. */
  advance (f, 300);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_hides (root (f), "Still there?");
  ward_test_assert_shows_part (root (f), "ends in 9:00");

  /* A colleague's badge asks first; the reader's own Enter (or any
   * Return) lands on "Keep", so the emergency goes on. */
  tap_badge_while_signed_in (f, SECOND_NURSE_BADGE);
  ward_test_assert_shows (root (f), "Keep emergency access");
  ward_test_assert_shows_part (root (f), "tapped a badge");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  screenshot (f, "break-glass-tap-over.png");
  press_return (f);
  ward_test_assert_hides (root (f), "Keep emergency access");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_nonnull (ward_test_find_label (root (f), "EMERGENCY ACCESS", TRUE));

  /* Asked again and answered "End": her own sign-in begins. */
  tap_badge_while_signed_in (f, SECOND_NURSE_BADGE);
  ward_test_click (ward_tap_over_card_get_end_button (
      WARD_TAP_OVER_CARD (ward_test_find_widget (root (f), WARD_TYPE_TAP_OVER_CARD))));
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), !=, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), !=, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_pending_user_id (f->flow), ==, ward_test_site_person (f->site, "tnurse")->user_id);
  g_assert_null (ward_test_find_label (root (f), "EMERGENCY ACCESS", TRUE));
  activate (f, "win.cancel");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static void
test_break_glass (Fixture       *f,
                  gconstpointer  data)
{
  run_kiosk (f, check_break_glass, FALSE);
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
  activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  ward_auth_flow_set_awareness_hook (f->flow, always_due, NULL, NULL);
  reach_code_step (f, "aadmin", ADMIN_BADGE);
  {
    g_autofree char *code = ward_test_site_app_code (f->site, "aadmin", 0);

    type_on_keypad (f, code);
    press_keypad_ok (f);
  }
  wait_for_state (f, WARD_AUTH_STATE_AWARENESS);
  ward_test_assert_shows (root (f), "One moment…");
  ward_test_click (ward_test_find_button (root (f), "Continue"));
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);

  ward_test_assert_shows (root (f), "Administrator");
  ward_test_click (ward_test_find_button (root (f), "Administration"));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  ward_test_assert_shows (root (f), "Sign out");

  /* Locking leaves the admin page for the lock screen. */
  activate (f, "win.sign-out");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");

  /* A nurse has no Administration button, and the action does nothing. */
  next_time_step (f);
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_assert_hides (root (f), "Administration");
  activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "home");
  activate (f, "win.sign-out");
}

static void
test_awareness_and_admin (Fixture       *f,
                          gconstpointer  data)
{
  run_kiosk (f, check_awareness_and_admin, FALSE);
}

/* -- Keyboard only ----------------------------------------------------- */

static void
check_escape_cancels (Fixture *f)
{
  ward_soft_key_set_auto_touch (key_of (f, "nnurse"), FALSE);
  ward_test_site_insert_key (f->site, key_of (f, "nnurse"));
  ward_auth_flow_badge (f->flow, NURSE_BADGE);
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));

#ifdef TEST_X11
  if (xdotool_usable (f))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
      const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "Escape", NULL };

      ward_test_run_program (argv);
      wait_for_state (f, WARD_AUTH_STATE_LOCKED);
      g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "lock");
      return;
    }
#endif
  activate (f, "win.cancel");
  g_test_message ("No X server to press Escape on: cancelled through the action");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static void
test_escape_cancels (Fixture       *f,
                     gconstpointer  data)
{
  run_kiosk (f, check_escape_cancels, FALSE);
}

/* -- Language ----------------------------------------------------------- */

static void
select_language (Fixture *f,
                 guint    index)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (ward_test_find_widget (root (f), GTK_TYPE_DROP_DOWN));
  GtkWindow *before = GTK_WINDOW (f->window);

  g_assert_nonnull (dropdown);
  gtk_drop_down_set_selected (dropdown, index);
  /* The window is rebuilt in the new language. */
  while (gtk_application_get_active_window (GTK_APPLICATION (f->app)) == before)
    g_main_context_iteration (NULL, TRUE);
  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  gtk_test_widget_wait_for_draw (root (f));
}

static void
check_language (Fixture *f)
{
  guint n_languages = 0;
  const WardLanguage *languages = ward_language_get_all (&n_languages);

  g_assert_cmpuint (n_languages, >=, 2);
  g_assert_cmpstr (languages[1].code, ==, "de");
  ward_test_assert_shows (root (f), "English");

  select_language (f, 1);
  ward_test_assert_shows (root (f), "Badge auflegen");
  ward_test_assert_shows (root (f), "Deutsch");
  ward_test_assert_hides (root (f), "Tap your badge");
  screenshot (f, "lock-german.png");

  /* The flow's own words follow too, as they are made after the switch. */
  ward_auth_flow_badge (f->flow, "DEADBEEF");
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "Dieser Badge ist nicht bekannt.");
  ward_refusal_banner_hide (WARD_REFUSAL_BANNER (ward_test_find_widget (root (f), WARD_TYPE_REFUSAL_BANNER)));

  select_language (f, 0);
  ward_test_assert_shows (root (f), "Tap your badge");
  g_assert_cmpstr (ward_language_get_current (), ==, "en");
}

/* A German catalogue made from test-de.po, in a folder of its own. */
static char *
compile_test_catalogue (const char *po)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wardgate-locale-XXXXXX", &error);
  g_autofree char *messages = NULL;
  g_autofree char *mo = NULL;
  const char *argv[] = { "msgfmt", "-o", NULL, po, NULL };
  int status = -1;

  g_assert_no_error (error);
  messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  argv[2] = mo;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&dir);
}

static void
remove_catalogue (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_autofree char *de = g_build_filename (dir, "de", NULL);

  g_remove (mo);
  g_rmdir (messages);
  g_rmdir (de);
  g_rmdir (dir);
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
  localedir = compile_test_catalogue (po);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  run_kiosk (f, check_language, FALSE);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  ward_language_apply ("en");
  remove_catalogue (localedir);
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

  ward_test_assert_shows (root (f), "DEMO — not for clinical use");
  ward_test_assert_shows (root (f), "Nadia Okafor\nNurse");
  screenshot (f, "demo-lock.png");

  /* The seeding confirmed each app with the previous step's code; the
   * test moves on a step anyway, as a person would arrive later. */
  next_time_step (f);

  ward_test_click (ward_test_find_button (root (f), "Nadia Okafor\nNurse"));
  ward_test_wait_for (key_waiting, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "Signing in: Nadia Okafor");
  ward_test_assert_shows_part (root (f), "Code ");
  screenshot (f, "demo-key-step.png");

  ward_test_click (ward_test_find_button (root (f), "Touch virtual key"));
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  code_label = ward_test_find_label (root (f), "Code ", TRUE);
  shown = gtk_label_get_text (code_label);
  code = g_strdup (strrchr (shown, ' ') + 1);
  type_on_keypad (f, code);
  screenshot (f, "demo-strip.png");
  press_keypad_ok (f);
  ward_test_wait_for (awareness_or_signed_in, f->flow);
  if (ward_auth_flow_get_state (f->flow) == WARD_AUTH_STATE_AWARENESS)
    activate (f, "win.awareness-done");
  wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_shows (root (f), "Nadia Okafor");
  ward_test_assert_shows (root (f), "DEMO — not for clinical use");
  activate (f, "win.sign-out");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);

  /* The second time too, the virtual key waits for its own touch: the
   * first touch is spent, so the demo shows the real key step again. */
  next_time_step (f);
  ward_test_click (ward_test_find_button (root (f), "Nadia Okafor\nNurse"));
  ward_test_wait_for (key_waiting, f->flow);
  ward_test_spin (1500);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_true (ward_auth_flow_get_key_busy (f->flow));
  ward_test_assert_shows (root (f), "Signing in: Nadia Okafor");
  ward_test_click (ward_test_find_button (root (f), "Touch virtual key"));
  wait_for_state (f, WARD_AUTH_STATE_CODE);
  activate (f, "win.cancel");
  wait_for_state (f, WARD_AUTH_STATE_LOCKED);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  run_kiosk (f, check_demo, TRUE);
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
  if (g_strcmp0 (uid, NURSE_BADGE) == 0)
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
  g_autofree char *keys = g_strconcat (NURSE_BADGE, "\n", NULL);
  guint recognised = 0;
  guint stalled = 0;
  guint seen = 0;

  collect_focusable (root (f), focusable);
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
      gtk_test_widget_wait_for_draw (root (f));
      xdotool_type (f, keys, 8);
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
      g_assert_false (popover_open (root (f)));
      if (ward_auth_flow_get_state (f->flow) != WARD_AUTH_STATE_LOCKED)
        activate (f, "win.cancel");
      wait_for_state (f, WARD_AUTH_STATE_LOCKED);
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
      run_kiosk (f, check_badge_bursts, FALSE);
      return;
    }
#endif
  g_test_skip ("Needs xdotool and an X server");
}

int
main (int   argc,
      char *argv[])
{
  /* Tests read the English texts. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("WARDGATE_DB");
  g_unsetenv ("WARDGATE_KEY_FILE");
  g_unsetenv ("CREDENTIALS_DIRECTORY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  /* No smart-card service is asked: the wedge is what is tested. */
  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/sign-in/full-sign-in", Fixture, NULL, fixture_set_up, test_full_sign_in, fixture_tear_down);
  g_test_add ("/ui/sign-in/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/ui/sign-in/lockout", Fixture, NULL, fixture_set_up, test_lockout, fixture_tear_down);
  g_test_add ("/ui/sign-in/idle-tap-out-tap-over", Fixture, NULL, fixture_set_up, test_idle, fixture_tear_down);
  g_test_add ("/ui/sign-in/double-tap-out", Fixture, NULL, fixture_set_up, test_double_tap_out, fixture_tear_down);
  g_test_add ("/ui/sign-in/badge-bursts", Fixture, NULL, fixture_set_up, test_badge_bursts, fixture_tear_down);
  g_test_add ("/ui/sign-in/break-glass", Fixture, NULL, fixture_set_up, test_break_glass, fixture_tear_down);
  g_test_add ("/ui/sign-in/awareness-and-admin", Fixture, NULL, fixture_set_up, test_awareness_and_admin, fixture_tear_down);
  g_test_add ("/ui/sign-in/escape-cancels", Fixture, NULL, fixture_set_up, test_escape_cancels, fixture_tear_down);
  g_test_add ("/ui/sign-in/language", Fixture, NULL, fixture_set_up, test_language, fixture_tear_down);
#if WARD_DEMO_BUILD
  g_test_add ("/ui/sign-in/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
#endif

  return g_test_run ();
}
