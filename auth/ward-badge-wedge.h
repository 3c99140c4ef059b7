/* ward-badge-wedge.h: tells a keyboard-wedge badge reader's keystroke burst from a person typing */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Gaps longer than this between two keystrokes are human typing. */
#define WARD_BADGE_WEDGE_DEFAULT_MAX_GAP_MS  50
/* Shortest and longest UID text a burst may carry. */
#define WARD_BADGE_WEDGE_DEFAULT_MIN_LENGTH  4
#define WARD_BADGE_WEDGE_MAX_LENGTH          32

/* The character to feed for Return / KP_Enter ('\n' is accepted too). */
#define WARD_BADGE_WEDGE_RETURN ((gunichar) '\r')

typedef enum
{
  WARD_BADGE_WEDGE_IGNORED,   /* not badge input: let the key through */
  WARD_BADGE_WEDGE_CONSUMED,  /* held back as part of a possible burst: swallow the key */
  WARD_BADGE_WEDGE_UID,       /* Return ended a valid burst: *uid_out holds the UID */
} WardBadgeWedgeResult;

#define WARD_TYPE_BADGE_WEDGE (ward_badge_wedge_get_type ())
G_DECLARE_FINAL_TYPE (WardBadgeWedge, ward_badge_wedge, WARD, BADGE_WEDGE, GObject)

/*
 * The contract, for a caller that feeds every key press of a window:
 *
 * - Feed each key press that produces a character, with a monotonic time in
 *   microseconds (g_get_monotonic_time() or the event time scaled). Feed
 *   WARD_BADGE_WEDGE_RETURN for Return. A @ch of 0 (a modifier such as the
 *   Shift a reader presses for upper-case letters) is IGNORED and leaves any
 *   burst untouched.
 * - A burst is 1..WARD_BADGE_WEDGE_MAX_LENGTH hex digits ([0-9A-Fa-f]; a reader
 *   that types the UID in decimal fits too), each within max-gap-ms of the
 *   one before, ended by Return within max-gap-ms. At least min-length
 *   characters make a UID; it is returned upper-cased, otherwise as typed.
 *   Exactly max-gap-ms is still fast; one microsecond more is not.
 * - While a burst is possible the hex keys are CONSUMED. When the burst turns
 *   out not to be a badge (a pause, a non-hex key, too long, Return too soon),
 *   the held-back characters move to the "discarded" buffer: after every
 *   feed() and flush(), call ward_badge_wedge_take_discarded() and, when it
 *   returns text, deliver that text to the focused field *first*, then act
 *   on the result of the call (let an IGNORED key through).
 * - A burst rejected while keys still come fast (a non-hex key or too many
 *   characters) stays rejected until a pause or Return: its remaining keys
 *   are IGNORED, so the tail of a long barcode never reads as a badge.
 * - Nothing here runs a timer. Whoever feeds keys should call
 *   ward_badge_wedge_flush() once ward_badge_wedge_get_expiry_us() has passed,
 *   so that a lone character typed by a person reaches the field promptly.
 */

WardBadgeWedge       *ward_badge_wedge_new            (guint            max_gap_ms);

void                  ward_badge_wedge_set_max_gap_ms (WardBadgeWedge  *self,
                                                       guint            max_gap_ms);
guint                 ward_badge_wedge_get_max_gap_ms (WardBadgeWedge  *self);
guint                 ward_badge_wedge_get_runs_broken (WardBadgeWedge *self);
void                  ward_badge_wedge_set_min_length (WardBadgeWedge  *self,
                                                       guint            min_length);
guint                 ward_badge_wedge_get_min_length (WardBadgeWedge  *self);

WardBadgeWedgeResult  ward_badge_wedge_feed           (WardBadgeWedge  *self,
                                                       gunichar         ch,
                                                       gint64           time_us,
                                                       char           **uid_out);
gboolean              ward_badge_wedge_flush          (WardBadgeWedge  *self,
                                                       gint64           now_us);
gint64                ward_badge_wedge_get_expiry_us  (WardBadgeWedge  *self);
char                 *ward_badge_wedge_take_discarded (WardBadgeWedge  *self);
void                  ward_badge_wedge_reset          (WardBadgeWedge  *self);

G_END_DECLS
