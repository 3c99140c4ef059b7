/* ward-audit-words.c: every audit event in words an administrator reads, instead of its id */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-audit-words.h"

typedef struct
{
  const char *event;
  const char *words;
} EventWords;

static const EventWords event_words[] = {
  { "store.initialised", N_("Database created") },
  { "admin.bootstrapped", N_("First administrator created") },
  { "admin.recovered", N_("Administrator restored with the install key") },
  { "user.added", N_("Account added") },
  { "user.disabled", N_("Account disabled") },
  { "user.enabled", N_("Account enabled again") },
  { "role.granted", N_("Role given") },
  { "role.revoked", N_("Role taken away") },
  { "permission.granted", N_("Permission given to a role") },
  { "permission.revoked", N_("Permission taken from a role") },
  { "permission.refused", N_("Refused: not permitted") },
  { "audit.verified", N_("Audit chain verified intact") },
  { "audit.broken", N_("Audit chain found broken") },
  { "badge.enrolled", N_("Badge enrolled") },
  { "badge.revoked", N_("Badge revoked") },
  { "badge.unknown", N_("Unknown badge tapped") },
  { "key.enrolled", N_("Security key enrolled") },
  { "key.revoked", N_("Security key revoked") },
  { "totp.enrolled", N_("Authenticator app set up") },
  { "totp.enroll-started", N_("Authenticator app set-up started") },
  { "totp.reset", N_("Authenticator app reset") },
  { "factor.failed", N_("Sign-in step failed") },
  { "account.locked", N_("Account locked") },
  { "account.unlocked", N_("Account unlocked") },
  { "policy.changed", N_("Sign-in policy changed") },
  { "session.signed-in", N_("Signed in") },
  { "session.signed-out", N_("Signed out") },
  { "session.timed-out", N_("Session timed out") },
  { "session.refused", N_("Sign-in refused") },
  { "session.step-up", N_("Key touched again for a risky change") },
  { "session.resumed", N_("Came back to the session with badge and key") },
  { "break-glass.started", N_("Emergency access started") },
  { "break-glass.ended", N_("Emergency access ended") },
  { "break-glass.reviewed", N_("Emergency access reviewed") },
  { "break-glass.overused", N_("Emergency access used often: review first") },
  { "device.change-requested", N_("Device change requested") },
  { "device.change-applied", N_("Device change applied") },
  { "device.change-failed", N_("Device change failed") },
  { "device.change-refused", N_("Device change refused") },
  { "device.change-applied-late", N_("Device change applied late, after no answer") },
  { "awareness.answered", N_("Awareness question answered") },
  { "awareness.skipped", N_("Awareness question skipped") },
  { "directory.configured", N_("Hospital directory set up") },
  { "directory.group-mapped", N_("Directory group given a role") },
  { "directory.group-unmapped", N_("Directory group no longer gives a role") },
  { "directory.user-added", N_("Account added from the directory") },
  { "directory.user-renamed", N_("Name updated from the directory") },
  { "directory.user-disabled", N_("Account disabled by the directory") },
  { "directory.user-enabled", N_("Account enabled by the directory") },
  { "directory.role-granted", N_("Role given by a directory group") },
  { "directory.role-revoked", N_("Role taken away by the directory") },
  { "directory.synced", N_("Directory synchronised") },
  { "directory.sync-failed", N_("Directory sync refused or failed") },
  { "kiosk.started", N_("Kiosk started") },
};

/* NULL for an event this kiosk has no words for (a test lists every event
 * the code knows, so that does not happen for ours). */
const char *
ward_audit_words_for_event (const char *event)
{
  for (gsize i = 0; i < G_N_ELEMENTS (event_words); i++)
    if (g_strcmp0 (event_words[i].event, event) == 0)
      return _(event_words[i].words);
  return NULL;
}
