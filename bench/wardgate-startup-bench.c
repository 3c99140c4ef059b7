/* wardgate-startup-bench.c: the kiosk's start to its first painted lock-screen frame, against a bare GTK 4 window, in time and memory */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#define ROUNDS 7

typedef struct
{
  double  ms;
  guint64 peak_kib;
} Start;

/* Starts @argv with the first-frame report asked for, and reads the time
 * its first frame was painted and its peak memory by then. */
static Start
measure (const char * const *argv,
         const char         *db_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 started, painted = 0;
  guint64 rss = 0, peak = 0;
  Start start = { 0, 0 };

  g_subprocess_launcher_setenv (launcher, "WARDGATE_REPORT_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "WARDGATE_QUIT_AFTER_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* The build's schema, unless an installed one is asked for. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", db_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", db_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", db_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);
  started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("Could not run %s: %s", argv[0], error->message);
  if (out == NULL || sscanf (out, "first-frame-us %" G_GINT64_FORMAT " rss-kib %" G_GUINT64_FORMAT
                             " peak-kib %" G_GUINT64_FORMAT, &painted, &rss, &peak) != 3)
    g_error ("%s reported no first frame (is there a display?)", argv[0]);
  start.ms = (painted - started) / 1000.0;
  start.peak_kib = peak;
  return start;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (int (*) (const void *, const void *)) compare_doubles);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wardgate-startup-XXXXXX", &error);
  g_autofree char *db = NULL;
  const char *bare[] = { BENCH_BARE_WINDOW, NULL };
  const char *kiosk[] = { BENCH_WARDGATE, "--db", NULL, NULL };
  /* Another build of the kiosk (a copy of main's, say), measured in the
   * same rounds: on a shared machine only a comparison made in one
   * sitting means anything. */
  const char *other[] = { argc > 1 ? argv[1] : NULL, "--db", NULL, NULL };
  double bare_ms[ROUNDS], kiosk_ms[ROUNDS], other_ms[ROUNDS];
  double bare_kib[ROUNDS], kiosk_kib[ROUNDS], other_kib[ROUNDS];
  double t_bare, t_kiosk, m_bare, m_kiosk;

  g_assert_no_error (error);
  if (argc > 2 || (other[0] != NULL && !g_file_test (other[0], G_FILE_TEST_IS_EXECUTABLE)))
    {
      g_printerr ("Usage: %s [OTHER-WARDGATE]\n", argv[0]);
      return 2;
    }
  db = g_build_filename (dir, "wardgate.db", NULL);
  kiosk[2] = db;
  other[2] = db;
  {
    const char *init[] = { BENCH_WARDGATE_ADMIN, "--db", db, "init", NULL };
    g_autoptr(GSubprocess) process = g_subprocess_newv (init, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);

    if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
      g_error ("Could not make a database: %s", error->message);
  }

  /* Once each first, unmeasured: the disk cache is then warm for both. */
  measure (bare, dir);
  measure (kiosk, dir);
  if (other[0] != NULL)
    measure (other, dir);
  for (guint i = 0; i < ROUNDS; i++)
    {
      Start b = measure (bare, dir);
      Start k = measure (kiosk, dir);

      bare_ms[i] = b.ms;
      kiosk_ms[i] = k.ms;
      bare_kib[i] = b.peak_kib;
      kiosk_kib[i] = k.peak_kib;
      if (other[0] != NULL)
        {
          Start o = measure (other, dir);

          other_ms[i] = o.ms;
          other_kib[i] = o.peak_kib;
        }
    }
  t_bare = median (bare_ms, ROUNDS);
  t_kiosk = median (kiosk_ms, ROUNDS);
  m_bare = median (bare_kib, ROUNDS);
  m_kiosk = median (kiosk_kib, ROUNDS);

  g_print ("start to first painted frame, median of %d rounds\n", ROUNDS);
  g_print ("%-28s %9.1f ms  %9.0f KiB peak\n", "bare GTK 4 window", t_bare, m_bare);
  g_print ("%-28s %9.1f ms  %9.0f KiB peak\n", "kiosk lock screen", t_kiosk, m_kiosk);
  g_print ("%-28s %9.2f ×     %9.2f ×\n", "kiosk / bare", t_kiosk / t_bare, m_kiosk / m_bare);
  if (other[0] != NULL)
    {
      double t_other = median (other_ms, ROUNDS), m_other = median (other_kib, ROUNDS);

      g_print ("%-28s %9.1f ms  %9.0f KiB peak  (%s)\n", "other kiosk", t_other, m_other, other[0]);
      g_print ("%-28s %9.2f ×     %9.2f ×\n", "other kiosk / bare", t_other / t_bare, m_other / m_bare);
    }

  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *key = g_build_filename (dir, "wardgate.key", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (key);
    g_rmdir (dir);
  }
  return 0;
}
