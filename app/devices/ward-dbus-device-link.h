/* ward-dbus-device-link.h: the reference device link, speaking D-Bus to a device gateway (io.github.wardgate.DeviceGateway1) */
#pragma once

#include <gio/gio.h>

#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

/* The gateway's well-known name, object and error names (data/io.github.wardgate.DeviceGateway1.xml). */
#define WARD_GATEWAY_BUS_NAME              "io.github.wardgate.DeviceGateway1"
#define WARD_GATEWAY_OBJECT_PATH           "/io/github/wardgate/DeviceGateway1"
#define WARD_GATEWAY_ERROR_OFFLINE         "io.github.wardgate.DeviceGateway1.Error.Offline"
#define WARD_GATEWAY_ERROR_UNKNOWN_DEVICE  "io.github.wardgate.DeviceGateway1.Error.UnknownDevice"

#define WARD_TYPE_DBUS_DEVICE_LINK (ward_dbus_device_link_get_type ())
G_DECLARE_FINAL_TYPE (WardDbusDeviceLink, ward_dbus_device_link, WARD, DBUS_DEVICE_LINK, GObject)

/* Watches for the gateway on @bus_type (session or system) for as long as the
 * link lives; "availability-changed" tells when it comes and goes.
 *
 * apply_change: the link waits @timeout_ms (0: the D-Bus default of 25 s) and
 * then answers WARD_CHANGE_NO_ANSWER, as it does when the gateway goes away or
 * the caller cancels after the change was sent: in each case the device may
 * have applied it, so the caller reads the settings back. */
WardDeviceLink *ward_dbus_device_link_new (GBusType bus_type);

G_END_DECLS
