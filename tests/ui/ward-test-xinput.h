/* ward-test-xinput.h: real input through the X server (xdotool): pointer clicks on widgets, typed keys */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean ward_test_xinput_usable (GtkWidget *window);
void ward_test_xinput_require (GtkWidget  *window);
void ward_test_xinput_click   (GtkWidget  *widget);
void ward_test_xinput_click_button (GtkWidget *widget,
                                    guint      button);
void ward_test_xinput_type    (GtkWidget  *window,
                               const char *text,
                               guint       delay_ms);
void ward_test_xinput_key     (GtkWidget  *window,
                               const char *key);

G_END_DECLS

#include "tests/common/ward-test-site.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

WardWindow *ward_test_xinput_kiosk_ready (WardApplication *app,
                                          WardTestSite    *site);
void ward_test_xinput_choose_section (GtkWidget  *root,
                                      const char *title);
void ward_test_xinput_sign_in (WardWindow   *window,
                               WardTestSite *site,
                               const char   *username,
                               const char   *badge);
WardAdminPage *ward_test_xinput_open_admin (WardWindow   *window,
                                            WardTestSite *site,
                                            const char   *username,
                                            const char   *badge);

G_END_DECLS
