/* ward-schema-private.h: the numbered migrations, and the schema they must leave behind */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

/* Resource folders of each dialect's migrations. */
#define WARD_SCHEMA_SQLITE RESOURCE_PREFIX "/migrations"
#define WARD_SCHEMA_PG     RESOURCE_PREFIX "/migrations/pg"

GPtrArray *ward_schema_list_migrations (const char  *folder);
char      *ward_schema_migration_sql   (const char  *folder,
                                        const char  *name,
                                        GError     **error);
/* Compares the database's schema objects with the ones its migrations
 * make; @adopt (init on a server prepared by a DBA) seals a server schema
 * that has no sealed description yet. */
gboolean   ward_schema_check           (WardStore   *store,
                                        gboolean     adopt,
                                        GError     **error);
/* On a server: records the schema's description, MAC'd under the key. */
gboolean   ward_schema_seal            (WardStore   *store,
                                        GError     **error);

G_END_DECLS
