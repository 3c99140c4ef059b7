/* ward-test-changes.c: device-setting changes written straight to a test ward's store, as the change pipeline would leave them */
#include "config.h"

#include "tests/common/ward-test-changes.h"

/* A rate change on pump-1 by @username in @session_id, then its outcome
 * (a refusal by the pump says "Occlusion"); PENDING leaves it waiting. */
void
ward_test_site_pump_change (WardTestSite       *site,
                            const char         *username,
                            gint64              session_id,
                            const char         *change_id,
                            double              old_value,
                            double              new_value,
                            const char         *reason,
                            WardSettingOutcome  outcome)
{
  WardStore *store = site->fixture->store;
  WardSettingChangeRequest request = {
    .change_id = change_id, .device_id = "pump-1", .parameter = "rate_ml_h", .has_old_value = TRUE,
    .old_value = old_value, .new_value = new_value, .unit = "mL/h", .reason = reason,
    .user_id = ward_test_site_person (site, username)->user_id, .session_id = session_id,
  };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ward_device_changes_add_pending (store, &request, &error), >, 0);
  g_assert_no_error (error);
  if (outcome != WARD_SETTING_OUTCOME_PENDING)
    g_assert_true (ward_device_changes_set_outcome (store, change_id, outcome,
                                                    outcome == WARD_SETTING_OUTCOME_REFUSED ? "Occlusion" : NULL,
                                                    &error));
  g_assert_no_error (error);
}
