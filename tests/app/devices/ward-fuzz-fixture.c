/* ward-fuzz-fixture.c: a ward driven at random: people, sessions, wardgate-devsim on D-Bus, and what is known of them */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "app/devices/ward-dbus-device-link.h"
#include "data/ward-audit.h"
#include "tests/app/devices/ward-fuzz-fixture.h"

/* Ends a run that hangs instead of letting it wait forever. */
#define HANG_GUARD_US (30 * G_USEC_PER_SEC)

static const struct
{
  const char *username;
  const char *role;
  const char *badge;
} staff[FUZZ_N_PEOPLE] = {
  { "nnurse", "nurse", "04F1A001" },
  { "nnurse2", "nurse", "04F1A002" },
  { "cnurse", "charge-nurse", "04F1A003" },
  { "cnurse2", "charge-nurse", "04F1A004" },
  { "bbiomed", "biomed", "04F1A005" },
  { "aadmin", "admin", "04F1A006" },
};

/* The devices as wardgate-devsim serves them, and where they start: a
 * state file written before it starts, so the file is the device's truth
 * from the first request on. */
static const struct
{
  const char *id;
  const char *class_id;
  const char *state;
} bedside[FUZZ_N_DEVICES] = {
  { "pump-1", "infusion-pump", "[pump-1]\ndrug=saline\nrate_ml_h=100\nvtbi_ml=1000\nbolus_ml=5\n" },
  { "vent-1", "ventilator", "[vent-1]\nfio2_percent=40\npeep_cmh2o=5\ntidal_volume_ml=450\nresp_rate_bpm=14\n"
                            "alarm_pressure_high_cmh2o=35\n" },
  { "monitor-1", "patient-monitor", "[monitor-1]\nhr_low=50\nhr_high=120\nspo2_low=90\nsbp_low=90\nsbp_high=160\n"
                                    "alarm_volume=5\nalarm_pause_s=0\n" },
};

void
fuzz_violation (Fuzz       *fuzz,
                const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fuzz->n_violations++;
  g_printerr ("# VIOLATION at request %u: %s\n", fuzz->n_requests, text);
  if (fuzz->first_violation == NULL)
    fuzz->first_violation = g_strdup_printf ("request %u: %s", fuzz->n_requests, text);
}

GKeyFile *
fuzz_read_state (Fuzz *fuzz)
{
  GKeyFile *state = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (state, fuzz->state_file, G_KEY_FILE_NONE, &error))
    g_error ("The simulator's state file cannot be read: %s", error->message);
  return state;
}

gboolean
fuzz_state_number (GKeyFile   *state,
                   const char *device_id,
                   const char *parameter,
                   double     *value)
{
  g_autoptr(GError) error = NULL;

  *value = g_key_file_get_double (state, device_id, parameter, &error);
  return error == NULL;
}

char *
fuzz_state_drug (GKeyFile   *state,
                 const char *device_id)
{
  return g_key_file_get_string (state, device_id, "drug", NULL);
}

void
fuzz_control (Fuzz       *fuzz,
              const char *method,
              GVariant   *parameters)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (fuzz->bus, WARD_GATEWAY_BUS_NAME, WARD_GATEWAY_OBJECT_PATH,
                                       "io.github.wardgate.DeviceSimulator1", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply == NULL)
    g_error ("DeviceSimulator1.%s failed: %s", method, error->message);
}

void
fuzz_bedside_set (Fuzz       *fuzz,
                  const char *device_id,
                  const char *parameter,
                  GVariant   *value)
{
  g_autofree char *change_id = g_strdup_printf ("bedside-%u", ++fuzz->bedside_serial);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (fuzz->bus, WARD_GATEWAY_BUS_NAME, WARD_GATEWAY_OBJECT_PATH,
                                       "io.github.wardgate.DeviceGateway1", "ApplyChange",
                                       g_variant_new ("(sssv)", change_id, device_id, parameter, value),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply == NULL)
    g_error ("A change at the bedside failed: %s", error->message);
}

typedef struct
{
  GVariant *settings;
  gboolean  done;
} ReadWait;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadWait *wait = user_data;

  wait->settings = ward_device_link_read_settings_finish (WARD_DEVICE_LINK (source), result, NULL);
  wait->done = TRUE;
}

/* What a screen would show now; NULL when the device cannot be read. */
GVariant *
fuzz_read_settings (Fuzz       *fuzz,
                    const char *device_id)
{
  ReadWait wait = { 0 };
  gint64 guard = g_get_monotonic_time () + HANG_GUARD_US;

  ward_device_link_read_settings_async (fuzz->link, device_id, NULL, read_cb, &wait);
  while (!wait.done)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > guard)
        g_error ("The device link did not answer a read");
    }
  return wait.settings;
}

static gboolean
wake (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
fuzz_wait_until (gint64 deadline_us)
{
  gint64 now = g_get_monotonic_time ();
  gboolean woken = FALSE;

  if (now >= deadline_us)
    return;
  g_timeout_add ((guint) ((deadline_us - now) / 1000 + 1), wake, &woken);
  while (!woken)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits for a late change to land on the device. Nothing else touches
 * that device meanwhile (no hand turn, no refusal, never offline), so it
 * does land: on a busy machine later than its delay, which is why the
 * state file is watched rather than the clock. */
#define LANDING_GUARD_US (10 * G_USEC_PER_SEC)

void
fuzz_drain (Fuzz *fuzz)
{
  gint64 guard;

  if (!fuzz->in_flight)
    return;
  fuzz_wait_until (fuzz->in_flight_until_us);
  guard = g_get_monotonic_time () + LANDING_GUARD_US;
  for (;;)
    {
      g_autoptr(GKeyFile) state = fuzz_read_state (fuzz);
      double value;

      if (fuzz_state_number (state, fuzz->in_flight_device, fuzz->in_flight_param, &value)
          && value == fuzz->in_flight_value)
        break;
      if (g_get_monotonic_time () > guard)
        {
          fuzz_violation (fuzz, "a change that got no answer (%s %s %g) never reached the device",
                          fuzz->in_flight_device, fuzz->in_flight_param, fuzz->in_flight_value);
          break;
        }
      fuzz_wait_until (g_get_monotonic_time () + 2000);
    }
  fuzz->n_late++;
  fuzz->in_flight = FALSE;
}

/* The harness's own account of a session: when it started and when the
 * harness last gave it input. Nothing else is activity. */
typedef struct
{
  gint64   started_us;
  gint64   touched_us;
  gboolean ended;
} SessionLog;

static SessionLog *
session_log (WardSession *session)
{
  return g_object_get_data (G_OBJECT (session), "fuzz-log");
}

void
fuzz_session_touch (Fuzz        *fuzz,
                    WardSession *session)
{
  ward_session_touch (session);
  if (fuzz_session_active (fuzz, session))
    session_log (session)->touched_us = ward_clock_get_monotonic_us (fuzz->site->fixture->clock);
}

void
fuzz_session_end (WardSession *session,
                  const char  *reason)
{
  ward_session_end (session, reason);
  session_log (session)->ended = TRUE;
}

/* Active by the rules (two minutes without input, twelve hours, fifteen
 * minutes of emergency access, which never idle-locks), from the harness's
 * log, not the session's own state: a session that counted something else
 * as input would show. */
gboolean
fuzz_session_active (Fuzz        *fuzz,
                     WardSession *session)
{
  const WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  SessionLog *log = session_log (session);
  gint64 now = ward_clock_get_monotonic_us (fuzz->site->fixture->clock);
  gint64 limit = ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS ? limits.break_glass_us
                                                                                 : limits.max_duration_us;

  gboolean emergency = ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS;

  return !log->ended && (emergency || now - log->touched_us < limits.idle_lock_us)
         && now - log->started_us < limit;
}

/* The person's session; a new one (now and then an emergency one, for
 * the clinical roles) when it has ended, mostly. A dead session is kept
 * now and then to see it refused. */
WardSession *
fuzz_session_for (Fuzz       *fuzz,
                  FuzzPerson *person)
{
  g_autoptr(GError) error = NULL;
  gboolean clinical = g_str_has_suffix (person->role, "nurse");
  WardSessionKind kind;

  /* Step-up after 30 s instead of five minutes (a site setting): a
   * session then needs it often within the run. */
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  SessionLog *log;

  limits.step_up_us = 30 * G_USEC_PER_SEC;
  if (person->session != NULL
      && (fuzz_session_active (fuzz, person->session) || g_rand_int_range (fuzz->rand, 0, 8) == 0))
    return person->session;
  if (person->session != NULL)
    fuzz_session_end (person->session, "replaced");
  g_clear_object (&person->session);
  kind = clinical && g_rand_int_range (fuzz->rand, 0, 12) == 0 ? WARD_SESSION_KIND_BREAK_GLASS
                                                              : WARD_SESSION_KIND_NORMAL;
  person->session = ward_session_start (fuzz->site->fixture->store, person->user_id, kind,
                                        kind == WARD_SESSION_KIND_BREAK_GLASS ? "Patient deteriorating, key lost"
                                                                              : NULL,
                                        &limits, &error);
  g_assert_no_error (error);
  log = g_new0 (SessionLog, 1);
  log->started_us = log->touched_us = ward_clock_get_monotonic_us (fuzz->site->fixture->clock);
  g_object_set_data_full (G_OBJECT (person->session), "fuzz-log", log, g_free);
  return person->session;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
devsim_start (Fuzz *fuzz)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("WARDGATE_DEVSIM"), "--state", fuzz->state_dir, NULL };
  gint64 guard = g_get_monotonic_time () + HANG_GUARD_US;

  for (guint i = 0; i < FUZZ_N_DEVICES; i++)
    g_string_append (state, bedside[i].state);
  fuzz->state_file = g_build_filename (fuzz->state_dir, "devices.ini", NULL);
  g_assert_true (g_file_set_contents (fuzz->state_file, state->str, -1, NULL));

  /* It says a line per change: a million of them are of no use here. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fuzz->devsim = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  fuzz->link = ward_dbus_device_link_new (G_BUS_TYPE_SESSION);
  while (!ward_device_link_is_available (fuzz->link))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > guard)
        g_error ("wardgate-devsim did not come up");
    }
}

Fuzz *
fuzz_new (guint32 seed)
{
  Fuzz *fuzz = g_new0 (Fuzz, 1);
  g_autoptr(GError) error = NULL;

  fuzz->rand = g_rand_new_with_seed (seed);
  fuzz->site = ward_test_site_new ();
  fuzz->catalogue = ward_catalogue_load (WARD_TEST_CATALOGUE, &error);
  g_assert_no_error (error);
  fuzz->oracle = oracle_load (WARD_TEST_CATALOGUE, &error);
  g_assert_no_error (error);
  fuzz->holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < FUZZ_N_PEOPLE; i++)
    {
      WardTestPerson *person = ward_test_site_add_person (fuzz->site, staff[i].username, staff[i].role,
                                                          staff[i].badge, TRUE, FALSE);

      fuzz->people[i] = (FuzzPerson) { staff[i].username, staff[i].role, staff[i].badge, person->user_id };
    }
  for (guint i = 0; i < FUZZ_N_DEVICES; i++)
    fuzz->devices[i] = (FuzzDevice) { bedside[i].id, bedside[i].class_id };

  fuzz->state_dir = g_dir_make_tmp ("wardgate-fuzz-devsim-XXXXXX", &error);
  g_assert_no_error (error);
  fuzz->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  devsim_start (fuzz);
  fuzz->context = (WardDeviceChangeContext) {
    .store = fuzz->site->fixture->store,
    .policy = fuzz->site->policy,
    .keys = fuzz->site->keys,
    .catalogue = fuzz->catalogue,
    .link = fuzz->link,
  };
  return fuzz;
}

/* Once at the end: each recorded change has its request in the audit
 * trail, and the trail still verifies. */
void
fuzz_finish (Fuzz *fuzz)
{
  WardAuditFilter filter = { .event = ward_audit_event_name (WARD_AUDIT_SETTING_CHANGE_REQUESTED) };
  g_autoptr(GPtrArray) requested = NULL;
  g_autoptr(GError) error = NULL;

  gint64 first_bad = 0, n_checked = 0;

  fuzz_drain (fuzz);
  requested = ward_audit_list (fuzz->site->fixture->store, &filter, &error);
  g_assert_no_error (error);
  if (requested->len != fuzz->n_recorded)
    fuzz_violation (fuzz, "%u changes recorded, %u requests in the audit trail", fuzz->n_recorded, requested->len);
  if (!ward_audit_verify (fuzz->site->fixture->store, &first_bad, &n_checked, &error))
    fuzz_violation (fuzz, "the audit trail does not verify from record %" G_GINT64_FORMAT ": %s", first_bad,
                    error != NULL ? error->message : "");
}

void
fuzz_report (Fuzz   *fuzz,
             double  seconds)
{
  g_autofree char *line = g_strdup_printf (
      "%u requests in %.1f s (%.0f/s): %u refused before sending, %u recorded (%u applied, %u refused by the "
      "device, %u no answer, %u of them applied late, after the kiosk gave up), %u past a soft limit, %u witnessed, %u step-ups (%u after "
      "the kiosk was left alone), %u alarm pairs crossed by "
      "a hand turn racing a change; %u violations",
      fuzz->n_requests, seconds, fuzz->n_requests / MAX (seconds, 0.001), fuzz->n_refused_before_sending,
      fuzz->n_recorded, fuzz->n_outcomes[WARD_CHANGE_APPLIED], fuzz->n_outcomes[WARD_CHANGE_REFUSED],
      fuzz->n_outcomes[WARD_CHANGE_NO_ANSWER], fuzz->n_late, fuzz->n_soft, fuzz->n_witnessed, fuzz->n_step_ups, fuzz->n_idle_step_ups, fuzz->n_raced,
      fuzz->n_violations);

  g_autofree char *invalid = g_strdup_printf (
      "refused when checked: %u limits, %u permission or session, %u hold; %u sent unchecked",
      fuzz->n_invalid[WARD_DEVICE_CHANGE_ERROR_REFUSED], fuzz->n_invalid[WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED],
      fuzz->n_invalid[WARD_DEVICE_CHANGE_ERROR_STALE], fuzz->n_unchecked);
  g_autofree char *refusals = g_strdup_printf (
      "refused when sent: %u limits, %u permission or session, %u reason, %u not checked, %u step-up, "
      "%u witness, %u already sent, %u stale, %u device unreadable, %u not recorded; time in key touches %.1f s, "
      "sending %.1f s, checking %.1f s",
      fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_REFUSED], fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED],
      fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_REASON], fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_NOT_READY],
      fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_STEP_UP], fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_WITNESS],
      fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT], fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_STALE],
      fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_DEVICE], fuzz->n_refusals[WARD_DEVICE_CHANGE_ERROR_FAILED],
      fuzz->us_keys / 1e6, fuzz->us_sending / 1e6, fuzz->us_checking / 1e6);

  g_test_message ("%s", line);
  g_test_message ("%s", invalid);
  g_test_message ("%s", refusals);
  g_printerr ("# %s\n# %s\n# %s\n", line, invalid, refusals);
}

void
fuzz_free (Fuzz *fuzz)
{
  g_autoptr(GError) error = NULL;

  fuzz_forget_kept (fuzz);
  for (guint i = 0; i < FUZZ_N_PEOPLE; i++)
    g_clear_object (&fuzz->people[i].session);
  for (guint i = 0; i < FUZZ_N_DEVICES; i++)
    {
      g_clear_pointer (&fuzz->devices[i].screen, g_variant_unref);
      g_free (fuzz->devices[i].newest);
    }
  if (fuzz->devsim != NULL)
    {
      g_subprocess_send_signal (fuzz->devsim, SIGTERM);
      g_subprocess_wait (fuzz->devsim, NULL, &error);
      g_clear_object (&fuzz->devsim);
    }
  g_clear_object (&fuzz->link);
  g_clear_object (&fuzz->bus);
  g_unlink (fuzz->state_file);
  g_rmdir (fuzz->state_dir);
  g_free (fuzz->state_dir);
  g_free (fuzz->state_file);
  g_hash_table_unref (fuzz->holds);
  g_clear_object (&fuzz->catalogue);
  g_clear_pointer (&fuzz->oracle, oracle_free);
  ward_test_site_free (fuzz->site);
  g_rand_free (fuzz->rand);
  g_free (fuzz->first_violation);
  g_free (fuzz);
}
