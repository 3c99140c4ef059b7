/* ward-window-private.h: what the window's files share: its fields and the flow-driving half */
#pragma once

#include "ui/ward-awareness-page.h"
#include "ui/ward-break-glass-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-idle-warning.h"
#include "ui/ward-tap-over-card.h"
#include "ui/ward-key-page.h"
#include "ui/ward-refusal-banner.h"
#include "ui/ward-session-bar.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

struct _WardWindow
{
  GtkApplicationWindow  parent_instance;

  WardSiteConfig       *config;
  WardKiosk            *kiosk;
  WardAuthFlow         *flow;         /* the kiosk's; NULL when out of service */
  WardBadgeCapture     *capture;
  guint                 tick_id;
  guint                 inhibit_cookie;
  gboolean              inhibited;
  WardAuthState         shown_state;

  GtkStack             *stack;
  WardLockPage         *lock_page;
  /* The sign-in steps: NULL until the sign-in first reaches them
   * (ward-window-pages.c); then owned by the stack. */
  WardKeyPage          *key_page;
  WardCodePage         *code_page;
  WardBreakGlassPage   *break_glass_page;
  WardAwarenessPage    *awareness_page;
  WardHomePage         *home_page;
  WardSessionBar       *session_bar;
  GtkWidget            *break_glass_banner;
  GtkLabel             *break_glass_label;
  WardRefusalBanner    *refusal_banner;
  WardIdleWarning      *idle_warning;
  WardTapOverCard      *tap_over_card;
  GtkWidget            *demo_slot;
  GtkWidget            *demo_strip;
};

void     _ward_window_install_actions (WardWindow *self);
void     _ward_window_attach_input    (WardWindow *self);
void     _ward_window_connect_flow    (WardWindow *self);
void     _ward_window_disconnect_flow (WardWindow *self);
void     _ward_window_sync            (WardWindow *self);
gboolean _ward_window_switch_page     (WardWindow *self,
                                       const char *name);
GtkWidget *_ward_window_ensure_step_page (WardWindow *self,
                                          const char *name);

G_END_DECLS
