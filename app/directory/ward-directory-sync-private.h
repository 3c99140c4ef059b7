/* ward-directory-sync-private.h: what the directory sync's files share */
#pragma once

#include "app/directory/ward-directory-sync.h"

G_BEGIN_DECLS

gboolean ward_directory_sync_check_admins (WardStore                *store,
                                           WardDirectorySyncResult  *result,
                                           GError                  **error);

G_END_DECLS
