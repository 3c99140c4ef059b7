/* ward-roles-section.h: what each role may do, as a table of boxes to tick */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_ROLES_SECTION (ward_roles_section_get_type ())
G_DECLARE_FINAL_TYPE (WardRolesSection, ward_roles_section, WARD, ROLES_SECTION, WardAdminSection)

GtkCheckButton *ward_roles_section_get_check (WardRolesSection *self,
                                              const char       *role,
                                              const char       *permission);

G_END_DECLS
