/* test-device-change.c: the guarded change pipeline end to end, against a fake device link and a fake clock */
#include "config.h"

#include <string.h>

#include "data/ward-directory.h"
#include "tests/app/devices/ward-change-test-ward.h"

static double
a_permitted_value (const WardParameterSpec *param,
                   double                   current)
{
  return param->limits.soft_min != current ? param->limits.soft_min : param->limits.soft_max;
}

static const char *const matrix_devices[] = { "pump-3", "vent-1", "mon-1" };

/* Every role against every parameter: what the catalogue names, and only
 * that; the list the screen shows agrees with what the pipeline allows. */
static void
check_role (Ward                *ward,
            WardSession         *session,
            const char *const   *role_permissions)
{
  for (guint d = 0; d < G_N_ELEMENTS (matrix_devices); d++)
    {
      const char *class_id = ward_class_of (matrix_devices[d]);
      const WardDeviceKind *kind = ward_catalogue_get_kind (ward->catalogue, class_id);
      g_autoptr(GPtrArray) shown = ward_catalogue_list_permitted (ward->catalogue, class_id, session);
      guint n_permitted = 0;

      for (guint p = 0; p < kind->parameters->len; p++)
        {
          const WardParameterSpec *param = g_ptr_array_index (kind->parameters, p);
          double current = ward_fake_device_link_get_number (ward->link, matrix_devices[d], param->id);
          g_autoptr(WardDeviceChange) change = ward_propose (ward, session, matrix_devices[d], param->id,
                                                        a_permitted_value (param, current));
          gboolean expected = g_strv_contains (role_permissions, param->permission);
          g_autoptr(GError) error = NULL;
          gboolean ok = ward_device_change_validate (change, &error);

          if (ok != expected)
            g_error ("%s on %s: expected %s, got %s", ward_session_get_username (session), param->id,
                     expected ? "permitted" : "refused", error != NULL ? error->message : "permitted");
          if (!ok)
            g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
          n_permitted += expected;
        }
      g_assert_cmpuint (shown->len, ==, n_permitted);
    }
}

static void
test_permission_matrix (Ward          *ward,
                        gconstpointer  data)
{
  const char *adjust[] = { "device.adjust", NULL };
  const char *configure[] = { "device.configure", NULL };
  const char *nothing[] = { NULL };
  const struct
  {
    const char        *username;
    WardSessionKind    kind;
    const char *const *permissions;
  } roles[] = {
    { "nnurse", WARD_SESSION_KIND_NORMAL, adjust },
    { "cnurse", WARD_SESSION_KIND_NORMAL, adjust },
    { "bbiomed", WARD_SESSION_KIND_NORMAL, configure },
    { "aadmin", WARD_SESSION_KIND_NORMAL, nothing },
    /* A charge nurse in an emergency session gets the break-glass role only. */
    { "cnurse", WARD_SESSION_KIND_BREAK_GLASS, adjust },
  };
  guint refused_before = ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(WardSession) session = ward_start_session (ward, roles[i].username, roles[i].kind, NULL);

      check_role (ward, session, roles[i].permissions);
    }
  /* Refusals are audited: 2 configure settings × 3 adjusting sessions,
   * 13 adjust settings for biomed, all 15 for the administrator. */
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED) - refused_before, ==, 2 * 3 + 13 + 15);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 0);
}


static void
test_limits (Ward          *ward,
             gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) hard = ward_propose (ward, session, "pump-1", "rate_ml_h", 30);
  g_autoptr(WardDeviceChange) step = ward_propose (ward, session, "vent-1", "tidal_volume_ml", 455);
  g_autoptr(WardDeviceChange) unknown = ward_propose (ward, session, "vent-1", "turbo", 1);
  g_autoptr(WardDeviceChange) same = ward_propose (ward, session, "vent-1", "fio2_percent", 40);
  g_autoptr(WardDeviceChange) soft = ward_propose (ward, session, "pump-2", "rate_ml_h", 300);
  g_autoptr(WardDeviceChange) unlisted = NULL;
  g_auto(GStrv) picks = ward_device_change_list_reason_picks ();
  g_autoptr(GError) error = NULL;

  ward_assert_refused (hard, WARD_DEVICE_CHANGE_ERROR_REFUSED, "above the highest allowed, 25.0 mL/h");
  ward_assert_refused (step, WARD_DEVICE_CHANGE_ERROR_REFUSED, "steps of 10 mL");
  ward_assert_refused (unknown, WARD_DEVICE_CHANGE_ERROR_REFUSED, "not in the device catalogue");
  ward_assert_refused (same, WARD_DEVICE_CHANGE_ERROR_REFUSED, "already has this value");
  ward_fake_device_link_set_text (ward->link, "pump-3", "drug", "vancomycin");
  unlisted = ward_propose (ward, session, "pump-3", "rate_ml_h", 60);
  ward_assert_refused (unlisted, WARD_DEVICE_CHANGE_ERROR_REFUSED, "not in the drug library");

  /* A pump that does not say what it runs is not a basic infusion: its
   * limits are unknown, so nothing may change. */
  {
    g_autoptr(WardDeviceChange) silent = ward_propose (ward, session, "pump-4", "rate_ml_h", 60);
    ward_assert_refused (silent, WARD_DEVICE_CHANGE_ERROR_REFUSED, "did not say which drug");
  }

  g_assert_true (ward_device_change_validate (soft, &error));
  g_assert_no_error (error);
  g_assert_true (ward_device_change_needs_confirmation (soft));
  g_assert_nonnull (strstr (ward_device_change_get_limit_message (soft), "usual maximum of 250.0 mL/h"));
  ward_send (soft, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON);
  g_clear_error (&error);
  g_assert_false (ward_device_change_confirm_soft_limit (soft, "  because ", &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_REASON);
  g_clear_error (&error);
  g_assert_true (ward_device_change_confirm_soft_limit (soft, picks[0], &error));
  g_assert_false (ward_device_change_needs_confirmation (soft));
  g_assert_cmpint (ward_send (soft, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  {
    g_autoptr(WardSettingChangeRecord) record = ward_record_of (ward, soft);

    g_assert_cmpstr (record->reason, ==, picks[0]);
  }
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 1);
  g_assert_cmpuint (ward_count_changes (ward, "pump-1") + ward_count_changes (ward, "vent-1"), ==, 0);
}

/* Step-up falls due exactly when the last strong verification is as old
 * as the setting (5 minutes), and only for high-risk changes. */
static void
test_step_up_timing (Ward          *ward,
                     gconstpointer  data)
{
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  g_autoptr(WardSession) session = NULL;
  g_autoptr(WardDeviceChange) risky = NULL;
  g_autoptr(WardDeviceChange) routine = NULL;
  g_autoptr(GError) error = NULL;
  WardClock *clock = ward->site->fixture->clock;

  limits.idle_lock_us = G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;   /* only step-up is under test */
  session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, &limits);
  risky = ward_propose (ward, session, "vent-1", "fio2_percent", 85);      /* past the soft limit */
  routine = ward_propose (ward, session, "vent-1", "fio2_percent", 45);
  g_assert_true (ward_device_change_validate (risky, NULL));
  g_assert_true (ward_device_change_validate (routine, NULL));
  g_assert_true (ward_device_change_confirm_soft_limit (risky, "Saturation falling, doctor informed", NULL));
  g_assert_true (ward_device_change_is_high_risk (risky));
  g_assert_false (ward_device_change_is_high_risk (routine));

  g_assert_false (ward_device_change_needs_step_up (risky));
  ward_clock_advance (clock, 299 * G_USEC_PER_SEC);
  g_assert_false (ward_device_change_needs_step_up (risky));
  ward_clock_advance (clock, 1 * G_USEC_PER_SEC);
  g_assert_true (ward_device_change_needs_step_up (risky));
  g_assert_false (ward_device_change_needs_step_up (routine));

  ward_send (risky, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STEP_UP);
  g_clear_error (&error);

  /* Someone else's key does not count. */
  g_assert_false (ward_touch_key (ward, risky, FALSE, "cnurse", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (ward_device_change_needs_step_up (risky));

  g_assert_true (ward_touch_key (ward, risky, FALSE, "nnurse", &error));
  g_assert_no_error (error);
  g_assert_false (ward_device_change_needs_step_up (risky));
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_STEP_UP), ==, 1);
  ward_clock_advance (clock, 300 * G_USEC_PER_SEC);
  g_assert_true (ward_device_change_needs_step_up (risky));
  g_assert_true (ward_touch_key (ward, risky, FALSE, "nnurse", NULL));
  g_assert_cmpint (ward_send (risky, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  /* The routine change was prepared from 40 %, which is no longer what the
   * ventilator runs: it is not sent. */
  ward_send (routine, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE);
}

static void
assert_witness_refused (Ward             *ward,
                        WardDeviceChange *change,
                        const char       *badge,
                        const char       *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_device_change_witness_badge (change, badge, &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS);
  if (strstr (error->message, words) == NULL)
    g_error ("expected “%s” in “%s”", words, error->message);
  g_assert_true (ward_device_change_needs_witness (change));
  g_assert_null (ward_device_change_get_witness_name (change));
}

static void
test_double_check (Ward          *ward,
                   gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-1", "rate_ml_h", 12);
  g_autoptr(WardSettingChangeRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  guint refused_before = ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED);

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_true (ward_device_change_is_high_alert (change));
  g_assert_true (ward_device_change_needs_witness (change));
  description = ward_device_change_describe (change);
  g_assert_cmpstr (description, ==, "Heparin 100 units/mL\nRate: 10.0 → 12.0 mL/h");

  ward_send (change, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS);
  g_clear_error (&error);
  g_assert_false (ward_touch_key (ward, change, TRUE, "cnurse", &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS);
  g_clear_error (&error);

  g_assert_true (ward_directory_set_disabled (ward->site->fixture->store, ward_person (ward, "cnurse2")->user_id,
                                              TRUE, NULL));
  assert_witness_refused (ward, change, NURSE_BADGE, "You cannot check your own change");
  assert_witness_refused (ward, change, NURSE2_BADGE, "the role Nurse does not hold the double-check permission");
  assert_witness_refused (ward, change, BIOMED_BADGE,
                          "the role Biomedical engineer does not hold the double-check permission");
  assert_witness_refused (ward, change, CHARGE2_BADGE, "disabled");
  assert_witness_refused (ward, change, "DEADBEEF", "not recognised");
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_PERMISSION_REFUSED) - refused_before, ==, 4);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_BADGE_UNKNOWN), ==, 1);

  g_assert_true (ward_device_change_witness_badge (change, CHARGE_BADGE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ward_device_change_get_witness_name (change), ==, "Test Person");
  g_assert_true (ward_device_change_needs_witness (change));
  /* The badge alone is not enough, nor the requester's key in the reader. */
  g_assert_false (ward_touch_key (ward, change, TRUE, "nnurse", &error));
  g_clear_error (&error);
  g_assert_true (ward_device_change_needs_witness (change));
  g_assert_true (ward_touch_key (ward, change, TRUE, "cnurse", &error));
  g_assert_no_error (error);
  g_assert_false (ward_device_change_needs_witness (change));

  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  record = ward_record_of (ward, change);
  g_assert_cmpint (record->witness_id, ==, ward_person (ward, "cnurse")->user_id);
  g_assert_cmpstr (record->witness_username, ==, "cnurse");
  g_assert_cmpstr (record->drug, ==, "heparin");
}

/* The requester's own high-alert permission does not let them witness
 * their own change. */
static void
test_double_check_charge_nurse (Ward          *ward,
                                gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "cnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "vent-1", "peep_cmh2o", 8);

  g_assert_true (ward_device_change_validate (change, NULL));
  g_assert_true (ward_device_change_needs_witness (change));
  assert_witness_refused (ward, change, CHARGE_BADGE, "You cannot check your own change");
  g_assert_true (ward_device_change_witness_badge (change, CHARGE2_BADGE, NULL));
  g_assert_true (ward_touch_key (ward, change, TRUE, "cnurse2", NULL));
  g_assert_cmpint (ward_send (change, 1000, NULL), ==, WARD_CHANGE_APPLIED);
}

/* The session ends (tap-over, idle lock) while the device is read just
 * before sending: nothing is recorded, nothing is sent. */
/* A low alarm limit never reaches its high one, from either side (the
 * hard ranges of the two overlap between 80 and 100 bpm). */
static void
test_alarm_pairs (Ward          *ward,
                  gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) low_up = NULL;
  g_autoptr(WardDeviceChange) high_down = NULL;
  g_autoptr(WardDeviceChange) fine = NULL;
  g_autoptr(GError) error = NULL;

  ward_fake_device_link_set_number (ward->link, "mon-1", "hr_high", 85);
  low_up = ward_propose (ward, session, "mon-1", "hr_low", 90);
  ward_assert_refused (low_up, WARD_DEVICE_CHANGE_ERROR_REFUSED, "must stay below");

  ward_fake_device_link_set_number (ward->link, "mon-1", "hr_high", 120);
  ward_fake_device_link_set_number (ward->link, "mon-1", "hr_low", 95);
  high_down = ward_propose (ward, session, "mon-1", "hr_high", 90);
  ward_assert_refused (high_down, WARD_DEVICE_CHANGE_ERROR_REFUSED, "must stay above");

  fine = ward_propose (ward, session, "mon-1", "hr_low", 60);
  g_assert_true (ward_device_change_validate (fine, &error));
  g_assert_no_error (error);
}

static void
test_session_ends_during_send (Ward          *ward,
                               gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_true (ward_device_change_validate (change, &error));
  ward_device_change_send_async (change, 1000, NULL, ward_sent_cb, &wait);
  ward_session_end (session, "tap-over");
  ward_test_wait_for (ward_wait_done, &wait);
  g_assert_error (wait.error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
  g_clear_error (&wait.error);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED), ==, 0);
  g_assert_null (ward_fake_device_link_get_last_change_id (ward->link));
}

static void
test_applied (Ward          *ward,
              gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) stale = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  g_autoptr(WardDeviceChange) change = NULL;
  g_autoptr(WardSettingChangeRecord) record = NULL;
  g_autoptr(WardAuditRecord) requested = NULL;
  g_autoptr(GError) error = NULL;
  double actual = 0;

  g_assert_true (ward_device_change_validate (stale, &error));
  g_assert_false (ward_device_change_needs_witness (stale));
  /* Someone turns the pump by hand while the nurse types: what she agreed
   * to (100 → 120) is no longer the change, so nothing is sent. */
  ward_fake_device_link_set_number (ward->link, "pump-2", "rate_ml_h", 110);
  ward_send (stale, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED), ==, 0);

  change = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  g_assert_true (ward_device_change_get_actual_value (change, &actual));
  g_assert_cmpfloat (actual, ==, 120);
  g_assert_cmpstr (ward_device_change_get_outcome_message (change), ==,
                   "Bed 1 device applied the change. Rate is now 120.0 mL/h.");
  g_assert_cmpstr (ward_fake_device_link_get_last_change_id (ward->link), ==, ward_device_change_get_id (change));

  record = ward_record_of (ward, change);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_APPLIED);
  g_assert_true (record->has_old_value);
  g_assert_cmpfloat (record->old_value, ==, 110);
  g_assert_cmpfloat (record->new_value, ==, 120);
  g_assert_cmpstr (record->unit, ==, "mL/h");
  g_assert_cmpstr (record->drug, ==, "saline");
  g_assert_cmpstr (record->username, ==, "nnurse");
  g_assert_null (record->reason);
  g_assert_cmpint (record->witness_id, ==, 0);
  g_assert_cmpint (record->session_id, ==, ward_session_get_id (session));
  g_assert_cmpint (record->answered_at, >=, record->requested_at);

  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED), ==, 1);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_APPLIED), ==, 1);
  requested = ward_newest_event (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED);
  g_assert_cmpstr (requested->actor, ==, "nnurse");
  g_assert_cmpstr (requested->subject, ==, "pump-2");
  g_assert_false (requested->flagged);
  g_assert_nonnull (strstr (requested->details, "\"old\":\"110\""));
  g_assert_nonnull (strstr (requested->details, "\"new\":\"120\""));
  g_assert_nonnull (strstr (requested->details, "\"unit\":\"mL/h\""));
  g_assert_nonnull (strstr (requested->details, "\"drug\":\"saline\""));
}

typedef struct
{
  WardFakeAnswer      answer;
  WardChangeOutcome   outcome;
  WardSettingOutcome  stored;
  WardAuditEvent      event;
  double              actual;
  const char         *detail;
  const char         *words;
} AnswerCase;

static const AnswerCase answer_cases[] = {
  { WARD_FAKE_REFUSE, WARD_CHANGE_REFUSED, WARD_SETTING_OUTCOME_REFUSED, WARD_AUDIT_SETTING_CHANGE_REFUSED, 100,
    "occlusion alarm active",
    "refused the change, saying “occlusion alarm active”; check the device, then try again. Rate is now 100.0 mL/h." },
  { WARD_FAKE_NO_ANSWER, WARD_CHANGE_NO_ANSWER, WARD_SETTING_OUTCOME_NO_ANSWER, WARD_AUDIT_SETTING_CHANGE_FAILED, 100,
    NULL, "did not answer in time, so the change may or may not be in effect. Rate is now 100.0 mL/h." },
  /* It did apply, but said nothing: on file as no answer, shown as it is. */
  { WARD_FAKE_APPLY_UNANSWERED, WARD_CHANGE_NO_ANSWER, WARD_SETTING_OUTCOME_NO_ANSWER,
    WARD_AUDIT_SETTING_CHANGE_FAILED, 120, NULL, "Rate is now 120.0 mL/h." },
  { WARD_FAKE_LINK_ERROR, WARD_CHANGE_NO_ANSWER, WARD_SETTING_OUTCOME_NO_ANSWER, WARD_AUDIT_SETTING_CHANGE_FAILED,
    100, "The gateway is not reachable.", "did not answer in time" },
  /* It answered "applied" but set another value: the screen says so. */
  { WARD_FAKE_APPLY_OTHER, WARD_CHANGE_APPLIED, WARD_SETTING_OUTCOME_APPLIED, WARD_AUDIT_SETTING_CHANGE_APPLIED,
    119, NULL, "Rate is now 119.0 mL/h. This is not the value that was sent." },
};

static void
test_answers (Ward          *ward,
              gconstpointer  data)
{
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  g_autoptr(WardSession) session = NULL;

  limits.idle_lock_us = G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, &limits);

  for (guint i = 0; i < G_N_ELEMENTS (answer_cases); i++)
    {
      const AnswerCase *row = &answer_cases[i];
      g_autoptr(WardDeviceChange) change = NULL;
      g_autoptr(WardSettingChangeRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      guint events_before = ward_count_events (ward, row->event);
      guint applied_before = ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_APPLIED);
      double actual = 0;

      /* Each case a little later: an unanswered change holds its setting
       * for two minutes (see test_unanswered_hold). */
      ward_clock_advance (ward->site->fixture->clock, 121 * G_USEC_PER_SEC);
      ward_fake_device_link_set_number (ward->link, "pump-2", "rate_ml_h", 100);
      ward_fake_device_link_set_answer (ward->link, row->answer, row->detail);
      change = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
      g_assert_true (ward_device_change_validate (change, &error));
      g_assert_cmpint (ward_send (change, 1000, &error), ==, row->outcome);
      g_assert_no_error (error);

      record = ward_record_of (ward, change);
      g_assert_cmpint (record->outcome, ==, row->stored);
      g_assert_cmpstr (record->outcome_detail, ==, row->detail);
      g_assert_cmpuint (ward_count_events (ward, row->event), ==, events_before + 1);
      if (row->outcome != WARD_CHANGE_APPLIED)
        g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_APPLIED), ==, applied_before);
      g_assert_true (ward_device_change_get_actual_value (change, &actual));
      g_assert_cmpfloat (actual, ==, row->actual);
      if (strstr (ward_device_change_get_outcome_message (change), row->words) == NULL)
        g_error ("expected “%s” in “%s”", row->words, ward_device_change_get_outcome_message (change));
    }
}

/* After no answer, the same setting waits: the device may still apply the
 * first change, and a second on top could be a second bolus. */
static void
test_unanswered_hold (Ward          *ward,
                      gconstpointer  data)
{
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  g_autoptr(WardSession) session = NULL;
  g_autoptr(WardDeviceChange) first = NULL;
  g_autoptr(WardDeviceChange) again = NULL;
  g_autoptr(WardDeviceChange) other = NULL;
  g_autoptr(WardDeviceChange) later = NULL;
  g_autoptr(GError) error = NULL;

  limits.idle_lock_us = G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;   /* only the hold is under test */
  session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, &limits);
  first = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_NO_ANSWER, NULL);
  g_assert_true (ward_device_change_validate (first, &error));
  g_assert_cmpint (ward_send (first, 1000, &error), ==, WARD_CHANGE_NO_ANSWER);
  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_APPLY, NULL);

  again = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  ward_assert_refused (again, WARD_DEVICE_CHANGE_ERROR_STALE, "got no answer");
  /* Another setting of the same pump is not held. */
  other = ward_propose (ward, session, "pump-2", "vtbi_ml", 900);
  g_assert_true (ward_device_change_validate (other, &error));
  g_assert_no_error (error);

  ward_clock_advance (ward->site->fixture->clock, 120 * G_USEC_PER_SEC);
  later = ward_propose (ward, session, "pump-2", "rate_ml_h", 120);
  g_assert_true (ward_device_change_validate (later, &error));
  g_assert_no_error (error);
}

/* A link that never calls back: the pipeline gives up, records no answer. */
static void
test_never_answers (Ward          *ward,
                    gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "mon-1", "hr_low", 45);
  g_autoptr(WardSettingChangeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  ward_fake_device_link_set_answer (ward->link, WARD_FAKE_NEVER_ANSWER, NULL);
  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_cmpint (ward_send (change, 50, &error), ==, WARD_CHANGE_NO_ANSWER);
  g_assert_no_error (error);
  record = ward_record_of (ward, change);
  g_assert_cmpint (record->outcome, ==, WARD_SETTING_OUTCOME_NO_ANSWER);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_FAILED), ==, 1);
  g_assert_nonnull (strstr (ward_device_change_get_outcome_message (change), "is now 50 bpm"));
}

static void
test_sent_once (Ward          *ward,
                gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "mon-1", "spo2_low", 92);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  ward_send (change, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT);
  g_clear_error (&error);
  g_assert_false (ward_device_change_validate (change, &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 1);
  g_assert_cmpuint (ward_count_changes (ward, "mon-1"), ==, 1);
}

/* Checked again at send time: an idle-locked or ended session sends nothing. */
static void
test_session_ended (Ward          *ward,
                    gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) idle = ward_propose (ward, session, "mon-1", "hr_high", 130);
  g_autoptr(WardDeviceChange) ended = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (idle, &error));
  ward_clock_advance (ward->site->fixture->clock, 121 * G_USEC_PER_SEC);
  ward_send (idle, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  ward_session_end (session, "test");
  ended = ward_propose (ward, session, "mon-1", "hr_high", 130);
  g_assert_false (ward_device_change_validate (ended, &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 0);
  g_assert_cmpuint (ward_count_changes (ward, "mon-1"), ==, 0);
}

/* Nothing is sent or recorded when the device cannot be read first, or its
 * drug changed since the limits were checked. */
static void
test_not_sent (Ward          *ward,
               gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) offline = ward_propose (ward, session, "pump-3", "rate_ml_h", 60);
  g_autoptr(WardDeviceChange) stale = ward_propose (ward, session, "pump-3", "rate_ml_h", 60);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (offline, NULL));
  g_assert_true (ward_device_change_validate (stale, NULL));
  ward_fake_device_link_set_offline (ward->link, "pump-3", TRUE);
  ward_send (offline, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_DEVICE);
  g_clear_error (&error);

  ward_fake_device_link_set_offline (ward->link, "pump-3", FALSE);
  ward_fake_device_link_set_text (ward->link, "pump-3", "drug", "heparin");
  ward_send (stale, 1000, &error);
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_STALE);
  g_assert_cmpuint (ward_fake_device_link_get_n_applied (ward->link), ==, 0);
  g_assert_cmpuint (ward_count_changes (ward, "pump-3"), ==, 0);
  g_assert_cmpuint (ward_count_events (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED), ==, 0);
}

static void
test_break_glass (Ward          *ward,
                  gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_BREAK_GLASS, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "mon-1", "hr_low", 45);
  g_autoptr(WardAuditRecord) requested = NULL;
  g_autoptr(WardAuditRecord) applied = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_cmpint (ward_send (change, 1000, &error), ==, WARD_CHANGE_APPLIED);
  requested = ward_newest_event (ward, WARD_AUDIT_SETTING_CHANGE_REQUESTED);
  applied = ward_newest_event (ward, WARD_AUDIT_SETTING_CHANGE_APPLIED);
  g_assert_true (requested->flagged);
  g_assert_true (applied->flagged);
  g_assert_nonnull (strstr (requested->details, "\"session\":\"break-glass\""));
}

static void
test_history (Ward          *ward,
              gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) first = ward_propose (ward, session, "mon-1", "sbp_low", 85);
  g_autoptr(WardDeviceChange) second = NULL;
  g_autoptr(GPtrArray) history = NULL;
  WardSettingChangeRecord *newest;

  g_assert_true (ward_device_change_validate (first, NULL));
  g_assert_cmpint (ward_send (first, 1000, NULL), ==, WARD_CHANGE_APPLIED);
  ward_clock_advance (ward->site->fixture->clock, 10 * G_USEC_PER_SEC);
  second = ward_propose (ward, session, "mon-1", "sbp_low", 95);
  g_assert_true (ward_device_change_validate (second, NULL));
  g_assert_cmpint (ward_send (second, 1000, NULL), ==, WARD_CHANGE_APPLIED);

  history = ward_device_changes_list_recent (ward->site->fixture->store, "mon-1", 10, NULL);
  g_assert_cmpuint (history->len, ==, 2);
  newest = g_ptr_array_index (history, 0);
  g_assert_cmpstr (newest->change_id, ==, ward_device_change_get_id (second));
  g_assert_cmpfloat (newest->old_value, ==, 85);
  g_assert_cmpstr (newest->full_name, ==, "Test Person");
  g_assert_cmpstr (ward_setting_outcome_to_string (newest->outcome), ==, "applied");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, test) g_test_add (path, Ward, NULL, ward_set_up, test, ward_tear_down)
  ADD ("/device-change/session-ends-during-send", test_session_ends_during_send);
  ADD ("/device-change/alarm-pairs", test_alarm_pairs);
  ADD ("/device-change/unanswered-hold", test_unanswered_hold);
  ADD ("/device-change/permission-matrix", test_permission_matrix);
  ADD ("/device-change/limits", test_limits);
  ADD ("/device-change/step-up-timing", test_step_up_timing);
  ADD ("/device-change/double-check", test_double_check);
  ADD ("/device-change/double-check-charge-nurse", test_double_check_charge_nurse);
  ADD ("/device-change/applied", test_applied);
  ADD ("/device-change/answers", test_answers);
  ADD ("/device-change/never-answers", test_never_answers);
  ADD ("/device-change/sent-once", test_sent_once);
  ADD ("/device-change/session-ended", test_session_ended);
  ADD ("/device-change/not-sent", test_not_sent);
  ADD ("/device-change/break-glass", test_break_glass);
  ADD ("/device-change/history", test_history);
#undef ADD
  return g_test_run ();
}
