/* ward-locked-section.h: accounts locked after failed sign-ins, each with an Unlock button */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_LOCKED_SECTION (ward_locked_section_get_type ())
G_DECLARE_FINAL_TYPE (WardLockedSection, ward_locked_section, WARD, LOCKED_SECTION, WardAdminSection)

G_END_DECLS
