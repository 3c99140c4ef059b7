/* ward-store-location.h: what a database location names: an SQLite file or a PostgreSQL server */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for a libpq connection string: a postgresql:// or postgres:// URI,
 * service=NAME, or any key=value conninfo. A location that looks like a
 * URI of another scheme is neither: it is refused, never taken as a file
 * name. */
gboolean  ward_store_location_is_server    (const char  *location);
gboolean  ward_store_location_check        (const char  *location,
                                            GError     **error);
/* The location as it may be shown or logged: a password is replaced. */
char     *ward_store_location_display      (const char  *location);
/* FALSE when the file at @path, or its folder, is in another local
 * user's hands (TRUE when it cannot be read: opening says why). */
gboolean  ward_store_location_check_owner  (const char  *path,
                                            GError     **error);

G_END_DECLS
