/* ward-audit-anchor-private.h: the MAC'd record of the audit chain's newest row, kept beside the database */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_AUDIT_ANCHOR_OK,
  WARD_AUDIT_ANCHOR_MISSING,
  WARD_AUDIT_ANCHOR_FORGED,
} WardAuditAnchorState;

char                 *ward_audit_anchor_path  (WardStore    *store);
WardAuditAnchorState  ward_audit_anchor_read  (WardStore    *store,
                                               gint64       *seq,
                                               guint8        hash[WARD_INSTALL_KEY_MAC_LEN]);
void                  ward_audit_anchor_write (WardStore    *store,
                                               gint64        seq,
                                               const guint8 *hash);
gboolean              ward_audit_anchor_hold  (WardStore    *store,
                                               GError      **error);
gboolean              ward_audit_anchor_move  (WardStore    *store,
                                               gint64        seq,
                                               const guint8 *hash,
                                               GError      **error);

G_END_DECLS
