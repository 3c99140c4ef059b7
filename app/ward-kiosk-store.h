/* ward-kiosk-store.h: opening the kiosk's store with its install key, and the demo's throw-away one */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

/* The kiosk's store at @location (NULL: $WARDGATE_DB, then the default
 * path), unlocked with the install key beside it. @clock NULL: the
 * system's clock. */
WardStore *ward_kiosk_store_open        (const char  *location,
                                         WardClock   *clock,
                                         const char  *kiosk_id,
                                         GError     **error);

/* A new store and install key in @dir, for a demo that starts afresh. */
WardStore *ward_kiosk_store_create_demo (const char  *dir,
                                         WardClock   *clock,
                                         GError     **error);

/* Audit events go to the journal with their structured fields, for the
 * SIEM; everything else is logged as usual. Call once, first thing. */
void       ward_kiosk_store_init_logging (void);
void       ward_kiosk_store_prepare      (void);
void       ward_kiosk_store_prepare_finish (void);

G_END_DECLS
