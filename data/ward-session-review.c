/* ward-session-review.c: what an emergency session did, for its review, and the reviewer's note */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-audit-private.h"
#include "data/ward-session-review.h"
#include "data/ward-stmt-args-private.h"

/* An emergency session lasts minutes; this bounds a runaway screen. */
#define MAX_RECORDS 1000

GPtrArray *
ward_session_review_list_audit (WardStore   *store,
                                const char  *kiosk_id,
                                gint64       from_us,
                                gint64       to_us,
                                GError     **error)
{
  return ward_store_collect (store,
      "SELECT " WARD_AUDIT_RECORD_COLUMNS " FROM audit"
      " WHERE kiosk_id = ?1 AND at_us BETWEEN ?2 AND ?3 ORDER BY seq LIMIT ?4",
      WARD_ARGS (WARD_ARG_TEXT (kiosk_id), WARD_ARG_INT64 (from_us), WARD_ARG_INT64 (to_us),
                 WARD_ARG_INT64 (MAX_RECORDS)),
      (WardStmtRowFunc) ward_audit_record_from_row, (GDestroyNotify) ward_audit_record_free, error);
}

gboolean
ward_session_review_set_note (WardStore   *store,
                              gint64       session_id,
                              const char  *note,
                              GError     **error)
{
  return ward_store_run_changing (store,
      "UPDATE sessions SET review_note = ?1"
      " WHERE id = ?2 AND kind = 'break-glass' AND reviewed_at IS NOT NULL AND review_note IS NULL",
      WARD_ARGS (WARD_ARG_TEXT (note), WARD_ARG_INT64 (session_id)), WARD_STORE_ERROR_NOT_FOUND,
      _("There is no reviewed emergency session without a note with that number."), error);
}

char *
ward_session_review_get_note (WardStore   *store,
                              gint64       session_id,
                              GError     **error)
{
  char *note = NULL;

  ward_store_read_row (store, "SELECT review_note FROM sessions WHERE id = ?1",
                       WARD_ARGS (WARD_ARG_INT64 (session_id)), WARD_COLUMNS (WARD_COL_TEXT (&note)), NULL, error);
  return note;
}
