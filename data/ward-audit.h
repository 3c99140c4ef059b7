/* ward-audit.h: the hash-chained, append-only audit trail, mirrored to the journal */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_AUDIT_STORE_INITIALISED,
  WARD_AUDIT_ADMIN_BOOTSTRAPPED,
  WARD_AUDIT_USER_ADDED,
  WARD_AUDIT_USER_DISABLED,
  WARD_AUDIT_USER_ENABLED,
  WARD_AUDIT_ROLE_GRANTED,
  WARD_AUDIT_ROLE_REVOKED,
  WARD_AUDIT_PERMISSION_GRANTED,
  WARD_AUDIT_PERMISSION_REVOKED,
  WARD_AUDIT_PERMISSION_REFUSED,
  WARD_AUDIT_AUDIT_VERIFIED,
  WARD_AUDIT_AUDIT_BROKEN,
  WARD_AUDIT_BADGE_ENROLLED,
  WARD_AUDIT_BADGE_REVOKED,
  WARD_AUDIT_BADGE_UNKNOWN,
  WARD_AUDIT_KEY_ENROLLED,
  WARD_AUDIT_KEY_REVOKED,
  WARD_AUDIT_TOTP_ENROLLED,
  WARD_AUDIT_TOTP_ENROLL_STARTED,
  WARD_AUDIT_TOTP_RESET,
  WARD_AUDIT_FACTOR_FAILED,
  WARD_AUDIT_ACCOUNT_LOCKED,
  WARD_AUDIT_ACCOUNT_UNLOCKED,
  WARD_AUDIT_POLICY_CHANGED,
  WARD_AUDIT_SIGNED_IN,
  WARD_AUDIT_SIGNED_OUT,
  WARD_AUDIT_SESSION_TIMED_OUT,
  WARD_AUDIT_SIGN_IN_REFUSED,
  WARD_AUDIT_STEP_UP,
  WARD_AUDIT_BREAK_GLASS_STARTED,
  WARD_AUDIT_BREAK_GLASS_ENDED,
  WARD_AUDIT_BREAK_GLASS_REVIEWED,
  WARD_AUDIT_BREAK_GLASS_OVERUSED,
  WARD_AUDIT_SETTING_CHANGE_REQUESTED,
  WARD_AUDIT_SETTING_CHANGE_APPLIED,
  WARD_AUDIT_SETTING_CHANGE_FAILED,
  WARD_AUDIT_SETTING_CHANGE_REFUSED,
  WARD_AUDIT_SETTING_CHANGE_APPLIED_LATE,
  WARD_AUDIT_AWARENESS_ANSWERED,
  WARD_AUDIT_AWARENESS_SKIPPED,
  WARD_AUDIT_DIRECTORY_CONFIGURED,
  WARD_AUDIT_DIRECTORY_GROUP_MAPPED,
  WARD_AUDIT_DIRECTORY_GROUP_UNMAPPED,
  WARD_AUDIT_DIRECTORY_USER_ADDED,
  WARD_AUDIT_DIRECTORY_USER_RENAMED,
  WARD_AUDIT_DIRECTORY_USER_DISABLED,
  WARD_AUDIT_DIRECTORY_USER_ENABLED,
  WARD_AUDIT_DIRECTORY_ROLE_GRANTED,
  WARD_AUDIT_DIRECTORY_ROLE_REVOKED,
  WARD_AUDIT_DIRECTORY_SYNCED,
  WARD_AUDIT_DIRECTORY_SYNC_FAILED,
  WARD_AUDIT_ADMIN_RECOVERED,
  WARD_AUDIT_SESSION_RESUMED,
  WARD_AUDIT_KIOSK_STARTED,
  WARD_AUDIT_N_EVENTS
} WardAuditEvent;

typedef struct
{
  gint64    seq;
  gint64    at_us;
  char     *event;
  char     *actor;
  char     *subject;
  char     *kiosk_id;
  char     *details;
  gboolean  flagged;
} WardAuditRecord;

typedef struct
{
  guint        limit;
  const char  *event_prefix;  /* "user." matches every user event; NULL: all */
  const char  *event;         /* exactly this event (uses the index); NULL: any */
  const char  *person;        /* actor or subject; NULL: all */
  gint64       since_us;      /* 0: from the start */
  gboolean     flagged_only;
} WardAuditFilter;

void             ward_audit_record_free    (WardAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAuditRecord, ward_audit_record_free)

const char      *ward_audit_event_name     (WardAuditEvent   event);
const char      *ward_audit_event_message_id (WardAuditEvent event);

char            *ward_audit_details        (const char      *first_key,
                                            ...) G_GNUC_NULL_TERMINATED;

gboolean         ward_audit_append         (WardStore       *store,
                                            WardAuditEvent   event,
                                            const char      *actor,
                                            const char      *subject,
                                            const char      *details_json,
                                            gboolean         flagged,
                                            GError         **error);
GPtrArray       *ward_audit_list           (WardStore             *store,
                                            const WardAuditFilter *filter,
                                            GError               **error);
typedef enum
{
  WARD_AUDIT_ALERT_SCHEMA_ALTERED,   /* the database holds objects its migrations did not make */
  WARD_AUDIT_ALERT_ROW_FORGED,       /* an access-control row without Wardgate's MAC */
  WARD_AUDIT_N_ALERTS
} WardAuditAlert;

const char      *ward_audit_alert_message_id (WardAuditAlert  alert);
gboolean         ward_audit_key_opens_chain (WardStore      *store);
void             ward_audit_anchor_genesis  (WardStore      *store);
char            *ward_audit_record_kiosk   (WardStore       *store,
                                            gint64           seq);
gboolean         ward_audit_verify         (WardStore       *store,
                                            gint64          *first_bad_seq,
                                            gint64          *n_checked,
                                            GError         **error);

GLogWriterOutput ward_audit_log_writer     (GLogLevelFlags   log_level,
                                            const GLogField *fields,
                                            gsize            n_fields,
                                            gpointer         user_data);

G_END_DECLS
