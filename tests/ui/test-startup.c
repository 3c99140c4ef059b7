/* test-startup.c: what the kiosk leaves out of its first frame (sign-in steps, device and administration screens) is there, whole, when the sign-in reaches it, and no badge tapped during start is lost */
#include "config.h"

#include "tests/ui/ward-test-kiosk.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/ward-key-page.h"
#include "ui/ward-screens.h"

typedef struct
{
  WardTestKiosk k;
  WardTestSite *site;
  /* What the window held before its first frame. */
  gboolean      seen_before_first_frame;
  gboolean      screens_before_first_frame;
  gboolean      steps_before_first_frame;
  /* The badge tapped then, and what it led to at once. */
  gboolean      tapped_during_start;
  WardAuthState state_after_tap;
  gboolean      screens_after_tap;
  gboolean      key_page_after_tap;
} Fixture;

static GtkStack *
window_stack (WardWindow *window)
{
  /* The first stack below the window is the one of its pages. */
  GtkWidget *stack = NULL;

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window)); w != NULL && stack == NULL;
       w = gtk_widget_get_first_child (w))
    {
      for (GtkWidget *s = w; s != NULL; s = gtk_widget_get_next_sibling (s))
        if (GTK_IS_BOX (s))
          for (GtkWidget *c = gtk_widget_get_first_child (s); c != NULL; c = gtk_widget_get_next_sibling (c))
            if (GTK_IS_STACK (c))
              stack = c;
    }
  g_assert_nonnull (stack);
  return GTK_STACK (stack);
}

static gboolean
has_page (WardWindow *window,
          const char *name)
{
  return gtk_stack_get_child_by_name (window_stack (window), name) != NULL;
}

static gboolean
has_any_step_page (WardWindow *window)
{
  return has_page (window, "key") || has_page (window, "code") || has_page (window, "break-glass")
      || has_page (window, "awareness");
}

/* -- Before the first frame ---------------------------------------------- */

static WardWindow *
starting_window (void)
{
  GApplication *app = g_application_get_default ();

  g_assert_nonnull (app);
  return WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
note_first_frame_window (Fixture    *f,
                         WardWindow *window)
{
  /* The application has activated (its window is up and presented), but
   * the main loop has not yet come round to painting. */
  g_assert_nonnull (window);
  f->seen_before_first_frame = TRUE;
  f->screens_before_first_frame = ward_screens_get_attached (window)
                                  || has_page (window, "device") || has_page (window, "admin");
  f->steps_before_first_frame = has_any_step_page (window);
}

/* Runs at the first turn of the main loop, ahead of the frame clock:
 * after the window is presented, before anything is painted. */
static gboolean
look_before_first_frame (gpointer data)
{
  note_first_frame_window (data, starting_window ());
  return G_SOURCE_REMOVE;
}

/* A nurse taps her badge while the kiosk is still starting: the reader's
 * keystrokes go through the window's capture as they always do. */
static gboolean
tap_before_first_frame (gpointer data)
{
  Fixture *f = data;
  WardWindow *window = starting_window ();
  GApplication *app = g_application_get_default ();
  WardKiosk *kiosk = ward_application_get_kiosk (WARD_APPLICATION (app));

  note_first_frame_window (f, window);
  /* The key step starts at once: it must reach the test ward's keys. The
   * prompts are tested alone. */
  ward_test_use_site_keys (kiosk, f->site);
  ward_auth_flow_set_awareness_hook (ward_kiosk_get_flow (kiosk), NULL, NULL, NULL);
  ward_soft_key_set_auto_touch (ward_test_site_person (f->site, "nnurse")->key, FALSE);
  ward_test_site_insert_key (f->site, ward_test_site_person (f->site, "nnurse")->key);
  f->k.window = window;
  ward_test_kiosk_feed_badge_keys (&f->k, WARD_TEST_NURSE_BADGE);
  f->tapped_during_start = TRUE;
  f->state_after_tap = ward_auth_flow_get_state (ward_kiosk_get_flow (kiosk));
  f->screens_after_tap = ward_screens_get_attached (window) && has_page (window, "device") && has_page (window, "admin");
  f->key_page_after_tap = has_page (window, "key");
  return G_SOURCE_REMOVE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_kiosk_set_up (&f->k, data);
  f->site = f->k.site;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_tear_down (&f->k, data);
}

static gboolean
screens_attached (gpointer data)
{
  return ward_screens_get_attached (data);
}

/* -- 1. The lock screen's first frame builds only the lock screen ---------- */

static void
check_steps_built_on_first_use (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  WardSoftKey *key = ward_test_kiosk_key_of (k, "nnurse");
  GtkWidget *key_page;

  g_assert_true (f->seen_before_first_frame);
  g_assert_false (f->steps_before_first_frame);
  g_assert_false (f->screens_before_first_frame);

  /* Right after the first frame, with no one at the bed, the device and
   * administration screens are built; the sign-in steps still are not. */
  ward_test_wait_for (screens_attached, k->window);
  g_assert_cmpint (ward_auth_flow_get_state (k->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "lock");
  g_assert_true (has_page (k->window, "device"));
  g_assert_true (has_page (k->window, "admin"));
  g_assert_false (has_any_step_page (k->window));
  /* Built, not shown: the lock screen is all the window shows. */
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (window_stack (k->window), "device")));
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (window_stack (k->window), "admin")));

  /* The badge brings the key page, whole: it says what to do and works. */
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (k->site, key);
  ward_test_kiosk_tap_badge (k, WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, k->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (k->window));
  g_assert_true (has_page (k->window, "key"));
  g_assert_false (has_page (k->window, "code"));
  g_assert_false (has_page (k->window, "break-glass"));
  g_assert_false (has_page (k->window, "awareness"));
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "key");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Touch your security key");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Signing in: Test Person");
  key_page = gtk_stack_get_child_by_name (window_stack (k->window), "key");
  g_assert_true (WARD_IS_KEY_PAGE (key_page));
  g_assert_true (gtk_widget_get_mapped (key_page));

  /* The touch moves on to the code page, built now; the code signs in. */
  ward_soft_key_touch (key);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_CODE);
  g_assert_true (has_page (k->window, "code"));
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "code");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Enter your code");
  {
    g_autofree char *code = ward_test_site_app_code (k->site, "nnurse", 0);

    ward_test_kiosk_type_on_keypad (k, code);
  }
  ward_test_kiosk_press_keypad_ok (k);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "home");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Devices");
  g_assert_nonnull (ward_test_find_widget (GTK_WIDGET (k->window), WARD_TYPE_DEVICES_SECTION));

  /* Signed out and in again: the same pages, emptied, not built twice. */
  ward_test_kiosk_sign_out (k);
  g_assert_false (gtk_widget_get_visible (key_page));
  ward_test_kiosk_next_time_step (k);
  ward_test_kiosk_tap_badge (k, WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_kiosk_key_waiting, k->flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (k->window));
  g_assert_true (gtk_stack_get_child_by_name (window_stack (k->window), "key") == key_page);
  ward_test_assert_shows (GTK_WIDGET (k->window), "Touch your security key");
  ward_test_kiosk_activate (k, "win.cancel");
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_LOCKED);
}

static void
test_steps_built_on_first_use (Fixture       *f,
                               gconstpointer  data)
{
  g_idle_add_full (G_PRIORITY_HIGH, look_before_first_frame, f, NULL);
  ward_test_kiosk_run (&f->k, check_steps_built_on_first_use, FALSE);
}

/* -- 2. A badge tapped while the kiosk starts is not lost ------------------ */

static void
check_tap_during_start (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  WardSoftKey *key = ward_test_kiosk_key_of (k, "nnurse");

  g_assert_true (f->tapped_during_start);
  g_assert_false (f->screens_before_first_frame);
  g_assert_false (f->steps_before_first_frame);
  /* The tap was taken at once, and everything the sign-in can reach from
   * it was built then, before the first frame. */
  g_assert_cmpint (f->state_after_tap, ==, WARD_AUTH_STATE_KEY);
  g_assert_true (f->key_page_after_tap);
  g_assert_true (f->screens_after_tap);

  /* The first frame already shows the key step, for her. */
  g_assert_cmpint (ward_auth_flow_get_state (k->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "key");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Touch your security key");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Signing in: Test Person");

  ward_test_wait_for (ward_test_kiosk_key_waiting, k->flow);
  ward_soft_key_touch (key);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_CODE);
  {
    g_autofree char *code = ward_test_site_app_code (k->site, "nnurse", 0);

    ward_test_kiosk_type_on_keypad (k, code);
  }
  ward_test_kiosk_press_keypad_ok (k);
  ward_test_kiosk_wait_for_state (k, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (ward_window_get_visible_page (k->window), ==, "home");
  ward_test_assert_shows (GTK_WIDGET (k->window), "Devices");
  g_assert_nonnull (ward_test_find_widget (GTK_WIDGET (k->window), WARD_TYPE_DEVICES_SECTION));
}

/* As the kiosk fixture's own, less what was done before the first frame:
 * the keys' set-up cannot change under a key step that has begun. */
static void
tap_kiosk_ready (WardApplication *app,
                 gpointer         data)
{
  Fixture *f = data;

  f->k.app = app;
  f->k.window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  f->k.kiosk = ward_application_get_kiosk (app);
  f->k.flow = ward_kiosk_get_flow (f->k.kiosk);
  check_tap_during_start (&f->k);
}

static void
test_tap_during_start (Fixture       *f,
                       gconstpointer  data)
{
  g_idle_add_full (G_PRIORITY_HIGH, tap_before_first_frame, f, NULL);
  ward_test_run_kiosk (f->site, FALSE, tap_kiosk_ready, f);
}

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);

  g_test_add ("/ui/startup/steps-built-on-first-use", Fixture, NULL, fixture_set_up, test_steps_built_on_first_use,
              fixture_tear_down);
  g_test_add ("/ui/startup/tap-during-start", Fixture, NULL, fixture_set_up, test_tap_during_start,
              fixture_tear_down);

  return g_test_run ();
}
