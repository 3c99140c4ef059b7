/* ward-store-pg.h: the PostgreSQL backend, one hospital's server */
#pragma once

#include "data/ward-store-backend.h"

G_BEGIN_DECLS

extern const char ward_backend_pg_setup_sql[];
extern const char ward_backend_pg_grants_sql[];

/* Opens (and with @create, sets up) the wardgate schema on the server,
 * refusing one it does not recognise without modifying it. */
WardBackend *ward_backend_pg_open     (const char  *conninfo,
                                       gboolean     create,
                                       GError     **error);

G_END_DECLS
