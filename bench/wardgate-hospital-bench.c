/* wardgate-hospital-bench.c: the database work of a hospital's kiosks on SQLite and on PostgreSQL, side by side */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <liboath/oath.h>

#include "auth/ward-code-factor.h"
#include "auth/ward-policy.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-site.h"

/* Run through tests/pg/pg-harness.sh, which starts the PostgreSQL server:
 *   tests/pg/pg-harness.sh _build/bench/wardgate-hospital-bench [AUDIT_RECORDS]
 * The sign-in's database work is timed in each kiosk process: badge lookup,
 * the account's factors, its keys and the counter bump of the key step,
 * the code's checked-and-spent transaction, the session row and the
 * signed-in audit record. Devices and the person's hands are not timed. */

#define WORKER_FLAG      "--bench-kiosk"
#define SIGN_INS_PER_KIOSK 60
#define N_STAFF          10000
#define N_LOOKUPS        5000

static const char *self_path;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  fraction)
{
  guint index = (guint) (fraction * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, index);
}

/* One kiosk: signs one person in again and again, a minute apart on its
 * own clock, and prints each sign-in's database time in microseconds. */
static int
run_kiosk (char **argv)
{
  g_autoptr(WardInstallKey) key = ward_install_key_load (argv[3], NULL);
  gint64 now_us = g_ascii_strtoll (argv[4], NULL, 10);
  g_autoptr(WardClock) clock = ward_clock_new_fake (now_us);
  g_autoptr(WardStore) store = ward_store_open (argv[2], key, clock, argv[5], WARD_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(WardPolicy) policy = ward_policy_new (store);
  g_autoptr(WardCodeFactor) codes = ward_code_factor_new (store, policy);
  const char *badge = argv[6];
  guint pause_ms = (guint) g_ascii_strtoull (argv[8], NULL, 10);
  gsize secret_len = 0;
  char *secret = NULL;
  char line[8];

  g_assert_nonnull (store);
  oath_init ();
  g_assert_cmpint (oath_base32_decode (argv[7], strlen (argv[7]), &secret, &secret_len), ==, OATH_OK);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;

  for (guint i = 0; i < SIGN_INS_PER_KIOSK; i++)
    {
      char code[16];
      gint64 start, user_id, session;
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GError) error = NULL;

      /* Paced: a random pause (mean @pause_ms) before each sign-in. */
      if (pause_ms > 0)
        g_usleep (g_random_int_range (0, 2 * pause_ms) * 1000);
      ward_clock_advance (clock, 60 * G_USEC_PER_SEC);
      now_us += 60 * G_USEC_PER_SEC;
      g_assert_cmpint (oath_totp_generate (secret, secret_len, now_us / G_USEC_PER_SEC, 30, 0, 6, code), ==, OATH_OK);

      start = g_get_monotonic_time ();
      user_id = ward_credentials_find_badge (store, badge, NULL);
      g_assert_cmpint (user_id, >, 0);
      g_assert_cmpint (ward_policy_factors_for_user (policy, user_id, NULL), !=, 0);
      keys = ward_credentials_list_keys (store, user_id, FALSE, NULL);
      g_assert_nonnull (keys);
      g_assert_true (ward_code_factor_verify (codes, user_id, "staff", code, NULL, NULL, &error));
      session = ward_sessions_open (store, user_id, "normal", NULL, NULL);
      g_assert_cmpint (session, >, 0);
      g_assert_true (ward_audit_append (store, WARD_AUDIT_SIGNED_IN, argv[5], NULL, NULL, FALSE, NULL));
      g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
    }
  free (secret);
  return 0;
}

static GSubprocess *
spawn_kiosk (WardTestSite   *site,
             guint           number,
             WardTestPerson *person,
             const char     *secret,
             guint           pause_ms)
{
  g_autofree char *kiosk = g_strdup_printf ("bed-%02u", number);
  g_autofree char *pause = g_strdup_printf ("%u", pause_ms);
  g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT, ward_clock_get_now_us (site->fixture->clock));
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL,
                                           self_path, WORKER_FLAG, site->fixture->db_path, site->fixture->key_path,
                                           epoch, kiosk, person->badge, secret, pause, NULL);

  g_assert_nonnull (process);
  return process;
}

static void
bench_sign_ins (WardTestSite *site,
                const char   *backend,
                guint         n_kiosks,
                guint         pause_ms)
{
  g_autoptr(GPtrArray) kiosks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;

  for (guint i = 0; i < n_kiosks; i++)
    {
      g_autofree char *name = g_strdup_printf ("staff%02u_%u", i, n_kiosks);
      g_autofree char *badge = g_strdup_printf ("B%02u%06u", i, n_kiosks);
      WardTestPerson *person = ward_test_site_add_person (site, name, "nurse", badge, FALSE, TRUE);
      char *base32 = NULL;
      size_t base32_len = 0;

      g_assert_cmpint (oath_base32_encode (g_bytes_get_data (person->secret, NULL), g_bytes_get_size (person->secret),
                                           &base32, &base32_len), ==, OATH_OK);
      g_ptr_array_add (kiosks, spawn_kiosk (site, i + 1, person, base32, pause_ms));
      free (base32);
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_kiosks; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (g_ptr_array_index (kiosks, i));
      g_output_stream_write_all (in, "go\n", 3, NULL, NULL, NULL);
      g_output_stream_flush (in, NULL, NULL);
    }
  for (guint i = 0; i < n_kiosks; i++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (g_ptr_array_index (kiosks, i), NULL, NULL, &out, NULL, NULL));
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (kiosks, i)));
      lines = g_strsplit (out, "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        if (*lines[j] != '\0')
          {
            double us = g_ascii_strtod (lines[j], NULL);
            g_array_append_val (times, us);
          }
    }
  g_array_sort (times, compare_doubles);
  g_print ("%-10s sign-in DB work, %2u kiosks%s: %4u sign-ins  p50 %7.2f ms  p99 %7.2f ms  (%.0f sign-ins/s)\n",
           backend, n_kiosks, pause_ms > 0 ? ", paced" : "", times->len, percentile (times, 0.5) / 1000, percentile (times, 0.99) / 1000,
           times->len / ((g_get_monotonic_time () - start) / 1e6));
}

static int
run_appender (char **argv)
{
  g_autoptr(WardInstallKey) key = ward_install_key_load (argv[3], NULL);
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = ward_store_open (argv[2], key, clock, argv[4], WARD_STORE_OPEN_DEFAULT, NULL);
  char line[8];

  g_assert_nonnull (store);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;
  for (guint i = 0; i < 500; i++)
    g_assert_true (ward_audit_append (store, WARD_AUDIT_FACTOR_FAILED, argv[4], "someone", "{}", FALSE, NULL));
  return 0;
}

static void
bench_appends (WardTestStore *fixture,
               const char    *backend)
{
  GSubprocess *appenders[8];
  gint64 start;

  for (guint i = 0; i < G_N_ELEMENTS (appenders); i++)
    {
      g_autofree char *kiosk = g_strdup_printf ("bed-%02u", i + 1);
      appenders[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, NULL, self_path, "--bench-append",
                                       fixture->db_path, fixture->key_path, kiosk, NULL);
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (appenders); i++)
    {
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (appenders[i]), "go\n", 3, NULL, NULL, NULL);
      g_output_stream_close (g_subprocess_get_stdin_pipe (appenders[i]), NULL, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (appenders); i++)
    {
      g_assert_true (g_subprocess_wait_check (appenders[i], NULL, NULL));
      g_object_unref (appenders[i]);
    }
  g_print ("%-10s audit appends, 8 kiosks at once: %.0f appends/s\n", backend,
           8 * 500 / ((g_get_monotonic_time () - start) / 1e6));
}

static void
bench_verify (WardTestStore *fixture,
              const char    *backend,
              guint          n_records)
{
  gint64 first_bad = 0, checked = 0, start;
  guint have = 0;

  start = g_get_monotonic_time ();
  while (have < n_records)
    {
      g_assert_true (ward_store_begin (fixture->store, NULL));
      for (guint i = 0; i < 50 && have < n_records; i++, have++)
        g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_SIGNED_IN, "bench", "someone",
                                          "{\"factor\":\"totp\"}", FALSE, NULL));
      g_assert_true (ward_store_commit (fixture->store, NULL));
    }
  g_print ("%-10s audit appends in transactions of 50: %u records in %.1f s\n", backend, have,
           (g_get_monotonic_time () - start) / 1e6);
  start = g_get_monotonic_time ();
  g_assert_true (ward_audit_verify (fixture->store, &first_bad, &checked, NULL));
  g_assert_cmpint (first_bad, ==, 0);
  g_print ("%-10s audit verify: %" G_GINT64_FORMAT " records in %.2f s (%.0f records/s)\n", backend, checked,
           (g_get_monotonic_time () - start) / 1e6, checked / ((g_get_monotonic_time () - start) / 1e6));
}

static void
bench_badge_lookup (WardTestStore *fixture,
                    const char    *backend)
{
  gint64 start;

  g_assert_true (ward_store_begin (fixture->store, NULL));
  for (guint i = 0; i < N_STAFF; i++)
    {
      g_autofree char *name = g_strdup_printf ("s%05u", i);
      g_autofree char *uid = g_strdup_printf ("04%08X", i);
      gint64 id = ward_directory_add_user (fixture->store, name, "Staff Member", NULL);

      g_assert_true (ward_credentials_add_badge (fixture->store, id, uid, 0, NULL));
    }
  g_assert_true (ward_store_commit (fixture->store, NULL));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_autofree char *uid = g_strdup_printf ("04%08X", g_random_int_range (0, N_STAFF));
      g_assert_cmpint (ward_credentials_find_badge (fixture->store, uid, NULL), >, 0);
    }
  g_print ("%-10s badge lookup among %u staff: %.1f us per lookup\n", backend, N_STAFF,
           (g_get_monotonic_time () - start) / (double) N_LOOKUPS);
}

int
main (int    argc,
      char **argv)
{
  const char *backends[] = { "sqlite", "pg" };
  guint n_records = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;

  /* Audit events go to the journal (or nowhere), not to the terminal. */
  g_log_set_writer_func (ward_audit_log_writer, NULL, NULL);
  if (argc >= 9 && g_str_equal (argv[1], WORKER_FLAG))
    return run_kiosk (argv);
  if (argc == 5 && g_str_equal (argv[1], "--bench-append"))
    return run_appender (argv);
  self_path = argv[0];
  oath_init ();

  if (g_getenv ("WARDGATE_TEST_PG") == NULL)
    g_printerr ("No PostgreSQL server: run me through tests/pg/pg-harness.sh to compare both.\n");
  for (guint b = 0; b < G_N_ELEMENTS (backends); b++)
    {
      const guint kiosk_counts[] = { 1, 8, 32 };

      if (b == 1 && g_getenv ("WARDGATE_TEST_PG") == NULL)
        break;
      g_setenv ("WARDGATE_TEST_BACKEND", backends[b], TRUE);
      for (guint k = 0; g_getenv ("BENCH_VERIFY_ONLY") == NULL && k < G_N_ELEMENTS (kiosk_counts); k++)
        {
          g_autoptr(WardTestSite) site = ward_test_site_new ();
          bench_sign_ins (site, backends[b], kiosk_counts[k], 0);
        }
      /* 32 kiosks each signing in every 250 ms on average (128 sign-ins a
       * second offered: far above a hospital's real rate, far below what
       * back-to-back kiosks offer). */
      if (g_getenv ("BENCH_VERIFY_ONLY") == NULL)
        {
          g_autoptr(WardTestSite) site = ward_test_site_new ();
          bench_sign_ins (site, backends[b], 32, 250);
        }
      if (g_getenv ("BENCH_VERIFY_ONLY") == NULL)
        {
          g_autoptr(WardTestStore) fixture = ward_test_store_new ();
          bench_appends (fixture, backends[b]);
        }
      if (g_getenv ("BENCH_VERIFY_ONLY") == NULL)
        {
          g_autoptr(WardTestStore) fixture = ward_test_store_new ();
          bench_badge_lookup (fixture, backends[b]);
        }
      {
        g_autoptr(WardTestStore) fixture = ward_test_store_new ();
        bench_verify (fixture, backends[b], n_records);
      }
    }
  return 0;
}
