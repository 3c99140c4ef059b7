/* test-admin-cli-directory.c: wardgate-admin directory commands against a real slapd, as hospital IT would run them */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-slapd.h"

#define PEOPLE "ou=people," WARD_TEST_LDAP_BASE
#define GROUPS "ou=groups," WARD_TEST_LDAP_BASE

static const char staff_ldif[] =
  "dn: uid=nokafor," PEOPLE "\nobjectClass: inetOrgPerson\nuid: nokafor\ncn: Nadia Okafor\nsn: Okafor\n\n"
  "dn: uid=treyes," PEOPLE "\nobjectClass: inetOrgPerson\nuid: treyes\ncn: Tom Reyes\nsn: Reyes\n\n"
  "dn: cn=icu-nurses," GROUPS "\nobjectClass: groupOfNames\ncn: icu-nurses\n"
  "member: uid=nokafor," PEOPLE "\nmember: uid=treyes," PEOPLE "\n\n";

typedef struct
{
  char          *dir;
  char          *db;
  WardTestSlapd *slapd;
  GString       *everything_said;  /* every stdout and stderr, to search for the password */
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("wardgate-cli-directory-XXXXXX", NULL);
  fixture->db = g_build_filename (fixture->dir, "wardgate.db", NULL);
  fixture->slapd = ward_test_slapd_start (staff_ldif, 0);
  fixture->everything_said = g_string_new (NULL);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".audit-head" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->db, suffixes[i], NULL);
      g_unlink (file);
    }
  {
    g_autofree char *key = g_build_filename (fixture->dir, "wardgate.key", NULL);
    g_autofree char *loose = g_build_filename (fixture->dir, "loose-password", NULL);

    g_unlink (key);
    g_unlink (loose);
  }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->slapd, ward_test_slapd_stop);
  g_string_free (fixture->everything_said, TRUE);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static WardTestCliResult
run (Fixture    *fixture,
     int         expected_status,
     const char *format,
     ...) G_GNUC_PRINTF (3, 4);

static WardTestCliResult
run (Fixture    *fixture,
     int         expected_status,
     const char *format,
     ...)
{
  g_autofree char *command_line = NULL;
  WardTestCliResult result;
  va_list args;

  va_start (args, format);
  command_line = g_strdup_vprintf (format, args);
  va_end (args);
  result = ward_test_cli_run (fixture->db, command_line);
  g_string_append (fixture->everything_said, result.out);
  g_string_append (fixture->everything_said, result.err);
  if (result.status != expected_status)
    g_error ("“wardgate-admin %s” exited %d (expected %d)\nstdout: %s\nstderr: %s",
             command_line, result.status, expected_status, result.out, result.err);
  return result;
}

static void
set_up_site (Fixture *fixture)
{
  g_auto(WardTestCliResult) init = run (fixture, 0, "init");
  g_auto(WardTestCliResult) admin = run (fixture, 0, "bootstrap-admin alice --name \"Alice Admin\"");
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  return root;
}

static gboolean
user_exists (Fixture    *fixture,
             const char *username)
{
  g_auto(WardTestCliResult) result = run (fixture, 0, "--as alice user list --json");

  return strstr (result.out, username) != NULL;
}

static void
test_plain_ldap_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(WardTestCliResult) refused = { 0 };
  g_auto(WardTestCliResult) loose = { 0 };
  g_autofree char *loose_file = g_build_filename (fixture->dir, "loose-password", NULL);

  set_up_site (fixture);
  refused = run (fixture, 1, "--as alice directory set --uri %s --base " WARD_TEST_LDAP_BASE
                 " --bind-dn " WARD_TEST_LDAP_BIND_DN " --password-file %s",
                 fixture->slapd->ldap_uri, fixture->slapd->password_file);
  g_assert_nonnull (strstr (refused.err, "unencrypted"));
  g_assert_nonnull (strstr (refused.err, "--starttls"));

  /* A password file anyone may read is refused too. */
  g_assert_true (g_file_set_contents (loose_file, "x\n", -1, NULL));
  g_assert_cmpint (g_chmod (loose_file, 0644), ==, 0);
  loose = run (fixture, 1, "--as alice directory set --uri %s --base " WARD_TEST_LDAP_BASE
               " --bind-dn " WARD_TEST_LDAP_BIND_DN " --password-file %s --ca-file %s",
               fixture->slapd->ldaps_uri, loose_file, fixture->slapd->ca_file);
  g_assert_nonnull (strstr (loose.err, "chmod 600"));
}

static void
test_set_map_sync (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(WardTestCliResult) set = { 0 };
  g_auto(WardTestCliResult) mapped = { 0 };
  g_auto(WardTestCliResult) show = { 0 };
  g_auto(WardTestCliResult) dry = { 0 };
  g_auto(WardTestCliResult) real = { 0 };
  g_auto(WardTestCliResult) again = { 0 };
  g_auto(WardTestCliResult) audit = { 0 };
  g_auto(WardTestCliResult) refused = { 0 };
  g_autoptr(JsonNode) dry_json = NULL;
  g_autoptr(JsonNode) real_json = NULL;
  g_autoptr(JsonNode) audit_json = NULL;
  JsonArray *rows;
  guint n_directory_events = 0;
  g_autofree char *wal = g_strconcat (fixture->db, "-wal", NULL);
  g_autofree char *db_bytes = NULL;
  gsize db_length;

  set_up_site (fixture);
  set = run (fixture, 0, "--as alice directory set --uri %s --base " WARD_TEST_LDAP_BASE
             " --bind-dn " WARD_TEST_LDAP_BIND_DN " --password-file %s --ca-file %s",
             fixture->slapd->ldaps_uri, fixture->slapd->password_file, fixture->slapd->ca_file);
  mapped = run (fixture, 0, "--as alice directory map \"cn=ICU-Nurses, ou=groups," WARD_TEST_LDAP_BASE "\" nurse");
  show = run (fixture, 0, "--as alice directory show --json");
  g_assert_nonnull (strstr (show.out, fixture->slapd->ldaps_uri));
  g_assert_nonnull (strstr (show.out, "cn=icu-nurses,ou=groups,dc=hospital,dc=test"));

  /* Without --as, a sync is the directory's own doing; --as is refused. */
  refused = run (fixture, 2, "--as alice directory sync");

  dry = run (fixture, 0, "directory sync --dry-run --json");
  dry_json = parse (dry.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (dry_json), "dry_run"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (dry_json), "applied"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (dry_json),
                                                                         "changes")), ==, 4);
  g_assert_false (user_exists (fixture, "nokafor"));

  real = run (fixture, 0, "directory sync --json");
  real_json = parse (real.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (real_json), "applied"));
  g_assert_true (user_exists (fixture, "nokafor"));
  again = run (fixture, 0, "directory sync");
  g_assert_nonnull (strstr (again.out, "Already up to date"));

  audit = run (fixture, 0, "--as alice audit list --limit 100 --json");
  audit_json = parse (audit.out);
  rows = json_node_get_array (audit_json);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *event = json_object_get_string_member (row, "event");

      /* The directory is the actor of what a sync changed. */
      if (g_str_equal (event, "directory.user-added") || g_str_equal (event, "directory.role-granted"))
        {
          g_assert_cmpstr (json_object_get_string_member (row, "actor"), ==, "directory");
          n_directory_events++;
        }
    }
  g_assert_cmpuint (n_directory_events, ==, 4);

  /* The bind password: nowhere in what was said, in the database or its log. */
  g_assert_null (strstr (fixture->everything_said->str, WARD_TEST_LDAP_PASSWORD));
  g_assert_true (g_file_get_contents (fixture->db, &db_bytes, &db_length, NULL));
  g_assert_null (memmem (db_bytes, db_length, WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD)));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wal_bytes = NULL;
      gsize wal_length;

      g_assert_true (g_file_get_contents (wal, &wal_bytes, &wal_length, NULL));
      g_assert_null (memmem (wal_bytes, wal_length, WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD)));
    }
}

static void
test_sync_failures_are_clear (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(WardTestCliResult) unset = { 0 };
  g_auto(WardTestCliResult) set = { 0 };
  g_auto(WardTestCliResult) wrong_ca = { 0 };

  set_up_site (fixture);
  unset = run (fixture, 1, "directory sync");
  g_assert_nonnull (strstr (unset.err, "directory set"));

  set = run (fixture, 0, "--as alice directory set --uri %s --base " WARD_TEST_LDAP_BASE
             " --bind-dn " WARD_TEST_LDAP_BIND_DN " --password-file %s --ca-file %s",
             fixture->slapd->ldaps_uri, fixture->slapd->password_file, fixture->slapd->other_ca_file);
  wrong_ca = run (fixture, 1, "directory sync --json");
  g_assert_nonnull (strstr (wrong_ca.err, "certificate is not trusted"));
  g_assert_cmpstr (wrong_ca.out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/admin-cli/directory/plain-ldap-refused", Fixture, NULL, set_up, test_plain_ldap_refused, tear_down);
  g_test_add ("/admin-cli/directory/set-map-sync", Fixture, NULL, set_up, test_set_map_sync, tear_down);
  g_test_add ("/admin-cli/directory/sync-failures-are-clear", Fixture, NULL, set_up,
              test_sync_failures_are_clear, tear_down);
  return g_test_run ();
}
