/* test-devices.c: the bedside device screens in the real window: changes within limits, high-alert with a witness, refusals, idle while work is awaited */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "data/ward-device-changes.h"
#include "tests/ui/ward-test-devices.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"

/* The kiosk and wardgate-devsim of tests/ui/ward-test-devices.c. */
typedef WardTestDevices Fixture;

/* A maintenance infusion: not high-alert, so one nurse may change it. */
static const char saline_pump[] = "[pump-1]\ndrug=saline\nrate_ml_h=100\n";

/* -- 1. A change within limits, with the steppers ------------------------------ */

static void
check_within_limits (Fixture *f)
{
  const WardSettingChangeRecord *record;
  g_autoptr(GPtrArray) records = NULL;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_devices_cards_shown, f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Devices");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Infusion pump");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "100.0 mL/h");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Sodium chloride 0.9% (maintenance)");
  ward_test_kiosk_screenshot (&f->k, "device-home.png");

  ward_test_devices_open (f, "pump-1");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Now 100.0 mL/h");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Usual 20.0–250.0");
  ward_test_click (ward_parameter_row_get_plus (ward_test_devices_row (f, "rate_ml_h")));
  ward_test_click (ward_parameter_row_get_plus (ward_test_devices_row (f, "rate_ml_h")));
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Rate 100.0 → 100.2 mL/h");
  /* The wished value is a separate chip; the big number stays the device's. */
  g_assert_cmpstr (ward_parameter_row_get_pending_text (ward_test_devices_row (f, "rate_ml_h")), ==, "New: 100.2 mL/h");
  g_assert_cmpstr (ward_parameter_row_get_value_text (ward_test_devices_row (f, "rate_ml_h")), ==, "100.0");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Now 100.0 mL/h");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Read just now");
  ward_test_kiosk_screenshot (&f->k, "device-page.png");

  ward_test_devices_apply (f);
  /* Until the device is read again, nothing on screen claims the new value. */
  while (ward_device_page_is_busy (ward_test_devices_page (f)))
    {
      g_assert_null (ward_test_find_label (GTK_WIDGET (f->k.window), "Rate is now 100.2 mL/h.", TRUE));
      g_assert_cmpstr (ward_parameter_row_get_value_text (ward_test_devices_row (f, "rate_ml_h")), ==, "100.0");
      g_main_context_iteration (NULL, TRUE);
    }
  /* The card and the row come from the same read. */
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Applied");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Rate is now 100.2 mL/h.");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Now 100.2 mL/h");
  g_assert_null (ward_parameter_row_get_pending_text (ward_test_devices_row (f, "rate_ml_h")));
  ward_test_devices_wait_for_answer (f);
  /* The row shows the device's value, read back. */
  ward_test_devices_wait_for_text (f, "Now 100.2 mL/h");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Rate 100.0 → 100.2 mL/h · applied");
  ward_test_kiosk_screenshot (&f->k, "device-result-applied.png");

  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->parameter, ==, "rate_ml_h");
  g_assert_cmpfloat_with_epsilon (record->old_value, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (record->new_value, 100.2, 1e-9);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpstr (record->username, ==, "nnurse");
  g_assert_cmpint (record->witness_id, ==, 0);
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-requested"), ==, 1);
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-applied"), ==, 1);

  /* Beyond the usual range: amber warning, a reason picked, then sent. */
  ward_test_devices_type_value (f, "rate_ml_h", "300");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Rate 100.2 → 300.0 mL/h");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "above the usual maximum");
  ward_test_kiosk_screenshot (&f->k, "device-soft-limit.png");
  ward_test_devices_apply (f);
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Give a reason");
  ward_test_click (ward_device_page_get_reason_button (ward_test_devices_page (f), 0));
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_answer (f);
  ward_test_devices_wait_for_text (f, "Now 300.0 mL/h");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->reason, ==, "Prescribed by the doctor for this patient");
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
}

/* -- 2. A high-alert change: step-up, then a second person ----------------- */

static void
check_high_alert (Fixture *f)
{
  WardSoftKey *key = ward_test_kiosk_key_of (&f->k, "nnurse");
  g_autoptr(GPtrArray) records = NULL;
  const WardSettingChangeRecord *record;
  gint64 refusals;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_devices_open (f, "pump-1");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Heparin 100 units/mL");
  ward_test_devices_type_value (f, "rate_ml_h", "12");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Rate 10.0 → 12.0 mL/h");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "A charge nurse must check this change before it is sent.");

  /* Her last key touch is now older than the kiosk allows for this change. */
  ward_clock_advance (f->k.site->fixture->clock, 31 * G_USEC_PER_SEC);
  ward_soft_key_set_auto_touch (key, FALSE);
  ward_test_site_insert_key (f->k.site, key);
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_text (f, "Touch your key again");
  ward_test_kiosk_screenshot (&f->k, "device-step-up.png");
  ward_soft_key_touch (key);

  ward_test_devices_wait_for_text (f, "Second person: tap your badge");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Heparin 100 units/mL\nRate: 10.0 → 12.0 mL/h");
  ward_test_kiosk_screenshot (&f->k, "device-witness.png");

  /* Her own badge: refused in words, and she stays signed in. */
  refusals = ward_test_devices_count_audit (f, "permission.refused");
  ward_test_devices_tap_badge (f, WARD_TEST_NURSE_BADGE);
  ward_test_devices_wait_for_text (f, "You cannot check your own change: a second person must tap their badge.");
  g_assert_cmpint (ward_auth_flow_get_state (f->k.flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_kiosk_screenshot (&f->k, "device-witness-same-person.png");

  /* A nurse who may not check high-alert changes. */
  ward_test_devices_tap_badge (f, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_devices_wait_for_text (f, "Test Person cannot check changes: the role Nurse does not hold the double-check permission.");
  g_assert_cmpint (ward_auth_flow_get_state (f->k.flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_test_devices_count_audit (f, "permission.refused"), ==, refusals + 2);
  g_assert_cmpuint ((records = ward_test_devices_history (f, "pump-1"))->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The charge nurse: badge, then her own key. */
  ward_soft_key_set_auto_touch (ward_test_kiosk_key_of (&f->k, "cnurse"), FALSE);
  ward_test_site_insert_key (f->k.site, ward_test_kiosk_key_of (&f->k, "cnurse"));
  ward_test_devices_tap_badge (f, WARD_TEST_CHARGE_BADGE);
  ward_test_devices_wait_for_text (f, "Test Person: touch your security key");
  ward_test_kiosk_screenshot (&f->k, "device-witness-key.png");
  ward_soft_key_touch (ward_test_kiosk_key_of (&f->k, "cnurse"));
  ward_test_devices_wait_for_text (f, "Applied");
  ward_test_devices_wait_for_answer (f);
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Rate is now 12.0 mL/h.");
  ward_test_devices_wait_for_text (f, "Now 12.0 mL/h");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "checked by Test Person");

  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->username, ==, "nnurse");
  g_assert_cmpstr (record->witness_username, ==, "cnurse");
  g_assert_cmpstr (record->drug, ==, "heparin");
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-applied"), ==, 1);
}

/* -- 3. The device says no, or nothing ------------------------------------ */

static void
check_refused (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;
  const WardSettingChangeRecord *record;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_devices_open (f, "pump-1");
  ward_test_devsim_control ("RefuseNext", g_variant_new ("(ss)", "pump-1", "occlusion downstream"));
  ward_test_click (ward_parameter_row_get_plus (ward_test_devices_row (f, "rate_ml_h")));
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_answer (f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Refused by the device");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "refused the change, saying “occlusion downstream”; check the device, then try again.");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Now 100.0 mL/h");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "refused: occlusion downstream");
  ward_test_kiosk_screenshot (&f->k, "device-result-refused.png");

  records = ward_test_devices_history (f, "pump-1");
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_REFUSED);
  g_assert_cmpstr (record->outcome_detail, ==, "occlusion downstream");
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-refused"), ==, 1);

  /* Too slow: no answer in the time allowed, and the screen says the
   * state is unknown rather than guessing. */
  ward_device_page_set_send_timeout (ward_test_devices_page (f), 700);
  ward_test_devsim_control ("SetDelay", g_variant_new ("(u)", 3000));
  ward_test_click (ward_parameter_row_get_plus (ward_test_devices_row (f, "vtbi_ml")));
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_answer (f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "No answer from the device");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "may or may not be in effect");
  ward_test_kiosk_screenshot (&f->k, "device-result-no-answer.png");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpint (((WardSettingChangeRecord *) g_ptr_array_index (records, 0))->outcome, ==,
                   WARD_SETTING_OUTCOME_NO_ANSWER);
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Volume to be infused is now 250 mL.");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Now 250 mL");
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-applied-late"), ==, 0);
  /* The device took it late: the row, the card, the record and the audit
   * all follow the device, and never disagree. */
  ward_test_devices_wait_for_text (f, "Now 251 mL");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Applied late");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "applied the change late, after the time allowed.");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Volume to be infused is now 251 mL.");
  g_assert_null (ward_test_find_label (GTK_WIDGET (f->k.window), "may or may not be in effect", TRUE));
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-applied-late"), ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = ward_test_devices_history (f, "pump-1");
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_cmpstr (record->outcome_detail, ==, "applied after the time allowed");
  ward_test_kiosk_screenshot (&f->k, "device-result-applied-late.png");
  /* Another read changes nothing on file. */
  ward_test_devsim_control ("SetDelay", g_variant_new ("(u)", 0));
  ward_test_spin (500);
  g_assert_cmpint (ward_test_devices_count_audit (f, "device.change-applied-late"), ==, 1);
}

/* -- 3b. Idle while work is awaited --------------------------------------- */

static void
idle_for (Fixture *f,
          gint64   seconds)
{
  ward_clock_advance (f->k.site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_window_tick (f->k.window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
}

static void
check_idle_keeps_work (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_devices_open (f, "pump-1");

  /* Waiting for the second person: five quiet minutes, no warning, no lock. */
  ward_test_devices_type_value (f, "rate_ml_h", "12");
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_text (f, "Second person: tap your badge");
  idle_for (f, 300);
  g_assert_cmpint (ward_auth_flow_get_state (f->k.flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_assert_hides (GTK_WIDGET (f->k.window), "Still there?");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "Second person: tap your badge");
  /* The bar says the screen will not lock, not a countdown of the
   * session's own limit hours away ("Locks in 715:00"). */
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "No lock while you wait");
  g_assert_null (ward_test_find_label (GTK_WIDGET (f->k.window), "Locks in", TRUE));

  /* Cancelled, the change is prepared but not sent; the idle lock comes,
   * and the lock screen says what was dropped. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ward_test_devices_page (f)), "device.cancel-change", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->k.window));
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Rate 10.0 → 12.0 mL/h");
  ward_test_devices_wait_for_text (f, "Locks in ");
  ward_test_assert_hides (GTK_WIDGET (f->k.window), "No lock while you wait");
  idle_for (f, 121);
  g_assert_cmpint (ward_auth_flow_get_state (f->k.flow), ==, WARD_AUTH_STATE_LOCKED);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Not sent: Infusion pump, Rate 10.0 → 12.0 mL/h. The device did not get this change.");
  ward_test_kiosk_screenshot (&f->k, "lock-change-dropped.png");
  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 0);
}

/* Tests that only start the simulator and run their check. */
static const WardTestDevicesCase cases[] = {
  { "/ui/devices/within-limits", saline_pump, check_within_limits },
  { "/ui/devices/high-alert-witness", NULL, check_high_alert },
  { "/ui/devices/refused-and-no-answer", saline_pump, check_refused },
  { "/ui/devices/idle-keeps-work", NULL, check_idle_keeps_work },
};

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  ward_test_devices_add_cases (cases, G_N_ELEMENTS (cases));
  return g_test_run ();
}
