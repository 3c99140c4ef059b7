/* ward-lock-page.h: the locked screen: where the kiosk stands, the time, and how to sign in */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "app/ward-site-config.h"

G_BEGIN_DECLS

#define WARD_TYPE_LOCK_PAGE (ward_lock_page_get_type ())
G_DECLARE_FINAL_TYPE (WardLockPage, ward_lock_page, WARD, LOCK_PAGE, GtkWidget)

void        ward_lock_page_set_site_config        (WardLockPage   *self,
                                                   WardSiteConfig *config);
void        ward_lock_page_set_clock              (WardLockPage *self,
                                                   WardClock    *clock);

gboolean    ward_lock_page_get_out_of_service     (WardLockPage *self);
const char *ward_lock_page_get_out_of_service_reason (WardLockPage *self);
const char *ward_lock_page_get_out_of_service_details (WardLockPage *self);
void        ward_lock_page_set_notice    (WardLockPage *self,
                                          const char   *notice);
void        ward_lock_page_set_return             (WardLockPage *self,
                                                   const char   *name,
                                                   gint64        until);
void        ward_lock_page_set_out_of_service     (WardLockPage *self,
                                                   const char   *reason,
                                                   const char   *details);

G_END_DECLS
