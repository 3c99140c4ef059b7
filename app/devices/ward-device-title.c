/* ward-device-title.c: the name a bedside device is shown by, in the kiosk's language */
#include "config.h"

#include "app/devices/ward-device-title.h"

/* The gateway names each device. A name that is just its class's name in
 * the catalogue ("Infusion pump") is a generic word and is shown in the
 * kiosk's language, as the catalogue's label is; any other name ("Pump
 * 3, bay B") is the ward's own and is shown as the gateway gives it. */
const char *
ward_device_title (WardCatalogue        *catalogue,
                   const WardDeviceInfo *device)
{
  const WardDeviceKind *kind;

  g_return_val_if_fail (device != NULL, NULL);

  kind = catalogue != NULL ? ward_catalogue_get_kind (catalogue, device->class_id) : NULL;
  if (device->label == NULL || *device->label == '\0')
    return kind != NULL ? ward_device_kind_get_label (kind) : device->id;
  if (kind != NULL && g_strcmp0 (kind->label, device->label) == 0)
    return ward_device_kind_get_label (kind);
  return device->label;
}
