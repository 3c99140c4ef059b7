/* ward-directory-admin.h: setting up the hospital directory and its group → role maps, each step checked and audited */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "auth/ward-store-service.h"
#include "data/ward-ldap-settings.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_TYPE_DIRECTORY_ADMIN (ward_directory_admin_get_type ())
G_DECLARE_FINAL_TYPE (WardDirectoryAdmin, ward_directory_admin, WARD, DIRECTORY_ADMIN, WardStoreService)

WardDirectoryAdmin *ward_directory_admin_new        (WardStore              *store);

gboolean            ward_directory_admin_configure  (WardDirectoryAdmin     *self,
                                                     WardActor              *actor,
                                                     const WardLdapSettings *settings,
                                                     GBytes                 *bind_password,
                                                     GError                **error);
gboolean            ward_directory_admin_map        (WardDirectoryAdmin     *self,
                                                     WardActor              *actor,
                                                     const char             *group_dn,
                                                     const char             *role,
                                                     GError                **error);
gboolean            ward_directory_admin_unmap      (WardDirectoryAdmin     *self,
                                                     WardActor              *actor,
                                                     const char             *group_dn,
                                                     const char             *role,
                                                     GError                **error);
WardLdapSettings   *ward_directory_admin_show       (WardDirectoryAdmin     *self,
                                                     WardActor              *actor,
                                                     GPtrArray             **maps,
                                                     GError                **error);

G_END_DECLS
