/* ward-badge-taps.c: what a kiosk remembers about recent badge taps */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-badge-taps.h"
#include "data/ward-audit.h"
#include "data/ward-failures.h"

#define UNKNOWN_BADGE_WINDOW_S     60
#define UNKNOWN_BADGE_LIMIT        5
#define UNKNOWN_BADGE_COOLDOWN_S   60
/* A badge held a moment too long, or tapped twice, reads twice: the
 * second read of a tap-out must not start a new sign-in. */
#define TAP_OUT_DEBOUNCE_US        (2 * G_USEC_PER_SEC)
/* How long another person's tap during an emergency waits for a yes. */
#define TAP_OVER_QUESTION_US       (30 * G_USEC_PER_SEC)

struct _WardBadgeTaps
{
  WardStore *store;
  gint64     badge_cooldown_us;   /* monotonic; 0: none */
  gint64     tapped_out_user_id;  /* who tapped out last, until: */
  gint64     tapped_out_until_us; /* monotonic; 0: none */
  gint64     tap_over_user_id;
  char      *tap_over_name;
  gint64     tap_over_until_us;   /* monotonic */
};

WardBadgeTaps *
ward_badge_taps_new (WardStore *store)
{
  WardBadgeTaps *self = g_new0 (WardBadgeTaps, 1);

  self->store = g_object_ref (store);
  return self;
}

void
ward_badge_taps_free (WardBadgeTaps *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self->tap_over_name);
  g_free (self);
}

/* The store's clock, so tests that move it move these deadlines too. */
static gint64
monotonic (WardBadgeTaps *self)
{
  return ward_clock_get_monotonic_us (ward_store_get_clock (self->store));
}

/* Unknown badges are counted per kiosk; a burst of them (someone trying
 * cards) pauses badge reading for a minute. The words never say whether a
 * badge belongs to anyone. */
WardAuthRefusal
ward_badge_taps_unknown (WardBadgeTaps  *self,
                         const char    **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *details = NULL;
  gboolean cooling = self->badge_cooldown_us != 0 && monotonic (self) < self->badge_cooldown_us;
  guint count;

  count = ward_failures_add_for_kiosk (self->store, "badge", UNKNOWN_BADGE_WINDOW_S, NULL);
  count_text = g_strdup_printf ("%u", count);
  details = ward_audit_details ("unknown_in_last_minute", count_text, NULL);
  if (!ward_audit_append (self->store, WARD_AUDIT_BADGE_UNKNOWN, "kiosk", NULL, details,
                          count > UNKNOWN_BADGE_LIMIT, &error))
    g_warning ("Could not write the audit record %s: %s",
               ward_audit_event_name (WARD_AUDIT_BADGE_UNKNOWN), error->message);

  if (count > UNKNOWN_BADGE_LIMIT && !cooling)
    self->badge_cooldown_us = monotonic (self) + UNKNOWN_BADGE_COOLDOWN_S * G_USEC_PER_SEC;
  if (cooling)
    {
      *message = _("Too many unrecognised badges. Unknown badges are ignored for a minute.");
      return WARD_AUTH_REFUSAL_BADGE_COOLDOWN;
    }
  *message = _("This badge is not recognised. If it is yours, ask the charge nurse or IT.");
  return WARD_AUTH_REFUSAL_UNKNOWN_BADGE;
}

void
ward_badge_taps_note_tap_out (WardBadgeTaps *self,
                              gint64         user_id)
{
  self->tapped_out_user_id = user_id;
  self->tapped_out_until_us = monotonic (self) + TAP_OUT_DEBOUNCE_US;
}

gboolean
ward_badge_taps_is_tap_out_echo (WardBadgeTaps *self,
                                 gint64         user_id)
{
  return user_id == self->tapped_out_user_id && monotonic (self) < self->tapped_out_until_us;
}

void
ward_badge_taps_ask_tap_over (WardBadgeTaps *self,
                              gint64         user_id,
                              const char    *name)
{
  self->tap_over_user_id = user_id;
  g_free (self->tap_over_name);
  self->tap_over_name = g_strdup (name);
  self->tap_over_until_us = monotonic (self) + TAP_OVER_QUESTION_US;
}

const char *
ward_badge_taps_get_tap_over_name (WardBadgeTaps *self)
{
  return self->tap_over_user_id != 0 ? self->tap_over_name : NULL;
}

gboolean
ward_badge_taps_tap_over_expired (WardBadgeTaps *self)
{
  return self->tap_over_user_id != 0 && monotonic (self) >= self->tap_over_until_us;
}

gint64
ward_badge_taps_take_tap_over (WardBadgeTaps *self)
{
  gint64 user_id = self->tap_over_user_id;

  self->tap_over_user_id = 0;
  g_clear_pointer (&self->tap_over_name, g_free);
  return user_id;
}
