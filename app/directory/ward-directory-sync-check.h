/* ward-directory-sync-check.h: the administrator rules a directory sync's whole plan must keep */
#pragma once

#include "app/directory/ward-directory-plan.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

gboolean ward_directory_sync_check_admins (WardStore                *store,
                                           WardDirectorySyncResult  *result,
                                           GError                  **error);

G_END_DECLS
