/* ward-sessions.h: sign-in sessions as stored, and break-glass sessions awaiting review */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  user_id;
  char   *username;
  char   *full_name;
  char   *kiosk_id;
  char   *kind;         /* "normal" or "break-glass" */
  char   *reason;
  gint64  started_at;
  gint64  ended_at;     /* 0: still open */
  char   *end_reason;
  gint64  reviewed_at;  /* 0: not reviewed */
  char   *reviewed_by;
} WardSessionRecord;

void               ward_session_record_free   (WardSessionRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardSessionRecord, ward_session_record_free)

gint64             ward_sessions_open         (WardStore   *store,
                                               gint64       user_id,
                                               const char  *kind,
                                               const char  *reason,
                                               GError     **error);
gboolean           ward_sessions_close        (WardStore   *store,
                                               gint64       session_id,
                                               const char  *end_reason,
                                               GError     **error);
typedef enum
{
  WARD_SESSIONS_REFUSE_OVER_LIMIT,
  WARD_SESSIONS_ALLOW_OVER_LIMIT,
} WardSessionsOverLimit;

gint64             ward_sessions_open_counted (WardStore             *store,
                                            gint64                 user_id,
                                            const char            *kind,
                                            const char            *reason,
                                            gint64                 since,
                                            guint                  limit,
                                            WardSessionsOverLimit  over_limit,
                                            guint                 *use_number,
                                            GError               **error);
GArray            *ward_sessions_close_abandoned (WardStore *store,
                                               GError     **error);
guint              ward_sessions_count_started (WardStore  *store,
                                               gint64       user_id,
                                               const char  *kind,
                                               gint64       since,
                                               GError     **error);
gboolean           ward_sessions_touch        (WardStore   *store,
                                               gint64       session_id,
                                               gboolean     strong,
                                               GError     **error);
GPtrArray         *ward_sessions_list_break_glass (WardStore *store,
                                               gboolean     unreviewed_only,
                                               GError     **error);
gboolean           ward_sessions_mark_reviewed (WardStore  *store,
                                               gint64       session_id,
                                               gint64       reviewer_id,
                                               GError     **error);

G_END_DECLS
