/* ward-device-title.h: the name a bedside device is shown by, in the kiosk's language */
#pragma once

#include "app/devices/ward-catalogue.h"
#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

const char *ward_device_title (WardCatalogue        *catalogue,
                               const WardDeviceInfo *device);

G_END_DECLS
