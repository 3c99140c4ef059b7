/* ward-dbus-device-link.c: the reference device link, speaking D-Bus to a device gateway (io.github.wardgate.DeviceGateway1) */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-dbus-device-link.h"
#include "app/devices/ward-dbus-device-link-private.h"
#include "app/devices/ward-gateway-dbus.h"

struct _WardDbusDeviceLink
{
  GObject             parent_instance;
  GBusType            bus_type;
  guint               watch_id;
  GCancellable       *connecting;  /* the proxy being made for the current owner */
  WardDeviceGateway1 *proxy;       /* NULL while the gateway is absent */
};

static void ward_dbus_device_link_iface_init (WardDeviceLinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WardDbusDeviceLink, ward_dbus_device_link, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (WARD_TYPE_DEVICE_LINK, ward_dbus_device_link_iface_init))

typedef struct
{
  GVariant          *requested;
  WardChangeOutcome  outcome;
  char              *detail;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_variant_unref (data->requested);
  g_free (data->detail);
  g_free (data);
}

/* Gateway errors arrive in the link's own domain, so callers see one set of codes. */
static void
_ward_dbus_device_link_register_errors (void)
{
  static const GDBusErrorEntry entries[] = {
    { WARD_DEVICE_LINK_ERROR_OFFLINE, WARD_GATEWAY_ERROR_OFFLINE },
    { WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE, WARD_GATEWAY_ERROR_UNKNOWN_DEVICE },
  };
  static gsize quark = 0;

  /* The same name as G_DEFINE_QUARK in ward-device-link.c, hence the same quark. */
  g_dbus_error_register_error_domain ("ward-device-link-error-quark", &quark,
                                      entries, G_N_ELEMENTS (entries));
}

static gboolean
_ward_dbus_device_link_gateway_gone (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

/* Replaces a D-Bus error by one a nurse understands; the gateway's own words go to the log. */
static GError *
_ward_dbus_device_link_translate_error (GError *remote)
{
  g_autoptr(GError) owned = remote;
  g_autofree char *remote_name = g_dbus_error_get_remote_error (remote);

  if (g_error_matches (remote, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  g_dbus_error_strip_remote_error (remote);
  g_info ("Device gateway call failed: %s (%s)", remote->message,
          remote_name != NULL ? remote_name : g_quark_to_string (remote->domain));

  if (g_error_matches (remote, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE))
    return g_error_new_literal (WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE,
                                _("The device is not answering. Check that it is switched on and connected."));
  if (g_error_matches (remote, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE))
    return g_error_new_literal (WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE,
                                _("This device is not known at this bed."));
  if (_ward_dbus_device_link_gateway_gone (remote))
    return g_error_new_literal (WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE,
                                _("The bedside devices cannot be reached from this kiosk just now."));
  return g_error_new_literal (WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_FAILED,
                              _("The bedside devices did not accept the request. Try again, or ask for help."));
}

static GTask *
_ward_dbus_device_link_task_new (WardDbusDeviceLink  *self,
                                 gpointer             source_tag,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (self->proxy == NULL)
    g_task_return_new_error (task, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNAVAILABLE, "%s",
                             _("The bedside devices cannot be reached from this kiosk just now."));
  return task;
}

/* Signals forwarded from the gateway */

static void
on_gateway_device_changed (WardDeviceGateway1 *proxy,
                           const char         *device_id,
                           WardDbusDeviceLink *self)
{
  g_signal_emit_by_name (self, "device-changed", device_id);
}

static void
on_gateway_alarm (WardDeviceGateway1 *proxy,
                  const char         *device_id,
                  const char         *message,
                  WardDbusDeviceLink *self)
{
  g_signal_emit_by_name (self, "alarm", device_id, message);
}

static void
on_gateway_offline (WardDeviceGateway1 *proxy,
                    const char         *device_id,
                    WardDbusDeviceLink *self)
{
  g_signal_emit_by_name (self, "offline", device_id);
}

/* Gateway presence */

typedef struct
{
  WardDbusDeviceLink *self;
  GCancellable       *cancellable;
} Connecting;

static Connecting *
connecting_new (WardDbusDeviceLink *self)
{
  Connecting *connecting = g_new0 (Connecting, 1);

  connecting->self = g_object_ref (self);
  connecting->cancellable = g_object_ref (self->connecting);
  return connecting;
}

static void
connecting_free (Connecting *connecting)
{
  g_object_unref (connecting->self);
  g_object_unref (connecting->cancellable);
  g_free (connecting);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connecting, connecting_free)

static void
_ward_dbus_device_link_drop_proxy (WardDbusDeviceLink *self)
{
  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  if (self->proxy == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->proxy, self);
  g_clear_object (&self->proxy);
  g_signal_emit_by_name (self, "availability-changed");
}

static void
on_proxy_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Connecting) connecting = user_data;
  WardDbusDeviceLink *self = connecting->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(WardDeviceGateway1) proxy = ward_device_gateway1_proxy_new_finish (result, &error);

  if (proxy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Device gateway found but not usable: %s", error->message);
      return;
    }
  /* The owner it was made for went away meanwhile. */
  if (self->connecting != connecting->cancellable)
    return;
  g_clear_object (&self->connecting);

  g_signal_connect (proxy, "device-changed", G_CALLBACK (on_gateway_device_changed), self);
  g_signal_connect (proxy, "alarm", G_CALLBACK (on_gateway_alarm), self);
  g_signal_connect (proxy, "offline", G_CALLBACK (on_gateway_offline), self);
  self->proxy = g_steal_pointer (&proxy);
  g_message ("Device gateway available on the %s bus (version %s)",
             self->bus_type == G_BUS_TYPE_SYSTEM ? "system" : "session",
             ward_device_gateway1_get_version (self->proxy) != NULL ?
             ward_device_gateway1_get_version (self->proxy) : "unknown");
  g_signal_emit_by_name (self, "availability-changed");
}

/* Whoever owns the gateway's name is trusted with every device answer, so
 * not just anyone may: on the system bus only a system account (the
 * gateway's service user, or root), on the session bus only the kiosk's
 * own user. Other owners are ignored, and said so in the log. */
static gboolean
owner_is_trusted (WardDbusDeviceLink *self,
                  guint32             owner_uid)
{
  if (self->bus_type == G_BUS_TYPE_SYSTEM)
    return owner_uid < 1000;
  return owner_uid == getuid ();
}

static void
on_owner_uid (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connecting *connecting = user_data;
  WardDbusDeviceLink *self = connecting->self;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  guint32 uid = G_MAXUINT32;

  if (reply != NULL)
    g_variant_get (reply, "(u)", &uid);
  if (g_cancellable_is_cancelled (connecting->cancellable) || self->connecting != connecting->cancellable)
    {
      connecting_free (connecting);
      return;
    }
  if (reply == NULL || !owner_is_trusted (self, uid))
    {
      g_warning ("The device gateway name is owned by an untrusted process (uid %u): ignored", uid);
      connecting_free (connecting);
      return;
    }
  /* The proxy follows the well-known name; calls never start a gateway by bus activation. */
  ward_device_gateway1_proxy_new (G_DBUS_CONNECTION (source), G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                  WARD_GATEWAY_BUS_NAME, WARD_GATEWAY_OBJECT_PATH,
                                  self->connecting, on_proxy_ready, connecting);
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *name_owner,
                  gpointer         user_data)
{
  WardDbusDeviceLink *self = user_data;

  _ward_dbus_device_link_drop_proxy (self);
  self->connecting = g_cancellable_new ();
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "GetConnectionUnixUser", g_variant_new ("(s)", name_owner), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->connecting, on_owner_uid, connecting_new (self));
}

static void
on_name_vanished (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  WardDbusDeviceLink *self = user_data;

  if (connection == NULL)
    g_message ("No %s bus to find the device gateway on",
               self->bus_type == G_BUS_TYPE_SYSTEM ? "system" : "session");
  else if (self->proxy != NULL)
    g_message ("Device gateway gone; waiting for it to return");
  _ward_dbus_device_link_drop_proxy (self);
}

/* WardDeviceLink */

static gboolean
ward_dbus_device_link_is_available (WardDeviceLink *link)
{
  return WARD_DBUS_DEVICE_LINK (link)->proxy != NULL;
}

static WardDeviceStatus
_ward_dbus_device_link_parse_status (const char *status)
{
  if (g_strcmp0 (status, "online") == 0)
    return WARD_DEVICE_STATUS_ONLINE;
  if (g_strcmp0 (status, "alarm") == 0)
    return WARD_DEVICE_STATUS_ALARM;
  /* A status this kiosk does not know is not a device it can trust to be reachable. */
  return WARD_DEVICE_STATUS_OFFLINE;
}

/* One device of the gateway's ListDevices answer; NULL when the entry is
 * not a device this kiosk can show. Outside input: fuzzed. */
WardDeviceInfo *
_ward_dbus_device_link_parse_device (GVariant *dict)
{
  g_autoptr(WardDeviceInfo) info = g_new0 (WardDeviceInfo, 1);
  const char *status = NULL;

  if (!g_variant_lookup (dict, "id", "s", &info->id) ||
      !g_variant_lookup (dict, "class", "s", &info->class_id))
    return NULL;
  if (!g_variant_lookup (dict, "label", "s", &info->label))
    info->label = g_strdup (info->id);
  g_variant_lookup (dict, "bed", "s", &info->bed);
  g_variant_lookup (dict, "status", "&s", &status);
  info->status = _ward_dbus_device_link_parse_status (status);
  if (info->status == WARD_DEVICE_STATUS_ALARM && !g_variant_lookup (dict, "alarm", "s", &info->alarm))
    info->alarm = g_strdup ("");
  return g_steal_pointer (&info);
}

static void
on_list_devices_reply (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  GError *error = NULL;
  GVariantIter iter;
  GVariant *dict;

  if (!ward_device_gateway1_call_list_devices_finish (WARD_DEVICE_GATEWAY1 (source), &devices, result, &error))
    {
      g_task_return_error (task, _ward_dbus_device_link_translate_error (error));
      return;
    }
  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_device_info_free);
  g_variant_iter_init (&iter, devices);
  while ((dict = g_variant_iter_next_value (&iter)) != NULL)
    {
      WardDeviceInfo *info = _ward_dbus_device_link_parse_device (dict);

      if (info != NULL)
        g_ptr_array_add (infos, info);
      else
        g_warning ("Device gateway listed a device without an id or class; ignored");
      g_variant_unref (dict);
    }
  g_task_return_pointer (task, g_steal_pointer (&infos), (GDestroyNotify) g_ptr_array_unref);
}

static void
ward_dbus_device_link_list_devices_async (WardDeviceLink      *link,
                                          const char          *bed,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  WardDbusDeviceLink *self = WARD_DBUS_DEVICE_LINK (link);
  g_autoptr(GTask) task = _ward_dbus_device_link_task_new (self, ward_dbus_device_link_list_devices_async,
                                                           cancellable, callback, user_data);

  if (self->proxy == NULL)
    return;
  ward_device_gateway1_call_list_devices (self->proxy, bed, G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                                          on_list_devices_reply, g_steal_pointer (&task));
}

static GPtrArray *
ward_dbus_device_link_list_devices_finish (WardDeviceLink  *link,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, link), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_read_settings_reply (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GVariant *settings = NULL;
  GError *error = NULL;

  if (!ward_device_gateway1_call_read_settings_finish (WARD_DEVICE_GATEWAY1 (source), &settings, result, &error))
    g_task_return_error (task, _ward_dbus_device_link_translate_error (error));
  else
    g_task_return_pointer (task, settings, (GDestroyNotify) g_variant_unref);
}

static void
ward_dbus_device_link_read_settings_async (WardDeviceLink      *link,
                                           const char          *device_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  WardDbusDeviceLink *self = WARD_DBUS_DEVICE_LINK (link);
  g_autoptr(GTask) task = _ward_dbus_device_link_task_new (self, ward_dbus_device_link_read_settings_async,
                                                           cancellable, callback, user_data);

  if (self->proxy == NULL)
    return;
  ward_device_gateway1_call_read_settings (self->proxy, device_id, G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                                           on_read_settings_reply, g_steal_pointer (&task));
}

static GVariant *
ward_dbus_device_link_read_settings_finish (WardDeviceLink  *link,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, link), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
_ward_dbus_device_link_apply_answered (GTask      *task,
                                       ApplyData  *data,
                                       const char *outcome,
                                       const char *detail,
                                       GVariant   *actual)
{
  if (g_strcmp0 (outcome, "refused") == 0)
    {
      data->outcome = WARD_CHANGE_REFUSED;
      data->detail = g_strdup (detail);
    }
  else if (g_strcmp0 (outcome, "applied") != 0)
    {
      g_warning ("Device gateway answered a change with an unknown outcome; treating it as unanswered");
      data->detail = g_strdup (_("The device gave an answer this kiosk does not understand. Read its settings again."));
    }
  /* "Applied" counts only when the value the device reports is the one sent. */
  else if (!g_variant_equal (actual, data->requested))
    {
      g_warning ("Device reported a change applied with a different value in effect");
      data->detail = g_strdup (_("The device reports a different value in effect. Read its settings again."));
    }
  else
    data->outcome = WARD_CHANGE_APPLIED;
  g_task_return_boolean (task, TRUE);
}

/* The change was sent; whatever went wrong after, only a read-back tells what the device did. */
static void
_ward_dbus_device_link_apply_unanswered (GTask     *task,
                                         ApplyData *data,
                                         GError    *error)
{
  g_info ("Device change got no answer: %s", error->message);
  data->detail = g_strdup (_("The device did not confirm the change in time. Read its settings again."));
  g_task_return_boolean (task, TRUE);
}

static void
on_apply_change_reply (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyData *data = g_task_get_task_data (task);
  g_autofree char *outcome = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GError) error = NULL;

  if (ward_device_gateway1_call_apply_change_finish (WARD_DEVICE_GATEWAY1 (source), &outcome, &detail,
                                                     &boxed, result, &error))
    {
      g_autoptr(GVariant) actual = g_variant_get_variant (boxed);
      _ward_dbus_device_link_apply_answered (task, data, outcome, detail, actual);
    }
  else if (g_error_matches (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_OFFLINE) ||
           g_error_matches (error, WARD_DEVICE_LINK_ERROR, WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
           g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS))
    /* The gateway said so itself, or there was nobody to send it to: nothing reached the device. */
    g_task_return_error (task, _ward_dbus_device_link_translate_error (g_steal_pointer (&error)));
  else
    _ward_dbus_device_link_apply_unanswered (task, data, error);
}

static void
ward_dbus_device_link_apply_change_async (WardDeviceLink      *link,
                                          const char          *change_id,
                                          const char          *device_id,
                                          const char          *parameter,
                                          GVariant            *value,
                                          guint                timeout_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  WardDbusDeviceLink *self = WARD_DBUS_DEVICE_LINK (link);
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_variant_ref_sink (value);
  task = _ward_dbus_device_link_task_new (self, ward_dbus_device_link_apply_change_async,
                                          cancellable, callback, user_data);
  if (self->proxy == NULL || g_task_return_error_if_cancelled (task))
    {
      g_variant_unref (value);
      return;
    }
  data = g_new0 (ApplyData, 1);
  data->requested = value;
  data->outcome = WARD_CHANGE_NO_ANSWER;
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);

  g_info ("Sending change %s to %s", change_id, device_id);
  /* The bus enforces the wait: a reply after it is dropped, and the caller hears NO_ANSWER. */
  ward_device_gateway1_call_apply_change (self->proxy, change_id, device_id, parameter, g_variant_new_variant (value),
                                          G_DBUS_CALL_FLAGS_NONE, timeout_ms > 0 ? (int) MIN (timeout_ms, G_MAXINT) : -1,
                                          cancellable, on_apply_change_reply, g_steal_pointer (&task));
}

static WardChangeOutcome
ward_dbus_device_link_apply_change_finish (WardDeviceLink  *link,
                                           GAsyncResult    *result,
                                           char           **detail,
                                           GError         **error)
{
  ApplyData *data;

  g_return_val_if_fail (g_task_is_valid (result, link), WARD_CHANGE_NO_ANSWER);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return WARD_CHANGE_NO_ANSWER;
  data = g_task_get_task_data (G_TASK (result));
  if (detail != NULL)
    *detail = g_strdup (data->detail);
  return data->outcome;
}

static void
ward_dbus_device_link_iface_init (WardDeviceLinkInterface *iface)
{
  iface->is_available = ward_dbus_device_link_is_available;
  iface->list_devices_async = ward_dbus_device_link_list_devices_async;
  iface->list_devices_finish = ward_dbus_device_link_list_devices_finish;
  iface->read_settings_async = ward_dbus_device_link_read_settings_async;
  iface->read_settings_finish = ward_dbus_device_link_read_settings_finish;
  iface->apply_change_async = ward_dbus_device_link_apply_change_async;
  iface->apply_change_finish = ward_dbus_device_link_apply_change_finish;
}

/* GObject */

static void
ward_dbus_device_link_dispose (GObject *object)
{
  WardDbusDeviceLink *self = WARD_DBUS_DEVICE_LINK (object);

  if (self->watch_id != 0)
    g_bus_unwatch_name (self->watch_id);
  self->watch_id = 0;
  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  if (self->proxy != NULL)
    g_signal_handlers_disconnect_by_data (self->proxy, self);
  g_clear_object (&self->proxy);
  G_OBJECT_CLASS (ward_dbus_device_link_parent_class)->dispose (object);
}

static void
ward_dbus_device_link_class_init (WardDbusDeviceLinkClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ward_dbus_device_link_dispose;
  _ward_dbus_device_link_register_errors ();
}

static void
ward_dbus_device_link_init (WardDbusDeviceLink *self)
{
}

WardDeviceLink *
ward_dbus_device_link_new (GBusType bus_type)
{
  WardDbusDeviceLink *self = g_object_new (WARD_TYPE_DBUS_DEVICE_LINK, NULL);

  self->bus_type = bus_type;
  /* GIO keeps watching: a gateway that starts later, or restarts, is picked up without polling. */
  self->watch_id = g_bus_watch_name (bus_type, WARD_GATEWAY_BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     on_name_appeared, on_name_vanished, self, NULL);
  return WARD_DEVICE_LINK (self);
}
