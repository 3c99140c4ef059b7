/* ward-folder.c: a throw-away folder removed with all it holds */
#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "data/ward-folder.h"

void
ward_folder_remove (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf info;

      /* lstat: a link to a folder is a link, removed as one. */
      if (g_lstat (child, &info) == 0 && S_ISDIR (info.st_mode))
        ward_folder_remove (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
