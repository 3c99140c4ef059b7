/* ward-audit-private.h: audit rows as records, for the modules of data/ that read the audit table */
#pragma once

#include "data/ward-audit.h"
#include "data/ward-stmt-private.h"

G_BEGIN_DECLS

/* The columns a SELECT lists, in this order, for ward_audit_record_from_row(). */
#define WARD_AUDIT_RECORD_COLUMNS "seq, at_us, event, actor, subject, kiosk_id, details, flagged"

WardAuditRecord *ward_audit_record_from_row (WardStmt *stmt);

G_END_DECLS
