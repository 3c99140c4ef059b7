/* test-sessions.c: emergency uses counted and stored at once, across processes racing on one database */
#include "config.h"

#include <gio/gio.h>

#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-store.h"

#define WORKER_FLAG "--emergency-worker"
#define N_WORKERS   6
#define PER_WORKER  5

static const char *self_path;

/* One kiosk opening emergency sessions as fast as it can; prints the use
 * number each got (0: refused). */
static int
run_worker (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardInstallKey) key = ward_install_key_load (argv[3], &error);
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = NULL;
  WardSessionsOverLimit mode = g_str_equal (argv[5], "allow") ? WARD_SESSIONS_ALLOW_OVER_LIMIT
                                                               : WARD_SESSIONS_REFUSE_OVER_LIMIT;

  g_assert_no_error (error);
  store = ward_store_open (argv[2], key, clock, argv[4], WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < PER_WORKER; i++)
    {
      g_autoptr(GError) open_error = NULL;
      guint use = 0;
      gint64 id = ward_sessions_open_counted (store, g_ascii_strtoll (argv[6], NULL, 10), "break-glass",
                                              "Cardiac arrest in bed 12", 0, 2, mode, &use, &open_error);

      g_assert_true ((id > 0) == (use > 0));
      if (id == 0)
        g_assert_error (open_error, WARD_STORE_ERROR, WARD_STORE_ERROR_OVER_LIMIT);
      g_print ("%u\n", use);
    }
  return 0;
}

static GPtrArray *
race (WardTestStore *fixture,
      gint64         user_id,
      const char    *mode)
{
  g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  GSubprocess *workers[N_WORKERS];
  GPtrArray *uses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *kiosk = g_strdup_printf ("kiosk-%u", i);

      workers[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, WORKER_FLAG,
                                     fixture->db_path, fixture->key_path, kiosk, mode, user, NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (workers[i], NULL, NULL, &out, NULL, NULL));
      g_assert_true (g_subprocess_get_successful (workers[i]));
      lines = g_strsplit (g_strstrip (out), "\n", -1);
      for (guint j = 0; lines[j] != NULL; j++)
        g_ptr_array_add (uses, g_strdup (lines[j]));
      g_object_unref (workers[i]);
    }
  return uses;
}

/* The rule of today: past the limit, refused, however many kiosks race. */
static void
test_racing_kiosks_refused_past_limit (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 user_id = ward_directory_add_user (fixture->store, "nokafor", "Nadia Okafor", NULL);
  g_autoptr(GPtrArray) uses = race (fixture, user_id, "refuse");
  guint stored = 0;

  for (guint i = 0; i < uses->len; i++)
    if (!g_str_equal (uses->pdata[i], "0"))
      stored++;
  g_assert_cmpuint (stored, ==, 2);
  g_assert_cmpuint (ward_sessions_count_started (fixture->store, user_id, "break-glass", 0, NULL), ==, 2);
}

/* The rule that alerts instead of refusing: every use is stored with its own
 * number, so each one past the limit is known at once. */
static void
test_racing_kiosks_each_use_numbered (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  gint64 user_id = ward_directory_add_user (fixture->store, "nokafor", "Nadia Okafor", NULL);
  g_autoptr(GPtrArray) uses = race (fixture, user_id, "allow");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (uses->len, ==, N_WORKERS * PER_WORKER);
  for (guint i = 0; i < uses->len; i++)
    {
      gint64 use = g_ascii_strtoll (uses->pdata[i], NULL, 10);

      g_assert_cmpint (use, >=, 1);
      g_assert_cmpint (use, <=, N_WORKERS * PER_WORKER);
      g_assert_true (g_hash_table_add (seen, uses->pdata[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 7 && g_strcmp0 (argv[1], WORKER_FLAG) == 0)
    return run_worker (argv);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sessions/7/racing-kiosks-refused-past-limit", test_racing_kiosks_refused_past_limit);
  g_test_add_func ("/sessions/7/racing-kiosks-each-use-numbered", test_racing_kiosks_each_use_numbered);
  return g_test_run ();
}
