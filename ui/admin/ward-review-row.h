/* ward-review-row.h: one emergency session awaiting review: who, when, why, what was done, and the reviewer's note */
#pragma once

#include <gtk/gtk.h>

#include "app/admin/ward-break-glass-review.h"

G_BEGIN_DECLS

#define WARD_TYPE_REVIEW_ROW (ward_review_row_get_type ())
G_DECLARE_FINAL_TYPE (WardReviewRow, ward_review_row, WARD, REVIEW_ROW, GtkListBoxRow)

/* @actions: WardBreakGlassAction, in time order (borrowed for the call).
 * Its button activates "audit.mark-reviewed" with the session's id. */
GtkWidget  *ward_review_row_new            (const WardSessionRecord *session,
                                            GPtrArray               *actions);
gint64      ward_review_row_get_session_id (WardReviewRow *self);
const char *ward_review_row_get_note       (WardReviewRow *self);
GtkWidget  *ward_review_row_get_note_entry (WardReviewRow *self);

G_END_DECLS
