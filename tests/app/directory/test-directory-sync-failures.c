/* test-directory-sync-failures.c: syncing from a real slapd when it goes wrong: bad password or CA, plain LDAP, server down or silent, bad filter, nobody returned; dry runs; the password never stored or logged */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "app/admin/ward-account-admin.h"
#include "app/directory/ward-directory-admin.h"
#include "app/directory/ward-directory-sync.h"
#include "auth/ward-actor.h"
#include "auth/ward-session.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "data/ward-ldap-settings.h"
#include "tests/app/directory/ward-test-directory.h"
#include "tests/common/ward-test-slapd.h"
#include "tests/common/ward-test-store.h"

typedef WardTestDirectory Fixture;

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, "not-the-password");
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_assert_false (ward_test_directory_exists (fixture, "nokafor"));
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.sync-failed"), ==, 1);
}

static void
test_wrong_ca (Fixture       *fixture,
               gconstpointer  data)
{
  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->other_ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE);
  ward_test_directory_configure (fixture, fixture->slapd->ldap_uri, fixture->slapd->other_ca_file, TRUE, WARD_TEST_LDAP_PASSWORD);
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE);
  g_assert_false (ward_test_directory_exists (fixture, "nokafor"));
}

static void
test_starttls (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;

  ward_test_directory_configure (fixture, fixture->slapd->ldap_uri, fixture->slapd->ca_file, TRUE, WARD_TEST_LDAP_PASSWORD);
  result = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "nurse"));
}

static void
test_plain_ldap_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = g_bytes_new_static ("x", 1);
  WardLdapSettings settings = {
    .uri = fixture->slapd->ldap_uri, .base_dn = (char *) WARD_TEST_LDAP_BASE,
    .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN,
  };

  g_assert_false (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  g_assert_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "unencrypted"));
}

/* Only when asked for by name, and then flagged for review. */
static void
test_insecure_for_testing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = g_bytes_new_static (WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD));
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WardAuditFilter filter = { .limit = 1, .event = "directory.configured" };
  WardLdapSettings settings = {
    .uri = fixture->slapd->ldap_uri, .base_dn = (char *) WARD_TEST_LDAP_BASE,
    .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN, .insecure = TRUE,
  };

  g_assert_true (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  g_assert_no_error (error);
  rows = ward_audit_list (fixture->store->store, &filter, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (((WardAuditRecord *) rows->pdata[0])->flagged);
  result = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "nurse"));
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
  guint audit_before = ward_test_directory_count_audit (fixture, NULL);

  g_subprocess_send_signal (fixture->slapd->process, SIGTERM);
  g_subprocess_wait (fixture->slapd->process, NULL, NULL);
  g_clear_object (&fixture->slapd->process);
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_UNREACHABLE);
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "nurse"));
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, NULL), ==, audit_before + 1);
}

/* A server that takes the connection and then says nothing (hung, or a
 * firewall that swallows packets): the sync gives up in its time. */
static void
test_silent_server_times_out (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  gint64 start;

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      uri = g_strdup_printf (i == 0 ? "ldaps://127.0.0.1:%u" : "ldap://127.0.0.1:%u", port);
      ward_test_directory_configure (fixture, uri, fixture->slapd->ca_file, i == 1, WARD_TEST_LDAP_PASSWORD);
      g_clear_pointer (&uri, g_free);
      ward_directory_sync_set_timeout (fixture->sync, 2);
      start = g_get_monotonic_time ();
      {
        g_autoptr(GError) sync_error = NULL;
        g_autoptr(WardDirectorySyncResult) result = ward_directory_sync_run (fixture->sync, FALSE, "os:test",
                                                                             &sync_error);

        g_assert_null (result);
        g_assert_error (sync_error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_TIMEOUT);
      }
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
    }
  g_assert_false (ward_test_directory_exists (fixture, "nokafor"));
}

static void
test_filter_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) secret = g_bytes_new_static (WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD));
  g_autoptr(GError) error = NULL;
  WardLdapSettings settings = {
    .uri = fixture->slapd->ldaps_uri, .base_dn = (char *) WARD_TEST_LDAP_BASE,
    .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN, .ca_file = fixture->slapd->ca_file,
    .user_filter = (char *) "(objectClass=inetOrgPerson",
  };

  g_assert_true (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_FILTER);
}

static void
test_nobody_returned_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
  g_autoptr(GBytes) secret = g_bytes_new_static (WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD));
  g_autoptr(GError) error = NULL;
  g_autoptr(WardUserRecord) nadia = NULL;
  WardLdapSettings settings = {
    .uri = fixture->slapd->ldaps_uri, .base_dn = (char *) WARD_TEST_LDAP_BASE,
    .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN, .ca_file = fixture->slapd->ca_file,
    .user_filter = (char *) "(uid=nobody-by-this-name)",
  };

  g_assert_true (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_FILTER);
  nadia = ward_test_directory_user (fixture, "nokafor");
  g_assert_false (nadia->disabled);
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (contents, length);
}

static void
test_dry_run_writes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->store->db_path, "-wal", NULL);
  g_autoptr(GBytes) db_before = NULL;
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(GBytes) db_after = NULL;
  g_autoptr(GBytes) wal_after = NULL;
  g_autoptr(WardDirectorySyncResult) result = NULL;
  guint audit_before = ward_test_directory_count_audit (fixture, NULL);

  db_before = read_file (fixture->store->db_path);
  wal_before = read_file (wal);
  result = ward_test_directory_sync_ok (fixture, TRUE);
  g_assert_false (result->applied);
  g_assert_cmpuint (result->changes->len, ==, 9);
  db_after = read_file (fixture->store->db_path);
  wal_after = read_file (wal);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));
  g_assert_false (ward_test_directory_exists (fixture, "nokafor"));
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, NULL), ==, audit_before);
}

static void
test_password_never_stored_or_logged (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autofree char *wal = g_strconcat (fixture->store->db_path, "-wal", NULL);
  g_autoptr(GBytes) password = NULL;
  g_autoptr(GError) error = NULL;
  const char *needle = WARD_TEST_LDAP_PASSWORD;
  GString *captured_log;

  /* Every journal record the configuration and a sync write. */
  captured_log = g_string_new (NULL);
  ward_test_directory_capture_log (captured_log);
  g_log_set_debug_enabled (TRUE);
  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  result = ward_test_directory_sync_ok (fixture, FALSE);
  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, "a wrong one");
  ward_test_directory_sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_log_set_debug_enabled (FALSE);
  g_assert_nonnull (strstr (captured_log->str, "directory.user-added"));
  g_assert_null (strstr (captured_log->str, needle));
  g_assert_null (strstr (captured_log->str, "a wrong one"));
  ward_test_directory_capture_log (NULL);
  g_string_free (captured_log, TRUE);

  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  g_assert_false (ward_test_file_contains (fixture->store->db_path, (const guint8 *) needle, strlen (needle)));
  g_assert_false (ward_test_file_contains (wal, (const guint8 *) needle, strlen (needle)));
  /* It is there, sealed: the install key opens it. */
  password = ward_ldap_settings_unseal_password (fixture->store->store, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (password, NULL), g_bytes_get_size (password), needle, strlen (needle));
}

int
main (int   argc,
      char *argv[])
{
  ward_test_directory_init (&argc, &argv);

#define ADD(name, func) g_test_add ("/directory-sync/" name, Fixture, NULL, ward_test_directory_set_up, func, ward_test_directory_tear_down)
  ADD ("wrong-password", test_wrong_password);
  ADD ("wrong-ca", test_wrong_ca);
  ADD ("starttls", test_starttls);
  ADD ("plain-ldap-refused", test_plain_ldap_refused);
  ADD ("insecure-for-testing", test_insecure_for_testing);
  ADD ("server-down", test_server_down);
  ADD ("silent-server-times-out", test_silent_server_times_out);
  ADD ("filter-error", test_filter_error);
  ADD ("nobody-returned-refused", test_nobody_returned_refused);
  ADD ("dry-run-writes-nothing", test_dry_run_writes_nothing);
  ADD ("password-never-stored-or-logged", test_password_never_stored_or_logged);
#undef ADD

  return g_test_run ();
}
