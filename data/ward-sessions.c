/* ward-sessions.c: sign-in sessions as stored, and break-glass sessions awaiting review */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-sessions.h"
#include "data/ward-stmt-private.h"

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

static gint64
now (WardStore *store)
{
  return ward_clock_get_now (ward_store_get_clock (store));
}

gint64
ward_sessions_open (WardStore   *store,
                    gint64       user_id,
                    const char  *kind,
                    const char  *reason,
                    GError     **error)
{
  gint64 new_id;
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO sessions (user_id, kiosk_id, kind, reason, started_at, last_activity_at, last_strong_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5) RETURNING id", error);

  if (stmt == NULL)
    return 0;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  ward_stmt_bind_text (stmt, 2, ward_store_get_kiosk_id (store));
  ward_stmt_bind_text (stmt, 3, kind);
  if (reason != NULL)
    ward_stmt_bind_text (stmt, 4, reason);
  ward_stmt_bind_int64 (stmt, 5, now (store));
  if ((new_id = ward_store_step_returning_id (store, stmt, error)) == 0)
    return 0;
  return new_id;
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
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, now (store));
  ward_stmt_bind_text (stmt, 2, end_reason);
  ward_stmt_bind_int64 (stmt, 3, session_id);
  return ward_store_step_done (store, stmt, error);
}

guint
ward_sessions_count_started (WardStore   *store,
                             gint64       user_id,
                             const char  *kind,
                             gint64       since,
                             GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT count(*) FROM sessions WHERE user_id = ? AND kind = ? AND started_at >= ?", error);
  int rc;

  if (stmt == NULL)
    return G_MAXUINT;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  ward_stmt_bind_text (stmt, 2, kind);
  ward_stmt_bind_int64 (stmt, 3, since);
  rc = ward_stmt_step (stmt);
  if (rc != WARD_STMT_ROW)
    {
      ward_store_set_error (store, rc, error);
      return G_MAXUINT;
    }
  return (guint) ward_stmt_column_int (stmt, 0);
}

/* Sessions this kiosk left open when it stopped without ending them (a
 * crash, a power cut): ended now as "kiosk-restarted". An emergency
 * session must end to be reviewed. Returns the ids of the emergency
 * sessions ended, for the caller to audit; NULL on error. */
GArray *
ward_sessions_close_abandoned (WardStore  *store,
                               GError    **error)
{
  g_autoptr(GArray) emergency = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WardStoreStmt) select = ward_store_prepare (store,
      "SELECT id FROM sessions WHERE kiosk_id = ? AND ended_at IS NULL AND kind = 'break-glass'", error);
  g_autoptr(WardStoreStmt) close = NULL;
  int rc;

  if (select == NULL)
    return NULL;
  ward_stmt_bind_text (select, 1, ward_store_get_kiosk_id (store));
  while ((rc = ward_stmt_step (select)) == WARD_STMT_ROW)
    {
      gint64 id = ward_stmt_column_int64 (select, 0);
      g_array_append_val (emergency, id);
    }
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  close = ward_store_prepare (store,
      "UPDATE sessions SET ended_at = ?1, end_reason = 'kiosk-restarted'"
      " WHERE kiosk_id = ?2 AND ended_at IS NULL", error);
  if (close == NULL)
    return NULL;
  ward_stmt_bind_int64 (close, 1, now (store));
  ward_stmt_bind_text (close, 2, ward_store_get_kiosk_id (store));
  if (!ward_store_step_done (store, close, error))
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
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "UPDATE sessions SET last_activity_at = CASE WHEN ?2 != 0 THEN last_activity_at ELSE ?1 END,"
      " last_strong_at = CASE WHEN ?2 != 0 THEN ?1 ELSE last_strong_at END WHERE id = ?3", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, now (store));
  ward_stmt_bind_int64 (stmt, 2, strong ? 1 : 0);
  ward_stmt_bind_int64 (stmt, 3, session_id);
  return ward_store_step_done (store, stmt, error);
}

static WardSessionRecord *
session_from_row (WardStmt *stmt)
{
  WardSessionRecord *record = g_new0 (WardSessionRecord, 1);

  record->id = ward_stmt_column_int64 (stmt, 0);
  record->user_id = ward_stmt_column_int64 (stmt, 1);
  record->username = ward_stmt_dup_text (stmt, 2);
  record->full_name = ward_stmt_dup_text (stmt, 3);
  record->kiosk_id = ward_stmt_dup_text (stmt, 4);
  record->kind = ward_stmt_dup_text (stmt, 5);
  record->reason = ward_stmt_dup_text (stmt, 6);
  record->started_at = ward_stmt_column_int64 (stmt, 7);
  record->ended_at = ward_stmt_column_int64 (stmt, 8);
  record->end_reason = ward_stmt_dup_text (stmt, 9);
  record->reviewed_at = ward_stmt_column_int64 (stmt, 10);
  record->reviewed_by = ward_stmt_dup_text (stmt, 11);
  return record;
}

GPtrArray *
ward_sessions_list_break_glass (WardStore  *store,
                                gboolean    unreviewed_only,
                                GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT s.id, s.user_id, u.username, u.full_name, s.kiosk_id, s.kind, s.reason, s.started_at,"
      " coalesce (s.ended_at, 0), s.end_reason, coalesce (s.reviewed_at, 0), r.username"
      " FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN users r ON r.id = s.reviewed_by"
      " WHERE s.kind = 'break-glass' AND (?1 = 0 OR s.reviewed_at IS NULL) ORDER BY s.started_at DESC", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, unreviewed_only ? 1 : 0);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) session_from_row,
                                  (GDestroyNotify) ward_session_record_free, error);
}

gboolean
ward_sessions_mark_reviewed (WardStore  *store,
                             gint64      session_id,
                             gint64      reviewer_id,
                             GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "UPDATE sessions SET reviewed_at = ?1, reviewed_by = ?2"
      " WHERE id = ?3 AND kind = 'break-glass' AND reviewed_at IS NULL"
      "   AND ended_at IS NOT NULL AND user_id != ?2", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, now (store));
  ward_stmt_bind_int64 (stmt, 2, reviewer_id);
  ward_stmt_bind_int64 (stmt, 3, session_id);
  if (!ward_store_step_done (store, stmt, error))
    return FALSE;
  if (ward_store_changes (store) == 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND,
                   _("There is no finished emergency session of someone else awaiting review with that number."));
      return FALSE;
    }
  return TRUE;
}
