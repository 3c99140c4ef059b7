/* ward-reentry.c: a session held after an idle lock, which its person may resume with badge and key */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-reentry.h"
#include "data/ward-audit.h"
#include "data/ward-reentry-store.h"

/* After an idle lock the session is not ended but held here, unable to do
 * anything (an idle-locked session is refused every permission), for as
 * long as its person's roles allow coming back without the code. Anything
 * else (another person's sign-in, emergency access, the window or the
 * 12-hour limit passing, the account disabled) ends it for good. */
struct _WardReentry
{
  GObject      parent_instance;
  WardStore   *store;
  WardSession *session;
  guint        minutes;          /* the window when it was held */
  gint64       last_activity_us; /* monotonic: the window counts from the last touch */
  gint64       deadline_us;      /* monotonic: the window or the session's limit, the sooner */
  gint64       until;            /* the same, wall clock (seconds), for the lock screen */
};

G_DEFINE_FINAL_TYPE (WardReentry, ward_reentry, G_TYPE_OBJECT)

static void
ward_reentry_dispose (GObject *object)
{
  WardReentry *self = WARD_REENTRY (object);

  if (self->session != NULL)
    ward_reentry_end (self, "kiosk-closed");
  G_OBJECT_CLASS (ward_reentry_parent_class)->dispose (object);
}

static void
ward_reentry_finalize (GObject *object)
{
  g_clear_object (&WARD_REENTRY (object)->store);
  G_OBJECT_CLASS (ward_reentry_parent_class)->finalize (object);
}

static void
ward_reentry_class_init (WardReentryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ward_reentry_dispose;
  G_OBJECT_CLASS (klass)->finalize = ward_reentry_finalize;
}

static void
ward_reentry_init (WardReentry *self)
{
}

WardReentry *
ward_reentry_new (WardStore *store)
{
  WardReentry *self = g_object_new (WARD_TYPE_REENTRY, NULL);

  self->store = g_object_ref (store);
  return self;
}

static gint64
monotonic (WardReentry *self)
{
  return ward_clock_get_monotonic_us (ward_store_get_clock (self->store));
}

static gint64
deadline_for (WardReentry *self,
              guint        minutes)
{
  gint64 window = self->last_activity_us + (gint64) minutes * 60 * G_USEC_PER_SEC;
  gint64 limit = monotonic (self) + ward_session_get_seconds_until_limit (self->session) * G_USEC_PER_SEC;

  return MIN (window, limit);
}

/* Called as @session idle-locks. TRUE when it is held for its person to
 * come back; FALSE when the caller ends it (an emergency session, a role
 * without re-entry, a window already past). */
gboolean
ward_reentry_hold (WardReentry *self,
                   WardSession *session)
{
  g_autoptr(GError) error = NULL;
  guint minutes = 0;
  gint64 now;

  g_return_val_if_fail (WARD_IS_REENTRY (self), FALSE);
  g_return_val_if_fail (WARD_IS_SESSION (session), FALSE);

  if (self->session != NULL)
    ward_reentry_end (self, "replaced");
  if (ward_session_get_kind (session) != WARD_SESSION_KIND_NORMAL
      || ward_session_get_state (session) != WARD_SESSION_IDLE_EXPIRED)
    return FALSE;
  if (!ward_reentry_store_get_user_minutes (self->store, ward_session_get_user_id (session), &minutes, &error))
    {
      g_warning ("Could not read the re-entry policy: %s", error->message);
      return FALSE;
    }
  if (minutes == 0)
    return FALSE;

  now = monotonic (self);
  self->session = g_object_ref (session);
  self->minutes = minutes;
  self->last_activity_us = now - ward_session_get_inactive_us (session);
  self->deadline_us = deadline_for (self, minutes);
  if (self->deadline_us <= now)
    {
      g_clear_object (&self->session);
      return FALSE;
    }
  self->until = ward_clock_get_now (ward_store_get_clock (self->store))
              + (self->deadline_us - now) / G_USEC_PER_SEC;
  return TRUE;
}

gboolean
ward_reentry_is_holding (WardReentry *self)
{
  g_return_val_if_fail (WARD_IS_REENTRY (self), FALSE);
  return self->session != NULL;
}

gint64
ward_reentry_get_user_id (WardReentry *self)
{
  g_return_val_if_fail (WARD_IS_REENTRY (self), 0);
  return self->session != NULL ? ward_session_get_user_id (self->session) : 0;
}

/* The name the lock screen shows; NULL when nothing is held. */
const char *
ward_reentry_get_full_name (WardReentry *self)
{
  g_return_val_if_fail (WARD_IS_REENTRY (self), NULL);
  if (self->session == NULL)
    return NULL;
  return ward_session_get_full_name (self->session) != NULL ? ward_session_get_full_name (self->session)
                                                           : ward_session_get_username (self->session);
}

/* Until when (Unix time, seconds) the person may come back without the
 * code; 0 when nothing is held. */
gint64
ward_reentry_get_until (WardReentry *self)
{
  g_return_val_if_fail (WARD_IS_REENTRY (self), 0);
  return self->session != NULL ? self->until : 0;
}

static gboolean
same_roles (const char *const *held,
            const char *const *now)
{
  guint n_held = held != NULL ? g_strv_length ((char **) held) : 0;
  guint n_now = now != NULL ? g_strv_length ((char **) now) : 0;

  if (n_held != n_now)
    return FALSE;
  for (guint i = 0; i < n_held; i++)
    if (!g_strv_contains (now, held[i]))
      return FALSE;
  return TRUE;
}

/* Asked when @user's badge is tapped at the locked kiosk, after the usual
 * account checks (disabled, locked out) have let them begin. @factors is
 * what their roles need now: without a key there is no re-entry, since a
 * badge alone proves nothing. */
WardReentryVerdict
ward_reentry_check (WardReentry    *self,
                    WardUserRecord *user,
                    WardFactors     factors)
{
  g_autoptr(GError) error = NULL;
  guint minutes = 0;

  g_return_val_if_fail (WARD_IS_REENTRY (self), WARD_REENTRY_NOT_HELD);
  g_return_val_if_fail (user != NULL, WARD_REENTRY_NOT_HELD);

  if (self->session == NULL || ward_session_get_user_id (self->session) != user->id)
    return WARD_REENTRY_NOT_HELD;
  switch (ward_session_get_state (self->session))
    {
    case WARD_SESSION_IDLE_EXPIRED:
      break;
    case WARD_SESSION_LIMIT_EXPIRED:
      return WARD_REENTRY_LIMIT;
    case WARD_SESSION_ACCOUNT_DISABLED:
      return WARD_REENTRY_ACCOUNT;
    default:
      return WARD_REENTRY_NOT_HELD;
    }
  if (user->disabled)
    return WARD_REENTRY_ACCOUNT;
  if (!same_roles (ward_session_get_roles (self->session), (const char *const *) user->roles))
    return WARD_REENTRY_ROLES_CHANGED;
  /* The policy as it is now: a window shortened or turned off while the
   * kiosk was locked applies at once. */
  if (!ward_reentry_store_get_user_minutes (self->store, user->id, &minutes, &error))
    {
      g_warning ("Could not read the re-entry policy: %s", error->message);
      return WARD_REENTRY_OFF;
    }
  if (minutes == 0 || !(factors & WARD_FACTOR_KEY))
    return WARD_REENTRY_OFF;
  if (monotonic (self) >= MIN (self->deadline_us, deadline_for (self, MIN (minutes, self->minutes))))
    return WARD_REENTRY_EXPIRED;
  return WARD_REENTRY_ALLOWED;
}

/* The audit's word for why re-entry was not allowed. */
const char *
ward_reentry_verdict_why (WardReentryVerdict verdict)
{
  static const char *const whys[] = { "allowed", "not-held", "expired", "time-limit", "roles-changed",
                                      "policy-off", "account" };

  return whys[verdict];
}

/* Why the code is asked again, for the code step; NULL when there is
 * nothing to explain (nothing was held for this person). */
const char *
ward_reentry_verdict_note (WardReentryVerdict verdict)
{
  switch (verdict)
    {
    case WARD_REENTRY_EXPIRED:
      return _("Your code is needed again: your screen was locked for too long to return with badge and key only.");
    case WARD_REENTRY_LIMIT:
      return _("Your code is needed again: your session reached its 12-hour limit.");
    case WARD_REENTRY_ROLES_CHANGED:
      return _("Your code is needed again: your roles changed while the screen was locked.");
    case WARD_REENTRY_OFF:
      return _("Your code is needed again: your role always signs in with the code.");
    case WARD_REENTRY_ALLOWED:
    case WARD_REENTRY_NOT_HELD:
    case WARD_REENTRY_ACCOUNT:
    default:
      return NULL;
    }
}

/* After the key step succeeded: the held session goes on, audited as
 * session.resumed. NULL when it can no longer (the limit or the window
 * passed during the key step, the account was disabled): the caller asks
 * for the code then. */
WardSession *
ward_reentry_resume (WardReentry *self)
{
  g_autoptr(WardSession) session = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *inactive_text = NULL;
  g_autofree char *details = NULL;
  gint64 inactive_s;

  g_return_val_if_fail (WARD_IS_REENTRY (self), NULL);
  if (self->session == NULL || monotonic (self) >= self->deadline_us)
    return NULL;
  inactive_s = ward_session_get_inactive_us (self->session) / G_USEC_PER_SEC;
  if (!ward_session_resume (self->session))
    return NULL;
  session = g_steal_pointer (&self->session);
  session_text = g_strdup_printf ("%" G_GINT64_FORMAT, ward_session_get_id (session));
  inactive_text = g_strdup_printf ("%" G_GINT64_FORMAT, inactive_s);
  details = ward_audit_details ("session", session_text, "factors", "badge+key",
                                "inactive_seconds", inactive_text, NULL);
  ward_audit_append (self->store, WARD_AUDIT_SESSION_RESUMED, ward_session_get_username (session),
                     ward_session_get_username (session), details, FALSE, NULL);
  return g_steal_pointer (&session);
}

/* Ends the held session for good (its record is closed with @reason);
 * the lock was audited when it happened. */
void
ward_reentry_end (WardReentry *self,
                  const char  *reason)
{
  g_autoptr(WardSession) session = NULL;

  g_return_if_fail (WARD_IS_REENTRY (self));
  session = g_steal_pointer (&self->session);
  if (session != NULL)
    ward_session_end (session, reason);
}

/* Called every second while held: TRUE when the held session ended now
 * (the window or the limit passed, the account was disabled). */
gboolean
ward_reentry_expire (WardReentry *self)
{
  WardSessionState state;

  g_return_val_if_fail (WARD_IS_REENTRY (self), FALSE);
  if (self->session == NULL)
    return FALSE;
  state = ward_session_get_state (self->session);
  if (state == WARD_SESSION_IDLE_EXPIRED && monotonic (self) < self->deadline_us)
    return FALSE;
  ward_reentry_end (self, state == WARD_SESSION_LIMIT_EXPIRED ? "time-limit"
                          : state == WARD_SESSION_ACCOUNT_DISABLED ? "account-disabled" : "idle");
  return TRUE;
}
