/* wardgate-directory-bench.c: a directory sync of 10,000 people in 200 groups from a local slapd: seconds and peak memory */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "app/directory/ward-directory-admin.h"
#include "app/directory/ward-directory-sync.h"
#include "auth/ward-actor.h"
#include "tests/common/ward-test-slapd.h"
#include "tests/common/ward-test-store.h"

#define N_PEOPLE 10000
#define N_GROUPS 200

/* Peak resident memory of this process since the last reset (VmHWM); the
 * directory server is another process and not counted. */
static void
reset_peak (void)
{
  FILE *file;

  /* What the previous run freed goes back to the system first, so that
   * the next peak is that run's own. */
  malloc_trim (0);
  file = fopen ("/proc/self/clear_refs", "w");

  if (file != NULL)
    {
      fputs ("5", file);
      fclose (file);
    }
}

static double
peak_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static void
run_sync (WardDirectorySync *sync,
          const char        *what)
{
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  reset_peak ();
  start = g_get_monotonic_time ();
  result = ward_directory_sync_run (sync, FALSE, "bench", &error);
  if (result == NULL)
    g_error ("Sync failed: %s", error->message);
  g_print ("%-22s %7.2f s   %6u changes   %3u pages   peak %.1f MiB\n", what,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, result->changes->len, result->n_pages,
           peak_mib ());
}

/* Only warnings: the audit's journal copy of 20,000 events is not what is
 * measured here. */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *ldif = ward_test_slapd_generate_staff (N_PEOPLE, N_GROUPS);
  g_autoptr(WardTestSlapd) slapd = NULL;
  g_autoptr(WardTestStore) fixture = NULL;
  g_autoptr(WardActor) admin = NULL;
  g_autoptr(WardDirectoryAdmin) directory = NULL;
  g_autoptr(WardDirectorySync) sync = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static (WARD_TEST_LDAP_PASSWORD, strlen (WARD_TEST_LDAP_PASSWORD));
  g_autoptr(GError) error = NULL;
  const char *roles[] = { "nurse", "charge-nurse", "biomed" };
  WardLdapSettings settings = { .base_dn = (char *) WARD_TEST_LDAP_BASE, .bind_dn = (char *) WARD_TEST_LDAP_BIND_DN };

  g_log_set_writer_func (quiet_writer, NULL, NULL);
  g_print ("Directory sync: %u people in %u groups, LDAPS to a local slapd (size limit 500: paged)\n\n",
           N_PEOPLE, N_GROUPS);
  slapd = ward_test_slapd_start (ldif, 500);
  fixture = ward_test_store_new ();
  ward_test_bootstrap_admin (fixture, "boot");
  admin = ward_actor_new_for_account (fixture->store, "boot", &error);
  g_assert_no_error (error);
  directory = ward_directory_admin_new (fixture->store);
  settings.uri = slapd->ldaps_uri;
  settings.ca_file = slapd->ca_file;
  if (!ward_directory_admin_configure (directory, admin, &settings, password, &error))
    g_error ("%s", error->message);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *group = g_strdup_printf ("cn=ward-%03u,ou=groups," WARD_TEST_LDAP_BASE, g);

      if (!ward_directory_admin_map (directory, admin, group, roles[g % G_N_ELEMENTS (roles)], &error))
        g_error ("%s", error->message);
    }

  sync = ward_directory_sync_new (fixture->store);
  run_sync (sync, "first sync");
  run_sync (sync, "no-change re-sync");
  return 0;
}
