/* ward-devices.h: puts the device screens into a kiosk window: the home section, the device page, the badge route */
#pragma once

#include "app/ward-kiosk.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

/* Adds the "Devices" section to the home page, the "device" page to the
 * window, the "win.show-device" action (s: device id) and the route of a
 * second person's badge to the page's double check. */
void ward_devices_attach (WardWindow *window,
                          WardKiosk  *kiosk);

G_END_DECLS
