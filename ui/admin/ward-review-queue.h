/* ward-review-queue.h: the emergency sessions awaiting review, at the top of the audit trail */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_REVIEW_QUEUE (ward_review_queue_get_type ())
/* Each session's Review button activates "audit.open-review" with the
 * session's id. */
G_DECLARE_FINAL_TYPE (WardReviewQueue, ward_review_queue, WARD, REVIEW_QUEUE, GtkWidget)

void ward_review_queue_show (WardReviewQueue *self,
                             GPtrArray       *sessions);

G_END_DECLS
