/* wardgate-bench.c: prints how fast the store, the audit chain and the sign-in factors are, and the memory used */
#include "config.h"

#include <sys/resource.h>

#include <sqlite3.h>

#include "auth/ward-totp.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-site.h"

#define N_AUDIT      5000
#define N_USERS      1000
#define N_LOOKUPS    5000
#define N_TOTP       20000
#define N_SIGN_INS   50

static double
seconds_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / (double) G_USEC_PER_SEC;
}

static void
report (const char *what,
        guint       count,
        double      seconds)
{
  g_print ("%-40s %7u ops  %9.3f s  %11.1f ops/s  %9.1f us/op\n",
           what, count, seconds, count / seconds, seconds * 1e6 / count);
}

static void
bench_audit (WardStore *store)
{
  gint64 start = g_get_monotonic_time ();
  gint64 first_bad = 0, checked = 0;

  for (guint i = 0; i < N_AUDIT; i++)
    ward_audit_append (store, WARD_AUDIT_FACTOR_FAILED, "bench", "someone", "{\"factor\":\"totp\"}", FALSE, NULL);
  report ("audit append (own transaction)", N_AUDIT, seconds_since (start));

  start = g_get_monotonic_time ();
  ward_audit_verify (store, &first_bad, &checked, NULL);
  g_assert_cmpint (first_bad, ==, 0);
  report ("audit verify (whole chain)", (guint) checked, seconds_since (start));
}

static void
bench_badges (WardStore *store)
{
  gint64 start;

  ward_store_begin (store, NULL);
  for (guint i = 0; i < N_USERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("staff%04u", i);
      g_autofree char *uid = g_strdup_printf ("04%06X", i);
      gint64 id = ward_directory_add_user (store, name, "Bench Person", NULL);

      ward_credentials_add_badge (store, id, uid, 0, NULL);
    }
  ward_store_commit (store, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autofree char *uid = g_strdup_printf ("04%06X", i % N_USERS);
      g_assert_cmpint (ward_credentials_find_badge (store, uid, NULL), >, 0);
    }
  report ("badge lookup (keyed hash, 1000 staff)", N_LOOKUPS, seconds_since (start));
}

static void
bench_totp (void)
{
  g_autoptr(GBytes) secret = ward_totp_generate_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  gint64 start = g_get_monotonic_time ();
  gint64 step = -1;

  for (guint i = 0; i < N_TOTP; i++)
    ward_totp_validate (secret, &params, "123456", 1800000000 + i, -1, &step);
  report ("TOTP validate (window 1 step, liboath)", N_TOTP, seconds_since (start));
}

static gboolean
key_settled (gpointer flow)
{
  return !ward_auth_flow_get_key_busy (flow);
}

static void
bench_sign_in (void)
{
  g_autoptr(WardTestSite) site = ward_test_site_new ();
  g_autoptr(WardAuthFlow) flow = NULL;
  WardTestPerson *nurse = ward_test_site_add_person (site, "nbench", "nurse", "04BE0C11", TRUE, TRUE);
  gint64 start;

  flow = ward_auth_flow_new (site->fixture->store, site->policy, site->keys, site->codes);
  ward_test_site_insert_key (site, nurse->key);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_SIGN_INS; i++)
    {
      g_autofree char *code = NULL;

      ward_clock_advance (site->fixture->clock, 30 * G_USEC_PER_SEC);
      ward_auth_flow_badge (flow, nurse->badge);
      ward_test_wait_for (key_settled, flow);
      code = ward_test_site_app_code (site, "nbench", 0);
      ward_auth_flow_submit_code (flow, code);
      g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);
      ward_auth_flow_sign_out (flow);
    }
  report ("sign-in: badge + soft key + TOTP", N_SIGN_INS, seconds_since (start));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(WardTestStore) fixture = NULL;
  struct rusage usage;

  /* Audit copies go nowhere: this measures the store, not the journal. */
  g_log_set_writer_func (ward_audit_log_writer, NULL, NULL);
  fixture = ward_test_store_new ();

  g_print ("Wardgate %s benchmark (SQLite %s)\n\n", PACKAGE_VERSION, sqlite3_libversion ());
  bench_audit (fixture->store);
  bench_badges (fixture->store);
  bench_totp ();
  bench_sign_in ();

  getrusage (RUSAGE_SELF, &usage);
  g_print ("\npeak resident memory: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
