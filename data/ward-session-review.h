/* ward-session-review.h: what an emergency session did, for its review, and the reviewer's note */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

/* Every audit record written at @kiosk_id from @from_us to @to_us (both
 * included), oldest first: what happened at the kiosk while the session
 * was open, whoever's badge it was (a witness's refused tap too). */
GPtrArray *ward_session_review_list_audit (WardStore   *store,
                                           const char  *kiosk_id,
                                           gint64       from_us,
                                           gint64       to_us,
                                           GError     **error);
/* Sets the note of a reviewed emergency session: call in the transaction
 * that marks it reviewed. */
gboolean   ward_session_review_set_note   (WardStore   *store,
                                           gint64       session_id,
                                           const char  *note,
                                           GError     **error);
/* The note (NULL with no error when there is none). */
char      *ward_session_review_get_note   (WardStore   *store,
                                           gint64       session_id,
                                           GError     **error);

G_END_DECLS
