/* ward-test-cli-site.c: the scratch folder a command-line test runs wardgate-admin in, and the database it names */
#include "config.h"

#include "data/ward-folder.h"
#include "tests/common/ward-test-cli-site.h"

/* A fresh folder with a SQLite database to be, and its key beside it; in
 * @subdir of the folder when not NULL, a folder init must make itself. */
void
ward_test_cli_site_set_up (WardTestCliSite *site,
                           const char      *subdir)
{
  site->dir = g_dir_make_tmp ("wardgate-cli-XXXXXX", NULL);
  g_assert_nonnull (site->dir);
  site->db = g_build_filename (site->dir, subdir != NULL ? subdir : "", "wardgate.db", NULL);
  site->key = g_build_filename (site->dir, subdir != NULL ? subdir : "", "wardgate.key", NULL);
}

/* The folder goes with all that the commands left in it. */
void
ward_test_cli_site_tear_down (WardTestCliSite *site)
{
  ward_folder_remove (site->dir);
  g_clear_pointer (&site->dir, g_free);
  g_clear_pointer (&site->db, g_free);
  g_clear_pointer (&site->key, g_free);
}
