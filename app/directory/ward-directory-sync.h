/* ward-directory-sync.h: bringing staff, their names, active state and mapped roles in from the hospital directory */
#pragma once

#include <glib-object.h>

#include "app/directory/ward-directory-plan.h"
#include "app/directory/ward-ldap-client.h"
#include "auth/ward-store-service.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_TYPE_DIRECTORY_SYNC (ward_directory_sync_get_type ())
G_DECLARE_FINAL_TYPE (WardDirectorySync, ward_directory_sync, WARD, DIRECTORY_SYNC, WardStoreService)

WardDirectorySync       *ward_directory_sync_new         (WardStore          *store);
void                     ward_directory_sync_set_timeout (WardDirectorySync  *self,
                                                          guint               seconds);
WardDirectorySyncResult *ward_directory_sync_run         (WardDirectorySync  *self,
                                                          gboolean            dry_run,
                                                          const char         *run_by,
                                                          GError            **error);

G_END_DECLS
