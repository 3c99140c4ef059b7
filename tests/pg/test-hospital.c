/* test-hospital.c: one store, many kiosks: 8 kiosk processes and the command line on one database */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-device-changes.h"
#include "data/ward-failures.h"
#include "data/ward-kiosks.h"
#include "data/ward-policy-store.h"
#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-site.h"

#define WORKER_FLAG "--hospital-kiosk"
#define N_KIOSKS    8

static const char *self_path;

static gint64
clock_now_us (WardTestSite *site)
{
  return ward_clock_get_now_us (site->fixture->clock);
}

/* Starts one kiosk process on the shared store. It waits for a line on
 * its standard input before acting, so all of them start together. */
static GSubprocess *
spawn_kiosk (WardTestSite *site,
             guint         number,
             const char   *mode,
             const char   *arg1,
             const char   *arg2)
{
  g_autofree char *kiosk = g_strdup_printf ("bed-%02u", number);
  g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT, clock_now_us (site));
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                           self_path, WORKER_FLAG, site->fixture->db_path, site->fixture->key_path,
                                           epoch, kiosk, mode, arg1, arg2, NULL);

  g_assert_no_error (error);
  return process;
}

/* Lets every kiosk go at once, then collects what each one printed. */
static GPtrArray *
run_kiosks (GSubprocess **kiosks)
{
  GPtrArray *outputs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_KIOSKS; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (kiosks[i]);

      g_assert_true (g_output_stream_write_all (in, "go\n", 3, NULL, NULL, NULL));
      g_assert_true (g_output_stream_flush (in, NULL, NULL));
    }
  for (guint i = 0; i < N_KIOSKS; i++)
    {
      g_autoptr(GError) error = NULL;
      char *out = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (kiosks[i], NULL, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (kiosks[i]));
      g_ptr_array_add (outputs, g_strstrip (out));
      g_clear_object (&kiosks[i]);
    }
  return outputs;
}

static char *
cli_words (WardTestSite *site,
           const char   *words)
{
  return g_strdup_printf ("--key-file %s %s", site->fixture->key_path, words);
}

/* Enrolled at one kiosk (this process) or by the command line: known at
 * every other at once. */
static void
test_enrolled_once_known_everywhere (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autofree char *add = cli_words (site, "--as admin user add bcli --name \"Bea Cli\" --role nurse");
  g_autofree char *badge = cli_words (site, "--as admin badge enroll bcli --uid 0A0B0C0D");
  GSubprocess *kiosks[N_KIOSKS];
  g_autoptr(GPtrArray) outputs = NULL;
  WardTestPerson *nurse;

  ward_test_site_add_person (site, "admin", "admin", "AD000001", TRUE, TRUE);
  nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  ward_test_cli_assert (site->fixture->db_path, add, 0, "bcli");
  ward_test_cli_assert (site->fixture->db_path, badge, 0, "");

  for (guint i = 0; i < N_KIOSKS; i++)
    kiosks[i] = spawn_kiosk (site, i + 1, "badges", "04A1B2C3", "0A0B0C0D");
  outputs = run_kiosks (kiosks);
  for (guint i = 0; i < N_KIOSKS; i++)
    {
      g_auto(GStrv) ids = g_strsplit (g_ptr_array_index (outputs, i), " ", -1);

      g_assert_cmpuint (g_strv_length (ids), ==, 2);
      g_assert_cmpint (g_ascii_strtoll (ids[0], NULL, 10), ==, nurse->user_id);
      g_assert_cmpint (g_ascii_strtoll (ids[1], NULL, 10), >, 0);
    }
}

/* Eight kiosks hammer one account with wrong codes: exactly the limit of
 * guesses is checked, not one more. */
static void
test_lockout_is_shared_and_exact (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autoptr(WardFailureRecord) record = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autofree char *user = NULL;
  WardAuditFilter filter = { .event = "factor.failed", .person = "nnurse" };
  GSubprocess *kiosks[N_KIOSKS];
  WardTestPerson *nurse;
  guint checked = 0;

  nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  /* Delays would stop the guesses before the lockout does: here only the
   * lockout limit (10) is under test. */
  g_assert_true (ward_policy_store_set_setting (site->fixture->store, "delay-after-failures", 1000, NULL));
  user = g_strdup_printf ("%" G_GINT64_FORMAT, nurse->user_id);

  for (guint i = 0; i < N_KIOSKS; i++)
    kiosks[i] = spawn_kiosk (site, i + 1, "guess", user, "6");
  {
    g_autoptr(GPtrArray) outputs = run_kiosks (kiosks);

    for (guint i = 0; i < outputs->len; i++)
      checked += (guint) g_ascii_strtoull (g_ptr_array_index (outputs, i), NULL, 10);
  }

  record = ward_failures_get (site->fixture->store, nurse->user_id, "totp", NULL);
  g_assert_cmpuint (record->consecutive, ==, 10);
  g_assert_cmpint (record->locked_at, !=, 0);
  /* Nine refused as wrong, the tenth locked the account as it was counted. */
  g_assert_cmpuint (checked, ==, 9);
  failures = ward_audit_list (site->fixture->store, &filter, NULL);
  g_assert_cmpuint (failures->len, ==, 10);
}

/* One code typed at eight kiosks in the same instant: accepted once. */
static void
test_code_accepted_at_one_kiosk_only (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autoptr(GPtrArray) outputs = NULL;
  g_autofree char *user = NULL;
  g_autofree char *code = NULL;
  GSubprocess *kiosks[N_KIOSKS];
  WardTestPerson *nurse;
  guint accepted = 0;

  nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  ward_clock_advance (site->fixture->clock, 120 * G_USEC_PER_SEC);
  user = g_strdup_printf ("%" G_GINT64_FORMAT, nurse->user_id);
  code = ward_test_site_app_code (site, "nnurse", 0);

  for (guint i = 0; i < N_KIOSKS; i++)
    kiosks[i] = spawn_kiosk (site, i + 1, "code", user, code);
  outputs = run_kiosks (kiosks);
  for (guint i = 0; i < outputs->len; i++)
    accepted += g_str_equal (g_ptr_array_index (outputs, i), "accepted");
  g_assert_cmpuint (accepted, ==, 1);
}

/* An unknown badge tapped at each of eight kiosks counts eight for the
 * site: the pause does not restart at every bed. */
static void
test_unknown_badges_counted_site_wide (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autoptr(GPtrArray) outputs = NULL;
  GSubprocess *kiosks[N_KIOSKS];
  guint seen = 0;

  for (guint i = 0; i < N_KIOSKS; i++)
    kiosks[i] = spawn_kiosk (site, i + 1, "unknown", "DEADBEEF", "");
  outputs = run_kiosks (kiosks);
  for (guint i = 0; i < outputs->len; i++)
    {
      guint64 count = g_ascii_strtoull (g_ptr_array_index (outputs, i), NULL, 10);

      g_assert_cmpuint (count, >=, 1);
      g_assert_cmpuint (count, <=, N_KIOSKS);
      g_assert_false (seen & (1u << count));
      seen |= 1u << count;
    }
}

/* Every record names its kiosk; verify reads all kiosks' records and names
 * the first broken one with its kiosk. */
static void
test_audit_names_kiosks (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autofree char *verify = cli_words (site, "--as admin audit verify");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) kiosks_seen = g_hash_table_new (g_str_hash, g_str_equal);
  WardAuditFilter all = { 0 };
  GSubprocess *kiosks[N_KIOSKS];
  gint64 tampered = 0;

  ward_test_site_add_person (site, "admin", "admin", "AD000001", TRUE, TRUE);
  for (guint i = 0; i < N_KIOSKS; i++)
    kiosks[i] = spawn_kiosk (site, i + 1, "append", "25", "");
  g_ptr_array_unref (run_kiosks (kiosks));
  ward_test_cli_assert (site->fixture->db_path, verify, 0, "intact");
  {
    g_autofree char *list = cli_words (site, "--as admin kiosk list");
    g_autofree char *schema = g_strdup_printf ("schema %d", ward_store_latest_schema_version ());

    /* Each kiosk with its last contact and the schema it said it runs. */
    for (guint i = 1; i <= N_KIOSKS; i++)
      {
        g_autofree char *line = g_strdup_printf ("bed-%02u", i);
        ward_test_cli_assert (site->fixture->db_path, list, 0, line);
      }
    ward_test_cli_assert (site->fixture->db_path, list, 0, schema);
  }

  records = ward_audit_list (site->fixture->store, &all, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      WardAuditRecord *record = records->pdata[i];

      g_hash_table_add (kiosks_seen, record->kiosk_id);
      if (tampered == 0 && g_str_equal (record->kiosk_id, "bed-05"))
        tampered = record->seq;
    }
  for (guint i = 1; i <= N_KIOSKS; i++)
    {
      g_autofree char *kiosk = g_strdup_printf ("bed-%02u", i);
      g_assert_true (g_hash_table_contains (kiosks_seen, kiosk));
    }

  {
    /* The guard goes back exactly as it was: a changed schema alone would
     * already be refused when the database is opened. */
    g_autofree char *sqlite_sql = g_strdup_printf ("DROP TRIGGER audit_append_only_update;"
                                                   " UPDATE audit SET actor = 'mallory' WHERE seq = %" G_GINT64_FORMAT ";"
                                                   "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n"
                                                   "BEGIN\n"
                                                   "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                                   "END;",
                                                   tampered);
    g_autofree char *pg_sql = g_strdup_printf ("ALTER TABLE audit DISABLE TRIGGER USER;"
                                               " UPDATE audit SET actor = 'mallory' WHERE seq = %" G_GINT64_FORMAT ";"
                                               " ALTER TABLE audit ENABLE TRIGGER USER",
                                               tampered);
    g_autofree char *expected = g_strdup_printf ("record %" G_GINT64_FORMAT ": it (written by kiosk bed-05)", tampered);

    ward_test_store_raw_exec (site->fixture, sqlite_sql, pg_sql);
    ward_test_cli_assert (site->fixture->db_path, verify, 1, expected);
  }
}

static void
server_control (const char *action)
{
  g_autofree char *command = g_strdup_printf ("%s %s -D %s -w -m fast %s", g_getenv ("WARDGATE_TEST_PG_RUN_AS"),
                                              g_getenv ("WARDGATE_TEST_PG_CTL"), g_getenv ("WARDGATE_TEST_PG_DATA"),
                                              action);
  g_autofree char *start_options = g_strdup_printf ("%s %s -D %s -w -l %s/server.log -o \"-c listen_addresses= -k %s "
                                                    "-c fsync=off -c max_connections=300\" start",
                                                    g_getenv ("WARDGATE_TEST_PG_RUN_AS"), g_getenv ("WARDGATE_TEST_PG_CTL"),
                                                    g_getenv ("WARDGATE_TEST_PG_DATA"), g_getenv ("WARDGATE_TEST_PG_DATA"),
                                                    g_getenv ("WARDGATE_TEST_PG_SOCKET"));
  g_autofree char *said = NULL;
  int status = 0;

  /* pg_ctl's progress lines go to the test log as comments: on the test's
   * own output they would break its TAP stream. */
  g_assert_true (g_spawn_command_line_sync (g_str_equal (action, "start") ? start_options : command,
                                            &said, NULL, &status, NULL));
  g_test_message ("pg_ctl %s: %s", action, g_strstrip (said));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The server stops between the badge and the code, and during a device
 * change: the kiosk says so within 3 s, nothing is half-written, and the
 * same store carries on once the server is back, without being reopened. */
static void
test_server_restart_mid_sign_in (void)
{
  g_autoptr(WardTestSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WardFailureRecord) before = NULL;
  g_autoptr(WardFailureRecord) after = NULL;
  g_autofree char *code = NULL;
  WardSettingChangeRequest change = { .change_id = "c-outage", .device_id = "pump-12", .parameter = "rate",
                                      .new_value = 42.0, .unit = "mL/h" };
  WardSessionLimits limits = WARD_SESSION_LIMITS_DEFAULT;
  g_autoptr(WardSession) session = NULL;
  WardTestPerson *nurse;
  gint64 started, audit_before = 0, checked = 0;

  if (!ward_test_backend_is_pg ())
    {
      g_test_skip ("needs a server to stop");
      return;
    }
  site = ward_test_site_new ();
  nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  ward_clock_advance (site->fixture->clock, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (ward_credentials_find_badge (site->fixture->store, "04A1B2C3", NULL), ==, nurse->user_id);
  before = ward_failures_get (site->fixture->store, nurse->user_id, "totp", NULL);
  g_assert_true (ward_audit_verify (site->fixture->store, &audit_before, &checked, NULL));
  audit_before = checked;
  code = ward_test_site_app_code (site, "nnurse", 0);
  change.user_id = nurse->user_id;
  /* Someone already signed in at this kiosk when the server goes. */
  session = ward_session_start (site->fixture->store, nurse->user_id, WARD_SESSION_KIND_NORMAL, NULL, &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);

  server_control ("stop");
  started = g_get_monotonic_time ();
  g_assert_false (ward_code_factor_verify (site->codes, nurse->user_id, "nnurse", code, NULL, NULL, &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==,
                   "Sign-in is unavailable: the kiosk cannot reach the staff database. Call IT.");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_assert_cmpint (ward_device_changes_add_pending (site->fixture->store, &change, &error), ==, 0);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  /* A short outage does not end her session; she cannot record changes
   * (the change above was refused), and she may do nothing the store
   * would have to confirm. */
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  server_control ("start");

  /* Nothing of the interrupted attempts reached the database. */
  after = ward_failures_get (site->fixture->store, nurse->user_id, "totp", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->consecutive, ==, before->consecutive);
  g_assert_true (ward_audit_verify (site->fixture->store, &audit_before, &checked, NULL));
  g_assert_cmpint (audit_before, ==, 0);
  g_assert_true (ward_code_factor_verify (site->codes, nurse->user_id, "nnurse", code, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_device_changes_add_pending (site->fixture->store, &change, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
}

static int
run_kiosk (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardInstallKey) key = ward_install_key_load (argv[3], &error);
  g_autoptr(WardClock) clock = ward_clock_new_fake (g_ascii_strtoll (argv[4], NULL, 10));
  g_autoptr(WardStore) store = NULL;
  g_autoptr(WardPolicy) policy = NULL;
  g_autoptr(WardCodeFactor) codes = NULL;
  const char *mode = argv[6];
  char line[8];

  g_assert_no_error (error);
  store = ward_store_open (argv[2], key, clock, argv[5], WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  if (g_str_equal (mode, "append"))
    g_assert_true (ward_kiosks_record_start (store, NULL));
  policy = ward_policy_new (store);
  codes = ward_code_factor_new (store, policy);
  /* Everyone ready: go. */
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;

  if (g_str_equal (mode, "badges"))
    g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", ward_credentials_find_badge (store, argv[7], NULL),
             ward_credentials_find_badge (store, argv[8], NULL));
  else if (g_str_equal (mode, "guess"))
    {
      gint64 user = g_ascii_strtoll (argv[7], NULL, 10);
      guint checked = 0;

      for (guint i = 0; i < 6; i++)
        {
          g_autoptr(GError) refused = NULL;

          ward_code_factor_verify (codes, user, "nnurse", "000000", NULL, NULL, &refused);
          /* A guess was checked when it was counted: a wrong code, or the
           * one that reached the limit. Locked before: not checked. */
          if (g_error_matches (refused, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE))
            checked++;
        }
      g_print ("%u\n", checked);
    }
  else if (g_str_equal (mode, "code"))
    g_print ("%s\n", ward_code_factor_verify (codes, g_ascii_strtoll (argv[7], NULL, 10), "nnurse", argv[8],
                                              NULL, NULL, NULL) ? "accepted" : "refused");
  else if (g_str_equal (mode, "unknown"))
    g_print ("%u\n", ward_failures_add_for_kiosk (store, "badge", 600, NULL));
  else if (g_str_equal (mode, "append"))
    {
      guint n = (guint) g_ascii_strtoull (argv[7], NULL, 10);

      for (guint i = 0; i < n; i++)
        g_assert_true (ward_audit_append (store, WARD_AUDIT_SIGNED_IN, argv[5], NULL, NULL, FALSE, NULL));
      g_print ("%u\n", n);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 9 && g_str_equal (argv[1], WORKER_FLAG))
    return run_kiosk (argv);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hospital/enrolled-once-known-everywhere", test_enrolled_once_known_everywhere);
  g_test_add_func ("/hospital/lockout-is-shared-and-exact", test_lockout_is_shared_and_exact);
  g_test_add_func ("/hospital/code-accepted-at-one-kiosk-only", test_code_accepted_at_one_kiosk_only);
  g_test_add_func ("/hospital/unknown-badges-counted-site-wide", test_unknown_badges_counted_site_wide);
  g_test_add_func ("/hospital/audit-names-kiosks", test_audit_names_kiosks);
  g_test_add_func ("/hospital/server-restart-mid-sign-in", test_server_restart_mid_sign_in);
  return g_test_run ();
}
