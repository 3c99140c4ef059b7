/* ward-test-directory.c: a test store with a real slapd and the directory configured, and the checks the sync tests make */
#include "config.h"

#include <string.h>


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

/* A small ward: OpenLDAP-style people in group member lists, AD-style
 * people (sAMAccountName, userAccountControl, memberOf), people disabled
 * both ways, a shared login that must not become an account, and a group
 * called "admin" that nobody mapped. */
static const char staff_ldif[] =
  "dn: uid=nokafor," PEOPLE "\nobjectClass: inetOrgPerson\nuid: nokafor\ncn: Nadia Okafor\nsn: Okafor\n\n"
  "dn: uid=treyes," PEOPLE "\nobjectClass: inetOrgPerson\nuid: treyes\ncn: Tom Reyes\nsn: Reyes\n"
  "displayName: Tom Reyes RN\n\n"
  "dn: uid=glin," PEOPLE "\nobjectClass: inetOrgPerson\nuid: glin\ncn: Grace Lin\nsn: Lin\n\n"
  "dn: uid=amorgan," PEOPLE "\nobjectClass: inetOrgPerson\nuid: amorgan\ncn: Alex Morgan\nsn: Morgan\n\n"
  "dn: cn=Sam Patel," PEOPLE "\nobjectClass: inetOrgPerson\nobjectClass: wardgateTestAdUser\ncn: Sam Patel\n"
  "sn: Patel\nsAMAccountName: SPatel\nuserAccountControl: 512\nmemberOf: cn=biomed," GROUPS "\n\n"
  "dn: cn=Old Leaver," PEOPLE "\nobjectClass: inetOrgPerson\nobjectClass: wardgateTestAdUser\ncn: Old Leaver\n"
  "sn: Leaver\nsAMAccountName: oleaver\nuserAccountControl: 514\nmemberOf: cn=biomed," GROUPS "\n\n"
  "dn: uid=klocked," PEOPLE "\nobjectClass: inetOrgPerson\nuid: klocked\ncn: Kim Locked\nsn: Locked\n"
  "pwdAccountLockedTime: 000001010000Z\n\n"
  "dn: uid=kiosk," PEOPLE "\nobjectClass: inetOrgPerson\nuid: kiosk\ncn: Ward Kiosk\nsn: Kiosk\n\n"
  "dn: cn=icu-nurses," GROUPS "\nobjectClass: groupOfNames\ncn: icu-nurses\n"
  "member: uid=nokafor," PEOPLE "\nmember: UID=treyes, OU=People," WARD_TEST_LDAP_BASE "\n"
  "member: uid=klocked," PEOPLE "\n\n"
  "dn: cn=charge-nurses," GROUPS "\nobjectClass: groupOfNames\ncn: charge-nurses\nmember: uid=glin," PEOPLE "\n\n"
  "dn: cn=wardgate-admins," GROUPS "\nobjectClass: groupOfNames\ncn: wardgate-admins\n"
  "member: uid=amorgan," PEOPLE "\n\n"
  "dn: cn=admin," GROUPS "\nobjectClass: groupOfNames\ncn: admin\nmember: uid=nokafor," PEOPLE "\n\n"
  "dn: cn=biomed," GROUPS "\nobjectClass: groupOfNames\ncn: biomed\nmember: " WARD_TEST_LDAP_BIND_DN "\n\n";

WardActor *
ward_test_directory_actor_for (WardTestDirectory *fixture,
                               const char        *username)
{
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_actor_new_for_account (fixture->store->store, username, &error);

  g_assert_no_error (error);
  return actor;
}

void
ward_test_directory_configure (WardTestDirectory *fixture,
                               const char        *uri,
                               const char        *ca_file,
                               gboolean           starttls,
                               const char        *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = g_bytes_new (password, strlen (password));
  WardLdapSettings settings = {
    .uri = (char *) uri, .base_dn = (char *) WARD_TEST_LDAP_BASE, .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN,
    .ca_file = (char *) ca_file, .starttls = starttls,
  };

  g_assert_true (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  g_assert_no_error (error);
}

void
ward_test_directory_map (WardTestDirectory *fixture,
                         const char        *group,
                         const char        *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_admin_map (fixture->directory, fixture->admin, group, role, &error));
  g_assert_no_error (error);
}

void
ward_test_directory_set_up_with (WardTestDirectory *fixture,
                                 const char        *ldif,
                                 guint              size_limit,
                                 gboolean           map_ward_groups)
{
  fixture->store = ward_test_store_new ();
  fixture->slapd = ward_test_slapd_start (ldif, size_limit);
  ward_test_bootstrap_admin (fixture->store, "boot");
  fixture->admin = ward_test_directory_actor_for (fixture, "boot");
  fixture->directory = ward_directory_admin_new (fixture->store->store);
  fixture->sync = ward_directory_sync_new (fixture->store->store);
  ward_directory_sync_set_timeout (fixture->sync, 5);
  ward_test_directory_configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  if (!map_ward_groups)
    return;
  ward_test_directory_map (fixture, "cn=icu-nurses," GROUPS, "nurse");
  ward_test_directory_map (fixture, "CN=Charge-Nurses, OU=Groups," WARD_TEST_LDAP_BASE, "charge-nurse");
  ward_test_directory_map (fixture, "cn=biomed," GROUPS, "biomed");
}

void
ward_test_directory_set_up (WardTestDirectory *fixture,
                            gconstpointer      data)
{
  ward_test_directory_set_up_with (fixture, staff_ldif, 0, TRUE);
}

void
ward_test_directory_tear_down (WardTestDirectory *fixture,
                               gconstpointer      data)
{
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->directory);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->slapd, ward_test_slapd_stop);
  g_clear_pointer (&fixture->store, ward_test_store_free);
}

WardDirectorySyncResult *
ward_test_directory_sync_ok (WardTestDirectory *fixture,
                             gboolean           dry_run)
{
  g_autoptr(GError) error = NULL;
  WardDirectorySyncResult *result = ward_directory_sync_run (fixture->sync, dry_run, "os:test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

void
ward_test_directory_sync_fails (WardTestDirectory *fixture,
                                int                code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardDirectorySyncResult) result = ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error);

  g_assert_error (error, WARD_DIRECTORY_ERROR, code);
  g_assert_null (result);
}

WardUserRecord *
ward_test_directory_user (WardTestDirectory *fixture,
                          const char        *username)
{
  g_autoptr(GError) error = NULL;
  WardUserRecord *record = ward_directory_find_user (fixture->store->store, username, &error);

  g_assert_no_error (error);
  return record;
}

gboolean
ward_test_directory_exists (WardTestDirectory *fixture,
                            const char        *username)
{
  g_autoptr(WardUserRecord) record = ward_directory_find_user (fixture->store->store, username, NULL);

  return record != NULL;
}

gboolean
ward_test_directory_has_role (WardTestDirectory *fixture,
                              const char        *username,
                              const char        *role)
{
  g_autoptr(WardUserRecord) record = ward_test_directory_user (fixture, username);

  return g_strv_contains ((const char *const *) record->roles, role);
}

guint
ward_test_directory_count_audit (WardTestDirectory *fixture,
                                 const char        *event)
{
  WardAuditFilter filter = { .limit = 100000, .event = event };
  g_autoptr(GPtrArray) rows = ward_audit_list (fixture->store->store, &filter, NULL);

  g_assert_nonnull (rows);
  /* What a sync does, the directory did. */
  if (event != NULL && (g_str_has_prefix (event, "directory.user-") || g_str_has_prefix (event, "directory.role-")
                        || g_str_has_prefix (event, "directory.sync")))
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (((WardAuditRecord *) rows->pdata[i])->actor, ==, "directory");
  return rows->len;
}

guint
ward_test_directory_count_users (WardTestDirectory *fixture)
{
  g_autoptr(GPtrArray) users = ward_directory_list_users (fixture->store->store, NULL, NULL);

  g_assert_nonnull (users);
  return users->len;
}

static GString *captured_log;

/* Quiet (a sync of 10,000 people writes 20,000 audit lines), except for
 * warnings; and every field when a test captures. */
static GLogWriterOutput capture_log (GLogLevelFlags, const GLogField *, gsize, gpointer);

static GLogWriterOutput
test_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (captured_log != NULL)
    capture_log (level, fields, n_fields, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (captured_log, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
    else
      {
        g_string_append_printf (captured_log, "%s=", fields[i].key);
        g_string_append_len (captured_log, fields[i].value, fields[i].length);
        g_string_append_c (captured_log, '\n');
      }
  return G_LOG_WRITER_HANDLED;
}

void
ward_test_directory_init (int    *argc,
                          char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_log_set_writer_func (test_log_writer, NULL, NULL);
}

/* Every field of every log record from now on goes into @into too;
 * NULL stops. */
void
ward_test_directory_capture_log (GString *into)
{
  captured_log = into;
}
