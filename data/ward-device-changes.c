/* ward-device-changes.c: requested device-setting changes and what the device answered, as stored */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-device-changes.h"
#include "data/ward-stmt-private.h"

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
  gint64 new_id;
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO setting_changes (change_id, device_id, parameter, drug, old_value, new_value, unit,"
      " reason, user_id, witness_id, session_id, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      error);

  if (stmt == NULL)
    return 0;
  ward_stmt_bind_text (stmt, 1, request->change_id);
  ward_stmt_bind_text (stmt, 2, request->device_id);
  ward_stmt_bind_text (stmt, 3, request->parameter);
  ward_stmt_bind_text_or_null (stmt, 4, request->drug);
  if (request->has_old_value)
    ward_stmt_bind_double (stmt, 5, request->old_value);
  else
    ward_stmt_bind_null (stmt, 5);
  ward_stmt_bind_double (stmt, 6, request->new_value);
  ward_stmt_bind_text (stmt, 7, request->unit != NULL ? request->unit : "");
  ward_stmt_bind_text_or_null (stmt, 8, request->reason);
  ward_stmt_bind_int64 (stmt, 9, request->user_id);
  ward_stmt_bind_id (stmt, 10, request->witness_id);
  ward_stmt_bind_id (stmt, 11, request->session_id);
  ward_stmt_bind_int64 (stmt, 12, ward_clock_get_now (ward_store_get_clock (store)));
  if ((new_id = ward_store_step_returning_id (store, stmt, error)) == 0)
    return 0;
  return new_id;
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
  g_autoptr(WardStoreStmt) stmt = NULL;

  g_return_val_if_fail (outcome != WARD_SETTING_OUTCOME_PENDING, FALSE);
  stmt = ward_store_prepare (store,
      "UPDATE setting_changes SET outcome = ?, outcome_detail = ?, answered_at = ?"
      " WHERE change_id = ? AND outcome = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, ward_setting_outcome_to_string (outcome));
  ward_stmt_bind_text_or_null (stmt, 2, detail);
  ward_stmt_bind_int64 (stmt, 3, ward_clock_get_now (ward_store_get_clock (store)));
  ward_stmt_bind_text (stmt, 4, change_id);
  return ward_store_step_done (store, stmt, error)
      && ward_store_require_changed (store, WARD_STORE_ERROR_STALE,
                                     _("This change already has an answer from the device."), error);
}

/* A change that had no answer in time and was then seen in effect on the
 * device: the record follows the device. Only from "no-answer", once. */
gboolean
ward_device_changes_set_applied_late (WardStore   *store,
                                      const char  *change_id,
                                      const char  *detail,
                                      GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "UPDATE setting_changes SET outcome = 'applied', outcome_detail = ?, answered_at = ?"
      " WHERE change_id = ? AND outcome = 'no-answer'", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text_or_null (stmt, 1, detail);
  ward_stmt_bind_int64 (stmt, 2, ward_clock_get_now (ward_store_get_clock (store)));
  ward_stmt_bind_text (stmt, 3, change_id);
  return ward_store_step_done (store, stmt, error)
      && ward_store_require_changed (store, WARD_STORE_ERROR_STALE,
                                     _("This change is no longer waiting for an answer from the device."), error);
}

#define RECORD_COLUMNS \
  "SELECT c.id, c.change_id, c.device_id, c.parameter, c.drug, c.old_value, c.new_value, c.unit," \
  " c.reason, c.user_id, u.username, u.full_name, coalesce (c.witness_id, 0), w.username, w.full_name," \
  " coalesce (c.session_id, 0), c.requested_at, c.outcome, c.outcome_detail, coalesce (c.answered_at, 0)" \
  " FROM setting_changes c JOIN users u ON u.id = c.user_id LEFT JOIN users w ON w.id = c.witness_id"

static WardSettingChangeRecord *
record_from_row (WardStmt     *stmt)
{
  WardSettingChangeRecord *record = g_new0 (WardSettingChangeRecord, 1);

  record->id = ward_stmt_column_int64 (stmt, 0);
  record->change_id = ward_stmt_dup_text (stmt, 1);
  record->device_id = ward_stmt_dup_text (stmt, 2);
  record->parameter = ward_stmt_dup_text (stmt, 3);
  record->drug = ward_stmt_dup_text (stmt, 4);
  record->has_old_value = !ward_stmt_column_is_null (stmt, 5);
  record->old_value = ward_stmt_column_double (stmt, 5);
  record->new_value = ward_stmt_column_double (stmt, 6);
  record->unit = ward_stmt_dup_text (stmt, 7);
  record->reason = ward_stmt_dup_text (stmt, 8);
  record->user_id = ward_stmt_column_int64 (stmt, 9);
  record->username = ward_stmt_dup_text (stmt, 10);
  record->full_name = ward_stmt_dup_text (stmt, 11);
  record->witness_id = ward_stmt_column_int64 (stmt, 12);
  record->witness_username = ward_stmt_dup_text (stmt, 13);
  record->witness_full_name = ward_stmt_dup_text (stmt, 14);
  record->session_id = ward_stmt_column_int64 (stmt, 15);
  record->requested_at = ward_stmt_column_int64 (stmt, 16);
  record->outcome = outcome_from_string (ward_stmt_column_text (stmt, 17));
  record->outcome_detail = ward_stmt_dup_text (stmt, 18);
  record->answered_at = ward_stmt_column_int64 (stmt, 19);
  return record;
}

WardSettingChangeRecord *
ward_device_changes_get (WardStore   *store,
                         const char  *change_id,
                         GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, RECORD_COLUMNS " WHERE c.change_id = ?", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_text (stmt, 1, change_id);
  if (!ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, _("There is no such device change.")))
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
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      RECORD_COLUMNS " WHERE c.device_id = ? AND c.parameter = ? AND c.requested_at >= ?"
      " ORDER BY c.requested_at DESC, c.id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_text (stmt, 1, device_id);
  ward_stmt_bind_text (stmt, 2, parameter);
  ward_stmt_bind_int64 (stmt, 3, since);
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    return record_from_row (stmt);
  if (rc != WARD_STMT_DONE)
    ward_store_set_error (store, rc, error);
  return NULL;
}

/* Newest first, for the device screen's history. */
GPtrArray *
ward_device_changes_list_recent (WardStore   *store,
                                 const char  *device_id,
                                 guint        limit,
                                 GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      RECORD_COLUMNS " WHERE c.device_id = ? ORDER BY c.requested_at DESC, c.id DESC LIMIT ?", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_text (stmt, 1, device_id);
  ward_stmt_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) record_from_row,
                                  (GDestroyNotify) ward_setting_change_record_free, error);
}

/* Oldest first: the changes made in one session, for its review. */
GPtrArray *
ward_device_changes_list_for_session (WardStore  *store,
                                      gint64      session_id,
                                      GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      RECORD_COLUMNS " WHERE c.session_id = ? ORDER BY c.requested_at, c.id", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, session_id);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) record_from_row,
                                  (GDestroyNotify) ward_setting_change_record_free, error);
}
