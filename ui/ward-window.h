/* ward-window.h: the kiosk's one fullscreen window: a stack of pages under an overlay layer */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "app/ward-site-config.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-home-page.h"
#include "ui/ward-lock-page.h"

G_BEGIN_DECLS

#define WARD_TYPE_WINDOW (ward_window_get_type ())
G_DECLARE_FINAL_TYPE (WardWindow, ward_window, WARD, WINDOW, GtkApplicationWindow)

WardWindow       *ward_window_new              (GtkApplication *application,
                                                WardSiteConfig *config);

WardLockPage     *ward_window_get_lock_page    (WardWindow     *self);
WardHomePage     *ward_window_get_home_page    (WardWindow     *self);
WardBadgeCapture *ward_window_get_badge_capture (WardWindow    *self);

WardKiosk        *ward_window_get_kiosk        (WardWindow     *self);
void              ward_window_set_kiosk        (WardWindow     *self,
                                                WardKiosk      *kiosk);
void              ward_window_set_demo_strip   (WardWindow     *self,
                                                GtkWidget      *strip);

void              ward_window_add_page         (WardWindow     *self,
                                                GtkWidget      *page,
                                                const char     *name);
gboolean          ward_window_show_page        (WardWindow     *self,
                                                const char     *name);
const char       *ward_window_get_visible_page (WardWindow     *self);

void              ward_window_tick             (WardWindow     *self);

/* A badge read at this kiosk (keyboard wedge, PC/SC, demo strip). A screen
 * waiting for a second person's badge takes it first, through the
 * "claim-badge" signal (const char *uid → gboolean, TRUE: taken); if none
 * does, it goes to the sign-in flow. TRUE when a screen took it. */
gboolean          ward_window_badge            (WardWindow     *self,
                                                const char     *uid);

G_END_DECLS
