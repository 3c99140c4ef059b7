/* ward-migrations.h: the numbered SQL migrations of each dialect, compiled into the resource */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Resource folders of each dialect's migrations. */
#define WARD_MIGRATIONS_SQLITE RESOURCE_PREFIX "/migrations"
#define WARD_MIGRATIONS_PG     RESOURCE_PREFIX "/migrations/pg"

GPtrArray *ward_migrations_list   (const char  *folder);
char      *ward_migrations_sql    (const char  *folder,
                                   const char  *name,
                                   GError     **error);
/* The number of the last migration in @folder (0 when there is none). */
int        ward_migrations_latest (const char  *folder);

G_END_DECLS
