/* ward-screens.c: puts the screens used after sign-in (devices, administration) into a kiosk window, once */
#include "config.h"

#include "ui/admin/ward-admin-attach.h"
#include "ui/devices/ward-devices.h"
#include "ui/ward-screens.h"

#define ATTACHED_KEY "ward-screens-attached"

gboolean
ward_screens_get_attached (WardWindow *window)
{
  g_return_val_if_fail (WARD_IS_WINDOW (window), FALSE);
  return g_object_get_data (G_OBJECT (window), ATTACHED_KEY) != NULL;
}

void
ward_screens_attach (WardWindow *window,
                     WardKiosk  *kiosk)
{
  g_return_if_fail (WARD_IS_WINDOW (window));
  g_return_if_fail (WARD_IS_KIOSK (kiosk));

  if (ward_screens_get_attached (window))
    return;
  g_object_set_data (G_OBJECT (window), ATTACHED_KEY, GINT_TO_POINTER (TRUE));
  ward_devices_attach (window, kiosk);
  ward_admin_attach (window, kiosk);
}
