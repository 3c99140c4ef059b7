/* ward-schema-description.h: the SQLite schema description worked out at build time and compiled in */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What SQLite's migrations make, worked out at build time
 * (data/ward-schema-describe.c) and compiled in. */
#define WARD_SCHEMA_SQLITE_DESCRIPTION RESOURCE_PREFIX "/schema/sqlite.gvariant"

/* A description as a GVariant string array, one line per schema object as
 * describe_schema gives them. */
GPtrArray *ward_schema_built_in  (const char  *resource,
                                  GError     **error);
GBytes    *ward_schema_serialize (GPtrArray   *lines);

G_END_DECLS
