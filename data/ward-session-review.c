/* ward-session-review.c: what an emergency session did, for its review, and the reviewer's note */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-audit-private.h"
#include "data/ward-session-review.h"

/* An emergency session lasts minutes; this bounds a runaway screen. */
#define MAX_RECORDS 1000

GPtrArray *
ward_session_review_list_audit (WardStore   *store,
                                const char  *kiosk_id,
                                gint64       from_us,
                                gint64       to_us,
                                GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT " WARD_AUDIT_RECORD_COLUMNS " FROM audit"
      " WHERE kiosk_id = ?1 AND at_us BETWEEN ?2 AND ?3 ORDER BY seq LIMIT ?4", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_text (stmt, 1, kiosk_id);
  ward_stmt_bind_int64 (stmt, 2, from_us);
  ward_stmt_bind_int64 (stmt, 3, to_us);
  ward_stmt_bind_int64 (stmt, 4, MAX_RECORDS);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) ward_audit_record_from_row,
                                  (GDestroyNotify) ward_audit_record_free, error);
}

gboolean
ward_session_review_set_note (WardStore   *store,
                              gint64       session_id,
                              const char  *note,
                              GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "UPDATE sessions SET review_note = ?1"
      " WHERE id = ?2 AND kind = 'break-glass' AND reviewed_at IS NOT NULL AND review_note IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, note);
  ward_stmt_bind_int64 (stmt, 2, session_id);
  return ward_store_step_done (store, stmt, error)
      && ward_store_require_changed (store, WARD_STORE_ERROR_NOT_FOUND,
                                     _("There is no reviewed emergency session without a note with that number."),
                                     error);
}

char *
ward_session_review_get_note (WardStore   *store,
                              gint64       session_id,
                              GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT review_note FROM sessions WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, session_id);
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    return ward_stmt_dup_text (stmt, 0);
  if (rc != WARD_STMT_DONE)
    ward_store_set_error (store, rc, error);
  return NULL;
}
