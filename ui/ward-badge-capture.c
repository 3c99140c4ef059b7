/* ward-badge-capture.c: badge UIDs from a keyboard-wedge reader, caught in a window wherever the focus is */
#include "config.h"

#include "auth/ward-badge-wedge.h"
#include "ui/ward-badge-capture.h"

/* A reader that "types" a UID is a keyboard: its keys reach whatever has
 * the focus. A capture-phase controller on the window sees every key
 * first; the decoder tells a reader's burst from a person typing, and a
 * person's keys (held back a few milliseconds while that is unsure) are
 * given to the focused field, so typing a code on a real keyboard works. */
struct _WardBadgeCapture
{
  GObject         parent_instance;

  WardBadgeWedge *wedge;
  GtkWidget      *window;         /* weak */
  guint           flush_id;
  gint64          last_event_us;  /* the event clock (X server time) */
  gint64          last_local_us;  /* g_get_monotonic_time() at that event */
};

G_DEFINE_FINAL_TYPE (WardBadgeCapture, ward_badge_capture, G_TYPE_OBJECT)

enum {
  SIGNAL_BADGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

WardBadgeCapture *
ward_badge_capture_new (guint max_gap_ms)
{
  WardBadgeCapture *self = g_object_new (WARD_TYPE_BADGE_CAPTURE, NULL);

  self->wedge = ward_badge_wedge_new (max_gap_ms);
  return self;
}

void
ward_badge_capture_set_max_gap_ms (WardBadgeCapture *self,
                                   guint             max_gap_ms)
{
  g_return_if_fail (WARD_IS_BADGE_CAPTURE (self));

  ward_badge_wedge_set_max_gap_ms (self->wedge, max_gap_ms);
}

/* Held-back keys that proved to be typing go where the person was typing,
 * at the cursor, before the key that proved it. */
static void
capture_deliver_discarded (WardBadgeCapture *self)
{
  g_autofree char *text = ward_badge_wedge_take_discarded (self->wedge);
  GtkWidget *focus;
  GtkEditable *editable;
  int position;

  if (text == NULL || self->window == NULL)
    return;
  focus = gtk_root_get_focus (GTK_ROOT (self->window));
  if (focus == NULL || !GTK_IS_EDITABLE (focus) || !gtk_editable_get_editable (GTK_EDITABLE (focus)))
    return;

  editable = GTK_EDITABLE (focus);
  gtk_editable_delete_selection (editable);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_editable_set_position (editable, position);
}

static gboolean
on_flush_timeout (gpointer user_data)
{
  WardBadgeCapture *self = user_data;
  gint64 now_us = self->last_event_us + (g_get_monotonic_time () - self->last_local_us);

  self->flush_id = 0;
  ward_badge_wedge_flush (self->wedge, now_us);
  capture_deliver_discarded (self);
  return G_SOURCE_REMOVE;
}

/* The decoder runs no timer: a lone key a person typed would otherwise
 * wait for the next one. The event clock is not ours, so the timer counts
 * from the last event in local time. */
static void
capture_schedule_flush (WardBadgeCapture *self)
{
  gint64 expiry_us = ward_badge_wedge_get_expiry_us (self->wedge);
  gint64 wait_ms;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (expiry_us == 0)
    return;
  wait_ms = MAX (0, expiry_us - self->last_event_us) / G_TIME_SPAN_MILLISECOND + 1;
  /* Below the priority of input: on a busy kiosk the next key of a burst
   * may already be waiting in the queue when the timer comes due, and it
   * must be seen (with its own, server-side time) before the keys held
   * back are judged to be typing. */
  self->flush_id = g_timeout_add_full (G_PRIORITY_LOW, (guint) wait_ms, on_flush_timeout, self, NULL);
}

static gunichar
key_character (guint           keyval,
               GdkModifierType state)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    return WARD_BADGE_WEDGE_RETURN;
  /* Shortcuts are not characters; Shift is (a reader presses it for A–F). */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return 0;
  return gdk_keyval_to_unicode (keyval);
}

/* Returns TRUE when the key is swallowed (part of a possible badge, or the
 * Return that ended one). @time_ms is the event's time: it is what tells a
 * reader from a person, so it must be when the key was pressed, not when it
 * was handled. Public so that the path can be driven without a keyboard. */
gboolean
ward_badge_capture_feed_key (WardBadgeCapture *self,
                             guint             keyval,
                             GdkModifierType   state,
                             guint32           time_ms)
{
  g_autofree char *uid = NULL;
  WardBadgeWedgeResult result;

  g_return_val_if_fail (WARD_IS_BADGE_CAPTURE (self), FALSE);

  self->last_event_us = time_ms != 0 ? (gint64) time_ms * G_TIME_SPAN_MILLISECOND : g_get_monotonic_time ();
  self->last_local_us = g_get_monotonic_time ();
  result = ward_badge_wedge_feed (self->wedge, key_character (keyval, state), self->last_event_us, &uid);
  capture_deliver_discarded (self);
  capture_schedule_flush (self);

  if (result == WARD_BADGE_WEDGE_UID)
    {
      g_signal_emit (self, signals[SIGNAL_BADGE], 0, uid);
      return TRUE;
    }
  return result == WARD_BADGE_WEDGE_CONSUMED;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WardBadgeCapture      *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  return ward_badge_capture_feed_key (self, keyval, state, event != NULL ? gdk_event_get_time (event) : 0);
}

void
ward_badge_capture_attach (WardBadgeCapture *self,
                           GtkWidget        *window)
{
  GtkEventController *controller;

  g_return_if_fail (WARD_IS_BADGE_CAPTURE (self));
  g_return_if_fail (GTK_IS_ROOT (window));

  g_set_weak_pointer (&self->window, window);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "ward-badge-capture");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (window, controller);
}

/* Forgets held-back keys: when the screen locks, nothing typed survives. */
void
ward_badge_capture_reset (WardBadgeCapture *self)
{
  g_return_if_fail (WARD_IS_BADGE_CAPTURE (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  ward_badge_wedge_reset (self->wedge);
}

guint
ward_badge_capture_get_runs_broken (WardBadgeCapture *self)
{
  g_return_val_if_fail (WARD_IS_BADGE_CAPTURE (self), 0);
  return ward_badge_wedge_get_runs_broken (self->wedge);
}

static void
ward_badge_capture_dispose (GObject *object)
{
  WardBadgeCapture *self = WARD_BADGE_CAPTURE (object);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->wedge);

  G_OBJECT_CLASS (ward_badge_capture_parent_class)->dispose (object);
}

static void
ward_badge_capture_class_init (WardBadgeCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ward_badge_capture_dispose;

  /* (const char *uid): upper-case, as the badge tables store it. */
  signals[SIGNAL_BADGE] = g_signal_new ("badge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ward_badge_capture_init (WardBadgeCapture *self)
{
}
