/* ward-review-panel.h: the review of one emergency session, over the whole audit section: who, when, why, what was done, and the reviewer's note */
#pragma once

#include <gtk/gtk.h>

#include "app/admin/ward-break-glass-review.h"

G_BEGIN_DECLS

#define WARD_TYPE_REVIEW_PANEL (ward_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (WardReviewPanel, ward_review_panel, WARD, REVIEW_PANEL, GtkWidget)

/* Its buttons activate "audit.mark-reviewed" (with the session's id; the
 * button is sensitive once the note is long enough) and "audit.close-review". */
GtkWidget  *ward_review_panel_new            (void);
/* @actions: WardBreakGlassAction in time order, or NULL when they could
 * not be read (borrowed for the call). Clears the note. */
void        ward_review_panel_show_session   (WardReviewPanel         *self,
                                              const WardSessionRecord *session,
                                              GPtrArray               *actions);
gint64      ward_review_panel_get_session_id (WardReviewPanel *self);
const char *ward_review_panel_get_note       (WardReviewPanel *self);
GtkWidget  *ward_review_panel_get_note_entry (WardReviewPanel *self);
void        ward_review_panel_show_error     (WardReviewPanel *self,
                                              const char      *message);

G_END_DECLS
