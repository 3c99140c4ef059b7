/* ward-application.h: the kiosk application: options, settings, the store and the window */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "app/ward-site-config.h"

G_BEGIN_DECLS

#define WARD_TYPE_APPLICATION (ward_application_get_type ())
G_DECLARE_FINAL_TYPE (WardApplication, ward_application, WARD, APPLICATION, GtkApplication)

WardApplication *ward_application_new               (void);

const char      *ward_application_get_database_path (WardApplication *self);
WardStore       *ward_application_get_store         (WardApplication *self);
WardKiosk       *ward_application_get_kiosk         (WardApplication *self);
const GError    *ward_application_get_store_error   (WardApplication *self);
WardSiteConfig  *ward_application_get_site_config   (WardApplication *self);

G_END_DECLS
