/* ward-kiosk-store.h: opening the kiosk's store with its install key, and the demo's throw-away one */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

/* The kiosk's store at @location (NULL: $WARDGATE_DB, then the default
 * path), unlocked with the install key beside it. @clock NULL: the
 * system's clock. */
WardStore *ward_kiosk_store_open        (const char  *location,
                                         const char  *key_file,
                                         WardClock   *clock,
                                         const char  *kiosk_id,
                                         GError     **error);

/* TRUE when opening failed only because the database server did not
 * answer: worth trying again by itself, unlike a missing database or a
 * wrong key. */
gboolean   ward_kiosk_store_error_is_transient (const GError *error);

/* What went wrong in words a nurse understands, chosen from @error's
 * domain and code (opening the store, its install key, the site file);
 * the error's own message is for IT. Translated; owned by the library. */
const char *ward_kiosk_store_error_summary (const GError *error);

/* A new store and install key in @dir, for a demo that starts afresh. */
WardStore *ward_kiosk_store_create_demo (const char  *dir,
                                         WardClock   *clock,
                                         GError     **error);
/* Removes the demo's folder with everything in it, when the demo ends. */
void       ward_kiosk_store_remove_demo  (const char  *dir);

/* Audit events go to the journal with their structured fields, for the
 * SIEM; everything else is logged as usual. Call once, first thing. */
void       ward_kiosk_store_init_logging (void);

G_END_DECLS
