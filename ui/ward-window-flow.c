/* ward-window-flow.c: the window's sign-in half: flow state to pages, actions, input, idle and refusals */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-format.h"
#include "ui/ward-window-private.h"

static WardSessionKind
window_session_kind (WardWindow *self)
{
  WardSession *session = self->flow != NULL ? ward_auth_flow_get_session (self->flow) : NULL;

  return session != NULL ? ward_session_get_kind (session) : WARD_SESSION_KIND_NORMAL;
}

/* Screen blanking waits while someone works at the bed; the screen may
 * sleep again once it is locked. */
static void
window_set_inhibited (WardWindow *self,
                      gboolean    inhibited)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->inhibited == inhibited || app == NULL)
    return;
  self->inhibited = inhibited;
  if (inhibited)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self), GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Someone is signed in at this bed"));
  else if (self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

/* Locking forgets everything a person put on screen: a PIN half typed, a
 * code, a reason. */
static void
window_forget (WardWindow *self)
{
  /* A step page not built yet holds nothing to forget. */
  if (self->key_page != NULL)
    ward_key_page_reset (self->key_page);
  if (self->code_page != NULL)
    ward_code_page_reset (self->code_page);
  if (self->break_glass_page != NULL)
    ward_break_glass_page_reset (self->break_glass_page);
  if (self->awareness_page != NULL)
    ward_awareness_page_reset (self->awareness_page);
  ward_home_page_set_session (self->home_page, NULL);
  ward_badge_capture_reset (self->capture);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_warning), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->tap_over_card), FALSE);
}

static gboolean
page_is_sign_in_step (const char *name)
{
  static const char *const steps[] = { "lock", "key", "code", "awareness", "break-glass" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (name, steps[i]) == 0)
      return TRUE;
  return name == NULL;
}

static void
window_update_break_glass_banner (WardWindow *self)
{
  WardSession *session = ward_auth_flow_get_session (self->flow);
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;

  if (session == NULL)
    return;
  left = ward_format_countdown (ward_session_get_seconds_until_limit (session));
  /* Translators: the red banner of an emergency session; %s is the time left, e.g. "14:32". */
  text = g_strdup_printf (_("EMERGENCY ACCESS · everything you do is recorded for review · ends in %s"), left);
  gtk_label_set_label (self->break_glass_label, text);
}

/* Another badge during an emergency: asked on a card, "Keep" focused so
 * that a reader's Enter or a stray touch does not end the care. */
static void
window_sync_tap_over (WardWindow *self)
{
  const char *name = ward_auth_flow_get_tap_over_name (self->flow);
  gboolean was_shown = gtk_widget_get_visible (GTK_WIDGET (self->tap_over_card));

  if (name != NULL)
    ward_tap_over_card_set_name (self->tap_over_card, name);
  gtk_widget_set_visible (GTK_WIDGET (self->tap_over_card), name != NULL);
  if (name != NULL && !was_shown)
    gtk_widget_grab_focus (ward_tap_over_card_get_keep_button (self->tap_over_card));
}

static void
window_sync_signed_in (WardWindow *self)
{
  WardSession *session = ward_auth_flow_get_session (self->flow);
  gboolean emergency = window_session_kind (self) == WARD_SESSION_KIND_BREAK_GLASS;
  gboolean warn = ward_session_get_state (session) == WARD_SESSION_IDLE_WARNING;

  ward_session_bar_update (self->session_bar, self->flow);
  ward_home_page_set_session (self->home_page, session);
  if (page_is_sign_in_step (gtk_stack_get_visible_child_name (self->stack)))
    _ward_window_switch_page (self, "home");

  gtk_widget_set_visible (self->break_glass_banner, emergency);
  if (emergency)
    window_update_break_glass_banner (self);

  if (warn)
    ward_idle_warning_set_seconds (self->idle_warning, ward_auth_flow_get_seconds_left (self->flow));
  gtk_widget_set_visible (GTK_WIDGET (self->idle_warning), warn);
  window_sync_tap_over (self);
  window_set_inhibited (self, TRUE);
}

static const char *
page_for_state (WardAuthState state)
{
  switch (state)
    {
    case WARD_AUTH_STATE_KEY:
      return "key";
    case WARD_AUTH_STATE_CODE:
      return "code";
    case WARD_AUTH_STATE_AWARENESS:
      return "awareness";
    case WARD_AUTH_STATE_BREAK_GLASS_BADGE:
    case WARD_AUTH_STATE_BREAK_GLASS_REASON:
      return "break-glass";
    case WARD_AUTH_STATE_SIGNED_IN:
      return NULL;
    case WARD_AUTH_STATE_LOCKED:
    default:
      return "lock";
    }
}

static void
window_update_step (WardWindow    *self,
                    WardAuthState  state)
{
  _ward_window_ensure_step_page (self, page_for_state (state));
  switch (state)
    {
    case WARD_AUTH_STATE_KEY:
      ward_key_page_update (self->key_page, self->flow);
      break;
    case WARD_AUTH_STATE_CODE:
      ward_code_page_update (self->code_page, self->flow);
      break;
    case WARD_AUTH_STATE_BREAK_GLASS_BADGE:
    case WARD_AUTH_STATE_BREAK_GLASS_REASON:
      ward_break_glass_page_update (self->break_glass_page, self->flow);
      break;
    default:
      break;
    }
}

/* Only the page on screen is visible. GTK works out the style of every
 * visible widget before a frame, pages the stack does not show included:
 * for the first frame that was every sign-in step, the home, device and
 * administration screens, behind the lock screen. A page is therefore made
 * visible just before the stack shows it (the stack shows only visible
 * pages) and hidden once another is shown. FALSE, changing nothing, when
 * there is no page of that name. */
gboolean
_ward_window_switch_page (WardWindow *self,
                          const char *name)
{
  GtkWidget *next = _ward_window_ensure_step_page (self, name);
  GtkWidget *previous = gtk_stack_get_visible_child (self->stack);

  if (next == NULL)
    next = gtk_stack_get_child_by_name (self->stack, name);
  if (next == NULL)
    return FALSE;
  gtk_widget_set_visible (next, TRUE);
  gtk_stack_set_visible_child (self->stack, next);
  if (previous != NULL && previous != next)
    gtk_widget_set_visible (previous, FALSE);
  return TRUE;
}

/* The stack moves the focus into a new page by itself, to whatever comes
 * first: the code entry is put in focus after it, where typing belongs. */
static void
window_show_step_page (WardWindow *self,
                       const char *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0)
    return;
  _ward_window_switch_page (self, name);
  if (g_str_equal (name, "code"))
    ward_code_page_focus_entry (self->code_page);
}

/* After an idle lock, the lock screen says who may come back to her
 * session with badge and key, and until when. */
static void
window_sync_return (WardWindow    *self,
                    WardAuthState  state)
{
  WardReentry *reentry = self->flow != NULL ? ward_auth_flow_get_reentry (self->flow) : NULL;
  gboolean held = reentry != NULL && state == WARD_AUTH_STATE_LOCKED && ward_reentry_is_holding (reentry);

  ward_lock_page_set_return (self->lock_page, held ? ward_reentry_get_full_name (reentry) : NULL,
                             held ? ward_reentry_get_until (reentry) : 0);
}

/* Puts on screen what the flow says now. Called on every "changed" and
 * every second. */
void
_ward_window_sync (WardWindow *self)
{
  WardAuthState state = self->flow != NULL ? ward_auth_flow_get_state (self->flow) : WARD_AUTH_STATE_LOCKED;
  gboolean signed_in = state == WARD_AUTH_STATE_SIGNED_IN;

  if (state != self->shown_state && (state == WARD_AUTH_STATE_LOCKED || self->shown_state == WARD_AUTH_STATE_SIGNED_IN))
    window_forget (self);
  /* A new sign-in begins: the last person's refusal is not for this one. */
  if (state != self->shown_state && state != WARD_AUTH_STATE_LOCKED)
    ward_refusal_banner_hide (self->refusal_banner);
  /* The card is filled once, as the step begins: the answer takes the
   * prompt off the scheduler while the feedback stays on screen. */
  if (state != self->shown_state && state == WARD_AUTH_STATE_AWARENESS)
    ward_awareness_page_start (WARD_AWARENESS_PAGE (_ward_window_ensure_step_page (self, "awareness")),
                               self->kiosk != NULL ? ward_kiosk_get_awareness (self->kiosk) : NULL);
  self->shown_state = state;

  gtk_widget_set_visible (GTK_WIDGET (self->session_bar), signed_in);
  if (signed_in)
    {
      window_sync_signed_in (self);
      return;
    }

  gtk_widget_set_visible (self->break_glass_banner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_warning), FALSE);
  window_sync_return (self, state);
  window_set_inhibited (self, FALSE);
  window_update_step (self, state);
  window_show_step_page (self, page_for_state (state));
}

/* What the one-second timer does: steps time out, idle sessions warn and
 * lock, countdowns move. Public so that a test can move a fake clock and
 * call it at once instead of waiting for the timer. */
void
ward_window_tick (WardWindow *self)
{
  g_return_if_fail (WARD_IS_WINDOW (self));

  if (self->flow == NULL)
    return;
  ward_auth_flow_tick (self->flow);
  _ward_window_sync (self);
}

static void
on_flow_changed (WardAuthFlow *flow,
                 WardWindow   *self)
{
  _ward_window_sync (self);
}

/* Refusals that end the attempt are shown over the lock screen (or over a
 * signed-in screen, for a stranger's badge); those within a step are shown
 * on the step's own page, beside what to do next. */
static void
on_flow_refused (WardAuthFlow *flow,
                 int           refusal,
                 const char   *message,
                 WardWindow   *self)
{
  WardAuthState state = ward_auth_flow_get_state (flow);

  if (state == WARD_AUTH_STATE_KEY || state == WARD_AUTH_STATE_CODE || state == WARD_AUTH_STATE_BREAK_GLASS_REASON)
    return;
  if (message == NULL)
    return;
  switch (refusal)
    {
    /* True until someone acts: these stay until the next tap. */
    case WARD_AUTH_REFUSAL_LOCKED_OUT:
    case WARD_AUTH_REFUSAL_DISABLED:
    case WARD_AUTH_REFUSAL_NOT_ENROLLED:
    case WARD_AUTH_REFUSAL_NOT_ELIGIBLE:
    case WARD_AUTH_REFUSAL_FAILED:
      ward_refusal_banner_show_lasting (self->refusal_banner, message);
      break;
    default:
      ward_refusal_banner_show (self->refusal_banner, message);
      break;
    }
}

gboolean
ward_window_badge (WardWindow *self,
                   const char *uid)
{
  gboolean claimed = FALSE;

  g_return_val_if_fail (WARD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  /* A page waiting for a badge (a witness, an admin enrolling one) takes
   * it first; otherwise it is a sign-in, tap-out or tap-over. */
  g_signal_emit_by_name (self, "claim-badge", uid, &claimed);
  if (!claimed && self->flow != NULL)
    ward_auth_flow_badge (self->flow, uid);
  return claimed;
}

static void
on_badge (WardBadgeCapture *capture,
          const char       *uid,
          WardWindow       *self)
{
  ward_window_badge (self, uid);
}

void
_ward_window_connect_flow (WardWindow *self)
{
  if (self->flow == NULL)
    return;
  g_signal_connect_object (self->flow, "changed", G_CALLBACK (on_flow_changed), self, 0);
  g_signal_connect_object (self->flow, "refused", G_CALLBACK (on_flow_refused), self, 0);
}

void
_ward_window_disconnect_flow (WardWindow *self)
{
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
}

/* Any touch, click, pointer move or key keeps a session alive. Seen in the
 * capture phase, before any widget, and never claimed. */
static void
window_activity (WardWindow *self)
{
  gboolean warned;

  if (self->flow == NULL || ward_auth_flow_get_state (self->flow) != WARD_AUTH_STATE_SIGNED_IN)
    return;
  warned = gtk_widget_get_visible (GTK_WIDGET (self->idle_warning));
  ward_auth_flow_activity (self->flow);
  if (warned)
    _ward_window_sync (self);
}

static gboolean
on_key_activity (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 WardWindow            *self)
{
  window_activity (self);
  return FALSE;
}

static void
on_press_activity (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   WardWindow      *self)
{
  window_activity (self);
}

static void
on_motion_activity (GtkEventControllerMotion *controller,
                    double                    x,
                    double                    y,
                    WardWindow               *self)
{
  window_activity (self);
}

static void
window_add_controller (WardWindow         *self,
                       GtkEventController *controller,
                       const char         *signal,
                       GCallback           callback)
{
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, signal, callback, self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
_ward_window_attach_input (WardWindow *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  /* Any button, and touch: a gloved finger is as good as a mouse. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  window_add_controller (self, gtk_event_controller_key_new (), "key-pressed", G_CALLBACK (on_key_activity));
  window_add_controller (self, GTK_EVENT_CONTROLLER (press), "pressed", G_CALLBACK (on_press_activity));
  window_add_controller (self, gtk_event_controller_motion_new (), "motion", G_CALLBACK (on_motion_activity));

  ward_badge_capture_attach (self->capture, GTK_WIDGET (self));
  g_signal_connect_object (self->capture, "badge", G_CALLBACK (on_badge), self, 0);
}

#define FLOW_ACTION(name, call)                                   \
  static void                                                     \
  action_##name (GSimpleAction *action,                           \
                 GVariant      *parameter,                        \
                 gpointer       user_data)                        \
  {                                                               \
    WardWindow *self = WARD_WINDOW (user_data);                   \
                                                                  \
    if (self->flow != NULL)                                       \
      call;                                                       \
  }

FLOW_ACTION (cancel, ward_auth_flow_cancel (self->flow))
FLOW_ACTION (retry_key, ward_auth_flow_retry_key (self->flow))
FLOW_ACTION (emergency, ward_auth_flow_emergency (self->flow))
FLOW_ACTION (awareness_done, ward_auth_flow_awareness_done (self->flow))
FLOW_ACTION (sign_out, ward_auth_flow_sign_out (self->flow))
FLOW_ACTION (submit_pin, ward_auth_flow_submit_pin (self->flow, g_variant_get_string (parameter, NULL)))
FLOW_ACTION (submit_code, ward_auth_flow_submit_code (self->flow, g_variant_get_string (parameter, NULL)))
FLOW_ACTION (submit_reason, ward_auth_flow_submit_reason (self->flow, g_variant_get_string (parameter, NULL)))
FLOW_ACTION (keep_emergency, ward_auth_flow_answer_tap_over (self->flow, FALSE))
FLOW_ACTION (end_emergency, ward_auth_flow_answer_tap_over (self->flow, TRUE))

static void
action_stay_signed_in (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WardWindow *self = WARD_WINDOW (user_data);

  if (self->flow != NULL)
    ward_auth_flow_activity (self->flow);
  _ward_window_sync (self);
}

static gboolean
window_signed_in (WardWindow *self)
{
  return self->flow != NULL && ward_auth_flow_get_state (self->flow) == WARD_AUTH_STATE_SIGNED_IN;
}

/* Only for someone signed in who may administer; the admin screens check
 * each permission again when they act. */
static void
action_show_admin (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  WardWindow *self = WARD_WINDOW (user_data);

  if (window_signed_in (self)
      && ward_home_page_session_may_administer (ward_auth_flow_get_session (self->flow)))
    _ward_window_switch_page (self, "admin");
}

static void
action_show_home (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WardWindow *self = WARD_WINDOW (user_data);

  if (window_signed_in (self))
    _ward_window_switch_page (self, "home");
}

/* A page began or ended waiting for work (a witness, a device's answer):
 * the bar's lock countdown changes with it. */
static void
action_session_hold_changed (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  WardWindow *self = user_data;

  if (ward_auth_flow_get_session (self->flow) != NULL)
    ward_session_bar_update (self->session_bar, self->flow);
}

static const GActionEntry window_actions[] = {
  { "cancel", action_cancel },
  { "retry-key", action_retry_key },
  { "emergency", action_emergency },
  { "awareness-done", action_awareness_done },
  { "sign-out", action_sign_out },
  { "submit-pin", action_submit_pin, "s" },
  { "submit-code", action_submit_code, "s" },
  { "submit-reason", action_submit_reason, "s" },
  { "stay-signed-in", action_stay_signed_in },
  { "keep-emergency", action_keep_emergency },
  { "end-emergency", action_end_emergency },
  { "show-admin", action_show_admin },
  { "show-home", action_show_home },
  { "session-hold-changed", action_session_hold_changed },
};

void
_ward_window_install_actions (WardWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions, G_N_ELEMENTS (window_actions), self);
}
