/* ward-session.c: one person signed in at the kiosk: what they may do, and for how long */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-session.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"

struct _WardSession
{
  GObject            parent_instance;
  WardStore         *store;
  WardActor         *actor;
  WardSessionLimits  limits;
  WardSessionKind    kind;
  gint64             id;
  guint              emergency_use;   /* 1 for the first in the window */
  guint              emergency_limit; /* uses per window before an alert */
  gint64             user_id;
  char              *username;
  char              *full_name;
  GStrv              roles;
  /* Monotonic times: a clock change neither ends nor extends a session. */
  gint64             started_us;
  gint64             last_activity_us;
  guint              holds;           /* work awaited (a witness, a device): no idle lock */
  gint64             last_strong_us;
  gboolean           ended;
};

G_DEFINE_FINAL_TYPE (WardSession, ward_session, G_TYPE_OBJECT)

static void
ward_session_finalize (GObject *object)
{
  WardSession *self = WARD_SESSION (object);

  /* Only a session that was really opened has a record to close. */
  if (!self->ended && self->id != 0)
    ward_session_end (self, "released");
  g_clear_object (&self->actor);
  g_clear_object (&self->store);
  g_free (self->username);
  g_free (self->full_name);
  g_strfreev (self->roles);
  G_OBJECT_CLASS (ward_session_parent_class)->finalize (object);
}

static void
ward_session_class_init (WardSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_session_finalize;
}

static void
ward_session_init (WardSession *self)
{
}

static gint64
monotonic (WardSession *self)
{
  return ward_clock_get_monotonic_us (ward_store_get_clock (self->store));
}

/* Opens the session record; the caller has verified every factor (or, for
 * break-glass, the badge and a reason) and audits the sign-in. */
WardSession *
ward_session_start (WardStore                *store,
                    gint64                    user_id,
                    WardSessionKind           kind,
                    const char               *reason,
                    const WardSessionLimits  *limits,
                    GError                  **error)
{
  g_autoptr(WardSession) self = g_object_new (WARD_TYPE_SESSION, NULL);
  g_autoptr(WardUserRecord) user = ward_directory_get_user (store, user_id, error);

  if (user == NULL)
    return NULL;

  self->store = g_object_ref (store);
  self->kind = kind;
  self->limits = limits != NULL ? *limits : WARD_SESSION_LIMITS_DEFAULT;
  self->actor = kind == WARD_SESSION_KIND_BREAK_GLASS ? ward_actor_new_break_glass (store, user_id, error)
                                                      : ward_actor_new_for_user_id (store, user_id, error);
  if (self->actor == NULL)
    return NULL;

  if (kind == WARD_SESSION_KIND_BREAK_GLASS)
    {
      WardSessionLimits defaults = WARD_SESSION_LIMITS_DEFAULT;
      gint64 window_us = self->limits.break_glass_window_us > 0 ? self->limits.break_glass_window_us
                                                                : defaults.break_glass_window_us;
      guint per_window = self->limits.break_glass_per_window > 0 ? self->limits.break_glass_per_window
                                                                  : defaults.break_glass_per_window;
      gint64 since = ward_clock_get_now (ward_store_get_clock (store)) - window_us / G_USEC_PER_SEC;

      /* Counted and stored at once, so kiosks racing on one store each get
       * their own number. A use past the limit is never refused (clinical
       * need wins): the sign-in flow raises it as an alert for review. */
      self->emergency_limit = per_window;
      self->id = ward_sessions_open_counted (store, user_id, "break-glass", reason, since,
                                             per_window, WARD_SESSIONS_ALLOW_OVER_LIMIT, &self->emergency_use, error);
    }
  else
    self->id = ward_sessions_open (store, user_id, "normal", reason, error);
  if (self->id == 0)
    return NULL;

  self->user_id = user_id;
  self->username = g_strdup (user->username);
  self->full_name = g_strdup (user->full_name);
  self->roles = kind == WARD_SESSION_KIND_BREAK_GLASS ? g_strdupv ((char *[]) { "break-glass", NULL })
                                                      : g_strdupv (user->roles);
  self->started_us = self->last_activity_us = self->last_strong_us = monotonic (self);
  return g_steal_pointer (&self);
}

void
ward_session_end (WardSession *self,
                  const char  *reason)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WARD_IS_SESSION (self));
  if (self->ended)
    return;
  self->ended = TRUE;
  if (!ward_sessions_close (self->store, self->id, reason, &error))
    g_warning ("Could not record the end of session %" G_GINT64_FORMAT ": %s", self->id, error->message);
}

/* Which emergency use in the counting window this session is (0 for a
 * normal session). */
guint
ward_session_get_emergency_use (WardSession *self)
{
  g_return_val_if_fail (WARD_IS_SESSION (self), 0);
  return self->emergency_use;
}

gint64
ward_session_get_id (WardSession *self)
{
  return self->id;
}

gint64
ward_session_get_user_id (WardSession *self)
{
  return self->user_id;
}

const char *
ward_session_get_username (WardSession *self)
{
  return self->username;
}

const char *
ward_session_get_full_name (WardSession *self)
{
  return self->full_name;
}

const char *const *
ward_session_get_roles (WardSession *self)
{
  return (const char *const *) self->roles;
}

WardSessionKind
ward_session_get_kind (WardSession *self)
{
  return self->kind;
}

WardActor *
ward_session_get_actor (WardSession *self)
{
  return self->actor;
}

static gint64
limit_us (WardSession *self)
{
  return self->kind == WARD_SESSION_KIND_BREAK_GLASS
       ? MIN (self->limits.break_glass_us, self->limits.max_duration_us)
       : self->limits.max_duration_us;
}

/* A store that cannot answer this second (busy) does not end the
 * session; permissions are still refused then (ward_actor_refresh). */
static gboolean
account_active (WardSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardUserRecord) user = ward_directory_get_user (self->store, self->user_id, &error);

  if (user == NULL)
    return !g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
  return !user->disabled;
}

WardSessionState
ward_session_get_state (WardSession *self)
{
  gint64 now;

  g_return_val_if_fail (WARD_IS_SESSION (self), WARD_SESSION_ENDED);
  if (self->ended)
    return WARD_SESSION_ENDED;
  /* Asked every second by the kiosk: an account disabled meanwhile (by
   * hand, or by a directory sync on another machine) ends the session at
   * the next check, not at the next sign-in. */
  if (!account_active (self))
    return WARD_SESSION_ACCOUNT_DISABLED;

  now = monotonic (self);
  if (now - self->started_us >= limit_us (self))
    return WARD_SESSION_LIMIT_EXPIRED;
  /* An emergency never idle-locks: a nurse doing CPR does not touch the
   * screen, and her session's own short limit bounds it. */
  if (self->kind == WARD_SESSION_KIND_BREAK_GLASS || self->holds > 0)
    return WARD_SESSION_ACTIVE;
  if (now - self->last_activity_us >= self->limits.idle_lock_us)
    return WARD_SESSION_IDLE_EXPIRED;
  if (now - self->last_activity_us >= self->limits.idle_lock_us - self->limits.idle_warning_us)
    return WARD_SESSION_IDLE_WARNING;
  return WARD_SESSION_ACTIVE;
}

/* Deny by default: an ended, expired or idle-locked session may do nothing,
 * whatever the person's roles. */
gboolean
ward_session_can (WardSession *self,
                  const char  *permission)
{
  WardSessionState state;

  g_return_val_if_fail (WARD_IS_SESSION (self), FALSE);
  state = ward_session_get_state (self);
  if (state != WARD_SESSION_ACTIVE && state != WARD_SESSION_IDLE_WARNING)
    return FALSE;
  ward_actor_refresh (self->actor, self->store);
  return ward_actor_can (self->actor, permission);
}

/* Any input keeps the session alive, but never past its absolute limit. */
void
ward_session_touch (WardSession *self)
{
  WardSessionState state = ward_session_get_state (self);

  if (state == WARD_SESSION_ACTIVE || state == WARD_SESSION_IDLE_WARNING)
    self->last_activity_us = monotonic (self);
}

gint64
ward_session_get_seconds_until_lock (WardSession *self)
{
  gint64 now = monotonic (self);
  gint64 idle_left = self->kind == WARD_SESSION_KIND_BREAK_GLASS || self->holds > 0
                    ? G_MAXINT64 : self->last_activity_us + self->limits.idle_lock_us - now;
  gint64 limit_left = self->started_us + limit_us (self) - now;

  return MAX (0, MIN (idle_left, limit_left)) / G_USEC_PER_SEC;
}

/* Until the absolute limit (12 h, or the break-glass minutes), however
 * busy the person keeps the kiosk. */
gint64
ward_session_get_seconds_until_limit (WardSession *self)
{
  return MAX (0, self->started_us + limit_us (self) - monotonic (self)) / G_USEC_PER_SEC;
}

/* How long since the person last touched the kiosk (monotonic). */
gint64
ward_session_get_inactive_us (WardSession *self)
{
  g_return_val_if_fail (WARD_IS_SESSION (self), 0);
  return monotonic (self) - self->last_activity_us;
}

/* Re-entry after an idle lock: the person proved herself again with badge
 * and key, so the session goes on where it was (same record, same start,
 * so never past its absolute limit), and the key touch counts as a strong
 * verification. Only an idle-locked session comes back: not one that
 * ended, reached its limit, or whose account was disabled meanwhile. */
gboolean
ward_session_resume (WardSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WARD_IS_SESSION (self), FALSE);
  if (ward_session_get_state (self) != WARD_SESSION_IDLE_EXPIRED)
    return FALSE;
  self->last_activity_us = self->last_strong_us = monotonic (self);
  if (!ward_sessions_touch (self->store, self->id, FALSE, &error)
      || !ward_sessions_touch (self->store, self->id, TRUE, &error))
    g_debug ("Could not record the return to session %" G_GINT64_FORMAT ": %s", self->id, error->message);
  ward_actor_refresh (self->actor, self->store);
  return TRUE;
}

gboolean
ward_session_needs_step_up (WardSession *self)
{
  return monotonic (self) - self->last_strong_us >= self->limits.step_up_us;
}

/* A fresh key touch within an open session (step-up). It proves the
 * person, not that anyone is using the kiosk: it neither reopens a
 * locked, expired or ended session (FALSE) nor counts as activity, or a
 * key left in the reader could keep an unattended session alive. */
gboolean
ward_session_record_strong_verification (WardSession *self)
{
  g_autoptr(GError) error = NULL;
  WardSessionState state;

  g_return_val_if_fail (WARD_IS_SESSION (self), FALSE);
  state = ward_session_get_state (self);
  if (state != WARD_SESSION_ACTIVE && state != WARD_SESSION_IDLE_WARNING)
    return FALSE;
  self->last_strong_us = monotonic (self);
  if (!ward_sessions_touch (self->store, self->id, TRUE, &error))
    g_debug ("Could not record the step-up: %s", error->message);
  ward_audit_append (self->store, WARD_AUDIT_STEP_UP, self->username, NULL, NULL,
                     self->kind == WARD_SESSION_KIND_BREAK_GLASS, NULL);
  return TRUE;
}

/* While a second person is checking a change, or a device's answer is
 * awaited, the person is not idle: her work is on screen. Only the idle
 * lock waits; the absolute limit does not. The idle time counts again
 * from the release. */
void
ward_session_hold (WardSession *self)
{
  g_return_if_fail (WARD_IS_SESSION (self));
  self->holds++;
}

/* TRUE while work is awaited: the idle lock waits for it. */
gboolean
ward_session_is_held (WardSession *self)
{
  g_return_val_if_fail (WARD_IS_SESSION (self), FALSE);
  return self->holds > 0;
}

void
ward_session_release (WardSession *self)
{
  g_return_if_fail (WARD_IS_SESSION (self));
  g_return_if_fail (self->holds > 0);
  /* Not ward_session_touch(): with the hold gone, the minutes spent
   * waiting would already read as an idle lock, and a touch refuses an
   * expired session. Ended, disabled or past its limit is still checked
   * first by ward_session_get_state(). */
  if (--self->holds == 0)
    self->last_activity_us = monotonic (self);
}

/* The usual number of emergency uses per window; a use past it is raised
 * for review (0 for a normal session). */
guint
ward_session_get_emergency_limit (WardSession *self)
{
  g_return_val_if_fail (WARD_IS_SESSION (self), 0);
  return self->emergency_limit;
}
