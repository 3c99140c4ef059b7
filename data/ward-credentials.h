/* ward-credentials.h: badges, security keys and TOTP secrets as stored */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  gint64   user_id;
  GBytes  *credential_id;
  int      cose_alg;
  GBytes  *public_key;
  gint64   sign_count;
  GBytes  *aaguid;
  char    *rp_id;
  char    *label;
  gint64   created_at;
  gint64   last_used_at;   /* 0: never */
  gint64   revoked_at;     /* 0: active */
  gint64   enrolled_by;    /* user id; 0: nobody recorded */
} WardKeyRecord;

typedef struct
{
  gint64   user_id;
  GBytes  *sealed_secret;
  char    *algorithm;      /* "SHA1", "SHA256", "SHA512" */
  guint    digits;
  guint    period;
  gint64   last_step;      /* -1: no code accepted yet */
  gboolean confirmed;
} WardTotpRecord;

/* A working credential and who enrolled it. */
typedef struct
{
  char    *kind;           /* "badge", "key", "app", "app-pending" */
  gint64   id;
  gint64   enrolled_by;    /* user id; 0: nobody recorded */
  char    *label;
} WardEnrolmentRecord;

void            ward_key_record_free        (WardKeyRecord  *record);
void            ward_enrolment_record_free  (WardEnrolmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardEnrolmentRecord, ward_enrolment_record_free)
void            ward_totp_record_free       (WardTotpRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardKeyRecord, ward_key_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardTotpRecord, ward_totp_record_free)

/* Badges: only the keyed hash of the UID is stored. */
gboolean        ward_credentials_add_badge  (WardStore   *store,
                                             gint64       user_id,
                                             const char  *badge_uid,
                                             gint64       enrolled_by,
                                             GError     **error);
gint64          ward_credentials_find_badge (WardStore   *store,
                                             const char  *badge_uid,
                                             GError     **error);
guint           ward_credentials_revoke_badges (WardStore *store,
                                             gint64       user_id,
                                             GError     **error);
guint           ward_credentials_count_badges (WardStore  *store,
                                             gint64       user_id);

/* Security keys. */
gint64          ward_credentials_add_key    (WardStore           *store,
                                             const WardKeyRecord *record,
                                             GError             **error);
GPtrArray      *ward_credentials_list_keys  (WardStore   *store,
                                             gint64       user_id,
                                             gboolean     include_revoked,
                                             GError     **error);
gboolean        ward_credentials_revoke_key (WardStore   *store,
                                             gint64       user_id,
                                             gint64       key_id,
                                             GError     **error);
gboolean        ward_credentials_advance_key_counter (WardStore *store,
                                             gint64       key_id,
                                             gint64       expected_count,
                                             gint64       new_count,
                                             GError     **error);

/* TOTP secrets, sealed under the install key. A new secret is pending until
 * a first code confirms it; only then does it replace the working one. */
gboolean        ward_credentials_set_pending_totp (WardStore    *store,
                                             gint64        user_id,
                                             const guint8 *secret,
                                             gsize         secret_length,
                                             const char   *algorithm,
                                             guint         digits,
                                             guint         period,
                                             gint64        enrolled_by,
                                             GError      **error);
WardTotpRecord *ward_credentials_get_totp   (WardStore   *store,
                                             gint64       user_id,
                                             GError     **error);
WardTotpRecord *ward_credentials_get_pending_totp (WardStore *store,
                                             gint64       user_id,
                                             GError     **error);
gboolean        ward_credentials_promote_pending_totp (WardStore *store,
                                             gint64       user_id,
                                             gint64       accepted_step,
                                             GError     **error);
GBytes         *ward_credentials_unseal_totp (WardStore       *store,
                                             const WardTotpRecord *record,
                                             GError         **error);
gboolean        ward_credentials_accept_totp_step (WardStore *store,
                                             gint64       user_id,
                                             gint64       step,
                                             GError     **error);
gboolean        ward_credentials_delete_totp (WardStore   *store,
                                             gint64       user_id,
                                             GError     **error);

GPtrArray      *ward_credentials_list_enrolments (WardStore *store,
                                             gint64       user_id,
                                             GError     **error);

G_END_DECLS
