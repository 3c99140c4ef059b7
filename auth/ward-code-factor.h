/* ward-code-factor.h: the authenticator-app code (TOTP) as a sign-in factor: enrolment and checking */
#pragma once

#include "config.h"

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "auth/ward-policy.h"
#include "auth/ward-totp.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_CODE_FACTOR_ERROR (ward_code_factor_error_quark ())

typedef enum
{
  WARD_CODE_FACTOR_ERROR_WRONG_CODE,
  WARD_CODE_FACTOR_ERROR_NOT_ENROLLED,
  WARD_CODE_FACTOR_ERROR_DELAYED,
  WARD_CODE_FACTOR_ERROR_LOCKED,
} WardCodeFactorError;

typedef struct
{
  char   *otpauth_uri;
  char   *secret_base32;
} WardCodeEnrolment;

void              ward_code_enrolment_free        (WardCodeEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardCodeEnrolment, ward_code_enrolment_free)

#define WARD_TYPE_CODE_FACTOR (ward_code_factor_get_type ())
G_DECLARE_FINAL_TYPE (WardCodeFactor, ward_code_factor, WARD, CODE_FACTOR, GObject)

GQuark             ward_code_factor_error_quark   (void);

WardCodeFactor    *ward_code_factor_new           (WardStore      *store,
                                                   WardPolicy     *policy);

WardCodeEnrolment *ward_code_factor_begin_enrolment (WardCodeFactor *self,
                                                   WardActor      *actor,
                                                   const char     *username,
                                                   const char     *issuer,
                                                   GError        **error);
gboolean           ward_code_factor_confirm_enrolment (WardCodeFactor *self,
                                                   WardActor      *actor,
                                                   const char     *username,
                                                   const char     *code,
                                                   GError        **error);
gboolean           ward_code_factor_reset         (WardCodeFactor *self,
                                                   WardActor      *actor,
                                                   const char     *username,
                                                   GError        **error);
gboolean           ward_code_factor_is_enrolled   (WardCodeFactor *self,
                                                   gint64          user_id);
#if WARD_DEMO_BUILD
char              *ward_code_factor_current_code  (WardCodeFactor *self,
                                                   gint64          user_id,
                                                   gint64          offset_steps,
                                                   GError        **error);
#endif

gboolean           ward_code_factor_verify        (WardCodeFactor *self,
                                                   gint64          user_id,
                                                   const char     *username,
                                                   const char     *code,
                                                   guint          *attempts_left,
                                                   gint64         *retry_at,
                                                   GError        **error);

G_END_DECLS
