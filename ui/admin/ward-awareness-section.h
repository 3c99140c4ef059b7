/* ward-awareness-section.h: security-awareness results over a period: totals, overdue people, per person and per topic */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_AWARENESS_SECTION (ward_awareness_section_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessSection, ward_awareness_section, WARD, AWARENESS_SECTION, WardAdminSection)

G_END_DECLS
