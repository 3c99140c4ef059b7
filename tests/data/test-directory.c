/* test-directory.c: roles and permissions as stored: deny by default, the last administrator stays */
#include "config.h"

#include "data/ward-directory.h"
#include "tests/common/ward-test-store.h"

static gint64
add (WardTestStore *fixture,
     const char    *username,
     const char    *role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (fixture->store, username, "Some Person", &error);

  g_assert_no_error (error);
  if (role != NULL)
    {
      ward_directory_grant_role (fixture->store, id, role, "test", &error);
      g_assert_no_error (error);
    }
  return id;
}

static gboolean
may (WardTestStore *fixture,
     gint64         user,
     const char    *permission)
{
  g_auto(GStrv) permissions = ward_directory_user_permissions (fixture->store, user, NULL);

  return g_strv_contains ((const char *const *) permissions, permission);
}

static void
test_deny_by_default (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 nobody = add (fixture, "norole", NULL);
  gint64 nurse = add (fixture, "nnurse", "nurse");
  g_auto(GStrv) none = ward_directory_user_permissions (fixture->store, nobody, NULL);

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (may (fixture, nurse, "device.adjust"));
  g_assert_false (may (fixture, nurse, "device.adjust.high-alert"));
  g_assert_false (may (fixture, nurse, "users.manage"));
  g_assert_false (may (fixture, nurse, "roles.manage"));

  /* A disabled account may do nothing at all. */
  g_assert_true (ward_directory_set_disabled (fixture->store, nurse, TRUE, NULL));
  g_assert_false (may (fixture, nurse, "device.adjust"));
}

static void
test_grants_are_editable (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 nurse = add (fixture, "nnurse", "nurse");
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_permit (fixture->store, "nurse", "awareness.report", &error));
  g_assert_true (may (fixture, nurse, "awareness.report"));
  g_assert_true (ward_directory_forbid (fixture->store, "nurse", "device.adjust", &error));
  g_assert_false (may (fixture, nurse, "device.adjust"));

  g_assert_false (ward_directory_permit (fixture->store, "nurse", "launch.missiles", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ward_directory_permit (fixture->store, "janitor", "device.view", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
}

static void
test_last_admin_stays (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 alice = add (fixture, "alice", "admin");
  gint64 dave;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ward_directory_count_admins (fixture->store, NULL), ==, 1);

  g_assert_false (ward_directory_revoke_role (fixture->store, alice, "admin", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN);
  g_clear_error (&error);

  g_assert_false (ward_directory_set_disabled (fixture->store, alice, TRUE, &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN);
  g_clear_error (&error);

  g_assert_false (ward_directory_forbid (fixture->store, "admin", "roles.manage", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN);
  g_clear_error (&error);
  g_assert_true (may (fixture, alice, "roles.manage"));

  /* A disabled administrator does not count. */
  dave = add (fixture, "dave", "admin");
  g_assert_true (ward_directory_set_disabled (fixture->store, dave, TRUE, NULL));
  g_assert_false (ward_directory_revoke_role (fixture->store, alice, "admin", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN);
  g_clear_error (&error);

  /* With a second active administrator, the first may step down. */
  g_assert_true (ward_directory_set_disabled (fixture->store, dave, FALSE, NULL));
  g_assert_true (ward_directory_revoke_role (fixture->store, alice, "admin", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_directory_count_admins (fixture->store, NULL), ==, 1);
}

static void
test_roles_listed_with_members (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GPtrArray) roles = NULL;

  add (fixture, "nnurse", "nurse");
  add (fixture, "mnurse", "nurse");
  roles = ward_directory_list_roles (fixture->store, NULL);
  g_assert_cmpuint (roles->len, ==, 5);
  g_assert_cmpstr (((WardRoleRecord *) roles->pdata[0])->name, ==, "nurse");
  g_assert_cmpuint (((WardRoleRecord *) roles->pdata[0])->n_members, ==, 2);
}

typedef struct
{
  WardStore *store;
  gint64     user_id;
  gboolean   done;
  GError    *error;
} Disabling;

static gpointer
disable_in_thread (gpointer data)
{
  Disabling *disabling = data;

  disabling->done = ward_directory_set_disabled (disabling->store, disabling->user_id, TRUE, &disabling->error);
  return NULL;
}

/* Two kiosks each disable a different one of the two administrators at
 * the same moment: each sees the other administrator still active unless
 * the rule is checked under one lock. The second must be refused. */
static void
test_last_admin_stays_across_kiosks (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 alice = add (fixture, "alice", "admin");
  gint64 bob = add (fixture, "bob", "admin");
  g_autoptr(WardStore) other = ward_store_open (fixture->db_path, fixture->key, fixture->clock, "bed-14",
                                                WARD_STORE_OPEN_DEFAULT, NULL);
  Disabling second = { other, bob, FALSE, NULL };
  g_autoptr(GError) error = NULL;
  GThread *thread;

  g_assert_nonnull (other);
  g_assert_true (ward_store_begin (fixture->store, &error));
  g_assert_true (ward_directory_set_disabled (fixture->store, alice, TRUE, &error));
  g_assert_no_error (error);
  /* The second kiosk's change waits for the first's transaction (SQLite:
   * the file's lock; a server: the last-administrator rule's lock). */
  thread = g_thread_new ("second-kiosk", disable_in_thread, &second);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (ward_store_commit (fixture->store, &error));
  g_thread_join (thread);

  g_assert_false (second.done);
  g_assert_error (second.error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN);
  g_clear_error (&second.error);
  g_assert_cmpint (ward_directory_count_admins (fixture->store, NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/directory/deny-by-default", test_deny_by_default);
  g_test_add_func ("/directory/grants-are-editable", test_grants_are_editable);
  g_test_add_func ("/directory/last-admin-stays", test_last_admin_stays);
  g_test_add_func ("/directory/last-admin-stays-across-kiosks", test_last_admin_stays_across_kiosks);
  g_test_add_func ("/directory/roles-listed-with-members", test_roles_listed_with_members);

  return g_test_run ();
}
