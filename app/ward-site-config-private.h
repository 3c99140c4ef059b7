/* ward-site-config-private.h: what the site configuration's files share: the protected read */
#pragma once

#include "app/ward-site-config.h"

G_BEGIN_DECLS

/* The file's text, read through one descriptor opened without following
 * links, or NULL: refused (an error), or absent when not @required
 * (*@missing set, no error). @runner: the user the program runs as. */
char     *_ward_site_config_read_file      (const char  *path,
                                            uid_t        runner,
                                            gboolean     required,
                                            gboolean    *missing,
                                            GError     **error);

/* FALSE (with an error) when a folder above @path could be changed by
 * someone other than root, @runner included. */
gboolean  _ward_site_config_check_folders  (const char  *path,
                                            uid_t        runner,
                                            GError     **error);

G_END_DECLS
