/* test-devices.c: the bedside device screens in the real window, against wardgate-devsim on a private session bus */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "app/devices/ward-dbus-device-link.h"
#include "data/ward-device-changes.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"

#define NURSE_BADGE        "04A1B2C3"
#define SECOND_NURSE_BADGE "04778899"
#define CHARGE_BADGE       "04C0FFEE"
#define BIOMED_BADGE       "04B10ED0"

typedef struct _Fixture Fixture;
typedef void (*FixtureCheck) (Fixture *f);

struct _Fixture
{
  WardTestSite    *site;
  char            *state_dir;
  GSubprocess     *devsim;
  WardApplication *app;
  WardWindow      *window;
  WardKiosk       *kiosk;
  WardAuthFlow    *flow;
  FixtureCheck     check;
};

/* -- The simulator ---------------------------------------------------------- */

/* A test that aborts never reaches its teardown: the simulator goes with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* @state: a devices.ini to start from, or NULL for the defaults. */
static void
devsim_start (Fixture           *f,
              const char        *state,
              const char * const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (state != NULL)
    {
      g_autofree char *path = g_build_filename (f->state_dir, "devices.ini", NULL);

      g_assert_true (g_file_set_contents (path, state, -1, NULL));
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("WARDGATE_DEVSIM"));
  g_ptr_array_add (argv, (gpointer) "--state");
  g_ptr_array_add (argv, f->state_dir);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->devsim = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
}

static void
devsim_control (const char *method,
                GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, WARD_GATEWAY_BUS_NAME, WARD_GATEWAY_OBJECT_PATH,
                                       "io.github.wardgate.DeviceSimulator1", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* -- The kiosk ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* step-up-seconds short, so that a test can make the last key touch stale. */
  ward_test_configure_site_with ("Bed 12",
                                 "[devices]\n"
                                 "gateway-bus = session\n"
                                 "[session]\n"
                                 "step-up-seconds = 30\n");
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "tnurse", "nurse", SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "cnurse", "charge-nurse", CHARGE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "bbiomed", "biomed", BIOMED_BADGE, TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  f->state_dir = g_dir_make_tmp ("wardgate-devsim-XXXXXX", NULL);
  g_assert_nonnull (f->state_dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->state_dir, "devices.ini", NULL);

  if (f->devsim != NULL)
    {
      g_subprocess_send_signal (f->devsim, SIGTERM);
      g_subprocess_wait (f->devsim, NULL, NULL);
      g_clear_object (&f->devsim);
    }
  g_unlink (state);
  g_rmdir (f->state_dir);
  g_free (f->state_dir);
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
  ward_test_use_site_keys (f->kiosk, f->site);
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
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

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = NULL;

  gtk_test_widget_wait_for_draw (root (f));
  path = ward_test_save_screenshot (root (f), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- Signing in, as test-sign-in-window does -------------------------------- */

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

static WardSoftKey *
key_of (Fixture    *f,
        const char *username)
{
  return ward_test_site_person (f->site, username)->key;
}

static void
press_code_key (Fixture    *f,
                const char *key)
{
  WardCodePage *page = WARD_CODE_PAGE (ward_test_find_widget (root (f), WARD_TYPE_CODE_PAGE));

  ward_test_click (ward_keypad_get_button (ward_code_page_get_keypad (page), key));
}

/* The reader's keys, fed to the window's capture with a reader's timing:
 * the path a witness's badge takes too. */
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
  gtk_test_widget_wait_for_draw (root (f));
}

static void
sign_in (Fixture    *f,
         const char *username,
         const char *badge)
{
  g_autofree char *code = NULL;

  ward_soft_key_set_auto_touch (key_of (f, username), TRUE);
  ward_test_site_insert_key (f->site, key_of (f, username));
  tap_badge (f, badge);
  ward_test_wait_for (flow_at_code, f->flow);
  code = ward_test_site_app_code (f->site, username, 0);
  for (const char *d = code; *d != '\0'; d++)
    {
      char key[2] = { *d, '\0' };

      press_code_key (f, key);
    }
  press_code_key (f, "ok");
  ward_test_wait_for (flow_signed_in, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
}

static void
sign_out (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (root (f), "win.sign-out", NULL));
  ward_test_wait_for (flow_locked, f->flow);
  /* A fresh time step, so that the next code is not a replay. */
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

/* -- The device screens ------------------------------------------------------ */

static WardDevicesSection *
section (Fixture *f)
{
  GtkWidget *found = ward_test_find_widget (root (f), WARD_TYPE_DEVICES_SECTION);

  g_assert_nonnull (found);
  return WARD_DEVICES_SECTION (found);
}

static WardDevicePage *
page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (root (f), GTK_TYPE_STACK));

  return WARD_DEVICE_PAGE (gtk_stack_get_child_by_name (stack, "device"));
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Shows;

static gboolean
cards_with_values (gpointer data)
{
  Fixture *f = data;
  WardDevicesSection *s = section (f);

  return g_strcmp0 (ward_devices_section_get_state (s), "cards") == 0
      && ward_test_find_label (GTK_WIDGET (s), "Reading the settings…", FALSE) == NULL;
}

static gboolean
shows_text (gpointer data)
{
  Shows *shows = data;

  return ward_test_find_label (root (shows->f), shows->text, TRUE) != NULL;
}

/* Waits until the window shows something containing @text; if it never
 * does, what it shows instead is saved for the person reading the log. */
static void
wait_for_text (Fixture    *f,
               const char *text)
{
  Shows shows = { f, text };
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!shows_text (&shows))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > give_up)
        {
          screenshot (f, "device-timeout.png");
          g_error ("The window never showed “%s” (see device-timeout.png)", text);
        }
    }
  gtk_test_widget_wait_for_draw (root (f));
}

static gboolean
page_loaded (gpointer data)
{
  Fixture *f = data;

  return ward_device_page_get_row (page (f), "rate_ml_h") != NULL
      || ward_test_find_label (root (f), "Now ", TRUE) != NULL
      || ward_test_find_label (root (f), "offline", TRUE) != NULL
      || ward_test_find_label (root (f), "may not change any setting", TRUE) != NULL;
}

static void
open_device (Fixture    *f,
             const char *device_id)
{
  GtkWidget *card;

  ward_test_wait_for (cards_with_values, f);
  card = ward_devices_section_get_card (section (f), device_id);
  g_assert_nonnull (card);
  ward_test_click (ward_device_card_get_button (WARD_DEVICE_CARD (card)));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "device");
  g_assert_cmpstr (ward_device_page_get_device_id (page (f)), ==, device_id);
  ward_test_wait_for (page_loaded, f);
  gtk_test_widget_wait_for_draw (root (f));
}

static WardParameterRow *
row (Fixture    *f,
     const char *parameter)
{
  WardParameterRow *found = ward_device_page_get_row (page (f), parameter);

  g_assert_nonnull (found);
  return found;
}

static void
type_value (Fixture    *f,
            const char *parameter,
            const char *digits)
{
  WardValueEntry *entry = ward_device_page_get_value_entry (page (f));
  WardKeypad *keypad = ward_value_entry_get_keypad (entry);

  ward_test_click (ward_parameter_row_get_value_button (row (f, parameter)));
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
  Fixture *f = data;

  return !ward_device_page_is_busy (page (f));
}

static void
apply (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.apply", NULL));
  gtk_test_widget_wait_for_draw (root (f));
}

static void
wait_for_answer (Fixture *f)
{
  ward_test_wait_for (page_idle, f);
  /* The rows are read again from the device after the answer. */
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (f));
}

static GPtrArray *
history (Fixture    *f,
         const char *device_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = ward_device_changes_list_recent (f->site->fixture->store, device_id, 10, &error);

  g_assert_no_error (error);
  return records;
}

static gint64
count_audit (Fixture    *f,
             const char *event)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->site->fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE event = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, event, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A maintenance infusion: not high-alert, so one nurse may change it. */
static const char saline_pump[] = "[pump-1]\ndrug=saline\nrate_ml_h=100\n";

/* -- 1. A change within limits, with the steppers ------------------------------ */

static void
check_within_limits (Fixture *f)
{
  const WardSettingChangeRecord *record;
  g_autoptr(GPtrArray) records = NULL;

  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_wait_for (cards_with_values, f);
  ward_test_assert_shows (root (f), "Devices");
  ward_test_assert_shows (root (f), "Infusion pump");
  ward_test_assert_shows (root (f), "100.0 mL/h");
  ward_test_assert_shows (root (f), "Sodium chloride 0.9% (maintenance)");
  screenshot (f, "device-home.png");

  open_device (f, "pump-1");
  ward_test_assert_shows (root (f), "Now 100.0 mL/h");
  ward_test_assert_shows_part (root (f), "Usual 20.0–250.0");
  ward_test_click (ward_parameter_row_get_plus (row (f, "rate_ml_h")));
  ward_test_click (ward_parameter_row_get_plus (row (f, "rate_ml_h")));
  ward_test_assert_shows (root (f), "Rate 100.0 → 100.2 mL/h");
  /* The wished value is a separate chip; the big number stays the device's. */
  g_assert_cmpstr (ward_parameter_row_get_pending_text (row (f, "rate_ml_h")), ==, "New: 100.2 mL/h");
  g_assert_cmpstr (ward_parameter_row_get_value_text (row (f, "rate_ml_h")), ==, "100.0");
  ward_test_assert_shows (root (f), "Now 100.0 mL/h");
  ward_test_assert_shows (root (f), "Read just now");
  screenshot (f, "device-page.png");

  apply (f);
  /* Until the device is read again, nothing on screen claims the new value. */
  while (ward_device_page_is_busy (page (f)))
    {
      g_assert_null (ward_test_find_label (root (f), "Rate is now 100.2 mL/h.", TRUE));
      g_assert_cmpstr (ward_parameter_row_get_value_text (row (f, "rate_ml_h")), ==, "100.0");
      g_main_context_iteration (NULL, TRUE);
    }
  /* The card and the row come from the same read. */
  ward_test_assert_shows (root (f), "Applied");
  ward_test_assert_shows_part (root (f), "Rate is now 100.2 mL/h.");
  ward_test_assert_shows (root (f), "Now 100.2 mL/h");
  g_assert_null (ward_parameter_row_get_pending_text (row (f, "rate_ml_h")));
  wait_for_answer (f);
  /* The row shows the device's value, read back. */
  wait_for_text (f, "Now 100.2 mL/h");
  ward_test_assert_shows_part (root (f), "Rate 100.0 → 100.2 mL/h · applied");
  screenshot (f, "device-result-applied.png");

  records = history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->parameter, ==, "rate_ml_h");
  g_assert_cmpfloat_with_epsilon (record->old_value, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (record->new_value, 100.2, 1e-9);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpstr (record->username, ==, "nnurse");
  g_assert_cmpint (record->witness_id, ==, 0);
  g_assert_cmpint (count_audit (f, "device.change-requested"), ==, 1);
  g_assert_cmpint (count_audit (f, "device.change-applied"), ==, 1);

  /* Beyond the usual range: amber warning, a reason picked, then sent. */
  type_value (f, "rate_ml_h", "300");
  ward_test_assert_shows (root (f), "Rate 100.2 → 300.0 mL/h");
  ward_test_assert_shows_part (root (f), "above the usual maximum");
  screenshot (f, "device-soft-limit.png");
  apply (f);
  ward_test_assert_shows_part (root (f), "Give a reason");
  ward_test_click (ward_device_page_get_reason_button (page (f), 0));
  apply (f);
  wait_for_answer (f);
  wait_for_text (f, "Now 300.0 mL/h");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->reason, ==, "Prescribed by the doctor for this patient");
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
}

static void
test_within_limits (Fixture       *f,
                    gconstpointer  data)
{
  devsim_start (f, saline_pump, NULL);
  run_kiosk (f, check_within_limits);
}

/* -- 2. A high-alert change: step-up, then a second person ----------------- */

static void
check_high_alert (Fixture *f)
{
  WardSoftKey *key = key_of (f, "nnurse");
  g_autoptr(GPtrArray) records = NULL;
  const WardSettingChangeRecord *record;
  gint64 refusals;

  sign_in (f, "nnurse", NURSE_BADGE);
  open_device (f, "pump-1");
  ward_test_assert_shows (root (f), "Heparin 100 units/mL");
  type_value (f, "rate_ml_h", "12");
  ward_test_assert_shows (root (f), "Rate 10.0 → 12.0 mL/h");
  ward_test_assert_shows (root (f), "A second nurse checks this change before it is sent.");

  /* Her last key touch is now older than the kiosk allows for this change. */
  ward_clock_advance (f->site->fixture->clock, 31 * G_USEC_PER_SEC);
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->site, key);
  apply (f);
  wait_for_text (f, "Touch your key again");
  screenshot (f, "device-step-up.png");
  ward_soft_key_touch (key);

  wait_for_text (f, "Second nurse: tap your badge");
  ward_test_assert_shows_part (root (f), "Heparin 100 units/mL\nRate: 10.0 → 12.0 mL/h");
  screenshot (f, "device-witness.png");

  /* Her own badge: refused in words, and she stays signed in. */
  refusals = count_audit (f, "permission.refused");
  tap_badge (f, NURSE_BADGE);
  wait_for_text (f, "The second check must be made by someone else, not by you.");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  screenshot (f, "device-witness-same-person.png");

  /* A nurse who may not check high-alert changes. */
  tap_badge (f, SECOND_NURSE_BADGE);
  wait_for_text (f, "This person’s role may not check high-alert changes.");
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (count_audit (f, "permission.refused"), ==, refusals + 2);
  g_assert_cmpuint ((records = history (f, "pump-1"))->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The charge nurse: badge, then her own key. */
  ward_soft_key_set_auto_touch (key_of (f, "cnurse"), FALSE);
  ward_test_site_insert_key (f->site, key_of (f, "cnurse"));
  tap_badge (f, CHARGE_BADGE);
  wait_for_text (f, "Test Person: touch your security key");
  screenshot (f, "device-witness-key.png");
  ward_soft_key_touch (key_of (f, "cnurse"));
  wait_for_text (f, "Applied");
  wait_for_answer (f);
  ward_test_assert_shows_part (root (f), "Rate is now 12.0 mL/h.");
  wait_for_text (f, "Now 12.0 mL/h");
  ward_test_assert_shows_part (root (f), "checked by Test Person");

  records = history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->username, ==, "nnurse");
  g_assert_cmpstr (record->witness_username, ==, "cnurse");
  g_assert_cmpstr (record->drug, ==, "heparin");
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpint (count_audit (f, "device.change-applied"), ==, 1);
}

static void
test_high_alert (Fixture       *f,
                 gconstpointer  data)
{
  devsim_start (f, NULL, NULL);
  run_kiosk (f, check_high_alert);
}

/* -- 3. The device says no, or nothing ------------------------------------ */

static void
check_refused (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;
  const WardSettingChangeRecord *record;

  sign_in (f, "nnurse", NURSE_BADGE);
  open_device (f, "pump-1");
  devsim_control ("RefuseNext", g_variant_new ("(ss)", "pump-1", "occlusion downstream"));
  ward_test_click (ward_parameter_row_get_plus (row (f, "rate_ml_h")));
  apply (f);
  wait_for_answer (f);
  ward_test_assert_shows (root (f), "Refused by the device");
  ward_test_assert_shows_part (root (f), "refused the change: occlusion downstream.");
  ward_test_assert_shows (root (f), "Now 100.0 mL/h");
  ward_test_assert_shows_part (root (f), "refused: occlusion downstream");
  screenshot (f, "device-result-refused.png");

  records = history (f, "pump-1");
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_REFUSED);
  g_assert_cmpstr (record->outcome_detail, ==, "occlusion downstream");
  g_assert_cmpint (count_audit (f, "device.change-refused"), ==, 1);

  /* Too slow: no answer in the time allowed, and the screen says the
   * state is unknown rather than guessing. */
  ward_device_page_set_send_timeout (page (f), 700);
  devsim_control ("SetDelay", g_variant_new ("(u)", 3000));
  ward_test_click (ward_parameter_row_get_plus (row (f, "vtbi_ml")));
  apply (f);
  wait_for_answer (f);
  ward_test_assert_shows (root (f), "No answer from the device");
  ward_test_assert_shows_part (root (f), "may or may not be in effect");
  screenshot (f, "device-result-no-answer.png");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = history (f, "pump-1");
  g_assert_cmpint (((WardSettingChangeRecord *) g_ptr_array_index (records, 0))->outcome, ==,
                   WARD_SETTING_OUTCOME_NO_ANSWER);
  ward_test_assert_shows_part (root (f), "Volume to be infused is now 250 mL.");
  ward_test_assert_shows (root (f), "Now 250 mL");
  g_assert_cmpint (count_audit (f, "device.change-applied-late"), ==, 0);
  /* The device took it late: the row, the card, the record and the audit
   * all follow the device, and never disagree. */
  wait_for_text (f, "Now 251 mL");
  ward_test_assert_shows (root (f), "Applied late");
  ward_test_assert_shows_part (root (f), "applied the change late, after the time allowed.");
  ward_test_assert_shows_part (root (f), "Volume to be infused is now 251 mL.");
  g_assert_null (ward_test_find_label (root (f), "may or may not be in effect", TRUE));
  g_assert_cmpint (count_audit (f, "device.change-applied-late"), ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = history (f, "pump-1");
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpstr (record->outcome_detail, ==, "applied after the time allowed");
  screenshot (f, "device-result-applied-late.png");
  /* Another read changes nothing on file. */
  devsim_control ("SetDelay", g_variant_new ("(u)", 0));
  ward_test_spin (500);
  g_assert_cmpint (count_audit (f, "device.change-applied-late"), ==, 1);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  devsim_start (f, saline_pump, NULL);
  run_kiosk (f, check_refused);
}

/* -- 3b. Idle while work is awaited --------------------------------------- */

static void
idle_for (Fixture *f,
          gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->window);
  gtk_test_widget_wait_for_draw (root (f));
}

static void
check_idle_keeps_work (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;

  sign_in (f, "nnurse", NURSE_BADGE);
  open_device (f, "pump-1");

  /* Waiting for the second person: five quiet minutes, no warning, no lock. */
  type_value (f, "rate_ml_h", "12");
  apply (f);
  wait_for_text (f, "Second nurse: tap your badge");
  idle_for (f, 300);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_hides (root (f), "Still there?");
  ward_test_assert_shows_part (root (f), "Second nurse: tap your badge");

  /* Cancelled, the change is prepared but not sent; the idle lock comes,
   * and the lock screen says what was dropped. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.cancel-change", NULL));
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "Rate 10.0 → 12.0 mL/h");
  idle_for (f, 121);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_LOCKED);
  ward_test_assert_shows (root (f), "Not sent: Infusion pump, Rate 10.0 → 12.0 mL/h. The device did not get this change.");
  screenshot (f, "lock-change-dropped.png");
  records = history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_idle_keeps_work (Fixture       *f,
                      gconstpointer  data)
{
  devsim_start (f, NULL, NULL);
  run_kiosk (f, check_idle_keeps_work);
}

/* -- 4. Offline devices ------------------------------------------------------ */

static void
check_offline (Fixture *f)
{
  GtkWidget *card;
  g_autoptr(GPtrArray) records = NULL;

  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_wait_for (cards_with_values, f);
  card = ward_devices_section_get_card (section (f), "vent-1");
  g_assert_nonnull (ward_test_find_label (card, "Offline", FALSE));
  g_assert_nonnull (ward_test_find_label (card, "Settings cannot be read while the device is offline.", FALSE));

  open_device (f, "vent-1");
  ward_test_assert_shows_part (root (f), "This device is offline");
  g_assert_false (gtk_widget_get_sensitive (ward_parameter_row_get_plus (row (f, "fio2_percent"))));
  g_assert_false (gtk_widget_get_sensitive (ward_parameter_row_get_value_button (row (f, "fio2_percent"))));
  screenshot (f, "device-offline.png");

  /* A device going offline with a change pending: it is not sent. */
  g_assert_true (gtk_widget_activate_action (root (f), "win.show-home", NULL));
  open_device (f, "pump-1");
  ward_test_click (ward_parameter_row_get_minus (row (f, "vtbi_ml")));
  ward_test_assert_shows (root (f), "Volume to be infused 250 → 249 mL");
  devsim_control ("SetOffline", g_variant_new ("(sb)", "pump-1", TRUE));
  wait_for_text (f, "This device is offline: the change cannot be sent.");
  g_assert_false (gtk_widget_is_sensitive (ward_test_find_button (root (f), "Apply")));
  apply (f);
  ward_test_spin (300);
  records = history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 0);
  screenshot (f, "device-offline-pending.png");
  g_assert_true (gtk_widget_activate_action (root (f), "win.show-home", NULL));
  ward_test_wait_for (cards_with_values, f);
  g_assert_nonnull (ward_test_find_label (ward_devices_section_get_card (section (f), "pump-1"), "Offline", FALSE));
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  const char *offline[] = { "--offline", "vent-1", NULL };

  devsim_start (f, NULL, offline);
  run_kiosk (f, check_offline);
}

/* -- 5. No gateway; a malformed catalogue ------------------------------------ */

static gboolean
section_unavailable (gpointer data)
{
  return g_strcmp0 (ward_devices_section_get_state (section (data)), "unavailable") == 0;
}

static void
check_gateway_absent (Fixture *f)
{
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_wait_for (section_unavailable, f);
  ward_test_assert_shows (root (f), "Devices unavailable");
  ward_test_assert_shows_part (root (f), "cannot be reached from this kiosk just now");
  screenshot (f, "device-unavailable.png");

  /* The gateway starts: the cards come without anyone touching the screen. */
  devsim_start (f, NULL, NULL);
  ward_test_wait_for (cards_with_values, f);
  g_assert_nonnull (ward_devices_section_get_card (section (f), "pump-1"));
}

static void
test_gateway_absent (Fixture       *f,
                     gconstpointer  data)
{
  run_kiosk (f, check_gateway_absent);
}

static void
check_catalogue_refused (Fixture *f)
{
  sign_in (f, "nnurse", NURSE_BADGE);
  ward_test_wait_for (section_unavailable, f);
  ward_test_assert_shows_part (root (f), "could not be loaded");
  /* For IT: the file and the line. */
  ward_test_assert_shows_part (root (f), "broken-catalogue.xml:3:");
  g_assert_null (ward_devices_section_get_card (section (f), "pump-1"));
  screenshot (f, "device-catalogue-refused.png");
}

static void
test_catalogue_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *shipped = g_strdup (g_getenv ("WARDGATE_CATALOGUE"));
  g_autofree char *broken = g_build_filename (f->state_dir, "broken-catalogue.xml", NULL);
  GLogLevelFlags fatal;

  g_assert_true (g_file_set_contents (broken, "<?xml version=\"1.0\"?>\n<catalogue version=\"1\">\n"
                                              "  <device-class id=\"infusion-pump\" unknown=\"x\">\n"
                                              "  </device-class>\n</catalogue>\n", -1, NULL));
  devsim_start (f, NULL, NULL);
  g_setenv ("WARDGATE_CATALOGUE", broken, TRUE);
  /* The kiosk warns in its log that the catalogue was refused: expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  run_kiosk (f, check_catalogue_refused);
  g_log_set_always_fatal (fatal);
  g_setenv ("WARDGATE_CATALOGUE", shipped, TRUE);
  g_unlink (broken);
}

/* -- 6. What each role sees ------------------------------------------------------- */

static void
check_roles (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;

  sign_in (f, "nnurse", NURSE_BADGE);
  open_device (f, "monitor-1");
  g_assert_nonnull (ward_device_page_get_row (page (f), "hr_low"));
  g_assert_null (ward_device_page_get_row (page (f), "alarm_volume"));
  ward_test_assert_hides (root (f), "Alarm volume");
  g_assert_true (gtk_widget_activate_action (root (f), "win.show-home", NULL));
  open_device (f, "vent-1");
  g_assert_nonnull (ward_device_page_get_row (page (f), "peep_cmh2o"));
  g_assert_null (ward_device_page_get_row (page (f), "alarm_pressure_high_cmh2o"));
  ward_test_assert_hides (root (f), "High pressure alarm");
  sign_out (f);

  sign_in (f, "bbiomed", BIOMED_BADGE);
  open_device (f, "vent-1");
  g_assert_nonnull (ward_device_page_get_row (page (f), "alarm_pressure_high_cmh2o"));
  g_assert_null (ward_device_page_get_row (page (f), "peep_cmh2o"));
  g_assert_true (gtk_widget_activate_action (root (f), "win.show-home", NULL));
  open_device (f, "monitor-1");
  g_assert_nonnull (ward_device_page_get_row (page (f), "alarm_volume"));
  g_assert_null (ward_device_page_get_row (page (f), "hr_low"));
  ward_test_click (ward_parameter_row_get_plus (row (f, "alarm_volume")));
  apply (f);
  wait_for_answer (f);
  ward_test_assert_shows (root (f), "Applied");
  wait_for_text (f, "Now 6 of 10");
  screenshot (f, "device-biomed.png");
  sign_out (f);

  /* Emergency access: what the break-glass role allows, under its banner. */
  g_assert_true (gtk_widget_activate_action (root (f), "win.emergency", NULL));
  tap_badge (f, SECOND_NURSE_BADGE);
  ward_test_click (ward_test_find_button (root (f), "Cardiac arrest"));
  ward_test_wait_for (flow_signed_in, f->flow);
  open_device (f, "pump-1");
  ward_test_assert_shows_part (root (f), "EMERGENCY ACCESS");
  ward_test_assert_shows (root (f), "Emergency access: every change is recorded and reviewed.");
  g_assert_nonnull (ward_device_page_get_row (page (f), "rate_ml_h"));
  screenshot (f, "device-break-glass.png");
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  devsim_start (f, NULL, NULL);
  run_kiosk (f, check_roles);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/devices/within-limits", Fixture, NULL, fixture_set_up, test_within_limits, fixture_tear_down);
  g_test_add ("/ui/devices/high-alert-witness", Fixture, NULL, fixture_set_up, test_high_alert, fixture_tear_down);
  g_test_add ("/ui/devices/refused-and-no-answer", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/ui/devices/idle-keeps-work", Fixture, NULL, fixture_set_up, test_idle_keeps_work, fixture_tear_down);
  g_test_add ("/ui/devices/offline", Fixture, NULL, fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/ui/devices/gateway-absent", Fixture, NULL, fixture_set_up, test_gateway_absent, fixture_tear_down);
  g_test_add ("/ui/devices/catalogue-refused", Fixture, NULL, fixture_set_up, test_catalogue_refused, fixture_tear_down);
  g_test_add ("/ui/devices/roles", Fixture, NULL, fixture_set_up, test_roles, fixture_tear_down);
  return g_test_run ();
}
