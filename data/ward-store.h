/* ward-store.h: the database, an SQLite file or a PostgreSQL server: opening it, migrations */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_STORE_OPEN_DEFAULT = 0,
  WARD_STORE_OPEN_CREATE  = 1 << 0,
} WardStoreOpenFlags;

char           *ward_store_default_path       (void);
int             ward_store_latest_schema_version (void);

WardStore      *ward_store_open               (const char          *path,
                                               WardInstallKey      *key,
                                               WardClock           *clock,
                                               const char          *kiosk_id,
                                               WardStoreOpenFlags   flags,
                                               GError             **error);

/* FALSE with WARD_STORE_ERROR_MISSING when nothing was set up at the
 * location yet (no file; no schema on the server), or another error when
 * the location cannot be asked. Nothing is created. */
gboolean        ward_store_location_exists    (const char  *location,
                                               GError     **error);
/* The SQL `init` runs on an empty PostgreSQL database (the kiosks' role,
 * the schema, every migration and the grants), for a DBA to read or run. */
char           *ward_store_server_setup_sql   (void);

G_END_DECLS
