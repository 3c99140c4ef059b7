/* ward-audit.c: the hash-chained, append-only audit trail, mirrored to the journal */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <openssl/crypto.h>

#include "data/ward-audit-anchor-private.h"
#include "data/ward-audit-private.h"
#include "data/ward-hex.h"
#include "data/ward-stmt-args-private.h"

typedef enum
{
  WARD_AUDIT_INFO,
  WARD_AUDIT_NOTICE,
  WARD_AUDIT_ALERT,
} WardAuditSeverity;

typedef struct
{
  const char        *name;
  /* Stable per event type forever: the SIEM's rules match on it. */
  const char        *message_id;
  WardAuditSeverity  severity;
} WardAuditEventInfo;

static const WardAuditEventInfo event_info[WARD_AUDIT_N_EVENTS] = {
  [WARD_AUDIT_STORE_INITIALISED] = { "store.initialised", "98133ea4df494f9ab43add9623a28095", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_ADMIN_BOOTSTRAPPED] = { "admin.bootstrapped", "c0249aa32914469daa8e286986584b68", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_USER_ADDED] = { "user.added", "d75129af127d402aac9d480121ec306c", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_USER_DISABLED] = { "user.disabled", "c33bbf9ed561445fb79dbc52c2ed1403", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_USER_ENABLED] = { "user.enabled", "21d2f89de7444adb83c92838b7fc341b", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_ROLE_GRANTED] = { "role.granted", "47d6695f591a4ceaa86e1d300cc8dc30", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_ROLE_REVOKED] = { "role.revoked", "fbf0aea47e494e208a8c90d8c1f38efa", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_PERMISSION_GRANTED] = { "permission.granted", "c978d520b703408c83cc4f41ad78d324", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_PERMISSION_REVOKED] = { "permission.revoked", "e39877f8924447bf94a82fcd49d46f88", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_PERMISSION_REFUSED] = { "permission.refused", "5754a394f8f042b291364f2397607fa1", WARD_AUDIT_ALERT },
  [WARD_AUDIT_AUDIT_VERIFIED] = { "audit.verified", "8f679caaf7a346bdb400f26e8fcaeca6", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_AUDIT_BROKEN] = { "audit.broken", "4d14084090ba4585ba08a958d866a71c", WARD_AUDIT_ALERT },
  [WARD_AUDIT_BADGE_ENROLLED] = { "badge.enrolled", "0eb7249cac164898a0354aa073f08c1b", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_BADGE_REVOKED] = { "badge.revoked", "4a432b4b9fcb44878303fdb9273e47c2", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_BADGE_UNKNOWN] = { "badge.unknown", "307f35466e5442a49bc7232cb84e50c0", WARD_AUDIT_ALERT },
  [WARD_AUDIT_KEY_ENROLLED] = { "key.enrolled", "b67c7bdd51214c9c8a82e14fa726cb5f", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_KEY_REVOKED] = { "key.revoked", "0a4ae33397fb4928afede76ccd73eba4", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_TOTP_ENROLLED] = { "totp.enrolled", "c00a38e6785b425e9e14a86a7b32b4de", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_TOTP_ENROLL_STARTED] = { "totp.enroll-started", "29112f8de7594b0ba75870f8d681c4f3", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_TOTP_RESET] = { "totp.reset", "733adec8781d4f5d92258f05f1eab4e2", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_FACTOR_FAILED] = { "factor.failed", "0be48f777afb49ccba89e6590ad7c7f9", WARD_AUDIT_ALERT },
  [WARD_AUDIT_ACCOUNT_LOCKED] = { "account.locked", "f4936f3ba8764e3d86274cf4ddc7a5e6", WARD_AUDIT_ALERT },
  [WARD_AUDIT_ACCOUNT_UNLOCKED] = { "account.unlocked", "ffc1dc57492f4ba5ac9af1baf0b017e4", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_POLICY_CHANGED] = { "policy.changed", "f9241675a9404c2b9997d25040897004", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SIGNED_IN] = { "session.signed-in", "c0ddd40fcb7d49738483a3bee793facd", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SIGNED_OUT] = { "session.signed-out", "5ed82f91352f4e9ca28bc904efd90dc0", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SESSION_TIMED_OUT] = { "session.timed-out", "5a36854097524f83bfd3c76699a3067a", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SIGN_IN_REFUSED] = { "session.refused", "b302b8cd53b74c8bb23361bcaff35332", WARD_AUDIT_ALERT },
  [WARD_AUDIT_STEP_UP] = { "session.step-up", "c33205d61eed43798702eada88566a04", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_BREAK_GLASS_STARTED] = { "break-glass.started", "b7e7c6721fac45e3ae86527594d13873", WARD_AUDIT_ALERT },
  [WARD_AUDIT_BREAK_GLASS_ENDED] = { "break-glass.ended", "8fffaee405d9480e881bb8bbb6291d22", WARD_AUDIT_ALERT },
  [WARD_AUDIT_BREAK_GLASS_REVIEWED] = { "break-glass.reviewed", "2deff5104adc41478d7d8501e621edd7", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_BREAK_GLASS_OVERUSED] = { "break-glass.overused", "39f7ae146b8a4dfba5f7533905e2fb56", WARD_AUDIT_ALERT },
  [WARD_AUDIT_SETTING_CHANGE_REQUESTED] = { "device.change-requested", "6b2b8b7dd0374d6bbb5a86d73e855175", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SETTING_CHANGE_APPLIED] = { "device.change-applied", "aaee03f11b294a83a5cb523895b982fd", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_SETTING_CHANGE_FAILED] = { "device.change-failed", "a9706ad1c6d0403ca7c5e72bf8f97a71", WARD_AUDIT_ALERT },
  [WARD_AUDIT_SETTING_CHANGE_REFUSED] = { "device.change-refused", "0ffc22fa054448ba9c78df4e62463ad0", WARD_AUDIT_ALERT },
  [WARD_AUDIT_SETTING_CHANGE_APPLIED_LATE] = { "device.change-applied-late", "f99668082e22438294f717ea48e0110d", WARD_AUDIT_ALERT },
  [WARD_AUDIT_AWARENESS_ANSWERED] = { "awareness.answered", "6c3a423521ed4877bdab2957d76bb12a", WARD_AUDIT_INFO },
  [WARD_AUDIT_AWARENESS_SKIPPED] = { "awareness.skipped", "28fff79d173c47ca96336f9066b51625", WARD_AUDIT_INFO },
  [WARD_AUDIT_DIRECTORY_CONFIGURED] = { "directory.configured", "3c428102943040a6a56f7ceff7b0394a", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_GROUP_MAPPED] = { "directory.group-mapped", "0cf34aedd00140839b5b3e70972685ce", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_GROUP_UNMAPPED] = { "directory.group-unmapped", "77ff2f95ed9c481e9b980731c46ac343", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_USER_ADDED] = { "directory.user-added", "53a1c51f4d5248c0bf9978e25f5b9d14", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_USER_RENAMED] = { "directory.user-renamed", "32b59c52af80456a8420765b8d4f3b19", WARD_AUDIT_INFO },
  [WARD_AUDIT_DIRECTORY_USER_DISABLED] = { "directory.user-disabled", "40a6a1bb9e964e2087b8e02df64f8017", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_USER_ENABLED] = { "directory.user-enabled", "4004ac94c05b4733a402d2729a591395", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_ROLE_GRANTED] = { "directory.role-granted", "7cb665d23d684b2cb1aab04306cb5dff", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_ROLE_REVOKED] = { "directory.role-revoked", "79121b0d9cc1423d97e9d7665781f098", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_DIRECTORY_SYNCED] = { "directory.synced", "aea13cff202a472989433b48b8cf14d7", WARD_AUDIT_INFO },
  [WARD_AUDIT_DIRECTORY_SYNC_FAILED] = { "directory.sync-failed", "261f0da9abdd478e8a956f9cb754157a", WARD_AUDIT_ALERT },
  [WARD_AUDIT_ADMIN_RECOVERED] = { "admin.recovered", "5f0e6c2d8b9a4e37a1c4d2f86b3e9a10", WARD_AUDIT_ALERT },
  [WARD_AUDIT_SESSION_RESUMED] = { "session.resumed", "0be83c42506f48cba708419321b1a45a", WARD_AUDIT_NOTICE },
  [WARD_AUDIT_KIOSK_STARTED] = { "kiosk.started", "4f83db7d08ed4c61a363f26e54b84e72", WARD_AUDIT_INFO },
};

/* Alerts that are not audit records (the database cannot take one when
 * they happen), for the journal and its catalog. */
static const char *const alert_message_ids[WARD_AUDIT_N_ALERTS] = {
  [WARD_AUDIT_ALERT_SCHEMA_ALTERED] = "0c7e1b9a5c3d4f3e8a4f6d2b1e9c7a55",
  [WARD_AUDIT_ALERT_ROW_FORGED] = "9d1f3a7c2e5b4c8a9f0e6d4b2a1c7e35",
};

const char *
ward_audit_alert_message_id (WardAuditAlert alert)
{
  g_return_val_if_fail (alert < WARD_AUDIT_N_ALERTS, NULL);
  return alert_message_ids[alert];
}

#define AUDIT_FIELD_MARKER "WARDGATE_AUDIT_SEQ"

void
ward_audit_record_free (WardAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->event);
  g_free (record->actor);
  g_free (record->subject);
  g_free (record->kiosk_id);
  g_free (record->details);
  g_free (record);
}

const char *
ward_audit_event_name (WardAuditEvent event)
{
  g_return_val_if_fail (event < WARD_AUDIT_N_EVENTS, NULL);
  return event_info[event].name;
}

const char *
ward_audit_event_message_id (WardAuditEvent event)
{
  g_return_val_if_fail (event < WARD_AUDIT_N_EVENTS, NULL);
  return event_info[event].message_id;
}

/* A JSON object of string pairs, for the details column. */
char *
ward_audit_details (const char *first_key,
                    ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (builder, key);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The bytes the MAC covers. Every field is length-prefixed, so no choice of
 * values can make two different rows serialise alike. */
static GString *
canonical_row (const WardAuditRecord *record)
{
  GString *row = g_string_new ("wardgate-audit-v1\n");
  const char *fields[] = { record->event, record->actor, record->subject,
                           record->kiosk_id, record->details };

  g_string_append_printf (row, "%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n",
                          record->seq, record->at_us);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_string_append_printf (row, "%zu:%s\n", strlen (fields[i]), fields[i]);
  g_string_append_printf (row, "%d\n", record->flagged ? 1 : 0);
  return row;
}

static void
compute_hash (WardStore             *store,
              const guint8          *prev_hash,
              const WardAuditRecord *record,
              guint8                 out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autoptr(GString) row = canonical_row (record);

  ward_install_key_audit_mac (ward_store_get_key (store), prev_hash, WARD_INSTALL_KEY_MAC_LEN,
                              row->str, row->len, out);
}

static gboolean
read_chain_head (WardStore  *store,
                 gint64     *last_seq,
                 guint8      last_hash[WARD_INSTALL_KEY_MAC_LEN],
                 GError    **error)
{
  g_autoptr(WardStoreStmt) stmt =
    ward_store_prepare (store, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  memset (last_hash, 0, WARD_INSTALL_KEY_MAC_LEN);
  *last_seq = 0;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    {
      *last_seq = ward_stmt_column_int64 (stmt, 0);
      if (ward_stmt_column_bytes (stmt, 1) == WARD_INSTALL_KEY_MAC_LEN)
        memcpy (last_hash, ward_stmt_column_blob (stmt, 1), WARD_INSTALL_KEY_MAC_LEN);
      return TRUE;
    }
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_row (WardStore             *store,
            const WardAuditRecord *record,
            const guint8          *prev_hash,
            const guint8          *hash,
            GError               **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO audit (seq, at_us, event, actor, subject, kiosk_id, details, flagged, prev_hash, hash)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, record->seq);
  ward_stmt_bind_int64 (stmt, 2, record->at_us);
  ward_stmt_bind_text (stmt, 3, record->event);
  ward_stmt_bind_text (stmt, 4, record->actor);
  ward_stmt_bind_text (stmt, 5, record->subject);
  ward_stmt_bind_text (stmt, 6, record->kiosk_id);
  ward_stmt_bind_text (stmt, 7, record->details);
  ward_stmt_bind_int64 (stmt, 8, record->flagged ? 1 : 0);
  ward_stmt_bind_blob (stmt, 9, prev_hash, WARD_INSTALL_KEY_MAC_LEN);
  ward_stmt_bind_blob (stmt, 10, hash, WARD_INSTALL_KEY_MAC_LEN);
  return ward_store_step_done (store, stmt, error);
}

/* journald priorities: alerts show under "journalctl -p warning". */
static const char *
severity_priority (WardAuditSeverity severity)
{
  return severity == WARD_AUDIT_ALERT ? "4" : severity == WARD_AUDIT_NOTICE ? "5" : "6";
}

/* The hash goes out with the number: an outside checker holding the
 * journal sees a chain that was cut back and regrown, even without the key. */
static void
log_to_journal (WardAuditEvent         event,
                const WardAuditRecord *record,
                const guint8          *hash)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);
  g_autofree char *hash_text = ward_hex_encode (hash, WARD_INSTALL_KEY_MAC_LEN);
  g_autofree char *message = g_strdup_printf ("Audit %s by %s%s%s on %s",
                                              record->event, record->actor,
                                              *record->subject ? " for " : "",
                                              record->subject, record->kiosk_id);
  const char *severity = event_info[event].severity == WARD_AUDIT_ALERT ? "alert"
                       : event_info[event].severity == WARD_AUDIT_NOTICE ? "notice" : "info";
  const char *identifier = g_get_prgname () != NULL ? g_get_prgname () : "wardgate";
  const GLogField fields[] = {
    { "MESSAGE", message, -1 },
    { "MESSAGE_ID", event_info[event].message_id, -1 },
    { "PRIORITY", severity_priority (event_info[event].severity), -1 },
    { "SYSLOG_IDENTIFIER", identifier, -1 },
    { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
    { AUDIT_FIELD_MARKER, seq, -1 },
    { "WARDGATE_AUDIT_HASH", hash_text, -1 },
    { "WARDGATE_EVENT", record->event, -1 },
    { "WARDGATE_ACTOR", record->actor, -1 },
    { "WARDGATE_SUBJECT", record->subject, -1 },
    { "WARDGATE_KIOSK", record->kiosk_id, -1 },
    { "WARDGATE_DETAILS", record->details, -1 },
    { "WARDGATE_FLAGGED", record->flagged ? "1" : "0", -1 },
    { "WARDGATE_SEVERITY", severity, -1 },
  };

  g_log_structured_array (G_LOG_LEVEL_MESSAGE, fields, G_N_ELEMENTS (fields));
}

/* The stored hash of one record, FALSE when there is no such record. */
static gboolean
stored_hash (WardStore *store,
             gint64     seq,
             guint8     out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, "SELECT hash FROM audit WHERE seq = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, seq);
  if (ward_stmt_step (stmt) != WARD_STMT_ROW || ward_stmt_column_bytes (stmt, 0) != WARD_INSTALL_KEY_MAC_LEN)
    return FALSE;
  memcpy (out, ward_stmt_column_blob (stmt, 0), WARD_INSTALL_KEY_MAC_LEN);
  return TRUE;
}

/* The chain may grow only from where the anchor says it reached: otherwise
 * records cut from its end would be covered over by new ones. A missing
 * anchor is never made again from what the database says. */
static gboolean
anchor_allows_append (WardStore  *store,
                      gint64      last_seq,
                      GError    **error)
{
  guint8 anchored[WARD_INSTALL_KEY_MAC_LEN], hash[WARD_INSTALL_KEY_MAC_LEN];
  gint64 anchored_seq = 0;
  g_autofree char *path = NULL;
  const char *why;

  switch (ward_audit_anchor_read (store, &anchored_seq, anchored))
    {
    case WARD_AUDIT_ANCHOR_MISSING:
      if (last_seq == 0)
        return TRUE;
      why = "anchor-missing";
      break;
    case WARD_AUDIT_ANCHOR_FORGED:
      why = "anchor-forged";
      break;
    case WARD_AUDIT_ANCHOR_OK:
    default:
      if (anchored_seq == 0 && CRYPTO_memcmp (anchored, (guint8[WARD_INSTALL_KEY_MAC_LEN]) { 0 }, sizeof anchored) == 0)
        return TRUE;
      if (anchored_seq <= last_seq && stored_hash (store, anchored_seq, hash)
          && CRYPTO_memcmp (hash, anchored, sizeof hash) == 0)
        return TRUE;
      why = anchored_seq > last_seq ? "records-missing" : "anchored-record-differs";
      break;
    }

  path = g_strdup (ward_store_get_path (store));
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE_ID", event_info[WARD_AUDIT_AUDIT_BROKEN].message_id,
                    "PRIORITY", "2",
                    "WARDGATE_EVENT", event_info[WARD_AUDIT_AUDIT_BROKEN].name,
                    "WARDGATE_SEVERITY", "alert",
                    "WARDGATE_REASON", why,
                    "MESSAGE", "Audit trail of %s does not reach its anchor (%s): nothing more is recorded",
                    path, why);
  g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
               _("The audit trail has lost records or was changed outside Wardgate, so nothing more can be "
                 "recorded and nothing was saved. Tell IT security; “wardgate-admin audit verify” shows where."));
  return FALSE;
}

typedef struct
{
  WardStore       *store;
  WardAuditEvent   event;
  WardAuditRecord *record;
  guint8           hash[WARD_INSTALL_KEY_MAC_LEN];
  gboolean         emitted;
} PendingLog;

/* How many committed-or-not events of this store still wait for their
 * journal copy: the anchor file is rewritten (with an fsync) once per
 * commit, for the newest event, not once per event of a large batch. */
#define PENDING_KEY "ward-audit-pending"

static guint
pending_adjust (WardStore *store,
                int        delta)
{
  guint count = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (store), PENDING_KEY)) + delta;

  g_object_set_data (G_OBJECT (store), PENDING_KEY, GUINT_TO_POINTER (count));
  return count;
}

static void
pending_log_emit (gpointer data)
{
  PendingLog *pending = data;

  pending->emitted = TRUE;
  if (pending_adjust (pending->store, -1) == 0)
    ward_audit_anchor_write (pending->store, pending->record->seq, pending->hash);
  log_to_journal (pending->event, pending->record, pending->hash);
}

static void
pending_log_free (gpointer data)
{
  PendingLog *pending = data;

  if (!pending->emitted)
    pending_adjust (pending->store, -1);
  ward_audit_record_free (pending->record);
  g_free (pending);
}

/* Appends one event inside the caller's transaction (or its own), chained
 * to the row before it. The journal copy is written only once the
 * transaction commits, so the SIEM never sees an event that was rolled back. */
gboolean
ward_audit_append (WardStore       *store,
                   WardAuditEvent   event,
                   const char      *actor,
                   const char      *subject,
                   const char      *details_json,
                   gboolean         flagged,
                   GError         **error)
{
  g_autoptr(WardAuditRecord) record = g_new0 (WardAuditRecord, 1);
  guint8 prev_hash[WARD_INSTALL_KEY_MAC_LEN];
  guint8 hash[WARD_INSTALL_KEY_MAC_LEN];
  PendingLog *pending;

  g_return_val_if_fail (WARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (event < WARD_AUDIT_N_EVENTS, FALSE);
  g_return_val_if_fail (actor != NULL && *actor != '\0', FALSE);

  if (!ward_store_begin (store, error))
    return FALSE;

  if (!ward_audit_anchor_hold (store, error)
      || !read_chain_head (store, &record->seq, prev_hash, error)
      || !anchor_allows_append (store, record->seq, error))
    goto failed;

  record->seq += 1;
  record->at_us = ward_clock_get_now_us (ward_store_get_clock (store));
  record->event = g_strdup (event_info[event].name);
  record->actor = g_strdup (actor);
  record->subject = g_strdup (subject != NULL ? subject : "");
  record->kiosk_id = g_strdup (ward_store_get_kiosk_id (store));
  record->details = g_strdup (details_json != NULL ? details_json : "{}");
  record->flagged = flagged;
  compute_hash (store, prev_hash, record, hash);

  if (!insert_row (store, record, prev_hash, hash, error)
      || !ward_audit_anchor_move (store, record->seq, hash, error))
    goto failed;

  pending = g_new0 (PendingLog, 1);
  pending->store = store;
  memcpy (pending->hash, hash, sizeof hash);
  pending->event = event;
  pending->record = g_steal_pointer (&record);
  pending_adjust (store, +1);
  ward_store_defer_until_commit (store, pending_log_emit, pending, pending_log_free);
  return ward_store_commit (store, error);

failed:
  ward_store_rollback (store);
  return FALSE;
}

WardAuditRecord *
ward_audit_record_from_row (WardStmt *stmt)
{
  WardAuditRecord *r = g_new0 (WardAuditRecord, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&r->seq), WARD_COL_INT64 (&r->at_us), WARD_COL_TEXT (&r->event), WARD_COL_TEXT (&r->actor),
      WARD_COL_TEXT (&r->subject), WARD_COL_TEXT (&r->kiosk_id), WARD_COL_TEXT (&r->details),
      WARD_COL_BOOL (&r->flagged)));
  return r;
}

/* Newest first. */
GPtrArray *
ward_audit_list (WardStore             *store,
                 const WardAuditFilter *filter,
                 GError               **error)
{
  /* An exact event name gets its own statement so that SQLite can use the
   * (event, at_us) index: the awareness step asks this at every sign-in. */
  return ward_store_collect (store, filter->event != NULL
      ? "SELECT " WARD_AUDIT_RECORD_COLUMNS " FROM audit"
        " WHERE event = ?6 AND at_us >= ?3"
        "   AND (CAST (?2 AS TEXT) IS NULL OR actor = ?2 COLLATE NOCASE OR subject = ?2 COLLATE NOCASE)"
        "   AND (CAST (?1 AS TEXT) IS NULL OR substr (event, 1, length (?1)) = ?1) AND (?4 = 0 OR flagged = 1)"
        " ORDER BY seq DESC LIMIT ?5"
      : "SELECT " WARD_AUDIT_RECORD_COLUMNS " FROM audit"
        " WHERE (CAST (?1 AS TEXT) IS NULL OR substr (event, 1, length (?1)) = ?1)"
        "   AND (CAST (?2 AS TEXT) IS NULL OR actor = ?2 COLLATE NOCASE OR subject = ?2 COLLATE NOCASE)"
        "   AND at_us >= ?3 AND (?4 = 0 OR flagged = 1) AND CAST (?6 AS TEXT) IS NULL"
        " ORDER BY seq DESC LIMIT ?5",
      WARD_ARGS (WARD_ARG_TEXT_OR_NULL (filter->event_prefix), WARD_ARG_TEXT_OR_NULL (filter->person),
                 WARD_ARG_INT64 (filter->since_us), WARD_ARG_BOOL (filter->flagged_only),
                 WARD_ARG_INT64 (filter->limit > 0 ? (gint64) filter->limit : G_MAXINT64),
                 WARD_ARG_TEXT_OR_NULL (filter->event)),
      (WardStmtRowFunc) ward_audit_record_from_row, (GDestroyNotify) ward_audit_record_free, error);
}

static gboolean
row_is_intact (WardStore    *store,
               WardStmt     *stmt,
               gint64        expected_seq,
               const guint8 *expected_prev)
{
  g_autoptr(WardAuditRecord) record = ward_audit_record_from_row (stmt);
  guint8 hash[WARD_INSTALL_KEY_MAC_LEN];
  const guint8 *stored_prev = ward_stmt_column_blob (stmt, 8);
  const guint8 *stored_hash = ward_stmt_column_blob (stmt, 9);

  if (record->seq != expected_seq
      || ward_stmt_column_bytes (stmt, 8) != WARD_INSTALL_KEY_MAC_LEN
      || ward_stmt_column_bytes (stmt, 9) != WARD_INSTALL_KEY_MAC_LEN
      || CRYPTO_memcmp (stored_prev, expected_prev, WARD_INSTALL_KEY_MAC_LEN) != 0)
    return FALSE;

  compute_hash (store, expected_prev, record, hash);
  return CRYPTO_memcmp (hash, stored_hash, WARD_INSTALL_KEY_MAC_LEN) == 0;
}

/* The chain verified up to its last row: that row must be the anchored one
 * (or newer). Returns the first record that is missing, or 0. */
static gint64
check_anchor (WardStore    *store,
              gint64        last_seq,
              const guint8 *last_hash)
{
  guint8 head_hash[WARD_INSTALL_KEY_MAC_LEN], hash[WARD_INSTALL_KEY_MAC_LEN];
  gint64 head_seq = 0;

  if (ward_audit_anchor_read (store, &head_seq, head_hash) != WARD_AUDIT_ANCHOR_OK)
    return last_seq > 0 ? last_seq + 1 : 0;
  if (head_seq > last_seq)
    return last_seq + 1;
  if (head_seq == 0)
    return 0;   /* the anchor made with the database: nothing to compare */
  if (head_seq == last_seq && CRYPTO_memcmp (head_hash, last_hash, WARD_INSTALL_KEY_MAC_LEN) != 0)
    return last_seq;
  /* Behind the chain (an append whose anchor update was cut short): the
   * anchored record must still be the one anchored. */
  if (!stored_hash (store, head_seq, hash) || CRYPTO_memcmp (head_hash, hash, sizeof hash) != 0)
    return head_seq;
  return 0;
}

/* Walks the whole chain from the first row. Returns FALSE with an error
 * only when the chain cannot be read; a broken chain is a TRUE return with
 * *first_bad_seq set to the first row that does not verify (0: intact). */
#define VERIFY_PAGE 10000

gboolean
ward_audit_verify (WardStore  *store,
                   gint64     *first_bad_seq,
                   gint64     *n_checked,
                   GError    **error)
{
  /* Read in pages: a server hands a whole result over at once, and a
   * hospital's trail runs to millions of records. */
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT " WARD_AUDIT_RECORD_COLUMNS ", prev_hash, hash"
      " FROM audit WHERE seq > ? ORDER BY seq LIMIT " G_STRINGIFY (VERIFY_PAGE), error);
  guint8 expected_prev[WARD_INSTALL_KEY_MAC_LEN] = { 0 };
  gint64 expected_seq = 1, checked = 0, last_seq = G_MININT64;
  guint in_page = VERIFY_PAGE;
  int rc = WARD_STMT_DONE;

  g_return_val_if_fail (first_bad_seq != NULL, FALSE);
  *first_bad_seq = 0;
  if (stmt == NULL)
    return FALSE;

  while (*first_bad_seq == 0 && in_page == VERIFY_PAGE && rc == WARD_STMT_DONE)
    {
      ward_stmt_reset (stmt);
      ward_stmt_bind_int64 (stmt, 1, last_seq);
      in_page = 0;
      while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
        {
          in_page++;
          if (!row_is_intact (store, stmt, expected_seq, expected_prev))
            {
              gint64 seq = ward_stmt_column_int64 (stmt, 0);

              /* A missing row shows as a gap: the first bad row is the one
               * that should have been there. A row numbered below 1 sits
               * before the chain's start: the first place is bad (0 would
               * read "intact"). */
              *first_bad_seq = seq > expected_seq || seq < 1 ? expected_seq : seq;
              break;
            }
          memcpy (expected_prev, ward_stmt_column_blob (stmt, 9), WARD_INSTALL_KEY_MAC_LEN);
          last_seq = ward_stmt_column_int64 (stmt, 0);
          expected_seq++;
          checked++;
        }
    }

  if (n_checked != NULL)
    *n_checked = checked;
  if (rc != WARD_STMT_DONE && rc != WARD_STMT_ROW)
    {
      ward_store_set_error (store, rc, error);
      return FALSE;
    }
  if (*first_bad_seq == 0)
    *first_bad_seq = check_anchor (store, checked, expected_prev);
  return TRUE;
}

/* The kiosk that wrote record @seq, to say where a broken chain broke;
 * NULL when there is no such record (it was removed). */
char *
ward_audit_record_kiosk (WardStore *store,
                         gint64     seq)
{
  char *kiosk_id = NULL;

  ward_store_read_row (store, "SELECT kiosk_id FROM audit WHERE seq = ?", WARD_ARGS (WARD_ARG_INT64 (seq)),
                       WARD_COLUMNS (WARD_COL_TEXT (&kiosk_id)), NULL, NULL);
  return kiosk_id;
}

static gboolean
is_audit_entry (const GLogField *fields,
                gsize            n_fields,
                GLogLevelFlags  *level)
{
  gboolean marked = FALSE;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, AUDIT_FIELD_MARKER) == 0)
        marked = TRUE;
      else if (g_strcmp0 (fields[i].key, "WARDGATE_SEVERITY") == 0)
        *level = g_strcmp0 (fields[i].value, "alert") == 0 ? G_LOG_LEVEL_WARNING
               : g_strcmp0 (fields[i].value, "info") == 0 ? G_LOG_LEVEL_INFO
               : G_LOG_LEVEL_MESSAGE;
    }
  return marked;
}

/* Installed by the executables with g_log_set_writer_func(). Audit entries
 * go to the journal with their own priority (and on to the SIEM), not to
 * the terminal; everything else takes GLib's default path. */
GLogWriterOutput
ward_audit_log_writer (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  GLogLevelFlags level = log_level;

  if (!is_audit_entry (fields, n_fields, &level))
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  if (g_log_writer_journald (level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  /* No journal (a container, a test): say it only when asked to. */
  if (g_getenv ("WARDGATE_AUDIT_STDERR") != NULL)
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* Whether this store's key made the chain's first record (TRUE for an empty
 * chain): a wrong key is found before it writes anything. */
gboolean
ward_audit_key_opens_chain (WardStore *store)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT " WARD_AUDIT_RECORD_COLUMNS ", prev_hash, hash"
      " FROM audit ORDER BY seq LIMIT 1", NULL);
  guint8 genesis[WARD_INSTALL_KEY_MAC_LEN] = { 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_DONE)
    return TRUE;
  return rc == WARD_STMT_ROW && row_is_intact (store, stmt, 1, genesis);
}

/* A new database gets its anchor before its first record. */
void
ward_audit_anchor_genesis (WardStore *store)
{
  static const guint8 genesis[WARD_INSTALL_KEY_MAC_LEN] = { 0 };

  ward_audit_anchor_write (store, 0, genesis);
}
