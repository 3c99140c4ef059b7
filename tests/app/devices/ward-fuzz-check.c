/* ward-fuzz-check.c: after each random request, every rule checked against the simulator's state file, the database and the oracle */
#include "config.h"

#include <math.h>

#include "data/ward-device-changes.h"
#include "tests/app/devices/ward-fuzz-request-private.h"

static void
check_pairs_on_device (Fuzz     *fuzz,
                       GKeyFile *state)
{
  const OracleClass *klass = oracle_class (fuzz->oracle, "patient-monitor");

  for (guint i = 0; i < klass->params->len; i++)
    {
      const OracleParam *low = g_ptr_array_index (klass->params, i);
      double low_value, high_value;

      if (low->below != NULL && fuzz_state_number (state, "monitor-1", low->id, &low_value)
          && fuzz_state_number (state, "monitor-1", low->below, &high_value) && low_value >= high_value)
        fuzz_violation (fuzz, "alarm pair out of order on the monitor: %s %g, %s %g", low->id, low_value,
                        low->below, high_value);
    }
}

/* What the kiosk sent keeps its pair in order against the other limit as
 * the device reported it just before sending, and against any value an
 * unanswered change may still give it. */
static void
check_pair_sent (Request                 *r,
                 WardSettingChangeRecord *record)
{
  Fuzz *fuzz = r->fuzz;
  gboolean is_low = FALSE;
  const OracleParam *partner = fuzz_partner_of (fuzz, r->device->class_id, r->param, &is_low);
  g_autofree char *key = NULL;
  FuzzHold *hold;
  double values[2];
  guint n = 0;

  if (partner == NULL || record->outcome == WARD_SETTING_OUTCOME_REFUSED)
    return;
  if (!r->uncertain && fuzz_state_number (r->at_send, r->device->id, partner->id, &values[n]))
    n++;
  key = g_strdup_printf ("%s/%s", r->device->id, partner->id);
  hold = g_hash_table_lookup (fuzz->holds, key);
  if (hold != NULL && hold->unanswered && record->requested_at - hold->requested_at < HOLD_S)
    values[n++] = hold->new_value;
  for (guint i = 0; i < n; i++)
    if (is_low ? record->new_value >= values[i] : record->new_value <= values[i])
      fuzz_violation (fuzz, "%s %g sent against %s %g", r->param->id, record->new_value, partner->id, values[i]);
}

static void
repair_pairs (Fuzz     *fuzz,
              GKeyFile *state)
{
  const OracleClass *klass = oracle_class (fuzz->oracle, "patient-monitor");

  for (guint i = 0; i < klass->params->len; i++)
    {
      const OracleParam *low = g_ptr_array_index (klass->params, i);
      double low_value, high_value;

      if (low->below != NULL && fuzz_state_number (state, "monitor-1", low->id, &low_value)
          && fuzz_state_number (state, "monitor-1", low->below, &high_value) && low_value >= high_value)
        {
          fuzz->n_raced++;
          fuzz_bedside_set (fuzz, "monitor-1", low->id, g_variant_new_double (low->limits.hard_min));
        }
    }
}

static void
check_record (Request                 *r,
              WardChangeOutcome        outcome,
              WardSettingChangeRecord *record,
              GKeyFile                *after)
{
  static const WardSettingOutcome stored[] = {
    [WARD_CHANGE_APPLIED] = WARD_SETTING_OUTCOME_APPLIED,
    [WARD_CHANGE_REFUSED] = WARD_SETTING_OUTCOME_REFUSED,
    [WARD_CHANGE_NO_ANSWER] = WARD_SETTING_OUTCOME_NO_ANSWER,
  };
  Fuzz *fuzz = r->fuzz;
  const char *class_id = r->device->class_id;
  const char *role = ward_session_get_kind (r->session) == WARD_SESSION_KIND_BREAK_GLASS ? "break-glass"
                                                                                        : r->requester->role;
  g_autofree char *key = g_strdup_printf ("%s/%s", r->device->id, r->parameter);
  FuzzHold *hold = g_hash_table_lookup (fuzz->holds, key);
  double value_after = 0, actual = 0;
  gboolean have_after = fuzz_state_number (after, r->device->id, r->parameter, &value_after);
  OracleVerdict verdict;

  fuzz->n_recorded++;
  fuzz->n_outcomes[outcome]++;
  if (record->outcome != stored[outcome])
    fuzz_violation (fuzz, "answer %d on file as %s", outcome, ward_setting_outcome_to_string (record->outcome));
  if (record->user_id != r->requester->user_id || record->session_id != ward_session_get_id (r->session))
    fuzz_violation (fuzz, "the record names someone else than %s", r->requester->username);
  if (!fuzz_session_active (fuzz, r->session))
    fuzz_violation (fuzz, "sent from a session that is not active (%s)", r->requester->username);
  if (r->param == NULL)
    {
      fuzz_violation (fuzz, "a setting not in the catalogue was sent");
      return;
    }
  if (r->requester->disabled || !oracle_role_can (role, r->param->permission))
    fuzz_violation (fuzz, "%s (%s) changed %s without %s", r->requester->username, role, r->parameter,
                    r->param->permission);
  if (g_str_equal (class_id, "infusion-pump") && !r->uncertain
      && g_strcmp0 (record->drug != NULL ? record->drug : "", r->drug_at_send) != 0)
    fuzz_violation (fuzz, "drug on file %s, the pump ran %s", record->drug, r->drug_at_send);
  if (record->new_value != ward_device_change_get_new_value (r->change) || signbit (record->new_value))
    fuzz_violation (fuzz, "value on file %.17g, sent %.17g", record->new_value,
                    ward_device_change_get_new_value (r->change));

  verdict = oracle_judge (fuzz->oracle, class_id, r->parameter, record->drug, record->new_value);
  if (verdict == ORACLE_FORBIDDEN)
    fuzz_violation (fuzz, "%s %.17g sent (drug %s): outside the hard limits or off the grid", r->parameter,
                    record->new_value, record->drug);
  if (verdict == ORACLE_SOFT)
    {
      fuzz->n_soft++;
      if (!oracle_real_reason (record->reason))
        fuzz_violation (fuzz, "%s %.17g past a soft limit without a real reason", r->parameter, record->new_value);
    }
  if (oracle_high_alert (fuzz->oracle, class_id, r->parameter, record->drug))
    {
      FuzzPerson *witness = fuzz_person_by_id (fuzz, record->witness_id);

      fuzz->n_witnessed++;
      if (witness == NULL || record->witness_id == record->user_id)
        fuzz_violation (fuzz, "high-alert %s sent without a distinct witness", r->parameter);
      else if (witness != r->witness)
        fuzz_violation (fuzz, "%s on file as witness, %s checked", witness->username,
                        r->witness != NULL ? r->witness->username : "nobody");
      else if (witness->disabled || witness->demoted || !oracle_role_can (witness->role, r->param->permission)
               || !oracle_role_can (witness->role, "device.adjust.high-alert"))
        fuzz_violation (fuzz, "high-alert %s sent with %s, not eligible at sending", r->parameter,
                        witness->username);
    }
  else if (record->witness_id != 0)
    fuzz_violation (fuzz, "a witness on file for %s, which needs none", r->parameter);

  if (!r->uncertain && r->have_old && have_after)
    {
      if (!record->has_old_value || record->old_value != r->expected_old)
        fuzz_violation (fuzz, "old value on file %g, the device had %g", record->old_value, r->expected_old);
      if (outcome == WARD_CHANGE_APPLIED && value_after != record->new_value)
        fuzz_violation (fuzz, "%s applied as %.17g, the device holds %.17g", r->parameter, record->new_value,
                        value_after);
      if (outcome == WARD_CHANGE_REFUSED && value_after != r->expected_old)
        fuzz_violation (fuzz, "%s refused, yet the device moved to %g", r->parameter, value_after);
      if (outcome != WARD_CHANGE_NO_ANSWER
          && (!ward_device_change_get_actual_value (r->change, &actual) || actual != value_after))
        fuzz_violation (fuzz, "%s reported as %g, the device holds %g", r->parameter, actual, value_after);
    }

  /* No second change to a setting while an unanswered one may still land,
   * unless the device already showed it. */
  if (hold != NULL && hold->unanswered && record->requested_at - hold->requested_at < HOLD_S
      && fabs (record->old_value - hold->new_value) > r->param->step / 2)
    fuzz_violation (fuzz, "%s changed again %" G_GINT64_FORMAT " s after a change that got no answer", key,
                    record->requested_at - hold->requested_at);
  if (hold == NULL)
    {
      hold = g_new0 (FuzzHold, 1);
      g_hash_table_insert (fuzz->holds, g_strdup (key), hold);
    }
  hold->requested_at = record->requested_at;
  hold->new_value = record->new_value;
  hold->unanswered = outcome == WARD_CHANGE_NO_ANSWER;
  check_pair_sent (r, record);

  /* The change that got no answer landed if this one found it on the
   * device (nothing else may change the setting until then). */
  if (fuzz->in_flight && g_str_equal (fuzz->in_flight_device, r->device->id)
      && g_str_equal (fuzz->in_flight_param, r->parameter) && record->has_old_value
      && record->old_value == fuzz->in_flight_value)
    {
      fuzz->n_late++;
      fuzz->in_flight = FALSE;
    }
  /* An offline device was never reached: nothing can land later. */
  if (outcome == WARD_CHANGE_NO_ANSWER && r->mid != MID_OFFLINE)
    {
      fuzz->in_flight = TRUE;
      fuzz->in_flight_device = r->device->id;
      fuzz->in_flight_param = r->param->id;
      fuzz->in_flight_value = record->new_value;
      fuzz->in_flight_until_us = g_get_monotonic_time () + SLOW_DELAY_MS * 1000 + LATE_MARGIN_US;
      fuzz->in_flight_sent_at = record->requested_at;
    }
}

void
fuzz_check_request (Request  *r,
               Wait     *wait,
               GKeyFile *before)
{
  Fuzz *fuzz = r->fuzz;
  WardStore *store = fuzz->site->fixture->store;
  g_autoptr(GKeyFile) after = fuzz_read_state (fuzz);
  const char *change_id = ward_device_change_get_id (r->change);
  g_autoptr(WardSettingChangeRecord) record = ward_device_changes_get (store, change_id, NULL);
  g_autoptr(GPtrArray) newest = ward_device_changes_list_recent (store, r->device->id, 1, NULL);
  const char *newest_id = newest != NULL && newest->len > 0
                        ? ((WardSettingChangeRecord *) g_ptr_array_index (newest, 0))->change_id : NULL;
  double value_after = 0;

  if (wait->error != NULL)
    {
      fuzz->n_refused_before_sending++;
      if (wait->error->domain == WARD_DEVICE_CHANGE_ERROR && wait->error->code >= 0
          && wait->error->code <= WARD_DEVICE_CHANGE_ERROR_FAILED)
        fuzz->n_refusals[wait->error->code]++;
      if (wait->error->domain != WARD_DEVICE_CHANGE_ERROR)
        fuzz_violation (fuzz, "an error outside the pipeline's domain: %s", wait->error->message);
      if (record != NULL)
        fuzz_violation (fuzz, "refused (%s) yet recorded", wait->error->message);
      if (!r->uncertain && r->mid != MID_BEDSIDE_SAME && r->have_old
          && fuzz_state_number (after, r->device->id, r->parameter, &value_after) && value_after != r->expected_old)
        fuzz_violation (fuzz, "%s/%s moved from %g to %g though nothing was sent", r->device->id, r->parameter,
                        r->expected_old, value_after);
    }
  else if (record == NULL)
    fuzz_violation (fuzz, "an answer from the device, and no record of the change");
  else
    check_record (r, wait->outcome, record, after);

  if (g_strcmp0 (newest_id, record != NULL ? change_id : r->device->newest) != 0)
    fuzz_violation (fuzz, "the newest record of %s is %s, not the one expected", r->device->id, newest_id);
  if (record != NULL)
    {
      g_free (r->device->newest);
      r->device->newest = g_strdup (change_id);
    }
  /* A hand turn between the kiosk's last read and the device applying
   * its change is beyond what the kiosk can see (only a gateway that
   * applies conditionally could); the kiosk's side of it is checked on
   * the record above. The pair is put back in order by hand then. */
  if (r->raced)
    repair_pairs (fuzz, after);
  else
    check_pairs_on_device (fuzz, after);
  (void) before;
}

/* A change is prepared as a screen would: a person, a device, a setting,
 * a value, then the confirmation, step-up and witness it asks for (each
 * now and then left out or done wrong). */
