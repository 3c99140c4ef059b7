/* fuzz-device-answer.c: the device gateway's ListDevices answer (GVariant aa{sv}) as the D-Bus link reads it */
#include "config.h"

#include <stdint.h>

#include "app/devices/ward-dbus-device-link-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GVariant) raw = g_variant_new_from_bytes (G_VARIANT_TYPE ("aa{sv}"), bytes, FALSE);
  g_autoptr(GVariant) devices = g_variant_get_normal_form (raw);
  GVariantIter iter;
  GVariant *dict;

  /* GDBus hands the link a trusted (normal) value; the same here. */
  g_variant_iter_init (&iter, devices);
  while ((dict = g_variant_iter_next_value (&iter)) != NULL)
    {
      WardDeviceInfo *info = _ward_dbus_device_link_parse_device (dict);

      if (info != NULL)
        ward_device_info_free (info);
      g_variant_unref (dict);
    }
  return 0;
}
