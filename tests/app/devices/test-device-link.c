/* test-device-link.c: the D-Bus device link against wardgate-devsim on a private session bus */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "app/devices/ward-dbus-device-link.h"
#include "tests/common/ward-test-devsim.h"

/* Only keeps a broken test from hanging; no assertion depends on it. */
#define HANG_GUARD_S 15

typedef struct
{
  WardTestDevsim  devsim;
  WardDeviceLink *link;
  guint           availability_changes;
  GPtrArray      *changed;   /* device ids from "device-changed" */
  GPtrArray      *offline;   /* device ids from "offline" */
  GPtrArray      *alarms;    /* "id: message" from "alarm" */
  GAsyncResult   *result;
  gboolean        hung;
} Fixture;

static gboolean
on_hang_guard (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

#define WAIT_UNTIL(f, cond)                                                   \
  G_STMT_START {                                                              \
    guint guard_ = g_timeout_add_seconds (HANG_GUARD_S, on_hang_guard, &(f)->hung); \
    while (!(cond) && !(f)->hung)                                             \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_assert_false ((f)->hung);                                               \
    g_source_remove (guard_);                                                 \
  } G_STMT_END

static gboolean
received (GPtrArray  *ids,
          const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* The link, driven synchronously for readable tests */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
}

static GAsyncResult *
await_result (Fixture *f)
{
  WAIT_UNTIL (f, f->result != NULL);
  return g_steal_pointer (&f->result);
}

static GPtrArray *
list_devices (Fixture     *f,
              const char  *bed,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ward_device_link_list_devices_async (f->link, bed, NULL, on_result, f);
  result = await_result (f);
  return ward_device_link_list_devices_finish (f->link, result, error);
}

static GVariant *
read_settings (Fixture     *f,
               const char  *device_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ward_device_link_read_settings_async (f->link, device_id, NULL, on_result, f);
  result = await_result (f);
  return ward_device_link_read_settings_finish (f->link, result, error);
}

static double
read_number (Fixture    *f,
             const char *device_id,
             const char *parameter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) settings = read_settings (f, device_id, &error);
  double value = -1;

  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (settings, parameter, "d", &value));
  return value;
}

static WardChangeOutcome
apply_change (Fixture     *f,
              const char  *change_id,
              const char  *device_id,
              const char  *parameter,
              GVariant    *value,
              guint        timeout_ms,
              char       **detail,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ward_device_link_apply_change_async (f->link, change_id, device_id, parameter, value,
                                       timeout_ms, NULL, on_result, f);
  result = await_result (f);
  return ward_device_link_apply_change_finish (f->link, result, detail, error);
}

/* Fixture */

static void
on_availability_changed (WardDeviceLink *link,
                         Fixture        *f)
{
  f->availability_changes++;
}

static void
on_device_changed (WardDeviceLink *link,
                   const char     *device_id,
                   Fixture        *f)
{
  g_ptr_array_add (f->changed, g_strdup (device_id));
}

static void
on_offline (WardDeviceLink *link,
            const char     *device_id,
            Fixture        *f)
{
  g_ptr_array_add (f->offline, g_strdup (device_id));
}

static void
on_alarm (WardDeviceLink *link,
          const char     *device_id,
          const char     *message,
          Fixture        *f)
{
  g_ptr_array_add (f->alarms, g_strdup_printf ("%s: %s", device_id, message));
}

/* @data: extra wardgate-devsim options, NULL-terminated, or NULL. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_devsim_init (&f->devsim);
  f->changed = g_ptr_array_new_with_free_func (g_free);
  f->offline = g_ptr_array_new_with_free_func (g_free);
  f->alarms = g_ptr_array_new_with_free_func (g_free);
  ward_test_devsim_start (&f->devsim, NULL, data);

  f->link = ward_dbus_device_link_new (G_BUS_TYPE_SESSION);
  g_signal_connect (f->link, "availability-changed", G_CALLBACK (on_availability_changed), f);
  g_signal_connect (f->link, "device-changed", G_CALLBACK (on_device_changed), f);
  g_signal_connect (f->link, "offline", G_CALLBACK (on_offline), f);
  g_signal_connect (f->link, "alarm", G_CALLBACK (on_alarm), f);
  WAIT_UNTIL (f, ward_device_link_is_available (f->link));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_devsim_stop (&f->devsim);
  g_clear_object (&f->link);
  g_clear_object (&f->result);
  ward_test_devsim_clear (&f->devsim);
  g_ptr_array_unref (f->changed);
  g_ptr_array_unref (f->offline);
  g_ptr_array_unref (f->alarms);
}

/* Tests */

static void
test_list_devices (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) other_bed = NULL;
  g_autoptr(GError) error = NULL;
  const char *classes[] = { "infusion-pump", "ventilator", "patient-monitor" };
  const char *ids[] = { "pump-1", "vent-1", "monitor-1" };

  g_assert_cmpuint (f->availability_changes, ==, 1);
  devices = list_devices (f, "Bed 12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 3);
  for (guint i = 0; i < devices->len; i++)
    {
      WardDeviceInfo *info = g_ptr_array_index (devices, i);

      g_assert_cmpstr (info->id, ==, ids[i]);
      g_assert_cmpstr (info->class_id, ==, classes[i]);
      g_assert_cmpstr (info->bed, ==, "Bed 12");
      g_assert_nonnull (info->label);
      g_assert_cmpint (info->status, ==, WARD_DEVICE_STATUS_ONLINE);
      g_assert_null (info->alarm);
    }

  other_bed = list_devices (f, "Bed 7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_bed->len, ==, 0);
}

static void
test_read_settings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GVariant) pump = NULL;
  g_autoptr(GVariant) unknown = NULL;
  g_autoptr(GError) error = NULL;
  const char *drug = NULL;

  pump = read_settings (f, "pump-1", &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (pump, "drug", "&s", &drug));
  g_assert_cmpstr (drug, ==, "heparin");
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 10.0);
  g_assert_cmpfloat (read_number (f, "vent-1", "peep_cmh2o"), ==, 5.0);
  g_assert_cmpfloat (read_number (f, "monitor-1", "spo2_low"), ==, 90.0);

  unknown = read_settings (f, "pump-9", &error);
  g_assert_error (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE);
  g_assert_null (unknown);
}

static void
test_applied (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  WardChangeOutcome outcome;

  outcome = apply_change (f, "change-1", "pump-1", "rate_ml_h", g_variant_new_double (12.5), 5000, &detail, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, WARD_CHANGE_APPLIED);
  g_assert_null (detail);
  WAIT_UNTIL (f, received (f->changed, "pump-1"));
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 12.5);
}

static void
test_refused_by_the_device_rules (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong_type = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpint (apply_change (f, "change-2", "pump-1", "rate_ml_h", g_variant_new_string ("fast"), 5000,
                                 &wrong_type, &error), ==, WARD_CHANGE_REFUSED);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (wrong_type, "rate_ml_h"));
  g_assert_cmpint (apply_change (f, "change-3", "pump-1", "speed", g_variant_new_double (3), 5000,
                                 &unknown, &error), ==, WARD_CHANGE_REFUSED);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (unknown, "speed"));
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 10.0);
}

static void
test_same_change_id (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (apply_change (f, "change-4", "vent-1", "resp_rate_bpm", g_variant_new_double (16), 5000,
                                 NULL, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  /* A resend of the same change gets the first answer; it does not reach the device again. */
  ward_test_devsim_control ("RefuseNext", g_variant_new ("(ss)", "vent-1", "Not again"));
  g_assert_cmpint (apply_change (f, "change-4", "vent-1", "resp_rate_bpm", g_variant_new_double (16), 5000,
                                 NULL, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);
  g_assert_cmpint (apply_change (f, "change-5", "vent-1", "resp_rate_bpm", g_variant_new_double (18), 5000,
                                 NULL, &error), ==, WARD_CHANGE_REFUSED);
  g_assert_cmpfloat (read_number (f, "vent-1", "resp_rate_bpm"), ==, 16);
}

static void
test_persists (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (apply_change (f, "change-6", "vent-1", "peep_cmh2o", g_variant_new_double (8), 5000,
                                 NULL, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_no_error (error);

  ward_test_devsim_stop (&f->devsim);
  WAIT_UNTIL (f, !ward_device_link_is_available (f->link));
  ward_test_devsim_start (&f->devsim, NULL, NULL);
  WAIT_UNTIL (f, ward_device_link_is_available (f->link));
  g_assert_cmpfloat (read_number (f, "vent-1", "peep_cmh2o"), ==, 8);
  g_assert_cmpfloat (read_number (f, "vent-1", "fio2_percent"), ==, 40);
}

static void
test_refuse_next (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  ward_test_devsim_control ("RefuseNext", g_variant_new ("(ss)", "pump-1", "Occlusion upstream"));
  g_assert_cmpint (apply_change (f, "change-7", "pump-1", "rate_ml_h", g_variant_new_double (20), 5000,
                                 &detail, &error), ==, WARD_CHANGE_REFUSED);
  g_assert_no_error (error);
  g_assert_cmpstr (detail, ==, "Occlusion upstream");
  g_assert_false (received (f->changed, "pump-1"));
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 10.0);

  /* Only the next change: the one after goes through. */
  g_assert_cmpint (apply_change (f, "change-8", "pump-1", "rate_ml_h", g_variant_new_double (20), 5000,
                                 NULL, &error), ==, WARD_CHANGE_APPLIED);
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 20.0);
}

static void
test_refuse_option (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *change_id = g_strdup_printf ("change-9.%u", i);
      g_autofree char *detail = NULL;

      g_assert_cmpint (apply_change (f, change_id, "monitor-1", "hr_high", g_variant_new_double (130), 5000,
                                     &detail, &error), ==, WARD_CHANGE_REFUSED);
      g_assert_no_error (error);
      g_assert_nonnull (detail);
    }
  g_assert_cmpfloat (read_number (f, "monitor-1", "hr_high"), ==, 120);

  ward_test_devsim_control ("SetRefuseAll", g_variant_new ("(sb)", "monitor-1", FALSE));
  g_assert_cmpint (apply_change (f, "change-10", "monitor-1", "hr_high", g_variant_new_double (130), 5000,
                                 NULL, &error), ==, WARD_CHANGE_APPLIED);
}

static WardDeviceStatus
status_of (Fixture    *f,
           const char *device_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = list_devices (f, "Bed 12", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < devices->len; i++)
    {
      WardDeviceInfo *info = g_ptr_array_index (devices, i);

      if (g_str_equal (info->id, device_id))
        return info->status;
    }
  g_assert_not_reached ();
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) apply_error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GVariant) settings = NULL;
  g_autofree char *detail = NULL;

  ward_test_devsim_control ("SetOffline", g_variant_new ("(sb)", "vent-1", TRUE));
  WAIT_UNTIL (f, received (f->offline, "vent-1"));
  g_assert_cmpint (status_of (f, "vent-1"), ==, WARD_DEVICE_STATUS_OFFLINE);

  apply_change (f, "change-11", "vent-1", "fio2_percent", g_variant_new_double (60), 5000, &detail, &apply_error);
  g_assert_error (apply_error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE);
  settings = read_settings (f, "vent-1", &read_error);
  g_assert_error (read_error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE);
  g_assert_null (settings);

  ward_test_devsim_control ("SetOffline", g_variant_new ("(sb)", "vent-1", FALSE));
  WAIT_UNTIL (f, received (f->changed, "vent-1"));
  g_assert_cmpint (status_of (f, "vent-1"), ==, WARD_DEVICE_STATUS_ONLINE);
  g_assert_cmpfloat (read_number (f, "vent-1", "fio2_percent"), ==, 40);
}

static void
test_offline_option (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (status_of (f, "pump-1"), ==, WARD_DEVICE_STATUS_OFFLINE);
  g_assert_cmpint (status_of (f, "vent-1"), ==, WARD_DEVICE_STATUS_ONLINE);
  apply_change (f, "change-12", "pump-1", "rate_ml_h", g_variant_new_double (30), 5000, NULL, &error);
  g_assert_error (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE);
}

static void
test_slow_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  ward_test_devsim_control ("SetDelay", g_variant_new ("(u)", 2000));
  g_assert_cmpint (apply_change (f, "change-13", "pump-1", "vtbi_ml", g_variant_new_double (100), 500,
                                 &detail, &error), ==, WARD_CHANGE_NO_ANSWER);
  g_assert_no_error (error);
  g_assert_nonnull (detail);

  /* The device did apply it, late: only reading back tells. */
  WAIT_UNTIL (f, received (f->changed, "pump-1"));
  ward_test_devsim_control ("SetDelay", g_variant_new ("(u)", 0));
  g_assert_cmpfloat (read_number (f, "pump-1", "vtbi_ml"), ==, 100);
}

static void
test_alarm (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  WardDeviceInfo *monitor;

  ward_test_devsim_control ("RaiseAlarm", g_variant_new ("(ss)", "monitor-1", "SpO2 low"));
  WAIT_UNTIL (f, received (f->alarms, "monitor-1: SpO2 low"));
  devices = list_devices (f, "Bed 12", &error);
  g_assert_no_error (error);
  monitor = g_ptr_array_index (devices, 2);
  g_assert_cmpint (monitor->status, ==, WARD_DEVICE_STATUS_ALARM);
  g_assert_cmpstr (monitor->alarm, ==, "SpO2 low");

  ward_test_devsim_control ("RaiseAlarm", g_variant_new ("(ss)", "monitor-1", ""));
  g_assert_cmpint (status_of (f, "monitor-1"), ==, WARD_DEVICE_STATUS_ONLINE);
}

static void
test_gateway_absent (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) list_error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) apply_error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GVariant) settings = NULL;

  ward_test_devsim_stop (&f->devsim);
  WAIT_UNTIL (f, !ward_device_link_is_available (f->link));
  g_assert_cmpuint (f->availability_changes, ==, 2);

  devices = list_devices (f, "Bed 12", &list_error);
  g_assert_error (list_error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE);
  g_assert_null (devices);
  settings = read_settings (f, "pump-1", &read_error);
  g_assert_error (read_error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE);
  apply_change (f, "change-14", "pump-1", "rate_ml_h", g_variant_new_double (11), 5000, NULL, &apply_error);
  g_assert_error (apply_error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE);

  /* The same link picks the gateway up again: no restart of the kiosk. */
  ward_test_devsim_start (&f->devsim, NULL, NULL);
  WAIT_UNTIL (f, ward_device_link_is_available (f->link));
  g_assert_cmpuint (f->availability_changes, ==, 3);
  g_assert_cmpint (status_of (f, "pump-1"), ==, WARD_DEVICE_STATUS_ONLINE);
  g_assert_cmpfloat (read_number (f, "pump-1", "rate_ml_h"), ==, 10.0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const refuse_monitor[] = { "--refuse", "monitor-1", NULL };
  static const char * const offline_pump[] = { "--offline", "pump-1", NULL };

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("WARDGATE_DEVSIM") == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_print ("1..0 # SKIP needs WARDGATE_DEVSIM and a private session bus (dbus-run-session)\n");
      return 0;
    }

#define ADD(path, func, extra) \
  g_test_add (path, Fixture, extra, fixture_set_up, func, fixture_tear_down)
  ADD ("/device-link/list-devices", test_list_devices, NULL);
  ADD ("/device-link/read-settings", test_read_settings, NULL);
  ADD ("/device-link/applied", test_applied, NULL);
  ADD ("/device-link/refused/rules", test_refused_by_the_device_rules, NULL);
  ADD ("/device-link/refused/next", test_refuse_next, NULL);
  ADD ("/device-link/refused/option", test_refuse_option, refuse_monitor);
  ADD ("/device-link/same-change-id", test_same_change_id, NULL);
  ADD ("/device-link/persists", test_persists, NULL);
  ADD ("/device-link/offline", test_offline, NULL);
  ADD ("/device-link/offline/option", test_offline_option, offline_pump);
  ADD ("/device-link/slow-answer", test_slow_answer, NULL);
  ADD ("/device-link/alarm", test_alarm, NULL);
  ADD ("/device-link/gateway-absent", test_gateway_absent, NULL);
#undef ADD
  return g_test_run ();
}
