/* test-admin-cli.c: wardgate-admin run as a subprocess: successes, refusals, usage errors */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-cli-site.h"

typedef WardTestCliSite Fixture;

/* The database in a folder of its own that init makes. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ward_test_cli_site_set_up (fixture, "site");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ward_test_cli_site_tear_down (fixture);
}

static void
set_up_site (Fixture *fixture)
{
  assert_run (fixture, "init", 0, "Created a new database");
  assert_run (fixture, "bootstrap-admin alice --name \"Alice Admin\"", 0, "alice");
  assert_run (fixture, "--as alice user add bob --name \"Bob Nurse\" --role nurse", 0, "Added");
}

static int
count_refusals (Fixture    *fixture,
                const char *actor)
{
  g_auto(WardTestCliResult) result = ward_test_cli_run (fixture->db, "--as alice audit list --limit 1000 --json");
  g_autoptr(JsonNode) root = json_from_string (result.out, NULL);
  JsonArray *rows;
  int count = 0;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (root);
  rows = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "event"), "permission.refused") == 0
          && g_str_has_prefix (json_object_get_string_member (row, "actor"), actor))
        count++;
    }
  return count;
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  static const WardTestCliStep steps[] = {
    STEP_MISUSED ("", "Usage"),
    STEP_SUCCEEDS ("--help", "bootstrap-admin"),
    STEP_SUCCEEDS ("user add --help", "--name"),
    STEP_SUCCEEDS ("user --help", "user disable"),
    STEP_MISUSED ("frobnicate", "Unknown command"),
    STEP_MISUSED ("--no-such-option init", "Unknown option"),
    STEP_MISUSED ("user add bob --name \"Bob Nurse\"", "needs --as"),
    STEP_MISUSED ("--as alice user add --name \"Bob Nurse\"", "Wrong number of arguments"),
    STEP_MISUSED ("--as alice user add bob", "needs --name"),
    STEP_MISUSED ("--as alice role grant bob", "Wrong number of arguments"),
    STEP_MISUSED ("--as alice audit verify --limit 3", "does not take"),
    STEP_MISUSED ("--as alice audit list --limit 0", "--limit"),
  };

  assert_steps (fixture, steps);
}

static void
test_init_and_bootstrap (Fixture       *fixture,
                         gconstpointer  data)
{
  static const WardTestCliStep init_again_then_bootstrap[] = {
    STEP_SUCCEEDS ("init", "already set up"),

    /* No built-in accounts: nobody can act before the bootstrap. */
    STEP_REFUSED ("--as admin user list", "There is no account “admin”"),
    STEP_REFUSED ("bootstrap-admin admin --name \"Shared Admin\"", "shared account"),
    STEP_REFUSED ("bootstrap-admin Alice! --name \"Alice\"", "user name"),
    STEP_SUCCEEDS ("bootstrap-admin alice --name \"Alice Admin\"", "alice"),
    STEP_REFUSED ("bootstrap-admin mallory --name \"Mallory Admin\"", "already exists"),
  };

  struct stat st;

  assert_run (fixture, "--as alice user list", 1, "Run “wardgate-admin init” first");
  assert_run (fixture, "init", 0, fixture->key);
  g_assert_cmpint (g_stat (fixture->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_steps (fixture, init_again_then_bootstrap);
  assert_audited (fixture, "admin.bootstrapped");
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  static const WardTestCliStep refused_accounts[] = {
    STEP_REFUSED ("--as alice user add bob --name \"Robert Other\"", "already taken"),
    STEP_REFUSED ("--as alice user add nurse2 --name \"Night Nurse\"", "shared account"),
    STEP_REFUSED ("--as alice user add carol --name \"Carol Nurse\" --role surgeon", "no role"),
    STEP_REFUSED ("--as alice user show carol", "no account"),
    STEP_SUCCEEDS ("--as alice user show bob", "Bob Nurse"),
  };

  static const WardTestCliStep roles_then_disable_and_enable[] = {
    STEP_SUCCEEDS ("--as alice role grant bob charge-nurse", "charge-nurse"),
    STEP_REFUSED ("--as alice role grant bob charge-nurse", "already has"),
    STEP_SUCCEEDS ("--as alice role revoke bob charge-nurse", "no longer"),
    STEP_REFUSED ("--as alice role revoke bob charge-nurse", "does not have"),
    STEP_SUCCEEDS ("--as alice role permit nurse awareness.report", "now has"),
    STEP_SUCCEEDS ("--as alice role forbid nurse awareness.report", "no longer has"),
    STEP_REFUSED ("--as alice role permit nurse launch.missiles", "no permission"),
    STEP_SUCCEEDS ("--as alice role list", "device.adjust.high-alert"),
    STEP_SUCCEEDS ("--as alice role list --json", "\"active_members\""),

    STEP_SUCCEEDS ("--as alice user disable bob", "Disabled"),
    STEP_REFUSED ("--as bob user list", "disabled"),
    STEP_SUCCEEDS ("--as alice user show bob --json", "\"disabled\" : true"),
    STEP_REFUSED ("--as bob user enable bob", "disabled"),
    STEP_SUCCEEDS ("--as alice user enable bob", "Enabled"),
    STEP_SUCCEEDS ("--as alice user show bob --json", "\"disabled\" : false"),
  };

  g_auto(WardTestCliResult) listing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *bob = NULL;
  JsonArray *users;

  set_up_site (fixture);
  assert_steps (fixture, refused_accounts);

  listing = ward_test_cli_run (fixture->db, "--as alice user list --json");
  g_assert_cmpint (listing.status, ==, 0);
  root = json_from_string (listing.out, NULL);
  g_assert_nonnull (root);
  users = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (users), ==, 2);
  for (guint i = 0; i < 2; i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (users, i), "username"), "bob") == 0)
      bob = json_array_get_object_element (users, i);
  g_assert_nonnull (bob);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (bob, "roles"), 0), ==, "nurse");

  assert_steps (fixture, roles_then_disable_and_enable);
  assert_audited (fixture, "user.enabled");
}

/* Deny by default, and each refusal is on the record. */
static void
test_refused_permissions_are_audited (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const WardTestCliStep refused_steps[] = {
    STEP_REFUSED ("--as bob user add carol --name \"Carol Nurse\"", "needs the permission “users.manage”"),
    STEP_REFUSED ("--as bob role grant bob admin", "roles.manage"),
    STEP_REFUSED ("--as bob role permit nurse roles.manage", "roles.manage"),
    STEP_REFUSED ("--as bob audit list", "audit.view"),
    STEP_REFUSED ("--as bob audit verify", "audit.view"),
    STEP_REFUSED ("--as bob user list", "users.manage"),
    STEP_REFUSED ("--as ghost user list", "no account “ghost”"),
  };

  set_up_site (fixture);

  assert_steps (fixture, refused_steps);

  g_assert_cmpint (count_refusals (fixture, "bob via os:"), ==, 6);
  g_assert_cmpint (count_refusals (fixture, "ghost"), ==, 1);
  assert_run (fixture, "--as alice user show carol", 1, "no account");
  assert_run (fixture, "--as alice user show bob", 0, "nurse");
}

static void
test_last_admin_protected (Fixture       *fixture,
                           gconstpointer  data)
{
  static const WardTestCliStep alone_or_with_unready_second[] = {
    STEP_REFUSED ("--as alice user disable alice", "No other administrator could sign in"),
    STEP_REFUSED ("--as alice role revoke alice admin", "No other administrator could sign in"),
    STEP_REFUSED ("--as alice role forbid admin roles.manage", "last active administrator"),
    STEP_SUCCEEDS ("--as alice user show alice", "active"),

    /* A second administrator who cannot sign in yet saves no one... */
    STEP_SUCCEEDS ("--as alice user add dave --name \"Dave Admin\" --role admin", "Added"),
    STEP_REFUSED ("--as alice role revoke alice admin", "could sign in today"),
    STEP_REFUSED ("--as alice user disable alice", "could sign in today"),
  };

  set_up_site (fixture);

  assert_steps (fixture, alone_or_with_unready_second);

  /* ...once badge, key and app are enrolled, the first may step down. */
  ward_test_cli_enrol_everything (fixture->db, "dave");
  assert_run (fixture, "--as alice role revoke alice admin", 0, "no longer");
  assert_run (fixture, "--as dave user disable dave", 1, "No other administrator could sign in");
  assert_run (fixture, "--as dave role forbid admin roles.manage", 1, "last active administrator");
}

static void
tamper_with_audit (const char *db_path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  /* The trigger goes back exactly as it was: a changed schema alone would
   * already be refused when the database is opened. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_update;"
                                     "UPDATE audit SET subject = 'carol' WHERE seq = 3;"
                                     "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n"
                                     "BEGIN\n"
                                     "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                     "END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_audit_verify (Fixture       *fixture,
                   gconstpointer  data)
{
  set_up_site (fixture);

  ward_test_cli_assert_intact (fixture->db);
  assert_run (fixture, "--as alice audit list --limit 2", 0, "audit.verified");
  tamper_with_audit (fixture->db);
  assert_run (fixture, "--as alice audit verify", 1, "broken at record 3");
}

static void
test_refuses_foreign_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *site = g_path_get_dirname (fixture->db);
  const char *junk = "this is a spreadsheet, not a database; this is a spreadsheet, not a database";

  ward_test_cli_bootstrap (fixture->db);
  g_unlink (fixture->db);
  g_assert_true (g_file_set_contents (fixture->db, junk, -1, NULL));

  assert_run (fixture, "--as alice user list", 1, "not a Wardgate database");
  g_assert_true (g_file_get_contents (fixture->db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);

  /* A database without its key is never paired with a new key. */
  g_unlink (fixture->key);
  assert_run (fixture, "init", 1, "install key");
}

/* The command line follows the same site file as the kiosk, and refuses
 * it on the same grounds, naming the line and the key. */
static void
test_site_config (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *conf = g_build_filename (fixture->dir, "wardgate.conf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "absent.conf", NULL);

  set_up_site (fixture);

  g_assert_true (g_file_set_contents (conf, "[site]\nname = Open To All\n", -1, NULL));
  g_assert_cmpint (g_chmod (conf, 0666), ==, 0);
  g_setenv ("WARDGATE_CONFIG", conf, TRUE);
  assert_run (fixture, "--as alice user list", 1, "is not protected");

  g_assert_true (g_file_set_contents (conf, "[session]\nidle-lock-seconds = 3600\n", -1, NULL));
  g_assert_cmpint (g_chmod (conf, 0644), ==, 0);
  /* Run unprivileged, the test's own file is the runner's: refused for that
   * first. Run as root (CI), it reaches the check of its contents. */
  assert_run (fixture, "--as alice user list", 1,
              geteuid () == 0 ? "line 2: “idle-lock-seconds” in [session] must be a whole number from 30 to 900"
                              : "is not protected");

  /* config check says the same, before anyone restarts a kiosk. */
  assert_run (fixture, "config check", 1,
              geteuid () == 0 ? "line 2: “idle-lock-seconds”" : "is not protected");
  if (geteuid () == 0)
    {
      g_assert_true (g_file_set_contents (conf, "[session]\nidle-lock-seconds = 60\n", -1, NULL));
      assert_run (fixture, "config check", 0, "idle-lock-seconds = 60");
      assert_run (fixture, "config check", 0, "break-glass-minutes = 15");
    }

  g_setenv ("WARDGATE_CONFIG", missing, TRUE);
  assert_run (fixture, "--as alice user list", 1, "There is no site configuration");
  assert_run (fixture, "config check", 1, "There is no site configuration");

  g_unsetenv ("WARDGATE_CONFIG");
  g_unlink (conf);
  assert_run (fixture, "--as alice user list", 0, "bob");
}

int
main (int    argc,
      char **argv)
{
  ward_test_cli_init (&argc, &argv);
  g_unsetenv ("WARDGATE_CONFIG");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-cli/usage-errors", test_usage_errors);
  ADD ("/admin-cli/init-and-bootstrap", test_init_and_bootstrap);
  ADD ("/admin-cli/accounts", test_accounts);
  ADD ("/admin-cli/refused-permissions-are-audited", test_refused_permissions_are_audited);
  ADD ("/admin-cli/last-admin-protected", test_last_admin_protected);
  ADD ("/admin-cli/audit-verify", test_audit_verify);
  ADD ("/admin-cli/refuses-foreign-file", test_refuses_foreign_file);
  ADD ("/admin-cli/site-config", test_site_config);
#undef ADD

  return g_test_run ();
}
