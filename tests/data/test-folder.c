/* test-folder.c: a throw-away folder goes with everything in it, and nothing outside it */
#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "data/ward-folder.h"

static char *
make_file (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "kept", -1, &error));
  g_assert_no_error (error);
  return path;
}

/* What the demo leaves behind: a database, its key, the simulator's state
 * in a folder of its own, several levels deep. */
static void
test_removes_everything (void)
{
  g_autofree char *root = g_dir_make_tmp ("ward-folder-XXXXXX", NULL);
  g_autofree char *state = g_build_filename (root, "devsim", "beds", NULL);
  g_autofree char *db = NULL, *deep = NULL;

  g_assert_nonnull (root);
  g_assert_cmpint (g_mkdir_with_parents (state, 0700), ==, 0);
  db = make_file (root, "wardgate.db");
  deep = make_file (state, "bed-12.json");

  ward_folder_remove (root);

  g_assert_false (g_file_test (deep, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
}

/* A link planted in the folder is taken away; what it points at stays. */
static void
test_links_are_not_followed (void)
{
  g_autofree char *outside = g_dir_make_tmp ("ward-outside-XXXXXX", NULL);
  g_autofree char *root = g_dir_make_tmp ("ward-folder-XXXXXX", NULL);
  g_autofree char *precious = make_file (outside, "records.db");
  g_autofree char *dir_link = g_build_filename (root, "to-folder", NULL);
  g_autofree char *file_link = g_build_filename (root, "to-file", NULL);

  g_assert_cmpint (symlink (outside, dir_link), ==, 0);
  g_assert_cmpint (symlink (precious, file_link), ==, 0);

  ward_folder_remove (root);

  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (precious), ==, 0);
  g_assert_cmpint (g_rmdir (outside), ==, 0);
}

/* Gone already (a second clean-up, a crash in between): nothing to do. */
static void
test_missing_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("ward-folder-XXXXXX", NULL);

  g_assert_cmpint (g_rmdir (root), ==, 0);
  ward_folder_remove (root);
  g_assert_false (g_file_test (root, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/folder/removes-everything", test_removes_everything);
  g_test_add_func ("/folder/links-are-not-followed", test_links_are_not_followed);
  g_test_add_func ("/folder/missing-folder", test_missing_folder);
  return g_test_run ();
}
