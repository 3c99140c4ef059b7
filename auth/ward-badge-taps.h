/* ward-badge-taps.h: what a kiosk remembers about recent badge taps: unknown badges, tap-out echoes, a colleague's tap during an emergency */
#pragma once

#include <glib.h>

#include "auth/ward-sign-in-gate.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct _WardBadgeTaps WardBadgeTaps;

WardBadgeTaps   *ward_badge_taps_new                (WardStore     *store);
void             ward_badge_taps_free               (WardBadgeTaps *self);

/* Counts and audits a badge nobody holds. Returns the refusal to show and
 * sets *message to its words (static, translated). */
WardAuthRefusal  ward_badge_taps_unknown            (WardBadgeTaps *self,
                                                     const char   **message);

/* Tap-out debounce: a second read of the badge that just signed out. */
void             ward_badge_taps_note_tap_out       (WardBadgeTaps *self,
                                                     gint64         user_id);
gboolean         ward_badge_taps_is_tap_out_echo    (WardBadgeTaps *self,
                                                     gint64         user_id);

/* Another person's badge during an emergency session: a question with a
 * deadline, not an order. */
void             ward_badge_taps_ask_tap_over       (WardBadgeTaps *self,
                                                     gint64         user_id,
                                                     const char    *name);
const char      *ward_badge_taps_get_tap_over_name  (WardBadgeTaps *self);
gboolean         ward_badge_taps_tap_over_expired   (WardBadgeTaps *self);
/* Forgets the question; returns who asked (0: nobody). */
gint64           ward_badge_taps_take_tap_over      (WardBadgeTaps *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardBadgeTaps, ward_badge_taps_free)

G_END_DECLS
