/* ward-fake-device-link.c: an in-process device link for tests: devices, settings and scripted answers */
#include "config.h"

#include "tests/app/devices/ward-fake-device-link.h"

typedef struct
{
  WardDeviceInfo *info;
  GHashTable     *settings;   /* key → GVariant */
  gboolean        offline;
} FakeDevice;

struct _WardFakeDeviceLink
{
  GObject         parent_instance;
  GHashTable     *devices;    /* id → FakeDevice */
  WardFakeAnswer  answer;
  char           *detail;
  guint           n_applied;
  guint           n_reads;
  char           *last_change_id;
};

static void ward_fake_device_link_iface_init (WardDeviceLinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WardFakeDeviceLink, ward_fake_device_link, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WARD_TYPE_DEVICE_LINK, ward_fake_device_link_iface_init))

static void
fake_device_free (FakeDevice *device)
{
  ward_device_info_free (device->info);
  g_hash_table_unref (device->settings);
  g_free (device);
}

static void
ward_fake_device_link_finalize (GObject *object)
{
  WardFakeDeviceLink *self = WARD_FAKE_DEVICE_LINK (object);

  g_hash_table_unref (self->devices);
  g_free (self->detail);
  g_free (self->last_change_id);
  G_OBJECT_CLASS (ward_fake_device_link_parent_class)->finalize (object);
}

static void
ward_fake_device_link_class_init (WardFakeDeviceLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_fake_device_link_finalize;
}

static void
ward_fake_device_link_init (WardFakeDeviceLink *self)
{
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) fake_device_free);
}

static FakeDevice *
lookup (WardFakeDeviceLink *self,
        const char         *id,
        GError            **error)
{
  FakeDevice *device = g_hash_table_lookup (self->devices, id);

  if (device == NULL)
    g_set_error (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE, "No device %s.", id);
  else if (device->offline)
    g_set_error (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE, "The device is offline.");
  else
    return device;
  return NULL;
}

static GVariant *
settings_variant (FakeDevice *device)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_hash_table_iter_init (&iter, device->settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (&builder, "{sv}", key, value);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
is_available (WardDeviceLink *link)
{
  return TRUE;
}

static void
list_devices_async (WardDeviceLink      *link,
                    const char          *bed,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  WardFakeDeviceLink *self = WARD_FAKE_DEVICE_LINK (link);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *devices = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_device_info_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (devices, ward_device_info_copy (((FakeDevice *) value)->info));
  g_task_return_pointer (task, devices, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
list_devices_finish (WardDeviceLink  *link,
                     GAsyncResult    *result,
                     GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
read_settings_async (WardDeviceLink      *link,
                     const char          *device_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  WardFakeDeviceLink *self = WARD_FAKE_DEVICE_LINK (link);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  FakeDevice *device = lookup (self, device_id, &error);

  self->n_reads++;
  if (device == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, settings_variant (device), (GDestroyNotify) g_variant_unref);
}

static GVariant *
read_settings_finish (WardDeviceLink  *link,
                      GAsyncResult    *result,
                      GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_number (FakeDevice *device,
              const char *key,
              double      value)
{
  g_hash_table_insert (device->settings, g_strdup (key), g_variant_ref_sink (g_variant_new_double (value)));
}

/* The answer a scripted device gives, after changing (or not) its value. */
static WardChangeOutcome
answer (WardFakeDeviceLink *self,
        FakeDevice         *device,
        const char         *parameter,
        double              value)
{
  switch (self->answer)
    {
    case WARD_FAKE_APPLY:
      store_number (device, parameter, value);
      return WARD_CHANGE_APPLIED;
    case WARD_FAKE_APPLY_UNANSWERED:
      store_number (device, parameter, value);
      return WARD_CHANGE_NO_ANSWER;
    case WARD_FAKE_APPLY_OTHER:
      store_number (device, parameter, value - 1.0);
      return WARD_CHANGE_APPLIED;
    case WARD_FAKE_REFUSE:
      return WARD_CHANGE_REFUSED;
    case WARD_FAKE_NO_ANSWER:
    case WARD_FAKE_NEVER_ANSWER:
    case WARD_FAKE_LINK_ERROR:
    default:
      return WARD_CHANGE_NO_ANSWER;
    }
}

static void
never_answered_cb (GCancellable *cancellable,
                   GTask        *task)
{
  g_task_return_error_if_cancelled (task);
}

static void
apply_change_async (WardDeviceLink      *link,
                    const char          *change_id,
                    const char          *device_id,
                    const char          *parameter,
                    GVariant            *value,
                    guint                timeout_ms,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  WardFakeDeviceLink *self = WARD_FAKE_DEVICE_LINK (link);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  FakeDevice *device = lookup (self, device_id, &error);

  g_free (self->last_change_id);
  self->last_change_id = g_strdup (change_id);
  if (device == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->n_applied++;
  g_task_set_task_data (task, g_strdup (self->detail), g_free);
  if (self->answer == WARD_FAKE_NEVER_ANSWER)
    {
      /* Held until the caller gives up and cancels. */
      g_cancellable_connect (cancellable, G_CALLBACK (never_answered_cb), g_object_ref (task), g_object_unref);
      return;
    }
  if (self->answer == WARD_FAKE_LINK_ERROR)
    g_task_return_new_error (task, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE,
                             "The gateway is not reachable.");
  else
    g_task_return_int (task, answer (self, device, parameter, g_variant_get_double (value)));
}

static WardChangeOutcome
apply_change_finish (WardDeviceLink  *link,
                     GAsyncResult    *result,
                     char           **detail,
                     GError         **error)
{
  GError *local_error = NULL;
  gssize outcome = g_task_propagate_int (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return WARD_CHANGE_NO_ANSWER;
    }
  if (detail != NULL)
    *detail = outcome == WARD_CHANGE_REFUSED ? g_strdup (g_task_get_task_data (G_TASK (result))) : NULL;
  return (WardChangeOutcome) outcome;
}

static void
ward_fake_device_link_iface_init (WardDeviceLinkInterface *iface)
{
  iface->is_available = is_available;
  iface->list_devices_async = list_devices_async;
  iface->list_devices_finish = list_devices_finish;
  iface->read_settings_async = read_settings_async;
  iface->read_settings_finish = read_settings_finish;
  iface->apply_change_async = apply_change_async;
  iface->apply_change_finish = apply_change_finish;
}

WardFakeDeviceLink *
ward_fake_device_link_new (void)
{
  return g_object_new (WARD_TYPE_FAKE_DEVICE_LINK, NULL);
}

void
ward_fake_device_link_add_device (WardFakeDeviceLink *self,
                                  const char         *id,
                                  const char         *class_id,
                                  const char         *label,
                                  GVariant           *settings)
{
  FakeDevice *device = g_new0 (FakeDevice, 1);
  WardDeviceInfo info = { (char *) id, (char *) class_id, (char *) label, (char *) "bed-1",
                          WARD_DEVICE_STATUS_ONLINE, NULL };
  g_autoptr(GVariant) owned = g_variant_ref_sink (settings);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  device->info = ward_device_info_copy (&info);
  device->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  g_variant_iter_init (&iter, owned);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    g_hash_table_insert (device->settings, g_strdup (key), value);
  g_hash_table_insert (self->devices, device->info->id, device);
}

void
ward_fake_device_link_set_number (WardFakeDeviceLink *self,
                                  const char         *id,
                                  const char         *key,
                                  double              value)
{
  store_number (g_hash_table_lookup (self->devices, id), key, value);
}

void
ward_fake_device_link_set_text (WardFakeDeviceLink *self,
                                const char         *id,
                                const char         *key,
                                const char         *value)
{
  FakeDevice *device = g_hash_table_lookup (self->devices, id);

  g_hash_table_insert (device->settings, g_strdup (key), g_variant_ref_sink (g_variant_new_string (value)));
}

double
ward_fake_device_link_get_number (WardFakeDeviceLink *self,
                                  const char         *id,
                                  const char         *key)
{
  FakeDevice *device = g_hash_table_lookup (self->devices, id);

  return g_variant_get_double (g_hash_table_lookup (device->settings, key));
}

GVariant *
ward_fake_device_link_get_settings (WardFakeDeviceLink *self,
                                    const char         *id)
{
  return settings_variant (g_hash_table_lookup (self->devices, id));
}

void
ward_fake_device_link_set_answer (WardFakeDeviceLink *self,
                                  WardFakeAnswer      answer_,
                                  const char         *detail)
{
  self->answer = answer_;
  g_free (self->detail);
  self->detail = g_strdup (detail);
}

void
ward_fake_device_link_set_offline (WardFakeDeviceLink *self,
                                   const char         *id,
                                   gboolean            offline)
{
  ((FakeDevice *) g_hash_table_lookup (self->devices, id))->offline = offline;
}

guint
ward_fake_device_link_get_n_applied (WardFakeDeviceLink *self)
{
  return self->n_applied;
}

guint
ward_fake_device_link_get_n_reads (WardFakeDeviceLink *self)
{
  return self->n_reads;
}

const char *
ward_fake_device_link_get_last_change_id (WardFakeDeviceLink *self)
{
  return self->last_change_id;
}
