/* ward-session-audit.c: the audit records of a session's start and end */
#include "config.h"

#include "auth/ward-session-audit.h"

void
ward_session_audit_write (WardStore      *store,
                          WardAuditEvent  event,
                          const char     *actor,
                          const char     *details,
                          gboolean        flagged)
{
  g_autoptr(GError) error = NULL;

  if (!ward_audit_append (store, event, actor != NULL ? actor : "kiosk", actor, details, flagged, &error))
    g_warning ("Could not write the audit record %s: %s", ward_audit_event_name (event), error->message);
}

/* Frequent emergency use is never refused (clinical need wins): the use
 * past the usual number in an hour is raised as a high-priority alert for
 * review, numbered as the store counted it. */
static void
raise_if_overused (WardStore   *store,
                   WardSession *session,
                   const char  *username)
{
  guint use = ward_session_get_emergency_use (session);
  guint usual = ward_session_get_emergency_limit (session);
  g_autofree char *use_text = NULL;
  g_autofree char *usual_text = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *details = NULL;

  if (use <= usual)
    return;
  use_text = g_strdup_printf ("%u", use);
  usual_text = g_strdup_printf ("%u", usual);
  session_text = g_strdup_printf ("%" G_GINT64_FORMAT, ward_session_get_id (session));
  details = ward_audit_details ("use_in_hour", use_text, "usual_per_hour", usual_text,
                                "session", session_text, "priority", "high", NULL);
  ward_session_audit_write (store, WARD_AUDIT_BREAK_GLASS_OVERUSED, username, details, TRUE);
}

void
ward_session_audit_started (WardStore   *store,
                            WardSession *session,
                            const char  *username,
                            WardFactors  factors,
                            const char  *reason)
{
  gboolean emergency = ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS;
  g_autofree char *factor_names = ward_policy_factors_to_string (factors);
  g_autofree char *details = emergency ? ward_audit_details ("reason", reason, NULL)
                                       : ward_audit_details ("factors", factor_names, NULL);

  ward_session_audit_write (store, emergency ? WARD_AUDIT_BREAK_GLASS_STARTED : WARD_AUDIT_SIGNED_IN,
                            username, details, emergency);
  if (emergency)
    raise_if_overused (store, session, username);
}

void
ward_session_audit_ended (WardStore   *store,
                          WardSession *session,
                          const char  *how,
                          gboolean     timed_out)
{
  gboolean emergency = ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS;
  g_autofree char *details = ward_audit_details ("how", how, NULL);

  ward_session_audit_write (store, timed_out ? WARD_AUDIT_SESSION_TIMED_OUT : WARD_AUDIT_SIGNED_OUT,
                            ward_session_get_username (session), details, emergency);
  if (emergency)
    ward_session_audit_write (store, WARD_AUDIT_BREAK_GLASS_ENDED, ward_session_get_username (session),
                              details, TRUE);
}
