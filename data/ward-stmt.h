/* ward-stmt.h: a store's connection (an SQLite file or a PostgreSQL server): what it was opened with, transactions, locks */
#pragma once

#include <glib-object.h>

#include "data/ward-clock.h"
#include "data/ward-install-key.h"
#include "data/ward-store-error.h"

G_BEGIN_DECLS

/* What a transaction may hold for itself until it ends, besides the rows
 * it writes: the read-then-write steps that must not interleave across
 * kiosks (see ward_store_lock). */
typedef enum
{
  WARD_STORE_LOCK_ACCOUNT = 1,   /* one person's lockout, code step, emergency count */
  WARD_STORE_LOCK_ADMINS,        /* the count of usable administrators */
  WARD_STORE_LOCK_UNKNOWN_BADGES,/* the unknown-badge pause */
  WARD_STORE_LOCK_MIGRATION,     /* the schema */
} WardStoreLock;

#define WARD_TYPE_STORE (ward_store_get_type ())
G_DECLARE_FINAL_TYPE (WardStore, ward_store, WARD, STORE, GObject)

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
/* Ends the transaction begun for a piece of work: committed when @ok,
 * undone otherwise. TRUE only when the work is kept. */
gboolean        ward_store_finish             (WardStore  *self,
                                               gboolean    ok,
                                               GError    **error);
gboolean        ward_store_lock               (WardStore     *self,
                                               WardStoreLock  what,
                                               gint64         id,
                                               GError       **error);

G_END_DECLS
