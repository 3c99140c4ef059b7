/* ward-session-audit.h: the audit records of a session's start and end, emergency use counted */
#pragma once

#include <glib.h>

#include "auth/ward-policy.h"
#include "auth/ward-session.h"
#include "data/ward-audit.h"

G_BEGIN_DECLS

/* Writes one audit record; a failure is logged (the event itself goes on:
 * the audit trail's own checks report the gap). */
void ward_session_audit_write   (WardStore      *store,
                                 WardAuditEvent  event,
                                 const char     *actor,
                                 const char     *details,
                                 gboolean        flagged);
/* Signed in with these factors, or an emergency session with its reason. */
void ward_session_audit_started (WardStore      *store,
                                 WardSession    *session,
                                 const char     *username,
                                 WardFactors     factors,
                                 const char     *reason);
/* how: "sign-out", "tap-out", "idle", …; timed_out: idle or time limit. */
void ward_session_audit_ended   (WardStore      *store,
                                 WardSession    *session,
                                 const char     *how,
                                 gboolean        timed_out);

G_END_DECLS
