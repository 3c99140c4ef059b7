/* ward-device-simulator.h: simulated bedside devices of one bed, served as a device gateway on D-Bus (wardgate-devsim) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WARD_TYPE_DEVICE_SIMULATOR (ward_device_simulator_get_type ())
G_DECLARE_FINAL_TYPE (WardDeviceSimulator, ward_device_simulator, WARD, DEVICE_SIMULATOR, GObject)

/* An infusion pump, a ventilator and a patient monitor at @bed. With a
 * @state_dir, their settings are loaded from and saved to state_dir/devices.ini;
 * without, they start from the defaults each time. */
WardDeviceSimulator *ward_device_simulator_new            (const char          *bed,
                                                           const char          *state_dir,
                                                           GError             **error);

/* Exports io.github.wardgate.DeviceGateway1 and io.github.wardgate.DeviceSimulator1. */
gboolean             ward_device_simulator_export         (WardDeviceSimulator *self,
                                                           GDBusConnection     *connection,
                                                           GError             **error);
void                 ward_device_simulator_unexport       (WardDeviceSimulator *self);

/* The same behaviours the DeviceSimulator1 interface sets at run time. */
gboolean             ward_device_simulator_set_offline    (WardDeviceSimulator *self,
                                                           const char          *device_id,
                                                           gboolean             offline,
                                                           GError             **error);
gboolean             ward_device_simulator_set_refuse_all (WardDeviceSimulator *self,
                                                           const char          *device_id,
                                                           gboolean             refuse,
                                                           GError             **error);
void                 ward_device_simulator_set_delay      (WardDeviceSimulator *self,
                                                           guint                milliseconds);

G_END_DECLS
