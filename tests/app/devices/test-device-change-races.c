/* test-device-change-races.c: each rule checked again at the moment of sending, one race at a time */
#include "config.h"

#include <math.h>
#include <string.h>

#include "data/ward-directory.h"
#include "tests/app/devices/ward-change-test-ward.h"

/* Long enough that only the rule under test can lock the session. */
static WardSession *
start_long_session (Ward       *ward,
                    const char *username)
{
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;

  limits.idle_lock_us = G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  return ward_start_session (ward, username, WARD_SESSION_KIND_NORMAL, &limits);
}

static void
assert_send_refused (WardDeviceChange *change,
                     int               code,
                     const char       *words)
{
  g_autoptr(GError) error = NULL;

  ward_send (change, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("expected “%s” in “%s”", words, error->message);
}

/* 1. The low alarm is prepared while the screen shows the high one at
 * 120; the high one is lowered to 85 meanwhile; the prepared low of 90
 * would then sit above it. The pair is checked against the device's
 * values read just before sending. */
static void
test_alarm_pair_against_device (Ward          *ward,
                                gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) low = ward_propose (ward, session, "mon-1", "hr_low", 90);
  g_autoptr(WardDeviceChange) high = ward_propose (ward, session, "mon-1", "hr_high", 85);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (low, &error));
  g_assert_no_error (error);
  g_assert_true (ward_device_change_confirm_soft_limit (low, "Patient is tachycardic at rest", &error));
  g_assert_true (ward_device_change_validate (high, &error));
  g_assert_true (ward_device_change_confirm_soft_limit (high, "Doctor asked for a tighter alarm", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_send (high, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);

  assert_send_refused (low, WARD_DEVICE_CHANGE_ERROR_REFUSED, "must stay below");
  g_assert_cmpfloat (ward_fake_device_link_get_number (ward->link, "mon-1", "hr_low"), ==, 50);
  g_assert_cmpuint (ward_count_changes (ward, "mon-1"), ==, 1);
}

/* A low alarm raised without an answer may still be applied late: the
 * high one cannot be lowered under it meanwhile. */
static void
test_alarm_pair_against_unanswered (Ward          *ward,
                                    gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) low = ward_propose (ward, session, "mon-1", "hr_low", 90);
  g_autoptr(WardDeviceChange) high = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (low, &error));
  g_assert_true (ward_device_change_confirm_soft_limit (low, "Patient is tachycardic at rest", &error));
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_NO_ANSWER, NULL);
  g_assert_cmpint (ward_send (low, 1000, &error), ==, WARD_CHANGE_NO_ANSWER);
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_APPLY, NULL);

  high = ward_propose (ward, session, "mon-1", "hr_high", 85);
  ward_assert_refused (high, WARD_DEVICE_CHANGE_ERROR_REFUSED, "must stay above");

  /* Two minutes on, the late change is no longer waited for. */
  ward_clock_advance (ward->site->fixture->clock, 120 * G_USEC_PER_SEC);
  g_clear_object (&high);
  high = ward_propose (ward, session, "mon-1", "hr_high", 85);
  g_assert_true (ward_device_change_validate (high, &error));
  g_assert_no_error (error);
}

/* 2. 114.9999999 is on the step of 5 within its tolerance, and is sent as
 * 115: the pair is checked on the value sent, not the value typed. */
static void
test_alarm_pair_after_rounding (Ward          *ward,
                                gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) low = NULL;

  ward_fake_device_link_set_number (ward->link, "mon-1", "sbp_high", 115);
  low = ward_propose (ward, session, "mon-1", "sbp_low", 114.9999999);
  ward_assert_refused (low, WARD_DEVICE_CHANGE_ERROR_REFUSED, "must stay below");
}

/* 3. A bolus prepared before a slow pump failed to answer another one is
 * held at the moment of sending, not only when it was prepared. */
static void
test_hold_at_send (Ward          *ward,
                   gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) prepared = NULL;
  g_autoptr(WardDeviceChange) unanswered = NULL;
  g_autoptr(GError) error = NULL;

  ward_fake_device_link_set_number (ward->link, "pump-2", "bolus_ml", 0);
  prepared = ward_propose (ward, session, "pump-2", "bolus_ml", 50);
  unanswered = ward_propose (ward, session, "pump-2", "bolus_ml", 100);
  g_assert_true (ward_device_change_validate (prepared, &error));
  g_assert_true (ward_device_change_validate (unanswered, &error));
  g_assert_no_error (error);

  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_NO_ANSWER, NULL);
  g_assert_cmpint (ward_send (unanswered, 1000, &error), ==, WARD_CHANGE_NO_ANSWER);
  g_assert_no_error (error);
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_APPLY, NULL);

  assert_send_refused (prepared, WARD_DEVICE_CHANGE_ERROR_STALE, "got no answer");
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 1);
  g_assert_cmpuint (ward_count_changes (ward, "pump-2"), ==, 1);
}

/* 4. Twenty other changes to the same monitor do not push the unanswered
 * one out of sight: the hold is looked up by setting and time. */
static void
test_hold_by_setting (Ward          *ward,
                      gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) first = ward_propose (ward, session, "mon-1", "hr_high", 130);
  g_autoptr(WardDeviceChange) again = NULL;
  g_autoptr(GError) error = NULL;

  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_NO_ANSWER, NULL);
  g_assert_true (ward_device_change_validate (first, &error));
  g_assert_cmpint (ward_send (first, 1000, &error), ==, WARD_CHANGE_NO_ANSWER);
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_APPLY, NULL);

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(WardDeviceChange) other = ward_propose (ward, session, "mon-1", "spo2_low", i % 2 ? 90 : 91);

      ward_clock_advance (ward->site->fixture->clock, 2 * G_USEC_PER_SEC);
      g_assert_true (ward_device_change_validate (other, &error));
      g_assert_cmpint (ward_send (other, 1000, &error), ==, WARD_CHANGE_APPLIED);
      g_assert_no_error (error);
    }

  again = ward_propose (ward, session, "mon-1", "hr_high", 130);
  ward_assert_refused (again, WARD_DEVICE_CHANGE_ERROR_STALE, "got no answer");
}

static WardDeviceChange *
witnessed_peep (Ward        *ward,
                WardSession *session)
{
  WardDeviceChange *change = ward_propose (ward, session, "vent-1", "peep_cmh2o", 8);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_true (ward_device_change_needs_witness (change));
  g_assert_true (ward_device_change_witness_badge (change, CHARGE_BADGE, &error));
  g_assert_true (ward_touch_key (ward, change, TRUE, "cnurse", &error));
  g_assert_no_error (error);
  g_assert_false (ward_device_change_needs_witness (change));
  return change;
}

/* 5. The witness is checked again when the change is sent: disabled, or
 * without the role that let her check it, she no longer counts. */
static void
test_witness_at_send (Ward          *ward,
                      gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) disabled = witnessed_peep (ward, session);
  g_autoptr(WardDeviceChange) demoted = witnessed_peep (ward, session);
  g_autoptr(WardDeviceChange) eligible = witnessed_peep (ward, session);
  gint64 witness = ward_person (ward, "cnurse")->user_id;
  guint refused_before = ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED);

  g_assert_true (ward_directory_set_disabled (ward->site->fixture->store, witness, TRUE, NULL));
  assert_send_refused (disabled, WARD_DEVICE_CHANGE_ERROR_WITNESS, "disabled");
  g_assert_true (ward_directory_set_disabled (ward->site->fixture->store, witness, FALSE, NULL));

  g_assert_true (ward_directory_revoke_role (ward->site->fixture->store, witness, "charge-nurse", NULL));
  assert_send_refused (demoted, WARD_DEVICE_CHANGE_ERROR_WITNESS, "hold no role with the double-check permission");
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED) - refused_before, ==, 2);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 0);
  g_assert_cmpuint (ward_count_changes (ward, "vent-1"), ==, 0);

  g_assert_true (ward_directory_grant_role (ward->site->fixture->store, witness, "charge-nurse", "aadmin", NULL));
  g_assert_cmpint (ward_send (eligible, 1000, NULL), ==, WARD_CHANGE_APPLIED);
}

/* 6. A key touch is not a way back into an idle-locked session, and does
 * not keep a session alive that nobody is using. */
static void
test_step_up_idle_session (Ward          *ward,
                           gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "vent-1", "fio2_percent", 85);
  g_autoptr(WardDeviceChange) later = NULL;
  WardClock *clock = ward->site->fixture->clock;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_true (ward_device_change_confirm_soft_limit (change, "Saturation falling, doctor informed", &error));
  g_assert_no_error (error);

  ward_clock_advance (clock, 301 * G_USEC_PER_SEC);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_IDLE_EXPIRED);
  g_assert_true (ward_device_change_needs_step_up (change));
  g_assert_false (ward_touch_key (ward, change, FALSE, "nnurse", &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_IDLE_EXPIRED);
  g_assert_true (ward_device_change_needs_step_up (change));
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_STEP_UP), ==, 0);
  assert_send_refused (change, WARD_DEVICE_CHANGE_ERROR_STEP_UP, NULL);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 0);
  g_assert_cmpuint (ward_count_changes (ward, "vent-1"), ==, 0);

  {
    g_autoptr(WardSession) other = ward_start_session (ward, "nnurse2", WARD_SESSION_KIND_NORMAL, NULL);

    /* In use for five minutes (step-up due), then 100 s without input. */
    for (guint i = 0; i < 3; i++)
      {
        ward_clock_advance (clock, 100 * G_USEC_PER_SEC);
        ward_session_touch (other);
      }
    ward_clock_advance (clock, 100 * G_USEC_PER_SEC);
    g_assert_cmpint (ward_session_get_state (other), ==, WARD_SESSION_IDLE_WARNING);
    later = ward_propose (ward, other, "vent-1", "fio2_percent", 85);
    g_assert_true (ward_device_change_validate (later, &error));
    g_assert_true (ward_device_change_confirm_soft_limit (later, "Saturation falling, doctor informed", &error));
    g_assert_true (ward_device_change_needs_step_up (later));
    g_assert_true (ward_touch_key (ward, later, FALSE, "nnurse2", &error));
    g_assert_no_error (error);
    g_assert_false (ward_device_change_needs_step_up (later));
    ward_clock_advance (clock, 21 * G_USEC_PER_SEC);
    g_assert_cmpint (ward_session_get_state (other), ==, WARD_SESSION_IDLE_EXPIRED);
  }
}

/* 7. Spaces that print nothing are not a reason. */
static void
test_invisible_reason (Ward          *ward,
                       gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-2", "rate_ml_h", 300);
  const char *invisible[] = {
    "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0",
    "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
    "\u2060\ufeff\u200d\u200c\u202f\u3000\u2007\u00ad\u200e\u200f\u2028",
    "a\u200bb\u200bc\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0",
    "1234567890 ....",
  };
  g_autoptr(WardSettingChangeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  for (guint i = 0; i < G_N_ELEMENTS (invisible); i++)
    {
      g_assert_false (ward_device_change_confirm_soft_limit (change, invisible[i], &error));
      g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON);
      g_clear_error (&error);
      g_assert_true (ward_device_change_needs_confirmation (change));
    }
  assert_send_refused (change, WARD_DEVICE_CHANGE_ERROR_REASON, NULL);

  g_assert_true (ward_device_change_confirm_soft_limit (change, "\u200bFluid\u00a0challenge\u2060 ordered ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  record = ward_record_of (ward, change);
  g_assert_cmpstr (record->reason, ==, "Fluid challenge ordered");
}

/* 8. −0 is 0: the device never sees "-0". */
static void
test_negative_zero (Ward          *ward,
                    gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) change = NULL;
  g_autoptr(WardSettingChangeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  ward_fake_device_link_set_number (ward->link, "mon-1", "alarm_pause_s", 30);
  change = ward_propose (ward, session, "mon-1", "alarm_pause_s", -0.0);
  g_assert_false (signbit (ward_device_change_get_new_value (change)));
  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  g_assert_false (signbit (ward_fake_device_link_get_number (ward->link, "mon-1", "alarm_pause_s")));
  record = ward_record_of (ward, change);
  g_assert_false (signbit (record->new_value));
}

/* 9. Offline device and ended session at once: one error, the session's,
 * in the pipeline's own domain (GLib would warn of one error set over
 * another, and a warning fails this test). */
static void
test_one_error (Ward          *ward,
                gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_true (ward_device_change_validate (change, &error));
  ward_fake_device_link_set_offline (ward->link, "pump-2", TRUE);
  ward_device_change_send_async (change, 1000, NULL, ward_sent_cb, &wait);
  ward_session_end (session, "tap-over");
  ward_test_wait_for (ward_wait_done, &wait);
  g_assert_error (wait.error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (wait.error->message, "session has ended"));
  g_clear_error (&wait.error);

  /* Whatever the key says, the answer comes in the pipeline's domain. */
  {
    g_autoptr(WardSession) other = start_long_session (ward, "nnurse2");
    g_autoptr(WardDeviceChange) again = ward_propose (ward, other, "vent-1", "fio2_percent", 85);

    g_assert_true (ward_device_change_validate (again, &error));
    g_assert_true (ward_device_change_confirm_soft_limit (again, "Saturation falling, doctor informed", &error));
    g_assert_false (ward_touch_key (ward, again, FALSE, "cnurse", &error));
    g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STEP_UP);
    g_clear_error (&error);
  }
}

/* 10. On the grid means the decimal grid point: 14.6, not 146 × 0.1. */
static void
test_decimal_grid (Ward          *ward,
                   gconstpointer  data)
{
  g_autoptr(WardSession) session = start_long_session (ward, "nnurse");
  const double values[] = { 14.6, 0.3, 0.7, 999, 1.1, 14.600000001 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(WardDeviceChange) change = NULL;
      g_autoptr(WardSettingChangeRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected_text = g_strdup_printf ("%.1f", values[i]);
      double expected = g_ascii_strtod (expected_text, NULL);

      ward_clock_advance (ward->site->fixture->clock, 10 * G_USEC_PER_SEC);
      ward_fake_device_link_set_number (ward->link, "pump-3", "rate_ml_h", 50);
      change = ward_propose (ward, session, "pump-3", "rate_ml_h", values[i]);
      g_assert_true (ward_device_change_validate (change, &error));
      g_assert_no_error (error);
      g_assert_true (ward_device_change_get_new_value (change) == expected);
      if (ward_device_change_needs_confirmation (change))
        g_assert_true (ward_device_change_confirm_soft_limit (change, "Prescribed by the doctor", NULL));
      g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
      g_assert_true (ward_fake_device_link_get_number (ward->link, "pump-3", "rate_ml_h") == expected);
      record = ward_record_of (ward, change);
      g_assert_true (record->new_value == expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, test) g_test_add (path, Ward, NULL, ward_set_up, test, ward_tear_down)
  ADD ("/device-change/race/alarm-pair-against-device", test_alarm_pair_against_device);
  ADD ("/device-change/race/alarm-pair-against-unanswered", test_alarm_pair_against_unanswered);
  ADD ("/device-change/race/alarm-pair-after-rounding", test_alarm_pair_after_rounding);
  ADD ("/device-change/race/hold-at-send", test_hold_at_send);
  ADD ("/device-change/race/hold-by-setting", test_hold_by_setting);
  ADD ("/device-change/race/witness-at-send", test_witness_at_send);
  ADD ("/device-change/race/step-up-idle-session", test_step_up_idle_session);
  ADD ("/device-change/race/invisible-reason", test_invisible_reason);
  ADD ("/device-change/race/negative-zero", test_negative_zero);
  ADD ("/device-change/race/one-error", test_one_error);
  ADD ("/device-change/race/decimal-grid", test_decimal_grid);
#undef ADD
  return g_test_run ();
}
