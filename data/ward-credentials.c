/* ward-credentials.c: badges, security keys and TOTP secrets as stored */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-credentials.h"
#include "data/ward-row-guard-private.h"
#include "data/ward-stmt-args-private.h"

void
ward_key_record_free (WardKeyRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->credential_id, g_bytes_unref);
  g_clear_pointer (&record->public_key, g_bytes_unref);
  g_clear_pointer (&record->aaguid, g_bytes_unref);
  g_free (record->rp_id);
  g_free (record->label);
  g_free (record);
}

void
ward_totp_record_free (WardTotpRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->sealed_secret, g_bytes_unref);
  g_free (record->algorithm);
  g_free (record);
}

gboolean
ward_credentials_add_badge (WardStore   *store,
                            gint64       user_id,
                            const char  *badge_uid,
                            gint64       enrolled_by,
                            GError     **error)
{
  guint8 hash[WARD_INSTALL_KEY_MAC_LEN];
  g_autofree char *where = NULL;
  gint64 new_id;

  ward_install_key_badge_hash (ward_store_get_key (store), badge_uid, hash);
  /* Even a revoked badge keeps its hash: a card once reported lost must
   * not quietly come back on someone else's account. */
  new_id = ward_store_insert_new (store,
      "INSERT INTO badges (user_id, uid_hash, created_at, enrolled_by) VALUES (?, ?, ?, ?) RETURNING id",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_BLOB (hash, sizeof hash), WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_ID (enrolled_by)),
      error, "%s", _("This badge is already enrolled (or was revoked). Use a new badge."));
  if (new_id == 0)
    return FALSE;
  where = g_strdup_printf ("id = %" G_GINT64_FORMAT, new_id);
  return ward_row_guard_seal (store, WARD_GUARD_BADGES, where, error);
}

/* The account an active badge belongs to (disabled or not: the caller says
 * why it refuses), 0 when the badge is unknown or revoked, -1 on error. */
gint64
ward_credentials_find_badge (WardStore   *store,
                             const char  *badge_uid,
                             GError     **error)
{
  guint8 hash[WARD_INSTALL_KEY_MAC_LEN];
  g_autoptr(WardStoreStmt) stmt = NULL;
  WardStmtResult rc;

  ward_install_key_badge_hash (ward_store_get_key (store), badge_uid, hash);
  stmt = ward_store_query (store,
      "SELECT b.user_id, " WARD_GUARD_BADGES_COLUMNS ("b") " FROM badges b JOIN users u ON u.id = b.user_id"
      " WHERE b.uid_hash = ? AND b.revoked_at IS NULL", WARD_ARGS (WARD_ARG_BLOB (hash, sizeof hash)), error);
  if (stmt == NULL)
    return -1;
  rc = ward_stmt_step (stmt);
  /* A badge row moved to another account (or planted) outside Wardgate
   * identifies nobody. */
  if (rc == WARD_STMT_ROW)
    return ward_row_guard_check (store, WARD_GUARD_BADGES, stmt, 1) ? ward_stmt_column_int64 (stmt, 0) : 0;
  if (rc == WARD_STMT_DONE)
    return 0;
  ward_store_set_error (store, rc, error);
  return -1;
}

guint
ward_credentials_revoke_badges (WardStore  *store,
                                gint64      user_id,
                                GError    **error)
{
  g_autofree char *where = NULL;
  gint64 revoked_at = ward_store_now (store);
  guint changed;

  if (!ward_store_run (store, "UPDATE badges SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                       WARD_ARGS (WARD_ARG_INT64 (revoked_at), WARD_ARG_INT64 (user_id)), error))
    return 0;
  changed = (guint) ward_store_changes (store);
  /* Revoked rows are sealed as revoked: clearing revoked_at with plain SQL
   * does not bring a lost card back. */
  where = g_strdup_printf ("user_id = %" G_GINT64_FORMAT " AND revoked_at = %" G_GINT64_FORMAT, user_id, revoked_at);
  if (changed > 0 && !ward_row_guard_seal (store, WARD_GUARD_BADGES, where, error))
    return 0;
  return changed;
}

guint
ward_credentials_count_badges (WardStore *store,
                               gint64     user_id)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store,
      "SELECT " WARD_GUARD_BADGES_COLUMNS ("b") " FROM badges b WHERE b.user_id = ? AND b.revoked_at IS NULL",
      WARD_ARGS (WARD_ARG_INT64 (user_id)), NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  /* Only badges Wardgate enrolled count (for "can an administrator still
   * sign in"): a planted row opens nothing. */
  while (ward_stmt_step (stmt) == WARD_STMT_ROW)
    if (ward_row_guard_check (store, WARD_GUARD_BADGES, stmt, 0))
      count++;
  return count;
}

gint64
ward_credentials_add_key (WardStore            *store,
                          const WardKeyRecord  *record,
                          GError              **error)
{
  return ward_store_insert_new (store,
      "INSERT INTO fido_credentials (user_id, credential_id, cose_alg, public_key, sign_count,"
      " aaguid, rp_id, label, created_at, enrolled_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      WARD_ARGS (WARD_ARG_INT64 (record->user_id), WARD_ARG_BYTES (record->credential_id),
                 WARD_ARG_INT64 (record->cose_alg), WARD_ARG_BYTES (record->public_key),
                 WARD_ARG_INT64 (record->sign_count), WARD_ARG_BYTES (record->aaguid), WARD_ARG_TEXT (record->rp_id),
                 WARD_ARG_TEXT (record->label != NULL ? record->label : ""), WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_ID (record->enrolled_by)),
      error, "%s", _("This security key is already enrolled."));
}

static WardKeyRecord *
key_from_row (WardStmt     *stmt)
{
  WardKeyRecord *r = g_new0 (WardKeyRecord, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&r->id), WARD_COL_INT64 (&r->user_id), WARD_COL_BYTES (&r->credential_id),
      WARD_COL_INT (&r->cose_alg), WARD_COL_BYTES (&r->public_key), WARD_COL_INT64 (&r->sign_count),
      WARD_COL_BYTES (&r->aaguid), WARD_COL_TEXT (&r->rp_id), WARD_COL_TEXT (&r->label),
      WARD_COL_INT64 (&r->created_at), WARD_COL_INT64 (&r->last_used_at), WARD_COL_INT64 (&r->revoked_at)));
  return r;
}

GPtrArray *
ward_credentials_list_keys (WardStore  *store,
                            gint64      user_id,
                            gboolean    include_revoked,
                            GError    **error)
{
  return ward_store_collect (store,
      "SELECT id, user_id, credential_id, cose_alg, public_key, sign_count, aaguid, rp_id, label,"
      " created_at, coalesce (last_used_at, 0), coalesce (revoked_at, 0)"
      " FROM fido_credentials WHERE user_id = ?1 AND (?2 != 0 OR revoked_at IS NULL) ORDER BY id",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_BOOL (include_revoked)),
      (WardStmtRowFunc) key_from_row, (GDestroyNotify) ward_key_record_free, error);
}

gboolean
ward_credentials_revoke_key (WardStore  *store,
                             gint64      user_id,
                             gint64      key_id,
                             GError    **error)
{
  return ward_store_run_changing (store,
      "UPDATE fido_credentials SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
      WARD_ARGS (WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_INT64 (key_id), WARD_ARG_INT64 (user_id)),
      WARD_STORE_ERROR_NOT_FOUND,
                          _("This account has no active security key with that number."), error);
}

/* Compare-and-set: two kiosks verifying the same key at once cannot both
 * move the counter from the same value, so a cloned key is caught even
 * in a race. */
gboolean
ward_credentials_advance_key_counter (WardStore  *store,
                                      gint64      key_id,
                                      gint64      expected_count,
                                      gint64      new_count,
                                      GError    **error)
{
  return ward_store_run_changing (store,
      "UPDATE fido_credentials SET sign_count = ?1, last_used_at = ?2"
      " WHERE id = ?3 AND sign_count = ?4 AND revoked_at IS NULL AND (?1 > ?4 OR (?1 = 0 AND ?4 = 0))",
      WARD_ARGS (WARD_ARG_INT64 (new_count), WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_INT64 (key_id),
                 WARD_ARG_INT64 (expected_count)),
      WARD_STORE_ERROR_STALE, _("The security key was used elsewhere at the same moment; try again."), error);
}

static char *
totp_context (gint64 user_id)
{
  return g_strdup_printf ("totp:%" G_GINT64_FORMAT, user_id);
}

/* A new secret waits beside the working one (which stays usable) until it
 * is confirmed; starting again replaces only the pending one. */
gboolean
ward_credentials_set_pending_totp (WardStore     *store,
                           gint64         user_id,
                           const guint8  *secret,
                           gsize          secret_length,
                           const char    *algorithm,
                           guint          digits,
                           guint          period,
                           gint64         enrolled_by,
                           GError       **error)
{
  g_autofree char *context = totp_context (user_id);
  g_autoptr(GBytes) sealed = ward_install_key_seal (ward_store_get_key (store), secret, secret_length,
                                                    context, error);

  return sealed != NULL
      && ward_store_run (store,
             "INSERT INTO totp_pending (user_id, sealed_secret, algorithm, digits, period, created_at,"
             " enrolled_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
             " sealed_secret = excluded.sealed_secret, algorithm = excluded.algorithm, digits = excluded.digits,"
             " period = excluded.period, created_at = excluded.created_at, enrolled_by = excluded.enrolled_by",
             WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_BYTES (sealed), WARD_ARG_TEXT (algorithm),
                        WARD_ARG_INT64 ((int) digits), WARD_ARG_INT64 ((int) period),
                        WARD_ARG_INT64 (ward_store_now (store)), WARD_ARG_ID (enrolled_by)), error);
}

static WardTotpRecord *
read_totp (WardStore   *store,
           const char  *sql,
           gint64       user_id,
           const char  *missing,
           GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, sql, WARD_ARGS (WARD_ARG_INT64 (user_id)), error);
  WardTotpRecord *record;
  int digits, period;

  if (stmt == NULL || !ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, "%s", missing))
    return NULL;

  record = g_new0 (WardTotpRecord, 1);
  record->user_id = user_id;
  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_BYTES (&record->sealed_secret), WARD_COL_TEXT (&record->algorithm), WARD_COL_INT (&digits),
      WARD_COL_INT (&period), WARD_COL_INT64 (&record->last_step), WARD_COL_BOOL (&record->confirmed)));
  record->digits = (guint) digits;
  record->period = (guint) period;
  return record;
}

WardTotpRecord *
ward_credentials_get_totp (WardStore  *store,
                           gint64      user_id,
                           GError    **error)
{
  return read_totp (store,
                    "SELECT sealed_secret, algorithm, digits, period, coalesce (last_step, -1), confirmed_at IS NOT NULL"
                    " FROM totp_secrets WHERE user_id = ?",
                    user_id, _("No authenticator app is enrolled for this account."), error);
}

WardTotpRecord *
ward_credentials_get_pending_totp (WardStore  *store,
                                   gint64      user_id,
                                   GError    **error)
{
  return read_totp (store,
                    "SELECT sealed_secret, algorithm, digits, period, -1, 0 FROM totp_pending WHERE user_id = ?",
                    user_id, _("No authenticator app is being set up for this account; start again."), error);
}

/* The confirmed secret replaces the working one, with the confirming
 * code's step already used: that code can never sign anyone in. */
gboolean
ward_credentials_promote_pending_totp (WardStore  *store,
                                       gint64      user_id,
                                       gint64      accepted_step,
                                       GError    **error)
{
  return ward_store_run_changing (store,
      "INSERT INTO totp_secrets (user_id, sealed_secret, algorithm, digits, period, last_step,"
      " confirmed_at, created_at, enrolled_by) SELECT user_id, sealed_secret, algorithm, digits, period, ?2, ?3,"
      " created_at, enrolled_by"
      " FROM totp_pending WHERE user_id = ?1 ON CONFLICT (user_id) DO UPDATE SET"
      " sealed_secret = excluded.sealed_secret, algorithm = excluded.algorithm, digits = excluded.digits,"
      " period = excluded.period, last_step = excluded.last_step, confirmed_at = excluded.confirmed_at,"
      " created_at = excluded.created_at, enrolled_by = excluded.enrolled_by",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_INT64 (accepted_step), WARD_ARG_INT64 (ward_store_now (store))),
      WARD_STORE_ERROR_NOT_FOUND, _("No authenticator app is being set up for this account; start again."), error)
    && ward_store_run (store, "DELETE FROM totp_pending WHERE user_id = ?", WARD_ARGS (WARD_ARG_INT64 (user_id)),
                       error);
}

GBytes *
ward_credentials_unseal_totp (WardStore             *store,
                              const WardTotpRecord  *record,
                              GError               **error)
{
  g_autofree char *context = totp_context (record->user_id);

  return ward_install_key_unseal (ward_store_get_key (store), record->sealed_secret, context, error);
}

/* Records the time step of an accepted code, only if it is later than any
 * step accepted before: the same code, or an older one, can never be
 * accepted twice, not even by two kiosks at the same instant. */
gboolean
ward_credentials_accept_totp_step (WardStore  *store,
                                   gint64      user_id,
                                   gint64      step,
                                   GError    **error)
{
  return ward_store_run_changing (store,
      "UPDATE totp_secrets SET last_step = ?1 WHERE user_id = ?2 AND (last_step IS NULL OR last_step < ?1)",
      WARD_ARGS (WARD_ARG_INT64 (step), WARD_ARG_INT64 (user_id)),
      WARD_STORE_ERROR_STALE, _("This code was already used."), error);
}

gboolean
ward_credentials_delete_totp (WardStore  *store,
                              gint64      user_id,
                              GError    **error)
{
  return ward_store_run (store, "DELETE FROM totp_pending WHERE user_id = ?", WARD_ARGS (WARD_ARG_INT64 (user_id)),
                         error)
      && ward_store_run_changing (store, "DELETE FROM totp_secrets WHERE user_id = ?",
                                  WARD_ARGS (WARD_ARG_INT64 (user_id)),
                                  WARD_STORE_ERROR_NOT_FOUND, _("No authenticator app is enrolled for this account."),
                                  error);
}

void
ward_enrolment_record_free (WardEnrolmentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->label);
  g_free (record);
}

static WardEnrolmentRecord *
enrolment_from_row (WardStmt *stmt)
{
  WardEnrolmentRecord *record = g_new0 (WardEnrolmentRecord, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (WARD_COL_TEXT (&record->kind), WARD_COL_INT64 (&record->id),
                                              WARD_COL_INT64 (&record->enrolled_by), WARD_COL_TEXT (&record->label)));
  return record;
}

/* Every working credential of the account with who put it there: the
 * caller decides whose enrolments it no longer trusts. */
GPtrArray *
ward_credentials_list_enrolments (WardStore  *store,
                                  gint64      user_id,
                                  GError    **error)
{
  return ward_store_collect (store,
      "SELECT 'badge', id, coalesce (enrolled_by, 0), '' FROM badges WHERE user_id = ?1 AND revoked_at IS NULL"
      " UNION ALL SELECT 'key', id, coalesce (enrolled_by, 0), label FROM fido_credentials"
      "  WHERE user_id = ?1 AND revoked_at IS NULL"
      " UNION ALL SELECT 'app', user_id, coalesce (enrolled_by, 0), '' FROM totp_secrets WHERE user_id = ?1"
      " UNION ALL SELECT 'app-pending', user_id, coalesce (enrolled_by, 0), '' FROM totp_pending WHERE user_id = ?1",
      WARD_ARGS (WARD_ARG_INT64 (user_id)),
      (WardStmtRowFunc) enrolment_from_row, (GDestroyNotify) ward_enrolment_record_free, error);
}
