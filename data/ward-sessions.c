/* ward-sessions.c: sign-in sessions as stored, and break-glass sessions awaiting review */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-sessions.h"
#include "data/ward-stmt-args-private.h"

void
ward_session_record_free (WardSessionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->username);
  g_free (record->full_name);
  g_free (record->kiosk_id);
  g_free (record->kind);
  g_free (record->reason);
  g_free (record->end_reason);
  g_free (record->reviewed_by);
  g_free (record);
}

gint64
ward_sessions_open (WardStore   *store,
                    gint64       user_id,
                    const char  *kind,
                    const char  *reason,
                    GError     **error)
{
  return ward_store_insert (store,
      "INSERT INTO sessions (user_id, kiosk_id, kind, reason, started_at, last_activity_at, last_strong_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5) RETURNING id",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (ward_store_get_kiosk_id (store)), WARD_ARG_TEXT (kind),
                 WARD_ARG_TEXT_OR_NULL (reason), WARD_ARG_INT64 (ward_store_now (store))), error);
}

/* Counts the person's sessions of this kind since @since and opens one more
 * in the same transaction, holding the person's lock (only theirs), so
 * kiosks racing on one store each get a
 * distinct *use_number (1 for the first in the window): every use past
 * @limit is known at the moment it is stored, however many kiosks race.
 * With WARD_SESSIONS_REFUSE_OVER_LIMIT such a use is not stored at all. */
gint64
ward_sessions_open_counted (WardStore              *store,
                            gint64                  user_id,
                            const char             *kind,
                            const char             *reason,
                            gint64                  since,
                            guint                   limit,
                            WardSessionsOverLimit   over_limit,
                            guint                  *use_number,
                            GError                **error)
{
  guint count;
  gint64 id;

  *use_number = 0;
  if (!ward_store_begin (store, error))
    return 0;
  if (!ward_store_lock (store, WARD_STORE_LOCK_ACCOUNT, user_id, error))
    goto failed;
  count = ward_sessions_count_started (store, user_id, kind, since, error);
  if (count == G_MAXUINT)
    goto failed;
  if (over_limit == WARD_SESSIONS_REFUSE_OVER_LIMIT && count >= limit)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_OVER_LIMIT,
                   _("This has been used %u times in the allowed period already."), count);
      goto failed;
    }
  id = ward_sessions_open (store, user_id, kind, reason, error);
  if (id == 0)
    goto failed;
  if (!ward_store_commit (store, error))
    goto failed_committed;
  *use_number = count + 1;
  return id;

failed:
  ward_store_rollback (store);
failed_committed:
  return 0;
}

gboolean
ward_sessions_close (WardStore   *store,
                     gint64       session_id,
                     const char  *end_reason,
                     GError     **error)
{
  return ward_store_run (store,
      "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
      WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_TEXT (end_reason), WARD_ARG_INT64 (session_id)),
      error);
}

guint
ward_sessions_count_started (WardStore   *store,
                             gint64       user_id,
                             const char  *kind,
                             gint64       since,
                             GError     **error)
{
  int count = 0;

  if (!ward_store_read_row (store,
                            "SELECT count(*) FROM sessions WHERE user_id = ? AND kind = ? AND started_at >= ?",
                            WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (kind), WARD_ARG_INT64 (since)),
                            WARD_COLUMNS (WARD_COL_INT (&count)), NULL, error))
    return G_MAXUINT;
  return (guint) count;
}

/* Sessions this kiosk left open when it stopped without ending them (a
 * crash, a power cut): ended now as "kiosk-restarted". An emergency
 * session must end to be reviewed. Returns the ids of the emergency
 * sessions ended, for the caller to audit; NULL on error. */
GArray *
ward_sessions_close_abandoned (WardStore  *store,
                               GError    **error)
{
  g_autoptr(GArray) emergency = ward_store_collect_ids (store,
      "SELECT id FROM sessions WHERE kiosk_id = ? AND ended_at IS NULL AND kind = 'break-glass'",
      WARD_ARGS (WARD_ARG_TEXT (ward_store_get_kiosk_id (store))), error);

  if (emergency == NULL)
    return NULL;
  if (!ward_store_run (store,
                       "UPDATE sessions SET ended_at = ?1, end_reason = 'kiosk-restarted'"
                       " WHERE kiosk_id = ?2 AND ended_at IS NULL",
                       WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)),
                                  WARD_ARG_TEXT (ward_store_get_kiosk_id (store))),
                       error))
    return NULL;
  return g_steal_pointer (&emergency);
}

/* A strong verification (a key touched for step-up) is recorded apart
 * from activity: it proves the person, not that the kiosk is in use. */
gboolean
ward_sessions_touch (WardStore  *store,
                     gint64      session_id,
                     gboolean    strong,
                     GError    **error)
{
  return ward_store_run (store,
      "UPDATE sessions SET last_activity_at = CASE WHEN ?2 != 0 THEN last_activity_at ELSE ?1 END,"
      " last_strong_at = CASE WHEN ?2 != 0 THEN ?1 ELSE last_strong_at END WHERE id = ?3",
      WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_BOOL (strong), WARD_ARG_INT64 (session_id)), error);
}

static WardSessionRecord *
session_from_row (WardStmt *stmt)
{
  WardSessionRecord *r = g_new0 (WardSessionRecord, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&r->id), WARD_COL_INT64 (&r->user_id), WARD_COL_TEXT (&r->username),
      WARD_COL_TEXT (&r->full_name), WARD_COL_TEXT (&r->kiosk_id), WARD_COL_TEXT (&r->kind),
      WARD_COL_TEXT (&r->reason), WARD_COL_INT64 (&r->started_at), WARD_COL_INT64 (&r->ended_at),
      WARD_COL_TEXT (&r->end_reason), WARD_COL_INT64 (&r->reviewed_at), WARD_COL_TEXT (&r->reviewed_by)));
  return r;
}

GPtrArray *
ward_sessions_list_break_glass (WardStore  *store,
                                gboolean    unreviewed_only,
                                GError    **error)
{
  return ward_store_collect (store,
      "SELECT s.id, s.user_id, u.username, u.full_name, s.kiosk_id, s.kind, s.reason, s.started_at,"
      " coalesce (s.ended_at, 0), s.end_reason, coalesce (s.reviewed_at, 0), r.username"
      " FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN users r ON r.id = s.reviewed_by"
      " WHERE s.kind = 'break-glass' AND (?1 = 0 OR s.reviewed_at IS NULL) ORDER BY s.started_at DESC",
      WARD_ARGS (WARD_ARG_BOOL (unreviewed_only)),
      (WardStmtRowFunc) session_from_row, (GDestroyNotify) ward_session_record_free, error);
}

gboolean
ward_sessions_mark_reviewed (WardStore  *store,
                             gint64      session_id,
                             gint64      reviewer_id,
                             GError    **error)
{
  return ward_store_run_changing (store,
      "UPDATE sessions SET reviewed_at = ?1, reviewed_by = ?2"
      " WHERE id = ?3 AND kind = 'break-glass' AND reviewed_at IS NULL"
      "   AND ended_at IS NOT NULL AND user_id != ?2",
      WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_INT64 (reviewer_id), WARD_ARG_INT64 (session_id)),
      WARD_STORE_ERROR_NOT_FOUND,
      _("There is no finished emergency session of someone else awaiting review with that number."), error);
}
