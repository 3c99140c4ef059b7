/* ward-kiosks.h: the kiosks that use a store, as their audit records show them */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  char   *kiosk_id;
  gint64  last_contact_us;   /* its newest audit record */
  gint64  n_records;
  int     schema_version;    /* as it said when it last started; 0: never said */
  char   *version;           /* Wardgate's version then; NULL: never said */
} WardKioskRecord;

void       ward_kiosk_record_free   (WardKioskRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardKioskRecord, ward_kiosk_record_free)

/* Recorded when a kiosk opens the store: which schema and release it runs. */
gboolean   ward_kiosks_record_start (WardStore  *store,
                                     GError    **error);
/* Every kiosk (and command line) that ever wrote a record, by name. */
GPtrArray *ward_kiosks_list         (WardStore  *store,
                                     GError    **error);

G_END_DECLS
