/* ward-store.h: the SQLite database: opening, migrations, transactions */
#pragma once

#include <glib-object.h>

#include "data/ward-clock.h"
#include "data/ward-install-key.h"

G_BEGIN_DECLS

#define WARD_STORE_ERROR (ward_store_error_quark ())

typedef enum
{
  WARD_STORE_ERROR_MISSING,
  WARD_STORE_ERROR_NOT_DATABASE,
  WARD_STORE_ERROR_CORRUPT,
  WARD_STORE_ERROR_TOO_NEW,
  WARD_STORE_ERROR_BUSY,
  WARD_STORE_ERROR_FULL,
  WARD_STORE_ERROR_READ_ONLY,
  WARD_STORE_ERROR_EXISTS,
  WARD_STORE_ERROR_NOT_FOUND,
  WARD_STORE_ERROR_INVALID,
  WARD_STORE_ERROR_LAST_ADMIN,
  WARD_STORE_ERROR_STALE,
  WARD_STORE_ERROR_FAILED,
  WARD_STORE_ERROR_DISABLED,
  WARD_STORE_ERROR_TAMPERED,
  WARD_STORE_ERROR_OVER_LIMIT,
  WARD_STORE_ERROR_WRONG_KEY,
} WardStoreError;

typedef enum
{
  WARD_STORE_OPEN_DEFAULT = 0,
  WARD_STORE_OPEN_CREATE  = 1 << 0,
} WardStoreOpenFlags;

#define WARD_TYPE_STORE (ward_store_get_type ())
G_DECLARE_FINAL_TYPE (WardStore, ward_store, WARD, STORE, GObject)

GQuark          ward_store_error_quark        (void);

char           *ward_store_default_path       (void);
int             ward_store_latest_schema_version (void);
void            ward_store_prepare_checks     (void);
void            ward_store_prepare_checks_finish (void);

WardStore      *ward_store_open               (const char          *path,
                                               WardInstallKey      *key,
                                               WardClock           *clock,
                                               const char          *kiosk_id,
                                               WardStoreOpenFlags   flags,
                                               GError             **error);

const char     *ward_store_get_path           (WardStore  *self);
WardInstallKey *ward_store_get_key            (WardStore  *self);
WardClock      *ward_store_get_clock          (WardStore  *self);
const char     *ward_store_get_kiosk_id       (WardStore  *self);
int             ward_store_get_schema_version (WardStore  *self);

gboolean        ward_store_begin              (WardStore  *self,
                                               GError    **error);
gboolean        ward_store_commit             (WardStore  *self,
                                               GError    **error);
void            ward_store_rollback           (WardStore  *self);

G_END_DECLS
