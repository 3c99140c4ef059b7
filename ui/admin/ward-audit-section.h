/* ward-audit-section.h: the audit trail, newest first, with filters, chain verification and break-glass review */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_AUDIT_SECTION (ward_audit_section_get_type ())
G_DECLARE_FINAL_TYPE (WardAuditSection, ward_audit_section, WARD, AUDIT_SECTION, WardAdminSection)

G_END_DECLS
