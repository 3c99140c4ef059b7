/* ward-store-sqlite.h: the SQLite backend, one kiosk's database file */
#pragma once

#include "data/ward-store-backend.h"

G_BEGIN_DECLS

/* Opens (and with @create, creates) the file, refusing one it does not
 * recognise, or one another user controls, without modifying it. */
WardBackend *ward_backend_sqlite_open (const char  *path,
                                       gboolean     create,
                                       GError     **error);
/* The schema SQLite's migrations make, built in memory (see ward-schema.c). */
GPtrArray   *ward_backend_sqlite_describe_migrations (GError **error);

G_END_DECLS
