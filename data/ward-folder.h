/* ward-folder.h: a throw-away folder removed with all it holds */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything under it. A symbolic link is removed, never
 * followed: nothing planted in the folder can reach outside it. */
void ward_folder_remove (const char *path);

G_END_DECLS
