/* ward-device-link.c: how the kiosk talks to the bedside devices (an interface; the reference link is D-Bus) */
#include "config.h"

#include "app/devices/ward-device-link.h"

G_DEFINE_INTERFACE (WardDeviceLink, ward_device_link, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-device-link-error-quark, ward_device_link_error)

static void
ward_device_link_default_init (WardDeviceLinkInterface *iface)
{
  g_signal_new ("availability-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("device-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("alarm", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  g_signal_new ("offline", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
ward_device_info_free (WardDeviceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->class_id);
  g_free (info->label);
  g_free (info->bed);
  g_free (info->alarm);
  g_free (info);
}

WardDeviceInfo *
ward_device_info_copy (const WardDeviceInfo *info)
{
  WardDeviceInfo *copy = g_new0 (WardDeviceInfo, 1);

  copy->id = g_strdup (info->id);
  copy->class_id = g_strdup (info->class_id);
  copy->label = g_strdup (info->label);
  copy->bed = g_strdup (info->bed);
  copy->status = info->status;
  copy->alarm = g_strdup (info->alarm);
  return copy;
}

gboolean
ward_device_link_is_available (WardDeviceLink *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_LINK (self), FALSE);
  return WARD_DEVICE_LINK_GET_IFACE (self)->is_available (self);
}

void
ward_device_link_list_devices_async (WardDeviceLink      *self,
                                     const char          *bed,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (WARD_IS_DEVICE_LINK (self));
  WARD_DEVICE_LINK_GET_IFACE (self)->list_devices_async (self, bed, cancellable, callback, user_data);
}

GPtrArray *
ward_device_link_list_devices_finish (WardDeviceLink  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (WARD_IS_DEVICE_LINK (self), NULL);
  return WARD_DEVICE_LINK_GET_IFACE (self)->list_devices_finish (self, result, error);
}

void
ward_device_link_read_settings_async (WardDeviceLink      *self,
                                      const char          *device_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (WARD_IS_DEVICE_LINK (self));
  WARD_DEVICE_LINK_GET_IFACE (self)->read_settings_async (self, device_id, cancellable, callback, user_data);
}

GVariant *
ward_device_link_read_settings_finish (WardDeviceLink  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (WARD_IS_DEVICE_LINK (self), NULL);
  return WARD_DEVICE_LINK_GET_IFACE (self)->read_settings_finish (self, result, error);
}

void
ward_device_link_apply_change_async (WardDeviceLink      *self,
                                     const char          *change_id,
                                     const char          *device_id,
                                     const char          *parameter,
                                     GVariant            *value,
                                     guint                timeout_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (WARD_IS_DEVICE_LINK (self));
  WARD_DEVICE_LINK_GET_IFACE (self)->apply_change_async (self, change_id, device_id, parameter, value,
                                                         timeout_ms, cancellable, callback, user_data);
}

WardChangeOutcome
ward_device_link_apply_change_finish (WardDeviceLink  *self,
                                      GAsyncResult    *result,
                                      char           **detail,
                                      GError         **error)
{
  g_return_val_if_fail (WARD_IS_DEVICE_LINK (self), WARD_CHANGE_NO_ANSWER);
  return WARD_DEVICE_LINK_GET_IFACE (self)->apply_change_finish (self, result, detail, error);
}
