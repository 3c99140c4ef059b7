/* test-layout.c: every screen and overlay of the kiosk at the bedside screens' sizes, in English and German (and French at one), with a long name: nothing outside the window, no label cut */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tests/common/ward-test-devsim.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-reason-picker.h"
#include "ui/devices/ward-step-up-overlay.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/devices/ward-witness-overlay.h"
#include "ui/ward-code-page.h"
#include "ui/ward-home-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"
#include "ui/ward-tap-over-card.h"
#include "ui/ward-window.h"

#define ADMIN_BADGE "04D4E5F6"
#define NURSE_BADGE "04A1B2C3"
#define SECOND_NURSE_BADGE "04778899"

/* Sixty characters: the longest name a ward's directory is seen to hold. */
#define LONG_NAME "Maximiliane Alexandra Konstantinopoulou-Wolfeschlegelsteinha"

typedef struct
{
  int         width;
  int         height;
  const char *language;
} Screen;

static const Screen screens[] = {
  { 1024, 768, "en" }, { 1280, 800, "en" }, { 1366, 768, "en" }, { 1920, 1080, "en" },
  { 1024, 768, "de" }, { 1280, 800, "de" }, { 1366, 768, "de" }, { 1920, 1080, "de" },
  /* French at the reference size only: the walk is slow. */
  { 1280, 800, "fr" },
};

typedef struct
{
  const Screen    *screen;
  WardTestSite    *site;
  WardTestDevsim   devsim;
  char            *localedir;
  WardApplication *app;
  WardWindow      *window;
  WardKiosk       *kiosk;
  WardAuthFlow    *flow;
  GPtrArray       *problems;
} Fixture;

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->window);
}

/* -- Looking at a screen -------------------------------------------------- */

/* Saves what the screen shows and notes every widget that does not fit;
 * the test fails at the end, with every problem of every screen listed. */
static void
look (Fixture    *f,
      const char *name)
{
  g_autofree char *where = g_strdup_printf ("%s-%dx%d-%s", name, f->screen->width, f->screen->height,
                                            f->screen->language);
  g_autofree char *file = g_strdup_printf ("layout-%s.png", where);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;

  ward_test_spin (50);
  ward_test_wait_for_transitions (root (f));
  path = ward_test_save_screenshot (root (f), file);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A window never shrinks back: content too big for the screen shows as
   * a window bigger than the screen. */
  if (gtk_widget_get_width (root (f)) != f->screen->width || gtk_widget_get_height (root (f)) != f->screen->height)
    g_ptr_array_add (f->problems, g_strdup_printf ("%s: the window grew to %d×%d", where,
                                                   gtk_widget_get_width (root (f)),
                                                   gtk_widget_get_height (root (f))));
  problems = ward_test_layout_problems (root (f), where);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (f->problems, g_strdup (problems->pdata[i]));
  placeholders = ward_test_placeholder_problems (root (f), where);
  for (guint i = 0; i < placeholders->len; i++)
    g_ptr_array_add (f->problems, g_strdup (placeholders->pdata[i]));
}

/* The person's name on a sign-in step takes the width the time leaves
 * in the header: shortened only when it is longer than all of that. */
static void
check_step_name (Fixture *f)
{
  GtkWidget *page = ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE);
  GtkWidget *who = ward_test_find_by_id (page, "who_label");
  GtkWidget *time = ward_test_find_by_id (page, "time_label");
  GtkWidget *header = gtk_widget_get_parent (who);
  int natural = 0;
  int room, given;

  gtk_widget_measure (who, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  /* Less the time and a gap between the two of at most 48 px. */
  room = gtk_widget_get_width (header) - gtk_widget_get_width (time) - 48;
  given = gtk_widget_get_width (who);
  if (given < MIN (natural, room))
    g_ptr_array_add (f->problems, g_strdup_printf ("code step %dx%d %s: the name is given %d px of the %d px the "
                                                   "time leaves (it needs %d px)", f->screen->width,
                                                   f->screen->height, f->screen->language, given, room, natural));
}

/* More devices than the screen holds show a scrollbar without a touch:
 * an overlay scrollbar appears only while scrolling. */
static void
check_home_scrollbar (Fixture *f)
{
  GtkWidget *home = ward_test_find_widget (root (f), WARD_TYPE_HOME_PAGE);
  GtkWidget *scroller = ward_test_find_widget (home, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  g_assert_false (gtk_scrolled_window_get_overlay_scrolling (GTK_SCROLLED_WINDOW (scroller)));
}

/* -- The ward ----------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->screen = data;
  /* step-up-seconds short, so that the walk can make the last key touch
   * stale and show the key asked for again. */
  ward_test_configure_site_with ("Bed 12", "[devices]\ngateway-bus = session\n"
                                           "[session]\nstep-up-seconds = 30\n");
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_string (settings, "language", f->screen->language);
  }
  if (g_str_equal (f->screen->language, "de"))
    {
      f->localedir = ward_test_compile_german (g_getenv ("WARDGATE_DE_PO"));
      bindtextdomain (GETTEXT_PACKAGE, f->localedir);
    }
  else if (!g_str_equal (f->screen->language, "en"))
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WARDGATE_LOCALEDIR"));
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "tnurse", "nurse", SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_rename (f->site, "aadmin", LONG_NAME);
  ward_test_site_rename (f->site, "nnurse", LONG_NAME);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_devsim_init (&f->devsim);
  f->problems = g_ptr_array_new_with_free_func (g_free);
  ward_test_set_window_size (f->screen->width, f->screen->height);
  ward_test_devsim_start (&f->devsim, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_devsim_clear (&f->devsim);
  ward_test_site_free (f->site);
  g_ptr_array_unref (f->problems);
  ward_test_set_window_size (1280, 800);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  if (f->localedir != NULL)
    {
      ward_test_remove_german (f->localedir);
      g_free (f->localedir);
    }
  ward_language_apply ("en");
}

/* -- Signing in ------------------------------------------------------------------ */

static gboolean
flow_at_code (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_CODE && !ward_auth_flow_get_key_busy (data);
}

static gboolean
flow_key_waiting (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_KEY && ward_auth_flow_get_key_busy (data);
}

static gboolean
flow_at_reason (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_BREAK_GLASS_REASON;
}

static gboolean
flow_tap_over_asked (gpointer data)
{
  return ward_auth_flow_get_tap_over_name (data) != NULL;
}

static gboolean
flow_signed_in (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_SIGNED_IN;
}

static gboolean
flow_locked (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_LOCKED;
}

static void
tap_badge (Fixture    *f,
           const char *badge)
{
  WardBadgeCapture *capture = ward_window_get_badge_capture (f->window);
  static guint32 time_ms = 100000;

  time_ms += 10000;
  for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
    ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
  g_assert_true (ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms));
}

static void
press_code_key (Fixture    *f,
                const char *key)
{
  WardCodePage *page = WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE));

  ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (page), key));
}

static void
sign_in (Fixture    *f,
         const char *username,
         const char *badge,
         gboolean    look_on_the_way)
{
  WardTestPerson *person = ward_test_site_person (f->site, username);
  g_autofree char *code = NULL;

  /* On the way, the key step waits for a touch long enough to be seen. */
  ward_soft_key_set_auto_touch (person->key, !look_on_the_way);
  ward_test_site_insert_key (f->site, person->key);
  tap_badge (f, badge);
  if (look_on_the_way)
    {
      ward_test_wait_for (flow_key_waiting, f->flow);
      look (f, "key-step");
      ward_soft_key_touch (person->key);
    }
  ward_test_wait_for (flow_at_code, f->flow);
  if (look_on_the_way)
    {
      look (f, "code-step");
      check_step_name (f);
    }
  code = ward_test_site_app_code (f->site, username, 0);
  for (const char *d = code; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      press_code_key (f, key);
    }
  press_code_key (f, "ok");
  ward_test_wait_for (flow_signed_in, f->flow);
}

static void
sign_out (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (root (f), "win.sign-out", NULL));
  ward_test_wait_for (flow_locked, f->flow);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

/* -- The devices ------------------------------------------------------------------- */

static WardDevicesSection *
devices_section (Fixture *f)
{
  return WARD_DEVICES_SECTION (ward_test_find_widget (root (f), WARD_TYPE_DEVICES_SECTION));
}

static WardDevicePage *
device_page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (root (f), GTK_TYPE_STACK));

  return WARD_DEVICE_PAGE (gtk_stack_get_child_by_name (stack, "device"));
}

static gboolean
cards_with_values (gpointer data)
{
  Fixture *f = data;
  WardDevicesSection *s = devices_section (f);

  return s != NULL && g_strcmp0 (ward_devices_section_get_state (s), "cards") == 0
      && ward_devices_section_get_card (s, "monitor-1") != NULL
      && !ward_device_page_is_busy (device_page (f));
}

static gboolean
rows_loaded (gpointer data)
{
  Fixture *f = data;
  WardDevicePage *page = device_page (f);

  return !ward_device_page_is_busy (page) && gtk_widget_get_first_child (GTK_WIDGET (page)) != NULL;
}

static void
open_device (Fixture    *f,
             const char *device_id)
{
  GtkWidget *card;

  ward_test_wait_for (cards_with_values, f);
  ward_test_spin (300);
  card = ward_devices_section_get_card (devices_section (f), device_id);
  g_assert_nonnull (card);
  ward_test_click (ward_device_card_get_button (WARD_DEVICE_CARD (card)));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "device");
  ward_test_wait_for (rows_loaded, f);
  ward_test_spin (500);
}

static void
go_home (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (root (f), "win.show-home", NULL));
  ward_test_spin (100);
}

/* The first reason to pick is on screen without scrolling, at every size:
 * the panel scrolls the warning into view when it appears. */
static void
assert_reason_in_view (Fixture *f)
{
  GtkWidget *reason = ward_device_page_get_reason_button (device_page (f), 0);
  GtkWidget *scroller = gtk_widget_get_ancestor (reason, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  ward_test_spin (200);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_true (gtk_widget_compute_bounds (reason, scroller, &bounds));
  g_test_message ("first reason at %.0f…%.0f in a panel %d high", bounds.origin.y,
                  bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
}

static gboolean
overlay_shown (Fixture *f,
               GType    type)
{
  GtkWidget *overlay = ward_test_find_widget (root (f), type);

  return overlay != NULL && gtk_widget_get_mapped (overlay);
}

static gboolean
step_up_shown (gpointer data)
{
  return overlay_shown (data, WARD_TYPE_STEP_UP_OVERLAY);
}

static gboolean
witness_card_shown (gpointer data)
{
  return overlay_shown (data, WARD_TYPE_WITNESS_OVERLAY);
}

/* The heparin change above the usual range, with its reason, sent: the
 * nurse's last key touch is older than a high-alert change allows, so
 * her key is asked for again; then the second person's card. Both
 * overlays are looked at, then the change is withdrawn. */
static void
walk_high_alert_change (Fixture *f)
{
  WardTestPerson *nurse = ward_test_site_person (f->site, "nnurse");

  ward_test_click (ward_device_page_get_reason_button (device_page (f), 0));
  ward_clock_advance (f->site->fixture->clock, 31 * G_USEC_PER_SEC);
  ward_soft_key_set_auto_touch (nurse->key, FALSE);
  ward_test_site_insert_key (f->site, nurse->key);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (device_page (f)), "device.apply", NULL));
  ward_test_wait_for (step_up_shown, f);
  look (f, "pump-step-up");
  ward_soft_key_touch (nurse->key);
  ward_test_wait_for (witness_card_shown, f);
  /* While the second person is awaited the session does not lock, and
   * the bar says so as soon as the card is up. */
  ward_test_assert_shows (root (f), _("No lock while you wait"));
  look (f, "pump-witness");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (device_page (f)), "device.cancel-change", NULL));
  ward_test_wait_for (rows_loaded, f);
  g_assert_false (witness_card_shown (f));
}

static void
walk_devices (Fixture *f)
{
  WardValueEntry *entry;
  WardParameterRow *rate;

  ward_test_wait_for (cards_with_values, f);
  ward_test_spin (500);
  look (f, "home");
  check_home_scrollbar (f);

  open_device (f, "pump-1");
  look (f, "pump");
  rate = ward_device_page_get_row (device_page (f), "rate_ml_h");
  g_assert_nonnull (rate);
  entry = ward_device_page_get_value_entry (device_page (f));
  ward_test_click (ward_parameter_row_get_value_button (rate));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  look (f, "pump-keypad");
  ward_test_click (ward_value_entry_get_cancel_button (entry));
  /* Above the usual range (4–20 mL/h), within the limit (25): the warning
   * and the reasons to pick from. */
  ward_test_click (ward_parameter_row_get_value_button (rate));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (entry), "2"));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (entry), "2"));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (entry), "ok"));
  ward_test_assert_shows_part (root (f), "22");
  g_assert_nonnull (ward_test_find_widget (root (f), WARD_TYPE_REASON_PICKER));
  assert_reason_in_view (f);
  look (f, "pump-soft-limit");
  walk_high_alert_change (f);
  go_home (f);

  open_device (f, "vent-1");
  look (f, "ventilator");
  go_home (f);
  open_device (f, "monitor-1");
  look (f, "monitor");
  go_home (f);
}

/* -- Administration ------------------------------------------------------------------ */

static void
walk_admin (Fixture *f)
{
  static const char *const sections[] = { "users", "enrolment", "roles", "locked", "audit", "awareness" };
  WardAdminPage *page;

  g_assert_true (gtk_widget_activate_action (root (f), "win.show-admin", NULL));
  ward_test_spin (200);
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  page = WARD_ADMIN_PAGE (ward_test_find_widget (root (f), WARD_TYPE_ADMIN_PAGE));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("admin-%s", sections[i]);

      g_assert_true (ward_admin_page_show_section (page, sections[i]));
      ward_test_spin (200);
      look (f, name);
    }
  go_home (f);
}

/* -- The session's overlays ---------------------------------------------------------- */

/* The idle warning, 95 s into the 2 minutes a nurse may stand away. */
static void
look_at_idle_warning (Fixture *f)
{
  ward_clock_advance (f->site->fixture->clock, 95 * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  look (f, "idle-warning");
}

/* A card over the screen stands clear of the window's edges: one that
 * touches them reads as part of the page behind, not as a question. */
static void
assert_clear_of_edges (Fixture    *f,
                       GtkWidget  *card,
                       const char *name)
{
  graphene_rect_t bounds;
  const float margin = 16;

  g_assert_nonnull (card);
  g_assert_true (gtk_widget_compute_bounds (card, root (f), &bounds));
  if (bounds.origin.x < margin || bounds.origin.y < margin ||
      bounds.origin.x + bounds.size.width > gtk_widget_get_width (root (f)) - margin ||
      bounds.origin.y + bounds.size.height > gtk_widget_get_height (root (f)) - margin)
    g_ptr_array_add (f->problems, g_strdup_printf ("%s-%dx%d-%s: the card at %.0f,%.0f %.0f×%.0f is not %.0f px clear of the window's edges",
                                                   name, f->screen->width, f->screen->height, f->screen->language,
                                                   bounds.origin.x, bounds.origin.y, bounds.size.width,
                                                   bounds.size.height, margin));
}

/* Emergency access from the lock screen: the badge, the reason, the red
 * banner, and the question a colleague's badge asks. */
static void
walk_emergency (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (root (f), "win.emergency", NULL));
  look (f, "emergency-badge");
  tap_badge (f, NURSE_BADGE);
  ward_test_wait_for (flow_at_reason, f->flow);
  look (f, "emergency-reason");
  g_assert_true (gtk_widget_activate_action (root (f), "win.submit-reason", "s", "Patient in VF, key in the locker"));
  ward_test_wait_for (flow_signed_in, f->flow);
  look (f, "emergency-banner");
  tap_badge (f, SECOND_NURSE_BADGE);
  ward_test_wait_for (flow_tap_over_asked, f->flow);
  look (f, "emergency-tap-over");
  assert_clear_of_edges (f, ward_test_find_with_class (root (f), "tap-over-card"), "emergency-tap-over");
  ward_test_click (ward_tap_over_card_get_keep_button (
      WARD_TAP_OVER_CARD (ward_test_find_widget (root (f), WARD_TYPE_TAP_OVER_CARD))));
  ward_test_spin (100);
  g_assert_null (ward_auth_flow_get_tap_over_name (f->flow));
  sign_out (f);
}

/* -- The walk ------------------------------------------------------------------------ */

static void
walk (WardApplication *app,
      gpointer         data)
{
  Fixture *f = data;

  f->app = app;
  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  f->kiosk = ward_application_get_kiosk (app);
  f->flow = ward_kiosk_get_flow (f->kiosk);
  ward_test_use_site_keys (f->kiosk, f->site);
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
  g_assert_cmpstr (ward_language_get_current (), ==, f->screen->language);

  look (f, "lock");

  sign_in (f, "nnurse", NURSE_BADGE, TRUE);
  walk_devices (f);
  look_at_idle_warning (f);
  sign_out (f);

  walk_emergency (f);

  sign_in (f, "aadmin", ADMIN_BADGE, FALSE);
  look (f, "admin-home");
  walk_admin (f);
  sign_out (f);
}

static void
test_screen (Fixture       *f,
             gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk, f);
  if (f->problems->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (f->problems, NULL);
      all = g_strjoinv ("\n  ", (char **) f->problems->pdata);
      g_error ("%u problems:\n  %s", f->problems->len - 1, all);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  ward_test_isolate_kiosk ();

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/layout/%dx%d/%s", screens[i].width, screens[i].height,
                                               screens[i].language);

      g_test_add (path, Fixture, &screens[i], fixture_set_up, test_screen, fixture_tear_down);
    }
  return g_test_run ();
}
