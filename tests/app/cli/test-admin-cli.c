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

#define assert_run(fixture, command, status, text) \
  ward_test_cli_assert ((fixture)->db, command, status, text)

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
  assert_run (fixture, "", 2, "Usage");
  assert_run (fixture, "--help", 0, "bootstrap-admin");
  assert_run (fixture, "user add --help", 0, "--name");
  assert_run (fixture, "user --help", 0, "user disable");
  assert_run (fixture, "frobnicate", 2, "Unknown command");
  assert_run (fixture, "--no-such-option init", 2, "Unknown option");
  assert_run (fixture, "user add bob --name \"Bob Nurse\"", 2, "needs --as");
  assert_run (fixture, "--as alice user add --name \"Bob Nurse\"", 2, "Wrong number of arguments");
  assert_run (fixture, "--as alice user add bob", 2, "needs --name");
  assert_run (fixture, "--as alice role grant bob", 2, "Wrong number of arguments");
  assert_run (fixture, "--as alice audit verify --limit 3", 2, "does not take");
  assert_run (fixture, "--as alice audit list --limit 0", 2, "--limit");
}

static void
test_init_and_bootstrap (Fixture       *fixture,
                         gconstpointer  data)
{
  struct stat st;

  assert_run (fixture, "--as alice user list", 1, "Run “wardgate-admin init” first");
  assert_run (fixture, "init", 0, fixture->key);
  g_assert_cmpint (g_stat (fixture->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_run (fixture, "init", 0, "already set up");

  /* No built-in accounts: nobody can act before the bootstrap. */
  assert_run (fixture, "--as admin user list", 1, "There is no account “admin”");
  assert_run (fixture, "bootstrap-admin admin --name \"Shared Admin\"", 1, "shared account");
  assert_run (fixture, "bootstrap-admin Alice! --name \"Alice\"", 1, "user name");
  assert_run (fixture, "bootstrap-admin alice --name \"Alice Admin\"", 0, "alice");
  assert_run (fixture, "bootstrap-admin mallory --name \"Mallory Admin\"", 1, "already exists");
  ward_test_cli_assert_audited (fixture->db, "admin.bootstrapped");
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(WardTestCliResult) listing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *bob = NULL;
  JsonArray *users;

  set_up_site (fixture);
  assert_run (fixture, "--as alice user add bob --name \"Robert Other\"", 1, "already taken");
  assert_run (fixture, "--as alice user add nurse2 --name \"Night Nurse\"", 1, "shared account");
  assert_run (fixture, "--as alice user add carol --name \"Carol Nurse\" --role surgeon", 1, "no role");
  assert_run (fixture, "--as alice user show carol", 1, "no account");
  assert_run (fixture, "--as alice user show bob", 0, "Bob Nurse");

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

  assert_run (fixture, "--as alice role grant bob charge-nurse", 0, "charge-nurse");
  assert_run (fixture, "--as alice role grant bob charge-nurse", 1, "already has");
  assert_run (fixture, "--as alice role revoke bob charge-nurse", 0, "no longer");
  assert_run (fixture, "--as alice role revoke bob charge-nurse", 1, "does not have");
  assert_run (fixture, "--as alice role permit nurse awareness.report", 0, "now has");
  assert_run (fixture, "--as alice role forbid nurse awareness.report", 0, "no longer has");
  assert_run (fixture, "--as alice role permit nurse launch.missiles", 1, "no permission");
  assert_run (fixture, "--as alice role list", 0, "device.adjust.high-alert");
  assert_run (fixture, "--as alice role list --json", 0, "\"active_members\"");

  assert_run (fixture, "--as alice user disable bob", 0, "Disabled");
  assert_run (fixture, "--as bob user list", 1, "disabled");
  assert_run (fixture, "--as alice user show bob --json", 0, "\"disabled\" : true");
  assert_run (fixture, "--as bob user enable bob", 1, "disabled");
  assert_run (fixture, "--as alice user enable bob", 0, "Enabled");
  assert_run (fixture, "--as alice user show bob --json", 0, "\"disabled\" : false");
  ward_test_cli_assert_audited (fixture->db, "user.enabled");
}

/* Deny by default, and each refusal is on the record. */
static void
test_refused_permissions_are_audited (Fixture       *fixture,
                                      gconstpointer  data)
{
  set_up_site (fixture);

  assert_run (fixture, "--as bob user add carol --name \"Carol Nurse\"", 1, "needs the permission “users.manage”");
  assert_run (fixture, "--as bob role grant bob admin", 1, "roles.manage");
  assert_run (fixture, "--as bob role permit nurse roles.manage", 1, "roles.manage");
  assert_run (fixture, "--as bob audit list", 1, "audit.view");
  assert_run (fixture, "--as bob audit verify", 1, "audit.view");
  assert_run (fixture, "--as bob user list", 1, "users.manage");
  assert_run (fixture, "--as ghost user list", 1, "no account “ghost”");

  g_assert_cmpint (count_refusals (fixture, "bob via os:"), ==, 6);
  g_assert_cmpint (count_refusals (fixture, "ghost"), ==, 1);
  assert_run (fixture, "--as alice user show carol", 1, "no account");
  assert_run (fixture, "--as alice user show bob", 0, "nurse");
}

static void
test_last_admin_protected (Fixture       *fixture,
                           gconstpointer  data)
{
  set_up_site (fixture);

  assert_run (fixture, "--as alice user disable alice", 1, "No other administrator could sign in");
  assert_run (fixture, "--as alice role revoke alice admin", 1, "No other administrator could sign in");
  assert_run (fixture, "--as alice role forbid admin roles.manage", 1, "last active administrator");
  assert_run (fixture, "--as alice user show alice", 0, "active");

  /* A second administrator who cannot sign in yet saves no one... */
  assert_run (fixture, "--as alice user add dave --name \"Dave Admin\" --role admin", 0, "Added");
  assert_run (fixture, "--as alice role revoke alice admin", 1, "could sign in today");
  assert_run (fixture, "--as alice user disable alice", 1, "could sign in today");

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
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("WARDGATE_ADMIN"));
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
