/* ward-devices-section.h: the home page's device area: the bed's devices as cards, or why they are unavailable */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"

G_BEGIN_DECLS

#define WARD_TYPE_DEVICES_SECTION (ward_devices_section_get_type ())
G_DECLARE_FINAL_TYPE (WardDevicesSection, ward_devices_section, WARD, DEVICES_SECTION, GtkWidget)

GtkWidget  *ward_devices_section_new            (WardKiosk          *kiosk);
void        ward_devices_section_refresh        (WardDevicesSection *self);
/* "cards", "empty" or "unavailable": for tests. */
const char *ward_devices_section_get_state      (WardDevicesSection *self);
GtkWidget  *ward_devices_section_get_card       (WardDevicesSection *self,
                                                 const char         *device_id);

G_END_DECLS
