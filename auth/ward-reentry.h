/* ward-reentry.h: a session held after an idle lock, which its person may resume with badge and key */
#pragma once

#include <glib-object.h>

#include "auth/ward-session.h"
#include "data/ward-directory.h"
#include "data/ward-policy-store.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

/* Whether the person who tapped may come back to the held session with
 * badge and key, or why the full sign-in is asked instead. */
typedef enum
{
  WARD_REENTRY_ALLOWED,
  WARD_REENTRY_NOT_HELD,        /* nothing held for this person */
  WARD_REENTRY_EXPIRED,         /* longer without a touch than the role allows */
  WARD_REENTRY_LIMIT,           /* the session reached its 12-hour limit */
  WARD_REENTRY_ROLES_CHANGED,   /* a role was taken or given meanwhile */
  WARD_REENTRY_OFF,             /* the role's policy no longer allows it */
  WARD_REENTRY_ACCOUNT,         /* the account was disabled or removed */
} WardReentryVerdict;

#define WARD_TYPE_REENTRY (ward_reentry_get_type ())
G_DECLARE_FINAL_TYPE (WardReentry, ward_reentry, WARD, REENTRY, GObject)

WardReentry        *ward_reentry_new           (WardStore      *store);

gboolean            ward_reentry_hold          (WardReentry    *self,
                                                WardSession    *session);
gboolean            ward_reentry_is_holding    (WardReentry    *self);
gint64              ward_reentry_get_user_id   (WardReentry    *self);
const char         *ward_reentry_get_full_name (WardReentry    *self);
gint64              ward_reentry_get_until     (WardReentry    *self);

WardReentryVerdict  ward_reentry_check         (WardReentry    *self,
                                                WardUserRecord *user,
                                                WardFactors     factors);
const char         *ward_reentry_verdict_why   (WardReentryVerdict verdict);
const char         *ward_reentry_verdict_note  (WardReentryVerdict verdict);
WardSession        *ward_reentry_resume        (WardReentry    *self);
void                ward_reentry_end           (WardReentry    *self,
                                                const char     *reason);
gboolean            ward_reentry_expire        (WardReentry    *self);

G_END_DECLS
