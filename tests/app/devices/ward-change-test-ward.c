/* ward-change-test-ward.c: a small ward of people and devices behind a fake link, for the change pipeline's tests */
#include "config.h"

#include <string.h>

#include "data/ward-device-changes.h"
#include "tests/app/devices/ward-change-test-ward.h"

static const struct
{
  const char *id;
  const char *class_id;
  const char *settings;
} devices[] = {
  { "pump-1", "infusion-pump", "{'drug': <'heparin'>, 'rate_ml_h': <10.0>, 'vtbi_ml': <250.0>, 'bolus_ml': <0.0>}" },
  { "pump-2", "infusion-pump", "{'drug': <'saline'>, 'rate_ml_h': <100.0>, 'vtbi_ml': <1000.0>}" },
  { "pump-3", "infusion-pump", "{'drug': <''>, 'rate_ml_h': <50.0>, 'vtbi_ml': <500.0>, 'bolus_ml': <5.0>}" },
  { "pump-4", "infusion-pump", "{'rate_ml_h': <50.0>, 'vtbi_ml': <500.0>}" },
  { "vent-1", "ventilator", "{'fio2_percent': <40.0>, 'peep_cmh2o': <5.0>, 'tidal_volume_ml': <450.0>,"
                            " 'resp_rate_bpm': <14.0>, 'alarm_pressure_high_cmh2o': <35.0>}" },
  { "mon-1", "patient-monitor", "{'hr_low': <50.0>, 'hr_high': <120.0>, 'spo2_low': <90.0>, 'sbp_low': <90.0>,"
                                " 'sbp_high': <160.0>, 'alarm_volume': <5.0>, 'alarm_pause_s': <0.0>}" },
};

void
ward_set_up (Ward          *ward,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ward->site = ward_test_site_new ();
  ward_test_site_add_person (ward->site, "nnurse", "nurse", NURSE_BADGE, TRUE, FALSE);
  ward_test_site_add_person (ward->site, "nnurse2", "nurse", NURSE2_BADGE, TRUE, FALSE);
  ward_test_site_add_person (ward->site, "cnurse", "charge-nurse", CHARGE_BADGE, TRUE, FALSE);
  ward_test_site_add_person (ward->site, "cnurse2", "charge-nurse", CHARGE2_BADGE, TRUE, FALSE);
  ward_test_site_add_person (ward->site, "bbiomed", "biomed", BIOMED_BADGE, TRUE, FALSE);
  ward_test_site_add_person (ward->site, "aadmin", "admin", ADMIN_BADGE, TRUE, FALSE);

  ward->catalogue = ward_catalogue_load (WARD_TEST_CATALOGUE, &error);
  g_assert_no_error (error);
  ward->link = ward_fake_device_link_new ();
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    ward_fake_device_link_add_device (ward->link, devices[i].id, devices[i].class_id, devices[i].id,
                                      g_variant_new_parsed (devices[i].settings));
  ward->context = (WardDeviceChangeContext) {
    .store = ward->site->fixture->store,
    .policy = ward->site->policy,
    .keys = ward->site->keys,
    .catalogue = ward->catalogue,
    .link = WARD_DEVICE_LINK (ward->link),
  };
}

void
ward_tear_down (Ward          *ward,
                gconstpointer  data)
{
  g_clear_object (&ward->link);
  g_clear_object (&ward->catalogue);
  ward_test_site_free (ward->site);
}

WardTestPerson *
ward_person (Ward       *ward,
        const char *username)
{
  return ward_test_site_person (ward->site, username);
}

WardSession *
ward_start_session (Ward                    *ward,
               const char              *username,
               WardSessionKind          kind,
               const WardSessionLimits *limits)
{
  g_autoptr(GError) error = NULL;
  WardSession *session = ward_session_start (ward->site->fixture->store, ward_person (ward, username)->user_id, kind,
                                             kind == WARD_SESSION_KIND_BREAK_GLASS ? "Patient arrested, no key" : NULL,
                                             limits, &error);

  g_assert_no_error (error);
  return session;
}

const char *
ward_class_of (const char *device_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (g_str_equal (devices[i].id, device_id))
      return devices[i].class_id;
  g_assert_not_reached ();
}

WardDeviceChange *
ward_propose (Ward        *ward,
         WardSession *session,
         const char  *device_id,
         const char  *parameter,
         double       value)
{
  WardDeviceInfo info = { (char *) device_id, (char *) ward_class_of (device_id), (char *) "Bed 1 device",
                          (char *) "bed-1", WARD_DEVICE_STATUS_ONLINE, NULL };
  g_autoptr(GVariant) settings = ward_fake_device_link_get_settings (ward->link, device_id);

  return ward_device_change_new (&ward->context, session, &info, settings, parameter, value);
}

gboolean
ward_wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

void
ward_sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->outcome = ward_device_change_send_finish (WARD_DEVICE_CHANGE (source), result, &wait->error);
  wait->done = TRUE;
}

WardChangeOutcome
ward_send (WardDeviceChange  *change,
      guint              timeout_ms,
      GError           **error)
{
  Wait wait = { 0 };

  ward_device_change_send_async (change, timeout_ms, NULL, ward_sent_cb, &wait);
  ward_test_wait_for (ward_wait_done, &wait);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.outcome;
}

/* Touches the key of key_owner: the reader holds whichever key is inserted. */
gboolean
ward_touch_key (Ward              *ward,
           WardDeviceChange  *change,
           gboolean           witness,
           const char        *key_owner,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ward_test_site_insert_key (ward->site, ward_person (ward, key_owner)->key);
  if (witness)
    ward_device_change_witness_key_async (change, NULL, NULL, ward_test_keep_result_cb, &result);
  else
    ward_device_change_step_up_async (change, NULL, NULL, ward_test_keep_result_cb, &result);
  ward_test_wait_for_result (&result);
  return witness ? ward_device_change_witness_key_finish (change, result, error)
                 : ward_device_change_step_up_finish (change, result, error);
}

guint
ward_count_events (Ward           *ward,
              WardAuditEvent  event)
{
  WardAuditFilter filter = { .event_prefix = ward_audit_event_name (event) };
  g_autoptr(GPtrArray) records = ward_audit_list (ward->site->fixture->store, &filter, NULL);

  return records->len;
}

WardAuditRecord *
ward_newest_event (Ward           *ward,
              WardAuditEvent  event)
{
  WardAuditFilter filter = { .event_prefix = ward_audit_event_name (event), .limit = 1 };
  g_autoptr(GPtrArray) records = ward_audit_list (ward->site->fixture->store, &filter, NULL);

  g_assert_cmpuint (records->len, ==, 1);
  return g_ptr_array_steal_index (records, 0);
}

guint
ward_count_changes (Ward       *ward,
               const char *device_id)
{
  g_autoptr(GPtrArray) records = ward_device_changes_list_recent (ward->site->fixture->store, device_id, 0, NULL);

  return records->len;
}

WardSettingChangeRecord *
ward_record_of (Ward             *ward,
           WardDeviceChange *change)
{
  g_autoptr(GError) error = NULL;
  WardSettingChangeRecord *record = ward_device_changes_get (ward->site->fixture->store,
                                                             ward_device_change_get_id (change), &error);

  g_assert_no_error (error);
  return record;
}

void
ward_assert_refused (WardDeviceChange *change,
                int               code,
                const char       *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_device_change_validate (change, &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, code);
  if (strstr (error->message, words) == NULL)
    g_error ("expected “%s” in “%s”", words, error->message);
}
