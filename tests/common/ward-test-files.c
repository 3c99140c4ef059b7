/* ward-test-files.c: a test's temporary folder, removed with all it holds */
#include "config.h"

#include <glib/gstdio.h>

#include "tests/common/ward-test-files.h"

/* Removes @path and everything under it. A symbolic link is removed, never
 * followed: a test that planted one must not reach outside its folder. */
void
ward_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ward_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
