/* test-admin-cli-credentials.c: wardgate-admin's badge, key, code, unlock, policy and break-glass commands */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-cli-site.h"
#include "tests/common/ward-test-store.h"

typedef WardTestCliSite Fixture;

/* On the suite's PostgreSQL server when the suite runs there; the key
 * stays in the folder. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ward_test_cli_site_set_up (fixture, NULL);
  if (ward_test_backend_is_pg ())
    {
      g_free (fixture->db);
      fixture->db = ward_test_pg_new_database ();
      g_setenv ("WARDGATE_KEY_FILE", fixture->key, TRUE);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ward_test_cli_site_tear_down (fixture);
}

static void
sql (Fixture    *fixture,
     const char *statement)
{
  WardTestStore raw = { .db_path = fixture->db };

  ward_test_store_raw_exec (&raw, statement, statement);
}

/* Ten failures in a row with @factor, as if @username had tried: the
 * account is locked. */
static void
lock_out (Fixture    *fixture,
          const char *username,
          const char *factor)
{
  g_autofree char *statement = g_strdup_printf ("INSERT INTO auth_failures (user_id, factor, consecutive,"
                                                " last_failure_at, locked_at)"
                                                " SELECT id, '%s', 10, 1, 1 FROM users WHERE username = '%s'",
                                                factor, username);

  sql (fixture, statement);
}

static void
set_up_site (Fixture *fixture)
{
  ward_test_cli_bootstrap (fixture->db);
  assert_run (fixture, "--as alice user add bob --name \"Bob Nurse\" --role nurse", 0, NULL);
  assert_run (fixture, "--as alice user add carol --name \"Carol Nurse\" --role nurse", 0, NULL);
}

static void
test_badges (Fixture       *fixture,
             gconstpointer  data)
{
  static const WardTestCliStep steps[] = {
    STEP_SUCCEEDS ("--as alice badge enroll bob --uid 04:a2:3b:9c", "Enrolled a badge"),
    /* The same card, however it is written, cannot go to someone else. */
    STEP_REFUSED ("--as alice badge enroll carol --uid 04A23B9C", "already enrolled"),
    STEP_REFUSED ("--as alice badge enroll carol --uid xyz", "hexadecimal"),
    STEP_REFUSED ("--as alice badge enroll carol", "--uid"),
    STEP_REFUSED ("--as bob badge enroll carol --uid 0A0B0C0D", "credentials.enroll"),
    STEP_SUCCEEDS ("--as alice badge revoke bob", "Revoked 1 badge"),
    STEP_REFUSED ("--as alice badge revoke bob", "no active badge"),
    /* A revoked card stays retired. */
    STEP_REFUSED ("--as alice badge enroll carol --uid 04A23B9C", "revoked"),
  };

  set_up_site (fixture);
  assert_steps (fixture, steps);
  assert_audited (fixture, "badge.revoked");
}

/* Someone who may enrol nurses may not put her own card, key or app on an
 * administrator's account, nor unlock one. */
static void
test_enrolment_cannot_climb (Fixture       *fixture,
                             gconstpointer  data)
{
  static const WardTestCliStep steps[] = {
    STEP_SUCCEEDS ("--as alice user add cnurse --name \"Cleo Charge\" --role charge-nurse", NULL),
    STEP_SUCCEEDS ("--as cnurse badge enroll bob --uid 0C0C0C0C", "Enrolled"),
    STEP_REFUSED ("--as cnurse badge enroll alice --uid 0B0B0B0B", "You cannot change the sign-in credentials of"),
    STEP_REFUSED ("--as cnurse badge revoke alice", "You cannot change the sign-in credentials of"),
    STEP_REFUSED ("--as cnurse totp reset alice", "You cannot change the sign-in credentials of"),
    STEP_REFUSED ("--as cnurse key revoke alice 1", "You cannot change the sign-in credentials of"),
    STEP_SUCCEEDS ("--as alice audit list --json --limit 200", "target-has-more-rights"),
  };

  set_up_site (fixture);
  assert_steps (fixture, steps);
  lock_out (fixture, "alice", "key");
  assert_run (fixture, "--as cnurse unlock alice", 1, "You cannot unlock ");
}

/* Roles cannot be made administrative behind the sign-in rules' back. */
static void
test_grants_keep_the_rules (Fixture       *fixture,
                            gconstpointer  data)
{
  static const WardTestCliStep steps[] = {
    STEP_REFUSED ("--as alice role permit break-glass users.manage", "only be given device permissions"),
    STEP_SUCCEEDS ("--as alice role permit break-glass device.adjust.high-alert", NULL),
    STEP_SUCCEEDS ("--as alice policy set biomed badge key", NULL),
    STEP_REFUSED ("--as alice role permit biomed roles.manage", "at least what nurses need"),
    STEP_SUCCEEDS ("--as alice role list --json", NULL),
  };

  set_up_site (fixture);
  assert_steps (fixture, steps);
}

static void
test_keys_without_hardware (Fixture       *fixture,
                            gconstpointer  data)
{
  set_up_site (fixture);
  assert_run (fixture, "--as alice key list bob", 0, "has no security key");
  assert_run (fixture, "--as alice key revoke bob 99", 1, "no active security key");
  assert_run (fixture, "--as alice key revoke bob abc", 1, "KEY_ID");
  assert_run (fixture, "--as bob key list bob", 1, "credentials.enroll");
  if (g_file_test ("/dev/hidraw0", G_FILE_TEST_EXISTS))
    g_test_message ("A hidraw device exists: the no-key refusal is not checked here");
  else
    assert_run (fixture, "--as alice key enroll bob", 1, "No security key found");
}

static char *
oathtool_code (const char *secret)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "oathtool", "--totp", "-b", secret, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("oathtool is needed (Debian package oathtool): %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&out));
}

/* Runs "totp enroll", reads the otpauth URI it prints, and answers with the
 * code an authenticator app would show (or with the given wrong code). */
static char *
read_all (GInputStream *stream)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (bytes, buffer, (guint) n);
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static int
enrol_app (Fixture     *fixture,
           const char  *wrong_code,
           char       **uri_out,
           char       **secret_out,
           char       **code_out,
           char       **log_out)
{
  g_autofree char *png = g_build_filename (fixture->dir, "qr.png", NULL);
  g_autofree char *command = g_strdup_printf ("--as alice totp enroll bob --png %s --issuer \"Ward 4B\"", png);
  /* Every debug message and the audit copies on, as loud as it gets: still
   * no secret and no code in any log line. */
  const char *const loud[] = { "G_MESSAGES_DEBUG", "all", "WARDGATE_AUDIT_STDERR", "1", NULL };
  g_autoptr(GSubprocess) process = ward_test_cli_spawn_with_env (fixture->db, command,
                                                                 G_SUBPROCESS_FLAGS_STDIN_PIPE, loud);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  GOutputStream *input = g_subprocess_get_stdin_pipe (process);
  g_autofree char *line = NULL;
  g_autofree char *code = NULL;
  g_autofree char *answer = NULL;
  const char *secret;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL)) != NULL
         && !g_str_has_prefix (line, "otpauth://"))
    g_clear_pointer (&line, g_free);
  g_assert_nonnull (line);
  secret = strstr (line, "secret=") + strlen ("secret=");
  *secret_out = g_strndup (secret, strcspn (secret, "&"));
  code = oathtool_code (*secret_out);
  answer = g_strdup_printf ("%s\n", wrong_code != NULL ? wrong_code : code);
  g_assert_true (g_output_stream_write_all (input, answer, strlen (answer), NULL, NULL, NULL));
  g_output_stream_close (input, NULL, NULL);
  *log_out = read_all (g_subprocess_get_stderr_pipe (process));
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  *uri_out = g_steal_pointer (&line);
  *code_out = g_steal_pointer (&code);
  return g_subprocess_get_exit_status (process);
}

static void
test_authenticator_app (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *uri = NULL, *wrong_uri = NULL;
  g_autofree char *secret = NULL, *wrong_secret = NULL;
  g_autofree char *code = NULL, *wrong_code = NULL;
  g_autofree char *log = NULL, *wrong_log = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "qr.png", NULL);

  set_up_site (fixture);
  g_assert_cmpint (enrol_app (fixture, "000000", &wrong_uri, &wrong_secret, &wrong_code, &wrong_log), ==, 1);
  g_assert_cmpint (enrol_app (fixture, NULL, &uri, &secret, &code, &log), ==, 0);
  g_assert_nonnull (strstr (log, "totp.enrolled"));
  g_assert_null (strstr (log, secret));
  g_assert_null (strstr (log, code));
  g_assert_null (strstr (wrong_log, wrong_secret));
  g_assert_true (g_str_has_prefix (uri, "otpauth://totp/Ward%204B:bob?secret="));
  g_assert_nonnull (strstr (uri, "&issuer=Ward%204B&algorithm=SHA1&digits=6&period=30"));
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  assert_audited (fixture, "totp.enrolled");

  assert_run (fixture, "--as alice totp reset bob", 0, "Removed");
  assert_run (fixture, "--as alice totp reset bob", 1, "No authenticator app");
  assert_run (fixture, "--as bob totp reset carol", 1, "credentials.enroll");
}

static void
test_unlock (Fixture       *fixture,
             gconstpointer  data)
{
  set_up_site (fixture);
  lock_out (fixture, "bob", "totp");
  assert_run (fixture, "--as bob unlock bob", 1, "is locked after failed sign-ins");
  assert_run (fixture, "--as alice unlock bob", 0, "Unlocked");
  assert_run (fixture, "--as alice unlock bob", 1, "no failed sign-ins");
  assert_run (fixture, "--as alice unlock nobody", 1, "no account");
  /* A locked account cannot act through the command line either. */
  lock_out (fixture, "carol", "totp");
  sql (fixture, "INSERT INTO role_permissions (role_id, permission_id) SELECT r.id, p.id FROM roles r, permissions p"
                " WHERE r.name = 'nurse' AND p.name = 'audit.view'");
  assert_run (fixture, "--as carol audit list", 1, "locked");
  assert_audited (fixture, "account.unlocked");
}

static void
test_policy (Fixture       *fixture,
             gconstpointer  data)
{
  static const WardTestCliStep steps[] = {
    STEP_SUCCEEDS ("--as alice policy show", "nurse          badge+key+totp"),
    STEP_SUCCEEDS ("--as alice policy show", "Lockout after 10"),
    STEP_SUCCEEDS ("--as alice policy set nurse badge totp", "badge+totp"),
    STEP_SUCCEEDS ("--as alice policy set admin badge totp", "badge+totp"),
    /* Administrators never sign in more weakly than nurses: not by lowering
     * theirs, nor by raising the nurses' above it. */
    STEP_REFUSED ("--as alice policy set nurse badge key totp", "at least what nurses need"),
    STEP_SUCCEEDS ("--as alice policy set admin badge key totp", NULL),
    STEP_SUCCEEDS ("--as alice policy set nurse badge key totp", NULL),
    STEP_REFUSED ("--as alice policy set admin badge key", "at least what nurses need"),
    STEP_REFUSED ("--as alice policy set nurse badge", "at least a key or a code"),
    STEP_REFUSED ("--as alice policy set nurse badge key fingerprint", "not a factor"),
    STEP_MISUSED ("--as alice policy set nurse", "Wrong number of arguments"),
    STEP_REFUSED ("--as alice policy lockout 101", "between 3 and 100"),
    STEP_SUCCEEDS ("--as alice policy lockout 5", "after 5"),
    STEP_SUCCEEDS ("--as alice policy show --json", "\"lockout_threshold\" : 5"),
    STEP_REFUSED ("--as bob policy lockout 50", "roles.manage"),
  };

  set_up_site (fixture);
  assert_steps (fixture, steps);
}

/* How long after an idle lock each role may come back with badge and key. */
static void
test_policy_reentry (Fixture       *fixture,
                     gconstpointer  data)
{
  static const WardTestCliStep defaults_then_lowered[] = {
    /* The defaults: clinical roles 30 minutes, administrators never. */
    STEP_SUCCEEDS ("--as alice policy show", "nurse          30 min"),
    STEP_SUCCEEDS ("--as alice policy show", "biomed         30 min"),
    STEP_SUCCEEDS ("--as alice policy show", "admin          off"),
    STEP_SUCCEEDS ("--as alice policy show --json", "\"reentry_minutes\""),

    /* Charge nurses manage accounts: never longer than nurses, so theirs
     * comes down first. */
    STEP_REFUSED ("--as alice policy reentry nurse 15", "“charge-nurse” manages accounts"),
    STEP_SUCCEEDS ("--as alice policy show", "nurse          30 min"),
    STEP_SUCCEEDS ("--as alice policy reentry charge-nurse 15", "within 15 minutes"),
    STEP_SUCCEEDS ("--as alice policy reentry nurse 15", "within 15 minutes"),
    STEP_SUCCEEDS ("--as alice policy show", "nurse          15 min"),
  };

  static const WardTestCliStep biomed_off_then_refusals[] = {
    STEP_SUCCEEDS ("--as alice policy reentry biomed 0", "every factor"),
    STEP_SUCCEEDS ("--as alice policy show", "biomed         off"),

    /* Refusals: too long, not a number, no such role, not allowed to, and
     * an administrator never longer than nurses. */
    STEP_REFUSED ("--as alice policy reentry nurse 61", "from 0 (off) to 60"),
    STEP_REFUSED ("--as alice policy reentry nurse 7x", "from 0 (off) to 60"),
    STEP_REFUSED ("--as alice policy reentry nurse soon", "from 0 (off) to 60"),
    STEP_REFUSED ("--as alice policy reentry porter 10", "no role"),
    STEP_REFUSED ("--as bob policy reentry nurse 60", "roles.manage"),
    STEP_REFUSED ("--as alice policy reentry admin 20", "longer than nurses"),
    STEP_REFUSED ("--as alice policy reentry charge-nurse 20", "longer than nurses"),
    STEP_MISUSED ("--as alice policy reentry nurse", "Wrong number of arguments"),
    STEP_SUCCEEDS ("--as alice policy show", "admin          off"),
    STEP_SUCCEEDS ("--as alice policy show", "nurse          15 min"),
  };

  set_up_site (fixture);
  assert_steps (fixture, defaults_then_lowered);
  assert_audited (fixture, "\"reentry_minutes\" : \"15\"");
  assert_steps (fixture, biomed_off_then_refusals);

  /* A window written with plain SQL is not used: it counts as off. */
  sql (fixture, "UPDATE reentry_policy SET minutes = 60 WHERE role_id = (SELECT id FROM roles WHERE name = 'nurse')");
  assert_run (fixture, "--as alice policy show", 0, "nurse          off");
}

static void
test_break_glass_review (Fixture       *fixture,
                         gconstpointer  data)
{
  static const WardTestCliStep review_steps[] = {
    /* A note is asked for, in words. */
    STEP_MISUSED ("--as alice break-glass review 1", NULL),
    STEP_REFUSED ("--as alice break-glass review 1 'ok'", "at least 10 characters"),
    STEP_SUCCEEDS ("--as alice break-glass review 1 'Checked with the ward, justified'", "reviewed"),
    STEP_REFUSED ("--as alice break-glass review 1 'Checked with the ward, justified'", "finished emergency session"),
    STEP_SUCCEEDS ("--as alice break-glass list", "No emergency sessions"),
    STEP_SUCCEEDS ("--as alice break-glass list --all --json", "\"reviewed\" : true"),
  };

  set_up_site (fixture);
  assert_run (fixture, "--as alice break-glass list", 0, "No emergency sessions");
  sql (fixture, "INSERT INTO sessions (user_id, kiosk_id, kind, reason, started_at, last_activity_at, last_strong_at)"
                " SELECT id, 'bed-12', 'break-glass', 'Cardiac arrest in bed 12', 1, 1, 1 FROM users WHERE username = 'bob'");
  assert_run (fixture, "--as alice break-glass list", 0, "Cardiac arrest in bed 12");
  assert_run (fixture, "--as bob break-glass list", 1, "audit.view");
  /* Still running: nothing to review yet. */
  assert_run (fixture, "--as alice break-glass review 1 'Checked with the ward, justified'", 1,
              "finished emergency session");
  sql (fixture, "UPDATE sessions SET ended_at = 2, end_reason = 'time-limit' WHERE id = 1");
  assert_steps (fixture, review_steps);
}

int
main (int    argc,
      char **argv)
{
  ward_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-cli/badges", test_badges);
  ADD ("/admin-cli/enrolment-cannot-climb", test_enrolment_cannot_climb);
  ADD ("/admin-cli/grants-keep-the-rules", test_grants_keep_the_rules);
  ADD ("/admin-cli/keys-without-hardware", test_keys_without_hardware);
  ADD ("/admin-cli/authenticator-app", test_authenticator_app);
  ADD ("/admin-cli/unlock", test_unlock);
  ADD ("/admin-cli/policy", test_policy);
  ADD ("/admin-cli/policy-reentry", test_policy_reentry);
  ADD ("/admin-cli/break-glass-review", test_break_glass_review);
#undef ADD

  return g_test_run ();
}
