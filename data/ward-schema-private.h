/* ward-schema-private.h: the numbered migrations, and the schema they must leave behind */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

char   **ward_schema_list_migrations (void);
char    *ward_schema_migration_sql   (const char  *name,
                                      GError     **error);
gboolean ward_schema_check           (sqlite3     *db,
                                      const char  *path,
                                      GError     **error);

G_END_DECLS
