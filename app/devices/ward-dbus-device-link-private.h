/* ward-dbus-device-link-private.h: the gateway's answers as the link reads them (for the fuzz targets) */
#pragma once

#include <gio/gio.h>

#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

WardDeviceInfo *_ward_dbus_device_link_parse_device (GVariant *dict);

G_END_DECLS
