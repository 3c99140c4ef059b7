/* ward-device-changes.h: requested device-setting changes and what the device answered, as stored */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_SETTING_OUTCOME_PENDING,
  WARD_SETTING_OUTCOME_APPLIED,
  WARD_SETTING_OUTCOME_REFUSED,
  WARD_SETTING_OUTCOME_NO_ANSWER,
} WardSettingOutcome;

/* What is recorded before anything is sent to the device. */
typedef struct
{
  const char *change_id;
  const char *device_id;
  const char *parameter;
  const char *drug;         /* NULL: none */
  gboolean    has_old_value;
  double      old_value;
  double      new_value;
  const char *unit;
  const char *reason;       /* NULL: none was needed */
  gint64      user_id;
  gint64      witness_id;   /* 0: none */
  gint64      session_id;   /* 0: none */
} WardSettingChangeRequest;

typedef struct
{
  gint64              id;
  char               *change_id;
  char               *device_id;
  char               *parameter;
  char               *drug;
  gboolean            has_old_value;
  double              old_value;
  double              new_value;
  char               *unit;
  char               *reason;
  gint64              user_id;
  char               *username;
  char               *full_name;
  gint64              witness_id;
  char               *witness_username;
  char               *witness_full_name;
  gint64              session_id;
  gint64              requested_at;
  WardSettingOutcome  outcome;
  char               *outcome_detail;
  gint64              answered_at;   /* 0: no answer recorded yet */
} WardSettingChangeRecord;

void                     ward_setting_change_record_free (WardSettingChangeRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardSettingChangeRecord, ward_setting_change_record_free)

const char              *ward_setting_outcome_to_string  (WardSettingOutcome outcome);

gint64                   ward_device_changes_add_pending (WardStore                       *store,
                                                          const WardSettingChangeRequest  *request,
                                                          GError                         **error);
gboolean                 ward_device_changes_set_outcome (WardStore          *store,
                                                          const char         *change_id,
                                                          WardSettingOutcome  outcome,
                                                          const char         *detail,
                                                          GError            **error);
gboolean                 ward_device_changes_set_applied_late (WardStore   *store,
                                                          const char  *change_id,
                                                          const char  *detail,
                                                          GError     **error);
WardSettingChangeRecord *ward_device_changes_get         (WardStore          *store,
                                                          const char         *change_id,
                                                          GError            **error);
WardSettingChangeRecord *ward_device_changes_find_latest (WardStore         *store,
                                                          const char        *device_id,
                                                          const char        *parameter,
                                                          gint64             since,
                                                          GError           **error);
GPtrArray               *ward_device_changes_list_recent (WardStore          *store,
                                                          const char         *device_id,
                                                          guint               limit,
                                                          GError            **error);

GPtrArray               *ward_device_changes_list_for_session (WardStore *store,
                                                          gint64             session_id,
                                                          GError           **error);

G_END_DECLS
