/* ward-test-devices.c: the device screens in the kiosk over a test ward, against wardgate-devsim */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "tests/ui/ward-test-devices.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"

/* -- The kiosk ------------------------------------------------------------------ */

void
ward_test_devices_set_up (WardTestDevices *f,
                          gconstpointer    data)
{
  /* step-up-seconds short, so that a test can make the last key touch stale. */
  ward_test_configure_site_with ("Bed 12",
                                 "[devices]\n"
                                 "gateway-bus = session\n"
                                 "[session]\n"
                                 "step-up-seconds = 30\n");
  f->k.site = ward_test_site_new ();
  ward_test_site_add_person (f->k.site, "nnurse", "nurse", WARD_TEST_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->k.site, "tnurse", "nurse", WARD_TEST_SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->k.site, "cnurse", "charge-nurse", WARD_TEST_CHARGE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->k.site, "bbiomed", "biomed", WARD_TEST_BIOMED_BADGE, TRUE, TRUE);
  ward_clock_advance (f->k.site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_devsim_init (&f->devsim);
}

void
ward_test_devices_tear_down (WardTestDevices *f,
                             gconstpointer    data)
{
  ward_test_devsim_clear (&f->devsim);
  ward_test_site_free (f->k.site);
}

static void
devices_ready (WardTestKiosk *k)
{
  WardTestDevices *f = (WardTestDevices *) k;

  f->check (f);
}

/* The kiosk with the prompts off (tested alone), the ward's own keys. */
void
ward_test_devices_run (WardTestDevices      *f,
                       WardTestDevicesCheck  check)
{
  f->check = check;
  ward_test_kiosk_run (&f->k, devices_ready, FALSE);
}

void
ward_test_devices_add (const char *path,
                       void      (*test) (WardTestDevices *f,
                                          gconstpointer    data))
{
  g_test_add (path, WardTestDevices, NULL, ward_test_devices_set_up, test, ward_test_devices_tear_down);
}

static void
run_case (WardTestDevices *f,
          gconstpointer    data)
{
  const WardTestDevicesCase *test_case = data;

  ward_test_devsim_start (&f->devsim, test_case->devsim_state, NULL);
  ward_test_devices_run (f, test_case->check);
}

/* Each case a test at its path: the table outlives the run, as it is the
 * tests' data. */
void
ward_test_devices_add_cases (const WardTestDevicesCase *cases,
                             gsize                      n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    g_test_add (cases[i].path, WardTestDevices, &cases[i], ward_test_devices_set_up, run_case,
                ward_test_devices_tear_down);
}

/* -- Signing in through the badge reader's keys ------------------------------- */

static gboolean
flow_at_code (gpointer data)
{
  WardAuthFlow *flow = data;

  return ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_CODE && !ward_auth_flow_get_key_busy (flow);
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

/* The reader's keys, fed to the window's capture with a reader's timing:
 * the path a witness's badge takes too. */
void
ward_test_devices_tap_badge (WardTestDevices *f,
                             const char      *badge)
{
  WardBadgeCapture *capture = ward_window_get_badge_capture (f->k.window);
  static guint32 time_ms = 100000;

  time_ms += 10000;
  for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
    ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
  g_assert_true (ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

void
ward_test_devices_sign_in (WardTestDevices *f,
                           const char      *username,
                           const char      *badge)
{
  g_autofree char *code = NULL;

  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (&f->k, username), TRUE);
  ward_test_site_insert_key (f->k.site, ward_test_kiosk_key_of (&f->k, username));
  ward_test_devices_tap_badge (f, badge);
  ward_test_wait_for (flow_at_code, f->k.flow);
  code = ward_test_site_app_code (f->k.site, username, 0);
  ward_test_kiosk_type_on_keypad (&f->k, code);
  ward_test_kiosk_press_keypad_ok (&f->k);
  ward_test_wait_for (flow_signed_in, f->k.flow);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

void
ward_test_devices_sign_out (WardTestDevices *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.sign-out", NULL));
  ward_test_wait_for (flow_locked, f->k.flow);
  /* A fresh time step, so that the next code is not a replay. */
  ward_clock_advance (f->k.site->fixture->clock, 30 * G_USEC_PER_SEC);
}

/* -- The device screens ------------------------------------------------------ */

WardDevicesSection *
ward_test_devices_section (WardTestDevices *f)
{
  GtkWidget *found = ward_test_find_widget (GTK_WIDGET (f->k.window), WARD_TYPE_DEVICES_SECTION);

  g_assert_nonnull (found);
  return WARD_DEVICES_SECTION (found);
}

WardDevicePage *
ward_test_devices_page (WardTestDevices *f)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (GTK_WIDGET (f->k.window), GTK_TYPE_STACK));

  return WARD_DEVICE_PAGE (gtk_stack_get_child_by_name (stack, "device"));
}

typedef struct
{
  WardTestDevices    *f;
  const char *text;
} Shows;

/* The device cards, each with the values its device reported. */
gboolean
ward_test_devices_cards_shown (gpointer data)
{
  WardTestDevices *f = data;
  WardDevicesSection *s = ward_test_devices_section (f);

  return g_strcmp0 (ward_devices_section_get_state (s), "cards") == 0
      && ward_test_find_label (GTK_WIDGET (s), _("Reading the settings…"), FALSE) == NULL;
}

static gboolean
shows_text (gpointer data)
{
  Shows *shows = data;

  return ward_test_find_label (GTK_WIDGET (shows->f->k.window), shows->text, TRUE) != NULL;
}

/* Waits until the window shows something containing @text; if it never
 * does, what it shows instead is saved for the person reading the log. */
void
ward_test_devices_wait_for_text (WardTestDevices *f,
                                 const char      *text)
{
  Shows shows = { f, text };
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!shows_text (&shows))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > give_up)
        {
          ward_test_kiosk_screenshot (&f->k, "device-timeout.png");
          g_error ("The window never showed “%s” (see device-timeout.png)", text);
        }
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

static gboolean
page_loaded (gpointer data)
{
  WardTestDevices *f = data;

  return ward_device_page_get_row (ward_test_devices_page (f), "rate_ml_h") != NULL
      || ward_test_find_label (GTK_WIDGET (f->k.window), "Now ", TRUE) != NULL
      || ward_test_find_label (GTK_WIDGET (f->k.window), "offline", TRUE) != NULL
      || ward_test_find_label (GTK_WIDGET (f->k.window), "may not change any setting", TRUE) != NULL;
}

void
ward_test_devices_open (WardTestDevices *f,
                        const char      *device_id)
{
  GtkWidget *card;

  ward_test_wait_for (ward_test_devices_cards_shown, f);
  card = ward_devices_section_get_card (ward_test_devices_section (f), device_id);
  g_assert_nonnull (card);
  ward_test_click (ward_device_card_get_button (WARD_DEVICE_CARD (card)));
  g_assert_cmpstr (ward_window_get_visible_page (f->k.window), ==, "device");
  g_assert_cmpstr (ward_device_page_get_device_id (ward_test_devices_page (f)), ==, device_id);
  ward_test_wait_for (page_loaded, f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

WardParameterRow *
ward_test_devices_row (WardTestDevices *f,
                       const char      *parameter)
{
  WardParameterRow *found = ward_device_page_get_row (ward_test_devices_page (f), parameter);

  g_assert_nonnull (found);
  return found;
}

void
ward_test_devices_type_value (WardTestDevices *f,
                              const char      *parameter,
                              const char      *digits)
{
  WardValueEntry *entry = ward_device_page_get_value_entry (ward_test_devices_page (f));
  WardKeypad *keypad = ward_value_entry_get_keypad (entry);

  ward_test_click (ward_parameter_row_get_value_button (ward_test_devices_row (f, parameter)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  for (const char *d = digits; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      if (*d == '.')
        ward_test_click (ward_value_entry_get_decimal_button (entry));
      else
        ward_test_click (ward_keypad_get_button (keypad, key));
    }
  ward_test_click (ward_keypad_get_button (keypad, "ok"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry)));
}

static gboolean
page_idle (gpointer data)
{
  WardTestDevices *f = data;

  return !ward_device_page_is_busy (ward_test_devices_page (f));
}

void
ward_test_devices_apply (WardTestDevices *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ward_test_devices_page (f)), "device.apply", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

void
ward_test_devices_wait_for_answer (WardTestDevices *f)
{
  ward_test_wait_for (page_idle, f);
  /* The rows are read again from the device after the answer. */
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

GPtrArray *
ward_test_devices_history (WardTestDevices *f,
                           const char      *device_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = ward_device_changes_list_recent (f->k.site->fixture->store, device_id, 10, &error);

  g_assert_no_error (error);
  return records;
}

gint64
ward_test_devices_count_audit (WardTestDevices *f,
                               const char      *event)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->k.site->fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE event = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, event, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

