/* ward-failures.c: consecutive sign-in failures per account and factor, and per kiosk */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-failures.h"
#include "data/ward-stmt-args-private.h"

void
ward_failure_record_free (WardFailureRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->username);
  g_free (record->factor);
  g_free (record);
}

static WardFailureRecord *
record_from_row (WardStmt     *stmt)
{
  WardFailureRecord *record = g_new0 (WardFailureRecord, 1);
  int consecutive;

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&record->user_id), WARD_COL_TEXT (&record->factor), WARD_COL_INT (&consecutive),
      WARD_COL_INT64 (&record->last_failure_at), WARD_COL_INT64 (&record->locked_at)));
  record->consecutive = (guint) consecutive;
  return record;
}

static WardFailureRecord *
locked_record_from_row (WardStmt *stmt)
{
  WardFailureRecord *record = record_from_row (stmt);

  record->username = ward_stmt_dup_text (stmt, 5);
  return record;
}

#define FAILURE_COLUMNS \
  "SELECT user_id, factor, consecutive, coalesce (last_failure_at, 0), coalesce (locked_at, 0) FROM auth_failures"

/* A factor never failed reads as a zero record, not as an error. */
WardFailureRecord *
ward_failures_get (WardStore   *store,
                   gint64       user_id,
                   const char  *factor,
                   GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, FAILURE_COLUMNS " WHERE user_id = ? AND factor = ?",
                                                     WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (factor)), error);
  WardFailureRecord *record;
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    return record_from_row (stmt);
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  record = g_new0 (WardFailureRecord, 1);
  record->user_id = user_id;
  record->factor = g_strdup (factor);
  return record;
}

/* One statement increments the count, so two processes failing at the same
 * moment both count: the database serialises the writes. */
WardFailureRecord *
ward_failures_add (WardStore   *store,
                   gint64       user_id,
                   const char  *factor,
                   gboolean     lock,
                   GError     **error)
{
  if (!ward_store_run (store,
                       "INSERT INTO auth_failures (user_id, factor, consecutive, last_failure_at, locked_at)"
                       " VALUES (?1, ?2, 1, ?3, CASE WHEN ?4 != 0 THEN ?3 END)"
                       " ON CONFLICT (user_id, factor) DO UPDATE SET consecutive = auth_failures.consecutive + 1,"
                       "   last_failure_at = ?3,"
                       "   locked_at = coalesce (auth_failures.locked_at, CASE WHEN ?4 != 0 THEN ?3 END)",
                       WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (factor),
                                  WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_BOOL (lock)), error))
    return NULL;
  return ward_failures_get (store, user_id, factor, error);
}

gboolean
ward_failures_lock (WardStore   *store,
                    gint64       user_id,
                    const char  *factor,
                    GError     **error)
{
  return ward_store_run (store,
      "UPDATE auth_failures SET locked_at = coalesce (locked_at, ?) WHERE user_id = ? AND factor = ?",
      WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (factor)), error);
}

/* A success clears its own factor, but never a lock: only an audited
 * unlock does that. */
gboolean
ward_failures_reset (WardStore   *store,
                     gint64       user_id,
                     const char  *factor,
                     GError     **error)
{
  return ward_store_run (store,
      "UPDATE auth_failures SET consecutive = 0 WHERE user_id = ? AND factor = ? AND locked_at IS NULL",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (factor)), error);
}

guint
ward_failures_unlock_all (WardStore  *store,
                          gint64      user_id,
                          GError    **error)
{
  if (!ward_store_run (store,
                       "UPDATE auth_failures SET consecutive = 0, locked_at = NULL"
                       " WHERE user_id = ? AND (consecutive > 0 OR locked_at IS NOT NULL)",
                       WARD_ARGS (WARD_ARG_INT64 (user_id)), error))
    return 0;
  return (guint) ward_store_changes (store);
}

GPtrArray *
ward_failures_list_locked (WardStore  *store,
                           GError    **error)
{
  return ward_store_collect (store,
      "SELECT f.user_id, f.factor, f.consecutive, coalesce (f.last_failure_at, 0), coalesce (f.locked_at, 0),"
      " u.username FROM auth_failures f JOIN users u ON u.id = f.user_id"
      " WHERE f.locked_at IS NOT NULL ORDER BY f.locked_at DESC", WARD_NO_ARGS,
      (WardStmtRowFunc) locked_record_from_row, (GDestroyNotify) ward_failure_record_free, error);
}

#define SITE_WIDE "*"

static guint
count_within_window (WardStore   *store,
                     const char  *counter,
                     const char  *factor,
                     gint64       window_seconds,
                     GError     **error)
{
  /* The count is at least 1 once stored: 0 is only ever a failure. */
  return (guint) ward_store_insert (store,
      "INSERT INTO kiosk_failures (kiosk_id, factor, consecutive, last_failure_at) VALUES (?1, ?2, 1, ?3)"
      " ON CONFLICT (kiosk_id, factor) DO UPDATE SET"
      "   consecutive = CASE WHEN kiosk_failures.last_failure_at < ?3 - ?4 THEN 1 ELSE kiosk_failures.consecutive + 1 END,"
      "   last_failure_at = ?3"
      " RETURNING consecutive",
      WARD_ARGS (WARD_ARG_TEXT (counter), WARD_ARG_TEXT (factor), WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_INT64 (window_seconds)), error);
}

/* Unknown badges belong to nobody: they are counted within a window, for
 * this kiosk and for the whole site (every kiosk on the shared server), so
 * a burst of probing is slowed down and reported even when it moves from
 * bed to bed. Returns the site's count within the window, 0 on error. */
guint
ward_failures_add_for_kiosk (WardStore   *store,
                             const char  *factor,
                             gint64       window_seconds,
                             GError     **error)
{
  guint count;

  if (!ward_store_begin (store, error))
    return 0;
  if (count_within_window (store, ward_store_get_kiosk_id (store), factor, window_seconds, error) == 0)
    {
      ward_store_rollback (store);
      return 0;
    }
  count = count_within_window (store, SITE_WIDE, factor, window_seconds, error);
  if (count == 0 || !ward_store_commit (store, error))
    {
      if (count == 0)
        ward_store_rollback (store);
      return 0;
    }
  return count;
}
