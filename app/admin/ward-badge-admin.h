/* ward-badge-admin.h: enrolling and revoking staff badges, checked and audited */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "auth/ward-store-service.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_BADGE_ADMIN_ERROR (ward_badge_admin_error_quark ())

typedef enum
{
  WARD_BADGE_ADMIN_ERROR_INVALID_UID,
  WARD_BADGE_ADMIN_ERROR_NO_BADGE,
} WardBadgeAdminError;

#define WARD_TYPE_BADGE_ADMIN (ward_badge_admin_get_type ())
G_DECLARE_FINAL_TYPE (WardBadgeAdmin, ward_badge_admin, WARD, BADGE_ADMIN, WardStoreService)

GQuark          ward_badge_admin_error_quark (void);

WardBadgeAdmin *ward_badge_admin_new        (WardStore       *store);
gboolean        ward_badge_admin_check_uid  (const char      *uid,
                                             GError         **error);
gboolean        ward_badge_admin_enroll     (WardBadgeAdmin  *self,
                                             WardActor       *actor,
                                             const char      *username,
                                             const char      *uid,
                                             GError         **error);
guint           ward_badge_admin_revoke     (WardBadgeAdmin  *self,
                                             WardActor       *actor,
                                             const char      *username,
                                             GError         **error);

G_END_DECLS
