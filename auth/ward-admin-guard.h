/* ward-admin-guard.h: after any change, someone must still be able to sign in and administer */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_ADMIN_GUARD_ERROR (ward_admin_guard_error_quark ())

typedef enum
{
  WARD_ADMIN_GUARD_ERROR_NO_USABLE_ADMIN,
} WardAdminGuardError;

GQuark   ward_admin_guard_error_quark   (void);
gboolean ward_admin_guard_is_usable     (WardStore  *store,
                                         gint64      user_id);
guint    ward_admin_guard_count_usable  (WardStore  *store,
                                         gint64      leaving_user_id);
gboolean ward_admin_guard_check_after   (WardStore  *store,
                                         guint       usable_before,
                                         GError    **error);

G_END_DECLS
