/* ward-directory.h: staff accounts, roles and permissions as stored */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *username;
  char     *full_name;
  gboolean  disabled;
  gint64    created_at;
  GStrv     roles;
} WardUserRecord;

typedef struct
{
  char  *name;
  char  *description;
  GStrv  permissions;
  guint  n_members;
} WardRoleRecord;

void            ward_user_record_free          (WardUserRecord *record);
void            ward_role_record_free          (WardRoleRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardUserRecord, ward_user_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardRoleRecord, ward_role_record_free)

WardUserRecord *ward_directory_find_user       (WardStore   *store,
                                                const char  *username,
                                                GError     **error);
WardUserRecord *ward_directory_get_user        (WardStore   *store,
                                                gint64       user_id,
                                                GError     **error);
GPtrArray      *ward_directory_list_users      (WardStore   *store,
                                                const char  *search,
                                                GError     **error);
gint64          ward_directory_add_user        (WardStore   *store,
                                                const char  *username,
                                                const char  *full_name,
                                                GError     **error);
gboolean        ward_directory_set_full_name   (WardStore   *store,
                                                gint64       user_id,
                                                const char  *full_name,
                                                GError     **error);
gboolean        ward_directory_set_disabled    (WardStore   *store,
                                                gint64       user_id,
                                                gboolean     disabled,
                                                GError     **error);
gboolean        ward_directory_grant_role      (WardStore   *store,
                                                gint64       user_id,
                                                const char  *role,
                                                const char  *granted_by,
                                                GError     **error);
gboolean        ward_directory_revoke_role     (WardStore   *store,
                                                gint64       user_id,
                                                const char  *role,
                                                GError     **error);
gboolean        ward_directory_permit          (WardStore   *store,
                                                const char  *role,
                                                const char  *permission,
                                                GError     **error);
gboolean        ward_directory_forbid          (WardStore   *store,
                                                const char  *role,
                                                const char  *permission,
                                                GError     **error);
GStrv           ward_directory_user_permissions (WardStore  *store,
                                                gint64       user_id,
                                                GError     **error);
GStrv           ward_directory_held_permissions (WardStore  *store,
                                                gint64       user_id,
                                                GError     **error);
GPtrArray      *ward_directory_list_roles      (WardStore   *store,
                                                GError     **error);
GStrv           ward_directory_list_permissions (WardStore  *store,
                                                GError     **error);
gboolean        ward_directory_has_role        (WardStore   *store,
                                                const char  *role);
gboolean        ward_directory_has_permission  (WardStore   *store,
                                                const char  *permission);
gint            ward_directory_count_admins    (WardStore   *store,
                                                GError     **error);
GArray         *ward_directory_list_admin_ids  (WardStore   *store,
                                                GError     **error);

G_END_DECLS
