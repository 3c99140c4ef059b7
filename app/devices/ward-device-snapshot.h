/* ward-device-snapshot.h: one device of a bed and its settings, read together from the gateway */
#pragma once

#include <gio/gio.h>

#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

typedef struct
{
  WardDeviceInfo *device;
  GVariant       *settings;  /* a{sv}; NULL when offline or not readable */
} WardDeviceSnapshot;

void                ward_device_snapshot_free         (WardDeviceSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardDeviceSnapshot, ward_device_snapshot_free)

/* Lists the bed's devices and reads this one's settings. Fails (with words
 * for the screen) when the list cannot be read or the device is not on it;
 * a device that is offline or whose settings cannot be read comes back
 * with settings NULL, so nothing is shown that the device did not say. */
void                ward_device_snapshot_read_async   (WardDeviceLink       *link,
                                                       const char           *bed,
                                                       const char           *device_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WardDeviceSnapshot *ward_device_snapshot_read_finish  (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
