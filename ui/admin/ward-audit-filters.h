/* ward-audit-filters.h: the audit trail's three filters: the person, the kind of event, since when */
#pragma once

#include <gtk/gtk.h>

#include "app/admin/ward-account-admin.h"

G_BEGIN_DECLS

#define WARD_TYPE_AUDIT_FILTERS (ward_audit_filters_get_type ())
/* Signals:
 *   "changed" ()   a filter was changed: the records are to be read again */
G_DECLARE_FINAL_TYPE (WardAuditFilters, ward_audit_filters, WARD, AUDIT_FILTERS, GtkWidget)

void ward_audit_filters_apply (WardAuditFilters *self,
                               gint64            now,
                               WardAuditFilter  *filter);

G_END_DECLS
