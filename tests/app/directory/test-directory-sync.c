/* test-directory-sync.c: staff and roles from a real slapd: first sync, re-sync, disabled people, groups, admin rules, failures, paging */
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
#include "tests/common/ward-test-slapd.h"
#include "tests/common/ward-test-store.h"

#define PEOPLE "ou=people," WARD_TEST_LDAP_BASE
#define GROUPS "ou=groups," WARD_TEST_LDAP_BASE

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

typedef struct
{
  WardTestStore      *store;
  WardTestSlapd      *slapd;
  WardActor          *admin;
  WardDirectoryAdmin *directory;
  WardDirectorySync  *sync;
} Fixture;

static WardActor *
actor_for (Fixture    *fixture,
           const char *username)
{
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_actor_new_for_account (fixture->store->store, username, &error);

  g_assert_no_error (error);
  return actor;
}

static void
configure (Fixture    *fixture,
           const char *uri,
           const char *ca_file,
           gboolean    starttls,
           const char *password)
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

static void
map (Fixture    *fixture,
     const char *group,
     const char *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_admin_map (fixture->directory, fixture->admin, group, role, &error));
  g_assert_no_error (error);
}

static void
set_up_with (Fixture    *fixture,
             const char *ldif,
             guint       size_limit,
             gboolean    map_ward_groups)
{
  fixture->store = ward_test_store_new ();
  fixture->slapd = ward_test_slapd_start (ldif, size_limit);
  ward_test_bootstrap_admin (fixture->store, "boot");
  fixture->admin = actor_for (fixture, "boot");
  fixture->directory = ward_directory_admin_new (fixture->store->store);
  fixture->sync = ward_directory_sync_new (fixture->store->store);
  ward_directory_sync_set_timeout (fixture->sync, 5);
  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  if (!map_ward_groups)
    return;
  map (fixture, "cn=icu-nurses," GROUPS, "nurse");
  map (fixture, "CN=Charge-Nurses, OU=Groups," WARD_TEST_LDAP_BASE, "charge-nurse");
  map (fixture, "cn=biomed," GROUPS, "biomed");
}

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  set_up_with (fixture, staff_ldif, 0, TRUE);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->directory);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->slapd, ward_test_slapd_stop);
  g_clear_pointer (&fixture->store, ward_test_store_free);
}

static WardDirectorySyncResult *
sync_ok (Fixture  *fixture,
         gboolean  dry_run)
{
  g_autoptr(GError) error = NULL;
  WardDirectorySyncResult *result = ward_directory_sync_run (fixture->sync, dry_run, "os:test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
sync_fails (Fixture *fixture,
            int      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardDirectorySyncResult) result = ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error);

  g_assert_error (error, WARD_DIRECTORY_ERROR, code);
  g_assert_null (result);
}

static WardUserRecord *
user (Fixture    *fixture,
      const char *username)
{
  g_autoptr(GError) error = NULL;
  WardUserRecord *record = ward_directory_find_user (fixture->store->store, username, &error);

  g_assert_no_error (error);
  return record;
}

static gboolean
exists (Fixture    *fixture,
        const char *username)
{
  g_autoptr(WardUserRecord) record = ward_directory_find_user (fixture->store->store, username, NULL);

  return record != NULL;
}

static gboolean
has_role (Fixture    *fixture,
          const char *username,
          const char *role)
{
  g_autoptr(WardUserRecord) record = user (fixture, username);

  return g_strv_contains ((const char *const *) record->roles, role);
}

static guint
count_audit (Fixture    *fixture,
             const char *event)
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

static guint
count_users (Fixture *fixture)
{
  g_autoptr(GPtrArray) users = ward_directory_list_users (fixture->store->store, NULL, NULL);

  g_assert_nonnull (users);
  return users->len;
}

static void
test_first_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = sync_ok (fixture, FALSE);
  g_autoptr(WardUserRecord) nadia = NULL;
  g_autoptr(WardUserRecord) tom = NULL;
  gboolean skipped_kiosk = FALSE;

  g_assert_true (result->applied);
  g_assert_cmpuint (result->n_people, ==, 8);
  nadia = user (fixture, "nokafor");
  tom = user (fixture, "treyes");
  g_assert_cmpstr (nadia->full_name, ==, "Nadia Okafor");
  g_assert_cmpstr (tom->full_name, ==, "Tom Reyes RN");      /* displayName before cn */
  g_assert_true (has_role (fixture, "nokafor", "nurse"));
  g_assert_true (has_role (fixture, "treyes", "nurse"));      /* member DN written in other case and spacing */
  g_assert_true (has_role (fixture, "glin", "charge-nurse"));
  g_assert_true (has_role (fixture, "spatel", "biomed"));     /* AD: sAMAccountName and memberOf */
  g_assert_false (exists (fixture, "oleaver"));               /* AD: userAccountControl ACCOUNTDISABLE */
  g_assert_false (exists (fixture, "klocked"));               /* OpenLDAP: pwdAccountLockedTime */
  g_assert_false (exists (fixture, "kiosk"));                 /* a shared login is no person */
  for (guint i = 0; i < result->skipped->len; i++)
    skipped_kiosk |= g_strcmp0 (((WardDirectorySkip *) result->skipped->pdata[i])->login, "kiosk") == 0;
  g_assert_true (skipped_kiosk);
  g_assert_cmpuint (count_audit (fixture, "directory.user-added"), ==, 5);
  g_assert_cmpuint (count_audit (fixture, "directory.role-granted"), ==, 4);
  g_assert_cmpuint (count_audit (fixture, "directory.synced"), ==, 1);
}

static void
test_resync_is_noop (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) again = NULL;
  guint audit_rows = count_audit (fixture, NULL);

  again = sync_ok (fixture, FALSE);
  g_assert_cmpuint (again->changes->len, ==, 0);
  g_assert_cmpuint (count_audit (fixture, NULL), ==, audit_rows);
}

static void
test_disabled_person_loses_access (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) second = NULL;
  g_autoptr(WardUserRecord) tom = user (fixture, "treyes");
  g_autoptr(WardSession) session = NULL;
  g_autoptr(WardUserRecord) tom_after = NULL;
  g_autoptr(WardUserRecord) sam_after = NULL;
  g_autoptr(WardUserRecord) grace_after = NULL;
  g_autoptr(GError) error = NULL;

  session = ward_session_start (fixture->store->store, tom->id, WARD_SESSION_KIND_NORMAL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  g_assert_true (ward_session_can (session, "device.adjust"));

  /* OpenLDAP lock, AD disable bit, and someone who left. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: uid=treyes," PEOPLE "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
      "pwdAccountLockedTime: 000001010000Z\n\n"
      "dn: cn=Sam Patel," PEOPLE "\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 514\n\n"
      "dn: uid=glin," PEOPLE "\nchangetype: delete\n\n");
  second = sync_ok (fixture, FALSE);
  g_assert_cmpuint (second->changes->len, ==, 3);
  tom_after = user (fixture, "treyes");
  sam_after = user (fixture, "spatel");
  grace_after = user (fixture, "glin");
  g_assert_true (tom_after->disabled);
  g_assert_true (sam_after->disabled);
  g_assert_true (grace_after->disabled);
  g_assert_cmpuint (count_audit (fixture, "directory.user-disabled"), ==, 3);

  /* Her open session ends at the next check, and may do nothing. */
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACCOUNT_DISABLED);
  g_assert_false (ward_session_can (session, "device.adjust"));

  /* Back in the directory, back at the kiosk. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: uid=treyes," PEOPLE "\nchangetype: modify\ndelete: pwdAccountLockedTime\n\n");
  g_clear_pointer (&second, ward_directory_sync_result_free);
  second = sync_ok (fixture, FALSE);
  g_clear_pointer (&tom_after, ward_user_record_free);
  tom_after = user (fixture, "treyes");
  g_assert_false (tom_after->disabled);
  g_assert_cmpuint (count_audit (fixture, "directory.user-enabled"), ==, 1);
}

static void
test_group_change_changes_role (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) second = NULL;
  g_autoptr(WardUserRecord) nadia = user (fixture, "nokafor");
  g_autoptr(GError) error = NULL;

  /* A role given by hand that no group gives stays. */
  g_assert_true (ward_directory_grant_role (fixture->store->store, nadia->id, "break-glass", "boot", &error));
  ward_test_slapd_modify (fixture->slapd,
      "dn: cn=icu-nurses," GROUPS "\nchangetype: modify\ndelete: member\nmember: uid=nokafor," PEOPLE "\n\n"
      "dn: cn=charge-nurses," GROUPS "\nchangetype: modify\nadd: member\nmember: uid=nokafor," PEOPLE "\n\n"
      "dn: uid=nokafor," PEOPLE "\nchangetype: modify\nreplace: cn\ncn: Nadia Okafor-Smith\n\n");
  second = sync_ok (fixture, FALSE);
  g_assert_false (has_role (fixture, "nokafor", "nurse"));
  g_assert_true (has_role (fixture, "nokafor", "charge-nurse"));
  g_assert_true (has_role (fixture, "nokafor", "break-glass"));
  g_clear_pointer (&nadia, ward_user_record_free);
  nadia = user (fixture, "nokafor");
  g_assert_cmpstr (nadia->full_name, ==, "Nadia Okafor-Smith");
  g_assert_cmpuint (count_audit (fixture, "directory.role-revoked"), ==, 1);
  g_assert_cmpuint (count_audit (fixture, "directory.user-renamed"), ==, 1);
}

static void
test_unmapped_groups_ignored (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = sync_ok (fixture, FALSE);

  /* Nadia is in the group called "admin", and in "wardgate-admins"
   * nobody: neither was mapped, so neither gives anything. */
  g_assert_false (has_role (fixture, "nokafor", "admin"));
  g_assert_false (has_role (fixture, "amorgan", "admin"));
  g_assert_cmpint (ward_directory_count_admins (fixture->store->store, NULL), ==, 1);
  for (guint i = 0; i < result->changes->len; i++)
    g_assert_cmpstr (((WardDirectoryChange *) result->changes->pdata[i])->role, !=, "admin");
}

/* Badge, key and a confirmed app: an administrator who could sign in. */
static void
make_usable (Fixture *fixture,
             gint64   user_id,
             const char *badge)
{
  g_autoptr(GError) error = NULL;
  guint8 secret[20] = { 1, 2, 3 };
  guint8 credential[16] = { (guint8) user_id };
  guint8 public_key[64] = { 4 };
  WardKeyRecord key = {
    .user_id = user_id, .cose_alg = -7, .rp_id = (char *) "wardgate.test", .label = (char *) "Test key",
    .credential_id = g_bytes_new (credential, sizeof credential),
    .public_key = g_bytes_new (public_key, sizeof public_key),
    .aaguid = g_bytes_new (public_key, 16),
  };

  g_assert_true (ward_credentials_add_badge (fixture->store->store, user_id, badge, 0, &error));
  g_assert_cmpint (ward_credentials_add_key (fixture->store->store, &key, &error), >, 0);
  g_assert_true (ward_credentials_set_pending_totp (fixture->store->store, user_id, secret, sizeof secret,
                                                    "SHA1", 6, 30, 0, &error));
  g_assert_true (ward_credentials_promote_pending_totp (fixture->store->store, user_id, 1, &error));
  g_assert_no_error (error);
  g_bytes_unref (key.credential_id);
  g_bytes_unref (key.public_key);
  g_bytes_unref (key.aaguid);
}

static void
test_last_usable_admin_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = NULL;
  g_autoptr(WardUserRecord) alex = NULL;
  g_autoptr(WardUserRecord) alex_after = NULL;
  g_autoptr(WardAccountAdmin) accounts = ward_account_admin_new (fixture->store->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(WardDirectorySyncResult) refused = NULL;
  guint users_before, audit_before;

  map (fixture, "cn=wardgate-admins," GROUPS, "admin");
  first = sync_ok (fixture, FALSE);
  g_assert_true (has_role (fixture, "amorgan", "admin"));
  alex = user (fixture, "amorgan");
  make_usable (fixture, alex->id, "04:AA:BB:CC");
  g_assert_true (ward_account_admin_can_sign_in (accounts, alex->id));

  /* The local "boot" administrator holds the role but could not sign in
   * (nothing enrolled): Alex is the last usable one. In the same change,
   * someone new joins: the refusal must take nothing of it either. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: cn=wardgate-admins," GROUPS "\nchangetype: modify\ndelete: member\nmember: uid=amorgan," PEOPLE "\n"
      "-\nadd: member\nmember: " WARD_TEST_LDAP_BIND_DN "\n\n"
      "dn: uid=newnurse," PEOPLE "\nchangetype: add\nobjectClass: inetOrgPerson\nuid: newnurse\n"
      "cn: New Nurse\nsn: Nurse\n\n");
  users_before = count_users (fixture);
  audit_before = count_audit (fixture, NULL);
  refused = ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error);
  g_assert_null (refused);
  g_assert_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_LAST_ADMIN);
  g_assert_nonnull (strstr (error->message, "“admin”"));
  g_assert_nonnull (strstr (error->message, "“amorgan”"));
  g_assert_true (has_role (fixture, "amorgan", "admin"));
  g_assert_false (exists (fixture, "newnurse"));
  g_assert_cmpuint (count_users (fixture), ==, users_before);
  /* The refusal itself is on the record. */
  g_assert_cmpuint (count_audit (fixture, NULL), ==, audit_before + 1);
  g_assert_cmpuint (count_audit (fixture, "directory.sync-failed"), ==, 1);

  /* Disabling Alex in the directory is refused the same way. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: cn=wardgate-admins," GROUPS "\nchangetype: modify\nadd: member\nmember: uid=amorgan," PEOPLE "\n\n"
      "dn: uid=amorgan," PEOPLE "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
      "pwdAccountLockedTime: 000001010000Z\n\n");
  g_clear_error (&error);
  g_assert_null (ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error));
  g_assert_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_LAST_ADMIN);
  g_assert_nonnull (strstr (error->message, "disable “amorgan”"));
  alex_after = user (fixture, "amorgan");
  g_assert_false (alex_after->disabled);

  /* With a second usable administrator, the same sync goes through. */
  {
    g_autoptr(WardUserRecord) boot = user (fixture, "boot");
    g_autoptr(WardDirectorySyncResult) accepted = NULL;

    make_usable (fixture, boot->id, "04:11:22:33");
    accepted = sync_ok (fixture, FALSE);
    g_clear_pointer (&alex_after, ward_user_record_free);
    alex_after = user (fixture, "amorgan");
    g_assert_true (alex_after->disabled);
    g_assert_true (exists (fixture, "newnurse"));
  }
}

static void
test_hand_edits_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  g_autoptr(WardAccountAdmin) accounts = ward_account_admin_new (fixture->store->store);
  g_autoptr(WardDirectoryOrigin) origin = NULL;
  g_autoptr(WardDirectoryOrigin) local = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_account_admin_disable_user (accounts, fixture->admin, "treyes", &error));
  g_assert_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (ward_account_admin_grant_role (accounts, fixture->admin, "treyes", "charge-nurse", &error));
  g_assert_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (ward_account_admin_revoke_role (accounts, fixture->admin, "treyes", "nurse", &error));
  g_assert_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY);
  g_clear_error (&error);
  /* An unmapped role is still given by hand. */
  g_assert_true (ward_account_admin_grant_role (accounts, fixture->admin, "treyes", "break-glass", &error));
  g_assert_no_error (error);

  origin = ward_account_admin_directory_origin (accounts, fixture->admin, "treyes", &error);
  g_assert_no_error (error);
  g_assert_true (origin->from_directory);
  g_assert_cmpstr (origin->dn, ==, "uid=treyes,ou=people,dc=hospital,dc=test");
  g_assert_true (g_strv_contains ((const char *const *) origin->managed_roles, "nurse"));
  local = ward_account_admin_directory_origin (accounts, fixture->admin, "boot", &error);
  g_assert_false (local->from_directory);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, "not-the-password");
  sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_assert_false (exists (fixture, "nokafor"));
  g_assert_cmpuint (count_audit (fixture, "directory.sync-failed"), ==, 1);
}

static void
test_wrong_ca (Fixture       *fixture,
               gconstpointer  data)
{
  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->other_ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE);
  configure (fixture, fixture->slapd->ldap_uri, fixture->slapd->other_ca_file, TRUE, WARD_TEST_LDAP_PASSWORD);
  sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE);
  g_assert_false (exists (fixture, "nokafor"));
}

static void
test_starttls (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;

  configure (fixture, fixture->slapd->ldap_uri, fixture->slapd->ca_file, TRUE, WARD_TEST_LDAP_PASSWORD);
  result = sync_ok (fixture, FALSE);
  g_assert_true (has_role (fixture, "nokafor", "nurse"));
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
  result = sync_ok (fixture, FALSE);
  g_assert_true (has_role (fixture, "nokafor", "nurse"));
}

static void
test_server_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  guint audit_before = count_audit (fixture, NULL);

  g_subprocess_send_signal (fixture->slapd->process, SIGTERM);
  g_subprocess_wait (fixture->slapd->process, NULL, NULL);
  g_clear_object (&fixture->slapd->process);
  sync_fails (fixture, WARD_DIRECTORY_ERROR_UNREACHABLE);
  g_assert_true (has_role (fixture, "nokafor", "nurse"));
  g_assert_cmpuint (count_audit (fixture, NULL), ==, audit_before + 1);
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
      configure (fixture, uri, fixture->slapd->ca_file, i == 1, WARD_TEST_LDAP_PASSWORD);
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
  g_assert_false (exists (fixture, "nokafor"));
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
  sync_fails (fixture, WARD_DIRECTORY_ERROR_FILTER);
}

static void
test_nobody_returned_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = sync_ok (fixture, FALSE);
  g_autoptr(GBytes) secret = g_bytes_new_static (WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD));
  g_autoptr(GError) error = NULL;
  g_autoptr(WardUserRecord) nadia = NULL;
  WardLdapSettings settings = {
    .uri = fixture->slapd->ldaps_uri, .base_dn = (char *) WARD_TEST_LDAP_BASE,
    .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN, .ca_file = fixture->slapd->ca_file,
    .user_filter = (char *) "(uid=nobody-by-this-name)",
  };

  g_assert_true (ward_directory_admin_configure (fixture->directory, fixture->admin, &settings, secret, &error));
  sync_fails (fixture, WARD_DIRECTORY_ERROR_FILTER);
  nadia = user (fixture, "nokafor");
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
  guint audit_before = count_audit (fixture, NULL);

  db_before = read_file (fixture->store->db_path);
  wal_before = read_file (wal);
  result = sync_ok (fixture, TRUE);
  g_assert_false (result->applied);
  g_assert_cmpuint (result->changes->len, ==, 9);
  db_after = read_file (fixture->store->db_path);
  wal_after = read_file (wal);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));
  g_assert_false (exists (fixture, "nokafor"));
  g_assert_cmpuint (count_audit (fixture, NULL), ==, audit_before);
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

static void
test_password_never_stored_or_logged (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autofree char *wal = g_strconcat (fixture->store->db_path, "-wal", NULL);
  g_autoptr(GBytes) password = NULL;
  g_autoptr(GError) error = NULL;
  const char *needle = WARD_TEST_LDAP_PASSWORD;

  /* Every journal record the configuration and a sync write. */
  captured_log = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  result = sync_ok (fixture, FALSE);
  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, "a wrong one");
  sync_fails (fixture, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_log_set_debug_enabled (FALSE);
  g_assert_nonnull (strstr (captured_log->str, "directory.user-added"));
  g_assert_null (strstr (captured_log->str, needle));
  g_assert_null (strstr (captured_log->str, "a wrong one"));
  g_string_free (captured_log, TRUE);
  captured_log = NULL;

  configure (fixture, fixture->slapd->ldaps_uri, fixture->slapd->ca_file, FALSE, WARD_TEST_LDAP_PASSWORD);
  g_assert_false (ward_test_file_contains (fixture->store->db_path, (const guint8 *) needle, strlen (needle)));
  g_assert_false (ward_test_file_contains (wal, (const guint8 *) needle, strlen (needle)));
  /* It is there, sealed: the install key opens it. */
  password = ward_ldap_settings_unseal_password (fixture->store->store, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (password, NULL), g_bytes_get_size (password), needle, strlen (needle));
}

static void
set_up_10000 (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *ldif = ward_test_slapd_generate_staff (10000, 20);

  set_up_with (fixture, ldif, 500, FALSE);
  for (guint g = 0; g < 20; g++)
    {
      g_autofree char *group = g_strdup_printf ("cn=ward-%03u," GROUPS, g);

      map (fixture, group, g % 2 == 0 ? "nurse" : "charge-nurse");
    }
}

static void
test_10000_people_paged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autoptr(WardDirectorySyncResult) again = NULL;
  g_autoptr(GPtrArray) users = NULL;

  /* The server gives at most 500 entries to one search. */
  g_assert_cmpint (ward_test_slapd_search_unpaged (fixture->slapd), ==, 4);
  result = sync_ok (fixture, FALSE);
  g_assert_cmpuint (result->n_people, ==, 10000);
  g_assert_cmpuint (result->n_pages, >=, 40);
  users = ward_directory_list_users (fixture->store->store, NULL, NULL);
  g_assert_cmpuint (users->len, ==, 10001);
  g_assert_true (has_role (fixture, "hcw00001", "charge-nurse"));
  g_assert_true (has_role (fixture, "hcw00002", "nurse"));
  again = sync_ok (fixture, FALSE);
  g_assert_cmpuint (again->changes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (test_log_writer, NULL, NULL);

#define ADD(name, func) g_test_add ("/directory-sync/" name, Fixture, NULL, set_up, func, tear_down)
  ADD ("first-sync", test_first_sync);
  ADD ("resync-is-noop", test_resync_is_noop);
  ADD ("disabled-person-loses-access", test_disabled_person_loses_access);
  ADD ("group-change-changes-role", test_group_change_changes_role);
  ADD ("last-usable-admin-refused", test_last_usable_admin_refused);
  ADD ("hand-edits-refused", test_hand_edits_refused);
  ADD ("dry-run-writes-nothing", test_dry_run_writes_nothing);
  /* On a PostgreSQL server (the harness's second run) only what the sync
   * writes through the store: the LDAP side (TLS, timeouts, filters) does
   * not depend on the store, and the 10,000-person paging alone would take
   * over ten minutes of this machine's CI budget there. */
  if (ward_test_backend_is_pg ())
    return g_test_run ();
  ADD ("unmapped-groups-ignored", test_unmapped_groups_ignored);
  ADD ("wrong-password", test_wrong_password);
  ADD ("wrong-ca", test_wrong_ca);
  ADD ("starttls", test_starttls);
  ADD ("plain-ldap-refused", test_plain_ldap_refused);
  ADD ("insecure-for-testing", test_insecure_for_testing);
  ADD ("server-down", test_server_down);
  ADD ("silent-server-times-out", test_silent_server_times_out);
  ADD ("filter-error", test_filter_error);
  ADD ("nobody-returned-refused", test_nobody_returned_refused);
  ADD ("password-never-stored-or-logged", test_password_never_stored_or_logged);
#undef ADD
  g_test_add ("/directory-sync/10000-people-paged", Fixture, NULL, set_up_10000, test_10000_people_paged, tear_down);
  return g_test_run ();
}
