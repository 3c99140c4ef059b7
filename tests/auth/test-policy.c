/* test-policy.c: required factors per role, growing delays, lockout, unlock */
#include "config.h"

#include <gio/gio.h>

#include "auth/ward-actor.h"
#include "auth/ward-policy.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "tests/common/ward-test-store.h"

static gint64
add_user (WardTestStore *fixture,
          const char    *username,
          const char    *role)
{
  gint64 id = ward_directory_add_user (fixture->store, username, "Some Person", NULL);

  g_assert_cmpint (id, >, 0);
  if (role != NULL)
    g_assert_true (ward_directory_grant_role (fixture->store, id, role, "test", NULL));
  return id;
}

static WardActor *
actor (WardTestStore *fixture,
       const char    *username)
{
  g_autoptr(GError) error = NULL;
  WardActor *result = ward_actor_new_for_account (fixture->store, username, &error);

  g_assert_no_error (error);
  return result;
}

static guint
count_events (WardTestStore *fixture,
              const char    *event)
{
  WardAuditFilter filter = { .event_prefix = event };
  g_autoptr(GPtrArray) records = ward_audit_list (fixture->store, &filter, NULL);

  return records->len;
}

static void
test_delays_grow (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  gint64 user = add_user (fixture, "nnurse", "nurse");
  gint64 now = ward_clock_get_now (fixture->clock);
  gint64 retry_at = 0;
  guint left = 0;

  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", &retry_at, &left), ==, WARD_POLICY_ALLOWED);
  g_assert_cmpuint (left, ==, 9);
  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", &retry_at, &left), ==, WARD_POLICY_ALLOWED);
  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", &retry_at, &left), ==, WARD_POLICY_DELAYED);
  g_assert_cmpint (retry_at, ==, now + 30);
  g_assert_cmpint (ward_policy_check (policy, user, "totp", NULL), ==, WARD_POLICY_DELAYED);
  /* Other factors are not delayed by this one, the account as a whole is. */
  g_assert_cmpint (ward_policy_check (policy, user, "key", NULL), ==, WARD_POLICY_ALLOWED);
  g_assert_cmpint (ward_policy_check_account (policy, user, NULL), ==, WARD_POLICY_DELAYED);

  ward_clock_advance (fixture->clock, 31 * G_USEC_PER_SEC);
  g_assert_cmpint (ward_policy_check (policy, user, "totp", NULL), ==, WARD_POLICY_ALLOWED);
  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", &retry_at, NULL), ==, WARD_POLICY_DELAYED);
  g_assert_cmpint (retry_at, ==, now + 31 + 60);
  ward_clock_advance (fixture->clock, 61 * G_USEC_PER_SEC);
  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", &retry_at, NULL), ==, WARD_POLICY_DELAYED);
  g_assert_cmpint (retry_at, ==, now + 31 + 61 + 120);

  g_assert_cmpint (ward_policy_delay_seconds (policy, 2), ==, 0);
  g_assert_cmpint (ward_policy_delay_seconds (policy, 3), ==, 30);
  g_assert_cmpint (ward_policy_delay_seconds (policy, 6), ==, 240);
  g_assert_cmpint (ward_policy_delay_seconds (policy, 99), ==, 900);
  g_assert_cmpuint (count_events (fixture, "factor.failed"), ==, 5);
}

static void
fail_until_locked (WardTestStore *fixture,
                   WardPolicy    *policy,
                   gint64         user)
{
  for (guint i = 0; i < 9; i++)
    {
      g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "key", "wrong", NULL, NULL), !=, WARD_POLICY_LOCKED);
      ward_clock_advance (fixture->clock, 16 * 60 * G_USEC_PER_SEC);
    }
  g_assert_cmpint (ward_policy_record_failure (policy, user, "nnurse", "key", "wrong", NULL, NULL), ==, WARD_POLICY_LOCKED);
}

static void
test_lockout_and_unlock (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  gint64 user = add_user (fixture, "nnurse", "nurse");
  g_autoptr(WardActor) admin = NULL;
  g_autoptr(WardActor) nurse = NULL;
  g_autoptr(GError) error = NULL;

  add_user (fixture, "alice", "admin");
  admin = actor (fixture, "alice");
  nurse = actor (fixture, "nnurse");

  fail_until_locked (fixture, policy, user);
  g_assert_cmpuint (count_events (fixture, "account.locked"), ==, 1);
  /* Waiting does not end a lockout; a success does not either. */
  ward_clock_advance (fixture->clock, G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC);
  ward_policy_record_success (policy, user, "key");
  g_assert_cmpint (ward_policy_check (policy, user, "key", NULL), ==, WARD_POLICY_LOCKED);
  g_assert_cmpint (ward_policy_check_account (policy, user, NULL), ==, WARD_POLICY_LOCKED);

  g_assert_false (ward_policy_unlock (policy, nurse, "nnurse", &error));
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_true (ward_policy_unlock (policy, admin, "nnurse", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_policy_check_account (policy, user, NULL), ==, WARD_POLICY_ALLOWED);
  g_assert_cmpuint (count_events (fixture, "account.unlocked"), ==, 1);

  g_assert_false (ward_policy_unlock (policy, admin, "nnurse", &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_NOT_LOCKED);
}

static void
test_counts_survive_reopening (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  g_autoptr(WardPolicy) after = NULL;
  g_autoptr(WardFailureRecord) record = NULL;
  gint64 user = add_user (fixture, "nnurse", "nurse");

  ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", NULL, NULL);
  ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", NULL, NULL);
  g_clear_object (&policy);
  g_clear_object (&fixture->store);

  fixture->store = ward_test_store_reopen (fixture, NULL);
  after = ward_policy_new (fixture->store);
  record = ward_failures_get (fixture->store, user, "totp", NULL);
  g_assert_cmpuint (record->consecutive, ==, 2);
  g_assert_cmpint (ward_policy_record_failure (after, user, "nnurse", "totp", "wrong", NULL, NULL), ==, WARD_POLICY_DELAYED);
}

static void
test_success_resets_its_factor (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  g_autoptr(WardFailureRecord) totp = NULL;
  g_autoptr(WardFailureRecord) key = NULL;
  gint64 user = add_user (fixture, "nnurse", "nurse");

  ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", NULL, NULL);
  ward_policy_record_failure (policy, user, "nnurse", "key", "wrong", NULL, NULL);
  ward_policy_record_success (policy, user, "totp");
  totp = ward_failures_get (fixture->store, user, "totp", NULL);
  key = ward_failures_get (fixture->store, user, "key", NULL);
  g_assert_cmpuint (totp->consecutive, ==, 0);
  g_assert_cmpuint (key->consecutive, ==, 1);
}

/* Two processes failing for the same person at the same time: both count. */
static void
test_concurrent_failures_all_count (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 user = add_user (fixture, "nnurse", "nurse");
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(WardFailureRecord) record = NULL;
  g_autofree char *user_text = g_strdup_printf ("%" G_GINT64_FORMAT, user);

  g_assert_true (ward_policy_store_set_setting (fixture->store, "lockout-threshold", 100, NULL));
  first = ward_test_store_spawn_worker (fixture, user_text);
  second = ward_test_store_spawn_worker (fixture, user_text);
  g_assert_true (g_subprocess_wait_check (first, NULL, NULL));
  g_assert_true (g_subprocess_wait_check (second, NULL, NULL));

  record = ward_failures_get (fixture->store, user, "totp", NULL);
  g_assert_cmpuint (record->consecutive, ==, 80);
  g_assert_cmpint (record->locked_at, ==, 0);
}

/* The worker: 40 failed codes for the user whose id it is given. */
static int
fail_forty_times (const char *db_path,
                  const char *key_path,
                  const char *user_text)
{
  g_autoptr(WardInstallKey) key = ward_install_key_load (key_path, NULL);
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = ward_store_open (db_path, key, clock, "worker", WARD_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(WardPolicy) policy = ward_policy_new (store);
  gint64 user = g_ascii_strtoll (user_text, NULL, 10);

  g_assert_nonnull (store);
  for (guint i = 0; i < 40; i++)
    ward_policy_record_failure (policy, user, "nnurse", "totp", "wrong", NULL, NULL);
  return 0;
}

static void
test_lockout_threshold_bounds (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  g_autoptr(WardActor) admin = NULL;
  g_autoptr(GError) error = NULL;

  add_user (fixture, "alice", "admin");
  admin = actor (fixture, "alice");
  g_assert_cmpuint (ward_policy_get_lockout_threshold (policy), ==, 10);
  g_assert_false (ward_policy_set_lockout_threshold (policy, admin, 101, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (ward_policy_set_lockout_threshold (policy, admin, 2, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_true (ward_policy_set_lockout_threshold (policy, admin, 5, &error));
  g_assert_cmpuint (ward_policy_get_lockout_threshold (policy), ==, 5);

  /* Even a database edited by hand cannot allow more than 100 tries. */
  g_assert_true (ward_policy_store_set_setting (fixture->store, "lockout-threshold", 5000, NULL));
  g_assert_cmpuint (ward_policy_get_lockout_threshold (policy), ==, 100);
}

static void
test_role_factors (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardPolicy) policy = ward_policy_new (fixture->store);
  g_autoptr(WardActor) admin = NULL;
  g_autoptr(WardActor) nurse = NULL;
  g_autoptr(GError) error = NULL;
  gint64 both;

  add_user (fixture, "alice", "admin");
  add_user (fixture, "nnurse", "nurse");
  both = add_user (fixture, "bboth", "nurse");
  g_assert_true (ward_directory_grant_role (fixture->store, both, "biomed", "test", NULL));
  admin = actor (fixture, "alice");
  nurse = actor (fixture, "nnurse");

  g_assert_cmpint (ward_policy_factors_for_user (policy, both, NULL), ==, WARD_FACTORS_DEFAULT);

  g_assert_false (ward_policy_set_role_factors (policy, nurse, "nurse", WARD_FACTOR_BADGE | WARD_FACTOR_TOTP, &error));
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_false (ward_policy_set_role_factors (policy, admin, "nurse", WARD_FACTOR_BADGE, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK);
  g_clear_error (&error);

  /* Admins may not need less than nurses: refused, and nothing changed. */
  g_assert_false (ward_policy_set_role_factors (policy, admin, "admin", WARD_FACTOR_BADGE | WARD_FACTOR_TOTP, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK);
  g_clear_error (&error);
  g_assert_cmpint (ward_policy_factors_for_user (policy, 1, NULL), ==, WARD_FACTORS_DEFAULT);

  /* The most demanding of a person's roles applies. */
  g_assert_true (ward_policy_set_role_factors (policy, admin, "biomed", WARD_FACTORS_DEFAULT | WARD_FACTOR_UV, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ward_policy_factors_for_user (policy, both, NULL), ==, WARD_FACTORS_DEFAULT | WARD_FACTOR_UV);
  g_assert_cmpuint (count_events (fixture, "policy.changed"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  ward_test_store_init_with_worker (&argc, &argv, fail_forty_times);

  g_test_add_func ("/policy/delays-grow", test_delays_grow);
  g_test_add_func ("/policy/lockout-and-unlock", test_lockout_and_unlock);
  g_test_add_func ("/policy/counts-survive-reopening", test_counts_survive_reopening);
  g_test_add_func ("/policy/success-resets-its-factor", test_success_resets_its_factor);
  g_test_add_func ("/policy/concurrent-failures-all-count", test_concurrent_failures_all_count);
  g_test_add_func ("/policy/lockout-threshold-bounds", test_lockout_threshold_bounds);
  g_test_add_func ("/policy/role-factors", test_role_factors);

  return g_test_run ();
}
