/* ward-schema-pg.h: the schema objects of a PostgreSQL server, as lines of text to compare */
#pragma once

#include "data/ward-store-backend.h"

G_BEGIN_DECLS

/* One line per object, sorted; NULL with @error set when the server
 * cannot be asked. */
GPtrArray *ward_schema_describe_pg (WardBackend  *backend,
                                    GError      **error);

G_END_DECLS
