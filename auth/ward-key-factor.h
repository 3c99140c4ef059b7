/* ward-key-factor.h: the FIDO2 security key as a sign-in factor: enrolment, revocation, checking */
#pragma once

#include <gio/gio.h>

#include "auth/ward-actor.h"
#include "auth/ward-fido-key.h"
#include "auth/ward-policy.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_KEY_FACTOR_ERROR (ward_key_factor_error_quark ())

typedef enum
{
  WARD_KEY_FACTOR_ERROR_NOT_ENROLLED,
  WARD_KEY_FACTOR_ERROR_DELAYED,
  WARD_KEY_FACTOR_ERROR_LOCKED,
} WardKeyFactorError;

#define WARD_TYPE_KEY_FACTOR (ward_key_factor_get_type ())
G_DECLARE_FINAL_TYPE (WardKeyFactor, ward_key_factor, WARD, KEY_FACTOR, GObject)

GQuark         ward_key_factor_error_quark (void);

WardKeyFactor *ward_key_factor_new          (WardStore      *store,
                                             WardPolicy     *policy,
                                             WardFidoKey    *fido);
WardFidoKey   *ward_key_factor_get_fido_key (WardKeyFactor  *self);

void           ward_key_factor_enroll_async (WardKeyFactor       *self,
                                             WardActor           *actor,
                                             const char          *username,
                                             const char          *label,
                                             const char          *pin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gint64         ward_key_factor_enroll_finish (WardKeyFactor      *self,
                                             GAsyncResult        *result,
                                             GError             **error);
GPtrArray     *ward_key_factor_list_keys    (WardKeyFactor  *self,
                                             WardActor      *actor,
                                             const char     *username,
                                             GError        **error);
gboolean       ward_key_factor_revoke       (WardKeyFactor  *self,
                                             WardActor      *actor,
                                             const char     *username,
                                             gint64          key_id,
                                             GError        **error);
gboolean       ward_key_factor_is_enrolled  (WardKeyFactor  *self,
                                             gint64          user_id);

void           ward_key_factor_verify_async (WardKeyFactor       *self,
                                             gint64               user_id,
                                             const char          *username,
                                             gboolean             require_uv,
                                             const char          *pin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       ward_key_factor_verify_finish (WardKeyFactor      *self,
                                             GAsyncResult        *result,
                                             guint               *attempts_left,
                                             GError             **error);

G_END_DECLS
