/* ward-users-section.h: staff accounts: search, add, open one, disable */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_USERS_SECTION (ward_users_section_get_type ())
G_DECLARE_FINAL_TYPE (WardUsersSection, ward_users_section, WARD, USERS_SECTION, WardAdminSection)

G_END_DECLS
