/* test-device-fuzz.c: random change requests through the real pipeline, wardgate-devsim over D-Bus and SQLite, every rule checked after each */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "tests/app/devices/ward-fuzz-fixture.h"

/* The default seed and volume, as CI runs them; WARDGATE_FUZZ_SEED
 * ("random" for a fresh one) and WARDGATE_FUZZ_REQUESTS change them. */
#define DEFAULT_SEED     20261203u
#define DEFAULT_REQUESTS 20000u

static guint32
choose_seed (void)
{
  const char *text = g_getenv ("WARDGATE_FUZZ_SEED");

  if (text == NULL || *text == '\0')
    return DEFAULT_SEED;
  if (g_str_equal (text, "random"))
    return g_random_int ();
  return (guint32) g_ascii_strtoull (text, NULL, 10);
}

static guint
choose_requests (void)
{
  const char *text = g_getenv ("WARDGATE_FUZZ_REQUESTS");

  return text != NULL && *text != '\0' ? (guint) g_ascii_strtoull (text, NULL, 10) : DEFAULT_REQUESTS;
}

/* A line per audit event would bury the report: only warnings and worse
 * are shown. */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)) != 0)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_random_requests (void)
{
  guint32 seed = choose_seed ();
  guint requests = choose_requests ();
  g_autoptr(Fuzz) fuzz = NULL;
  gint64 started = g_get_monotonic_time ();
  double seconds;

  /* Printed first, so that a failure can be replayed with the same seed. */
  g_test_message ("seed %u (replay with WARDGATE_FUZZ_SEED=%u), %u requests", seed, seed, requests);
  g_printerr ("# device fuzz: seed %u, %u requests\n", seed, requests);
  fuzz = fuzz_new (seed);
  for (guint i = 0; i < requests; i++)
    {
      fuzz_request (fuzz);
      if (requests >= 100000 && (i + 1) % 50000 == 0)
        g_printerr ("# %u requests, %u violations, %.0f s\n", i + 1, fuzz->n_violations,
                    (g_get_monotonic_time () - started) / 1e6);
    }
  fuzz_finish (fuzz);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  fuzz_report (fuzz, seconds);
  /* A failure, not an abort: the ward and the simulator are still taken down. */
  if (fuzz->n_violations > 0)
    {
      g_test_message ("%u of %u requests broke a rule (seed %u); the first: %s", fuzz->n_violations, requests,
                      seed, fuzz->first_violation);
      g_test_fail ();
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The store syncs every commit to disk, as a kiosk must; tens of
   * thousands of changes would then take minutes on a disk. The same code
   * runs on a memory-backed folder when there is one. */
  if (g_getenv ("TMPDIR") == NULL && g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    g_setenv ("TMPDIR", "/dev/shm", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("WARDGATE_DEVSIM") == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("Run under dbus-run-session with WARDGATE_DEVSIM set (meson test does)\n");
      return EXIT_FAILURE;
    }
  g_log_set_writer_func (quiet_writer, NULL, NULL);
  g_test_add_func ("/device-change/fuzz/random-requests", test_random_requests);
  return g_test_run ();
}
