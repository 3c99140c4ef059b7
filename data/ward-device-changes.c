/* ward-device-changes.c: requested device-setting changes and what the device answered, as stored */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-device-changes.h"
#include "data/ward-stmt-args-private.h"

static const char *const outcome_names[] = {
  [WARD_SETTING_OUTCOME_PENDING] = "pending",
  [WARD_SETTING_OUTCOME_APPLIED] = "applied",
  [WARD_SETTING_OUTCOME_REFUSED] = "refused",
  [WARD_SETTING_OUTCOME_NO_ANSWER] = "no-answer",
};

void
ward_setting_change_record_free (WardSettingChangeRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->change_id);
  g_free (record->device_id);
  g_free (record->parameter);
  g_free (record->drug);
  g_free (record->unit);
  g_free (record->reason);
  g_free (record->username);
  g_free (record->full_name);
  g_free (record->witness_username);
  g_free (record->witness_full_name);
  g_free (record->outcome_detail);
  g_free (record);
}

const char *
ward_setting_outcome_to_string (WardSettingOutcome outcome)
{
  g_return_val_if_fail (outcome <= WARD_SETTING_OUTCOME_NO_ANSWER, "pending");
  return outcome_names[outcome];
}

static WardSettingOutcome
outcome_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (g_strcmp0 (outcome_names[i], name) == 0)
      return (WardSettingOutcome) i;
  return WARD_SETTING_OUTCOME_PENDING;
}

/* Recorded before the device is asked, so a change that crashes the kiosk
 * half-way is still on file, as pending. */
gint64
ward_device_changes_add_pending (WardStore                       *store,
                                 const WardSettingChangeRequest  *request,
                                 GError                         **error)
{
  return ward_store_insert (store,
      "INSERT INTO setting_changes (change_id, device_id, parameter, drug, old_value, new_value, unit,"
      " reason, user_id, witness_id, session_id, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      WARD_ARGS (WARD_ARG_TEXT (request->change_id), WARD_ARG_TEXT (request->device_id),
                 WARD_ARG_TEXT (request->parameter), WARD_ARG_TEXT_OR_NULL (request->drug),
                 WARD_ARG_DOUBLE_IF (request->has_old_value, request->old_value), WARD_ARG_DOUBLE (request->new_value),
                 WARD_ARG_TEXT (request->unit != NULL ? request->unit : ""), WARD_ARG_TEXT_OR_NULL (request->reason),
                 WARD_ARG_INT64 (request->user_id), WARD_ARG_ID (request->witness_id), WARD_ARG_ID (request->session_id),
                 WARD_ARG_INT64 (ward_store_now (store))),
      error);
}

/* Only a pending change takes an outcome, and only once: the answer on
 * file is the first the device gave. */
gboolean
ward_device_changes_set_outcome (WardStore           *store,
                                 const char          *change_id,
                                 WardSettingOutcome   outcome,
                                 const char          *detail,
                                 GError             **error)
{
  g_return_val_if_fail (outcome != WARD_SETTING_OUTCOME_PENDING, FALSE);
  return ward_store_run_changing (store,
      "UPDATE setting_changes SET outcome = ?, outcome_detail = ?, answered_at = ?"
      " WHERE change_id = ? AND outcome = 'pending'",
      WARD_ARGS (WARD_ARG_TEXT (ward_setting_outcome_to_string (outcome)), WARD_ARG_TEXT_OR_NULL (detail),
                 WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_TEXT (change_id)),
      WARD_STORE_ERROR_STALE, _("This change already has an answer from the device."), error);
}

/* A change that had no answer in time and was then seen in effect on the
 * device: the record follows the device. Only from "no-answer", once. */
gboolean
ward_device_changes_set_applied_late (WardStore   *store,
                                      const char  *change_id,
                                      const char  *detail,
                                      GError     **error)
{
  return ward_store_run_changing (store,
      "UPDATE setting_changes SET outcome = 'applied', outcome_detail = ?, answered_at = ?"
      " WHERE change_id = ? AND outcome = 'no-answer'",
      WARD_ARGS (WARD_ARG_TEXT_OR_NULL (detail), WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_TEXT (change_id)),
      WARD_STORE_ERROR_STALE, _("This change is no longer waiting for an answer from the device."), error);
}

#define RECORD_COLUMNS \
  "SELECT c.id, c.change_id, c.device_id, c.parameter, c.drug, c.old_value, c.new_value, c.unit," \
  " c.reason, c.user_id, u.username, u.full_name, coalesce (c.witness_id, 0), w.username, w.full_name," \
  " coalesce (c.session_id, 0), c.requested_at, c.outcome, c.outcome_detail, coalesce (c.answered_at, 0)" \
  " FROM setting_changes c JOIN users u ON u.id = c.user_id LEFT JOIN users w ON w.id = c.witness_id"

static WardSettingChangeRecord *
record_from_row (WardStmt     *stmt)
{
  WardSettingChangeRecord *r = g_new0 (WardSettingChangeRecord, 1);
  g_autofree char *outcome = NULL;

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&r->id), WARD_COL_TEXT (&r->change_id), WARD_COL_TEXT (&r->device_id),
      WARD_COL_TEXT (&r->parameter), WARD_COL_TEXT (&r->drug), WARD_COL_DOUBLE (&r->old_value),
      WARD_COL_DOUBLE (&r->new_value), WARD_COL_TEXT (&r->unit), WARD_COL_TEXT (&r->reason),
      WARD_COL_INT64 (&r->user_id), WARD_COL_TEXT (&r->username), WARD_COL_TEXT (&r->full_name),
      WARD_COL_INT64 (&r->witness_id), WARD_COL_TEXT (&r->witness_username), WARD_COL_TEXT (&r->witness_full_name),
      WARD_COL_INT64 (&r->session_id), WARD_COL_INT64 (&r->requested_at), WARD_COL_TEXT (&outcome),
      WARD_COL_TEXT (&r->outcome_detail), WARD_COL_INT64 (&r->answered_at)));
  r->has_old_value = !ward_stmt_column_is_null (stmt, 5);
  r->outcome = outcome_from_string (outcome);
  return r;
}

WardSettingChangeRecord *
ward_device_changes_get (WardStore   *store,
                         const char  *change_id,
                         GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, RECORD_COLUMNS " WHERE c.change_id = ?",
                                                     WARD_ARGS (WARD_ARG_TEXT (change_id)), error);

  if (stmt == NULL || !ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, _("There is no such device change.")))
    return NULL;
  return record_from_row (stmt);
}

/* The newest change to one setting of a device requested at or after
 * @since (seconds), or NULL, without an error, when there is none. By
 * setting and time, not by count: any number of changes to other
 * settings may have come since. */
WardSettingChangeRecord *
ward_device_changes_find_latest (WardStore   *store,
                                 const char  *device_id,
                                 const char  *parameter,
                                 gint64       since,
                                 GError     **error)
{
  return ward_store_find_row (store,
      RECORD_COLUMNS " WHERE c.device_id = ? AND c.parameter = ? AND c.requested_at >= ?"
      " ORDER BY c.requested_at DESC, c.id DESC LIMIT 1",
      WARD_ARGS (WARD_ARG_TEXT (device_id), WARD_ARG_TEXT (parameter), WARD_ARG_INT64 (since)),
      (WardStmtRowFunc) record_from_row, error);
}

/* Newest first, for the device screen's history. */
GPtrArray *
ward_device_changes_list_recent (WardStore   *store,
                                 const char  *device_id,
                                 guint        limit,
                                 GError     **error)
{
  return ward_store_collect (store,
      RECORD_COLUMNS " WHERE c.device_id = ? ORDER BY c.requested_at DESC, c.id DESC LIMIT ?",
      WARD_ARGS (WARD_ARG_TEXT (device_id), WARD_ARG_INT64 (limit > 0 ? (gint64) limit : G_MAXINT64)),
      (WardStmtRowFunc) record_from_row, (GDestroyNotify) ward_setting_change_record_free, error);
}

/* Oldest first: the changes made in one session, for its review. */
GPtrArray *
ward_device_changes_list_for_session (WardStore  *store,
                                      gint64      session_id,
                                      GError    **error)
{
  return ward_store_collect (store, RECORD_COLUMNS " WHERE c.session_id = ? ORDER BY c.requested_at, c.id",
                             WARD_ARGS (WARD_ARG_INT64 (session_id)),
                             (WardStmtRowFunc) record_from_row, (GDestroyNotify) ward_setting_change_record_free, error);
}
