/* ward-device-card.h: one bedside device on the home page: name, status and its key values, tapped to open it */
#pragma once

#include <gtk/gtk.h>

#include "app/devices/ward-catalogue.h"
#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

#define WARD_TYPE_DEVICE_CARD (ward_device_card_get_type ())
G_DECLARE_FINAL_TYPE (WardDeviceCard, ward_device_card, WARD, DEVICE_CARD, GtkWidget)

GtkWidget  *ward_device_card_new           (void);
void        ward_device_card_set_device    (WardDeviceCard       *self,
                                            const WardDeviceInfo *device,
                                            WardCatalogue        *catalogue);
void        ward_device_card_set_settings  (WardDeviceCard       *self,
                                            GVariant             *settings);
const char *ward_device_card_get_device_id (WardDeviceCard       *self);
GtkWidget  *ward_device_card_get_button    (WardDeviceCard       *self);

/* Shared with the device page: how a status is put in words and colour. */
const char *ward_device_status_text        (const WardDeviceInfo *device);
void        ward_device_status_style       (GtkWidget            *chip,
                                            WardDeviceStatus      status);

G_END_DECLS
