/* test-directory-sync.c: staff and roles from a real slapd: first sync, re-sync, disabled people, groups, admin rules, hand edits, paging */
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
test_first_sync (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = ward_test_directory_sync_ok (fixture, FALSE);
  g_autoptr(WardUserRecord) nadia = NULL;
  g_autoptr(WardUserRecord) tom = NULL;
  gboolean skipped_kiosk = FALSE;

  g_assert_true (result->applied);
  g_assert_cmpuint (result->n_people, ==, 8);
  nadia = ward_test_directory_user (fixture, "nokafor");
  tom = ward_test_directory_user (fixture, "treyes");
  g_assert_cmpstr (nadia->full_name, ==, "Nadia Okafor");
  g_assert_cmpstr (tom->full_name, ==, "Tom Reyes RN");      /* displayName before cn */
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "nurse"));
  g_assert_true (ward_test_directory_has_role (fixture, "treyes", "nurse"));      /* member DN written in other case and spacing */
  g_assert_true (ward_test_directory_has_role (fixture, "glin", "charge-nurse"));
  g_assert_true (ward_test_directory_has_role (fixture, "spatel", "biomed"));     /* AD: sAMAccountName and memberOf */
  g_assert_false (ward_test_directory_exists (fixture, "oleaver"));               /* AD: userAccountControl ACCOUNTDISABLE */
  g_assert_false (ward_test_directory_exists (fixture, "klocked"));               /* OpenLDAP: pwdAccountLockedTime */
  g_assert_false (ward_test_directory_exists (fixture, "kiosk"));                 /* a shared login is no person */
  for (guint i = 0; i < result->skipped->len; i++)
    skipped_kiosk |= g_strcmp0 (((WardDirectorySkip *) result->skipped->pdata[i])->login, "kiosk") == 0;
  g_assert_true (skipped_kiosk);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.user-added"), ==, 5);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.role-granted"), ==, 4);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.synced"), ==, 1);
}

static void
test_resync_is_noop (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) again = NULL;
  guint audit_rows = ward_test_directory_count_audit (fixture, NULL);

  again = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_cmpuint (again->changes->len, ==, 0);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, NULL), ==, audit_rows);
}

static void
test_disabled_person_loses_access (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) second = NULL;
  g_autoptr(WardUserRecord) tom = ward_test_directory_user (fixture, "treyes");
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
  second = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_cmpuint (second->changes->len, ==, 3);
  tom_after = ward_test_directory_user (fixture, "treyes");
  sam_after = ward_test_directory_user (fixture, "spatel");
  grace_after = ward_test_directory_user (fixture, "glin");
  g_assert_true (tom_after->disabled);
  g_assert_true (sam_after->disabled);
  g_assert_true (grace_after->disabled);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.user-disabled"), ==, 3);

  /* Her open session ends at the next check, and may do nothing. */
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACCOUNT_DISABLED);
  g_assert_false (ward_session_can (session, "device.adjust"));

  /* Back in the directory, back at the kiosk. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: uid=treyes," PEOPLE "\nchangetype: modify\ndelete: pwdAccountLockedTime\n\n");
  g_clear_pointer (&second, ward_directory_sync_result_free);
  second = ward_test_directory_sync_ok (fixture, FALSE);
  g_clear_pointer (&tom_after, ward_user_record_free);
  tom_after = ward_test_directory_user (fixture, "treyes");
  g_assert_false (tom_after->disabled);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.user-enabled"), ==, 1);
}

static void
test_group_change_changes_role (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
  g_autoptr(WardDirectorySyncResult) second = NULL;
  g_autoptr(WardUserRecord) nadia = ward_test_directory_user (fixture, "nokafor");
  g_autoptr(GError) error = NULL;

  /* A role given by hand that no group gives stays. */
  g_assert_true (ward_directory_grant_role (fixture->store->store, nadia->id, "break-glass", "boot", &error));
  ward_test_slapd_modify (fixture->slapd,
      "dn: cn=icu-nurses," GROUPS "\nchangetype: modify\ndelete: member\nmember: uid=nokafor," PEOPLE "\n\n"
      "dn: cn=charge-nurses," GROUPS "\nchangetype: modify\nadd: member\nmember: uid=nokafor," PEOPLE "\n\n"
      "dn: uid=nokafor," PEOPLE "\nchangetype: modify\nreplace: cn\ncn: Nadia Okafor-Smith\n\n");
  second = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_false (ward_test_directory_has_role (fixture, "nokafor", "nurse"));
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "charge-nurse"));
  g_assert_true (ward_test_directory_has_role (fixture, "nokafor", "break-glass"));
  g_clear_pointer (&nadia, ward_user_record_free);
  nadia = ward_test_directory_user (fixture, "nokafor");
  g_assert_cmpstr (nadia->full_name, ==, "Nadia Okafor-Smith");
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.role-revoked"), ==, 1);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.user-renamed"), ==, 1);
}

static void
test_unmapped_groups_ignored (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) result = ward_test_directory_sync_ok (fixture, FALSE);

  /* Nadia is in the group called "admin", and in "wardgate-admins"
   * nobody: neither was mapped, so neither gives anything. */
  g_assert_false (ward_test_directory_has_role (fixture, "nokafor", "admin"));
  g_assert_false (ward_test_directory_has_role (fixture, "amorgan", "admin"));
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

  ward_test_directory_map (fixture, "cn=wardgate-admins," GROUPS, "admin");
  first = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_true (ward_test_directory_has_role (fixture, "amorgan", "admin"));
  alex = ward_test_directory_user (fixture, "amorgan");
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
  users_before = ward_test_directory_count_users (fixture);
  audit_before = ward_test_directory_count_audit (fixture, NULL);
  refused = ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error);
  g_assert_null (refused);
  g_assert_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_LAST_ADMIN);
  g_assert_nonnull (strstr (error->message, "“admin”"));
  g_assert_nonnull (strstr (error->message, "“amorgan”"));
  g_assert_true (ward_test_directory_has_role (fixture, "amorgan", "admin"));
  g_assert_false (ward_test_directory_exists (fixture, "newnurse"));
  g_assert_cmpuint (ward_test_directory_count_users (fixture), ==, users_before);
  /* The refusal itself is on the record. */
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, NULL), ==, audit_before + 1);
  g_assert_cmpuint (ward_test_directory_count_audit (fixture, "directory.sync-failed"), ==, 1);

  /* Disabling Alex in the directory is refused the same way. */
  ward_test_slapd_modify (fixture->slapd,
      "dn: cn=wardgate-admins," GROUPS "\nchangetype: modify\nadd: member\nmember: uid=amorgan," PEOPLE "\n\n"
      "dn: uid=amorgan," PEOPLE "\nchangetype: modify\nadd: pwdAccountLockedTime\n"
      "pwdAccountLockedTime: 000001010000Z\n\n");
  g_clear_error (&error);
  g_assert_null (ward_directory_sync_run (fixture->sync, FALSE, "os:test", &error));
  g_assert_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_LAST_ADMIN);
  g_assert_nonnull (strstr (error->message, "disable “amorgan”"));
  alex_after = ward_test_directory_user (fixture, "amorgan");
  g_assert_false (alex_after->disabled);

  /* With a second usable administrator, the same sync goes through. */
  {
    g_autoptr(WardUserRecord) boot = ward_test_directory_user (fixture, "boot");
    g_autoptr(WardDirectorySyncResult) accepted = NULL;

    make_usable (fixture, boot->id, "04:11:22:33");
    accepted = ward_test_directory_sync_ok (fixture, FALSE);
    g_clear_pointer (&alex_after, ward_user_record_free);
    alex_after = ward_test_directory_user (fixture, "amorgan");
    g_assert_true (alex_after->disabled);
    g_assert_true (ward_test_directory_exists (fixture, "newnurse"));
  }
}

static void
test_hand_edits_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(WardDirectorySyncResult) first = ward_test_directory_sync_ok (fixture, FALSE);
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
set_up_10000 (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *ldif = ward_test_slapd_generate_staff (10000, 20);

  ward_test_directory_set_up_with (fixture, ldif, 500, FALSE);
  for (guint g = 0; g < 20; g++)
    {
      g_autofree char *group = g_strdup_printf ("cn=ward-%03u," GROUPS, g);

      ward_test_directory_map (fixture, group, g % 2 == 0 ? "nurse" : "charge-nurse");
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
  result = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_cmpuint (result->n_people, ==, 10000);
  g_assert_cmpuint (result->n_pages, >=, 40);
  users = ward_directory_list_users (fixture->store->store, NULL, NULL);
  g_assert_cmpuint (users->len, ==, 10001);
  g_assert_true (ward_test_directory_has_role (fixture, "hcw00001", "charge-nurse"));
  g_assert_true (ward_test_directory_has_role (fixture, "hcw00002", "nurse"));
  again = ward_test_directory_sync_ok (fixture, FALSE);
  g_assert_cmpuint (again->changes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ward_test_directory_init (&argc, &argv);

#define ADD(name, func) g_test_add ("/directory-sync/" name, Fixture, NULL, ward_test_directory_set_up, func, ward_test_directory_tear_down)
  ADD ("first-sync", test_first_sync);
  ADD ("resync-is-noop", test_resync_is_noop);
  ADD ("disabled-person-loses-access", test_disabled_person_loses_access);
  ADD ("group-change-changes-role", test_group_change_changes_role);
  ADD ("unmapped-groups-ignored", test_unmapped_groups_ignored);
  ADD ("last-usable-admin-refused", test_last_usable_admin_refused);
  ADD ("hand-edits-refused", test_hand_edits_refused);
#undef ADD
  /* On a PostgreSQL server (the harness's second run) the paging case
   * alone would take over ten minutes of this machine's CI budget; it
   * exercises LDAP paging, which does not depend on the store. */
  if (ward_test_backend_is_pg ())
    return g_test_run ();
  g_test_add ("/directory-sync/10000-people-paged", Fixture, NULL, set_up_10000, test_10000_people_paged,
              ward_test_directory_tear_down);
  return g_test_run ();
}
