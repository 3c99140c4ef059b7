/* ward-device-snapshot.c: one device of a bed and its settings, read together from the gateway */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-snapshot.h"

void
ward_device_snapshot_free (WardDeviceSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->device, ward_device_info_free);
  g_clear_pointer (&snapshot->settings, g_variant_unref);
  g_free (snapshot);
}

/* Ends the read: the snapshot goes to the caller, or is freed with the error. */
static void
finish (GTask  *task,
        GError *error)
{
  WardDeviceSnapshot *snapshot = g_task_get_task_data (task);

  if (error != NULL)
    {
      ward_device_snapshot_free (snapshot);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, snapshot, (GDestroyNotify) ward_device_snapshot_free);
}

static void
on_settings_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceSnapshot *snapshot = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  snapshot->settings = ward_device_link_read_settings_finish (WARD_DEVICE_LINK (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      finish (task, g_steal_pointer (&error));
      return;
    }
  if (snapshot->settings == NULL)
    g_info ("Device %s not read: %s", snapshot->device->id, error->message);
  finish (task, NULL);
}

static const WardDeviceInfo *
find_device (GPtrArray  *devices,
             const char *device_id)
{
  for (guint i = 0; i < devices->len; i++)
    {
      const WardDeviceInfo *device = g_ptr_array_index (devices, i);

      if (g_strcmp0 (device->id, device_id) == 0)
        return device;
    }
  return NULL;
}

static void
on_devices_listed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceSnapshot *snapshot = g_task_get_task_data (task);
  const char *device_id = g_object_get_data (G_OBJECT (task), "device-id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = ward_device_link_list_devices_finish (WARD_DEVICE_LINK (source), result, &error);
  const WardDeviceInfo *device;
  GCancellable *cancellable;

  if (devices == NULL)
    {
      finish (task, g_steal_pointer (&error));
      return;
    }
  if ((device = find_device (devices, device_id)) == NULL)
    {
      finish (task, g_error_new_literal (WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE,
                                         _("This device is no longer listed at this bed.")));
      return;
    }
  snapshot->device = ward_device_info_copy (device);
  if (device->status == WARD_DEVICE_STATUS_OFFLINE)
    {
      finish (task, NULL);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  ward_device_link_read_settings_async (WARD_DEVICE_LINK (source), device_id, cancellable,
                                        on_settings_read, g_steal_pointer (&task));
}

void
ward_device_snapshot_read_async (WardDeviceLink      *link,
                                 const char          *bed,
                                 const char          *device_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (link, cancellable, callback, user_data);

  g_task_set_source_tag (task, ward_device_snapshot_read_async);
  g_task_set_task_data (task, g_new0 (WardDeviceSnapshot, 1), NULL);
  g_object_set_data_full (G_OBJECT (task), "device-id", g_strdup (device_id), g_free);
  ward_device_link_list_devices_async (link, bed, cancellable, on_devices_listed, task);
}

WardDeviceSnapshot *
ward_device_snapshot_read_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
