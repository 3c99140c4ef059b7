/* ward-device-simulator.c: simulated bedside devices of one bed, served as a device gateway on D-Bus (wardgate-devsim) */
#include "config.h"

#include <math.h>

#include <errno.h>
#include <glib/gstdio.h>

#include "app/devices/ward-dbus-device-link.h"
#include "app/devsim/ward-device-simulator.h"
#include "app/devices/ward-gateway-dbus.h"

typedef struct
{
  const char *name;
  const char *type;    /* "d" or "s" */
  double      number;
  const char *text;
} ParamDefault;

typedef struct
{
  const char         *id;
  const char         *class_id;
  const char         *label;
  const ParamDefault *params;
} DeviceDefault;

static const ParamDefault pump_params[] = {
  { "drug", "s", 0, "heparin" },
  { "rate_ml_h", "d", 10.0, NULL },
  { "vtbi_ml", "d", 250.0, NULL },
  { "bolus_ml", "d", 0.0, NULL },
  { NULL },
};

static const ParamDefault ventilator_params[] = {
  { "fio2_percent", "d", 40.0, NULL },
  { "peep_cmh2o", "d", 5.0, NULL },
  { "tidal_volume_ml", "d", 450.0, NULL },
  { "resp_rate_bpm", "d", 14.0, NULL },
  { "alarm_pressure_high_cmh2o", "d", 35.0, NULL },
  { NULL },
};

static const ParamDefault monitor_params[] = {
  { "hr_low", "d", 50.0, NULL },
  { "hr_high", "d", 120.0, NULL },
  { "spo2_low", "d", 90.0, NULL },
  { "sbp_low", "d", 90.0, NULL },
  { "sbp_high", "d", 160.0, NULL },
  { "alarm_volume", "d", 5.0, NULL },
  { "alarm_pause_s", "d", 120.0, NULL },
  { NULL },
};

static const DeviceDefault device_defaults[] = {
  { "pump-1", "infusion-pump", "Infusion pump", pump_params },
  { "vent-1", "ventilator", "Ventilator", ventilator_params },
  { "monitor-1", "patient-monitor", "Patient monitor", monitor_params },
};

typedef struct
{
  const DeviceDefault *def;
  GHashTable          *values;      /* parameter name → GVariant in effect */
  gboolean             offline;
  gboolean             refuse_all;
  char                *refuse_next; /* the reason for refusing the next change, or NULL */
  char                *alarm;       /* NULL when not alarming */
} SimDevice;

struct _WardDeviceSimulator
{
  GObject               parent_instance;
  char                 *bed;
  char                 *state_file;  /* NULL: nothing kept between runs */
  GPtrArray            *devices;     /* SimDevice */
  GHashTable           *answers;     /* change id, device, setting, value → "(ssv)" answer already given */
  GHashTable           *change_ids;  /* every change id answered */
  guint                 delay_ms;
  WardDeviceGateway1   *gateway;
  WardDeviceSimulator1 *control;
};

G_DEFINE_FINAL_TYPE (WardDeviceSimulator, ward_device_simulator, G_TYPE_OBJECT)

static void
sim_device_free (SimDevice *device)
{
  g_hash_table_unref (device->values);
  g_free (device->refuse_next);
  g_free (device->alarm);
  g_free (device);
}

static SimDevice *
sim_device_new (const DeviceDefault *def)
{
  SimDevice *device = g_new0 (SimDevice, 1);

  device->def = def;
  device->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_variant_unref);
  for (const ParamDefault *param = def->params; param->name != NULL; param++)
    {
      GVariant *value = g_str_equal (param->type, "s") ? g_variant_new_string (param->text)
                                                       : g_variant_new_double (param->number);
      g_hash_table_insert (device->values, (gpointer) param->name, g_variant_ref_sink (value));
    }
  return device;
}

static SimDevice *
_ward_device_simulator_find (WardDeviceSimulator  *self,
                             const char           *device_id,
                             GError              **error)
{
  for (guint i = 0; i < self->devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (self->devices, i);

      if (g_strcmp0 (device->def->id, device_id) == 0)
        return device;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No device “%s” at %s", device_id, self->bed);
  return NULL;
}

static const ParamDefault *
_ward_device_simulator_find_param (SimDevice  *device,
                                   const char *name)
{
  for (const ParamDefault *param = device->def->params; param->name != NULL; param++)
    if (g_strcmp0 (param->name, name) == 0)
      return param;
  return NULL;
}

/* State kept between runs */

static void
_ward_device_simulator_load_value (SimDevice          *device,
                                   GKeyFile           *keyfile,
                                   const ParamDefault *param)
{
  g_autoptr(GError) error = NULL;
  GVariant *value;

  if (!g_key_file_has_key (keyfile, device->def->id, param->name, NULL))
    return;
  if (g_str_equal (param->type, "s"))
    {
      g_autofree char *text = g_key_file_get_string (keyfile, device->def->id, param->name, &error);
      value = text != NULL ? g_variant_new_string (text) : NULL;
    }
  else
    {
      double number = g_key_file_get_double (keyfile, device->def->id, param->name, &error);
      value = error == NULL ? g_variant_new_double (number) : NULL;
    }
  if (value == NULL)
    {
      g_warning ("Stored %s of %s unreadable, default kept: %s", param->name, device->def->id, error->message);
      return;
    }
  g_hash_table_insert (device->values, (gpointer) param->name, g_variant_ref_sink (value));
}

static gboolean
_ward_device_simulator_load (WardDeviceSimulator  *self,
                             GError              **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keyfile, self->state_file, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", self->state_file);
      return FALSE;
    }
  for (guint i = 0; i < self->devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (self->devices, i);

      for (const ParamDefault *param = device->def->params; param->name != NULL; param++)
        _ward_device_simulator_load_value (device, keyfile, param);
    }
  g_message ("Device settings loaded from %s", self->state_file);
  return TRUE;
}

static gboolean
_ward_device_simulator_save (WardDeviceSimulator  *self,
                             GError              **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  if (self->state_file == NULL)
    return TRUE;
  for (guint i = 0; i < self->devices->len; i++)
    {
      SimDevice *device = g_ptr_array_index (self->devices, i);

      for (const ParamDefault *param = device->def->params; param->name != NULL; param++)
        {
          GVariant *value = g_hash_table_lookup (device->values, param->name);

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            g_key_file_set_string (keyfile, device->def->id, param->name, g_variant_get_string (value, NULL));
          else
            g_key_file_set_double (keyfile, device->def->id, param->name, g_variant_get_double (value));
        }
    }
  data = g_key_file_to_data (keyfile, &length, NULL);
  /* Written to a temporary file and renamed: a crash leaves the old state or the new, never half. */
  return g_file_set_contents (self->state_file, data, length, error);
}

/* Answers */

static GVariant *
_ward_device_simulator_describe (WardDeviceSimulator *self,
                                 SimDevice           *device)
{
  GVariantDict dict;
  const char *status = device->offline ? "offline" : device->alarm != NULL ? "alarm" : "online";

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "id", "s", device->def->id);
  g_variant_dict_insert (&dict, "class", "s", device->def->class_id);
  g_variant_dict_insert (&dict, "label", "s", device->def->label);
  g_variant_dict_insert (&dict, "bed", "s", self->bed);
  g_variant_dict_insert (&dict, "status", "s", status);
  if (device->alarm != NULL && !device->offline)
    g_variant_dict_insert (&dict, "alarm", "s", device->alarm);
  return g_variant_dict_end (&dict);
}

static GVariant *
_ward_device_simulator_settings (SimDevice *device)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (const ParamDefault *param = device->def->params; param->name != NULL; param++)
    g_variant_builder_add (&builder, "{sv}", param->name, g_hash_table_lookup (device->values, param->name));
  return g_variant_builder_end (&builder);
}

/* Finds the device for a gateway method, or answers the invocation with the gateway's error. */
static SimDevice *
_ward_device_simulator_reachable (WardDeviceSimulator   *self,
                                  GDBusMethodInvocation *invocation,
                                  const char            *device_id)
{
  SimDevice *device = _ward_device_simulator_find (self, device_id, NULL);

  if (device == NULL)
    g_dbus_method_invocation_return_dbus_error (invocation, WARD_GATEWAY_ERROR_UNKNOWN_DEVICE,
                                                "No such device at this gateway");
  else if (device->offline)
    g_dbus_method_invocation_return_dbus_error (invocation, WARD_GATEWAY_ERROR_OFFLINE,
                                                "The gateway cannot reach the device");
  else
    return device;
  return NULL;
}

static gboolean
on_handle_list_devices (WardDeviceGateway1    *gateway,
                        GDBusMethodInvocation *invocation,
                        const char            *bed,
                        WardDeviceSimulator   *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < self->devices->len && g_strcmp0 (bed, self->bed) == 0; i++)
    g_variant_builder_add_value (&builder, _ward_device_simulator_describe (self, g_ptr_array_index (self->devices, i)));
  if (g_strcmp0 (bed, self->bed) != 0)
    g_info ("Devices asked for another bed; this gateway serves %s", self->bed);
  ward_device_gateway1_complete_list_devices (gateway, invocation, g_variant_builder_end (&builder));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_handle_read_settings (WardDeviceGateway1    *gateway,
                         GDBusMethodInvocation *invocation,
                         const char            *device_id,
                         WardDeviceSimulator   *self)
{
  SimDevice *device = _ward_device_simulator_reachable (self, invocation, device_id);

  if (device != NULL)
    ward_device_gateway1_complete_read_settings (gateway, invocation, _ward_device_simulator_settings (device));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Applying a change */

/* Why the device would not take @value for @parameter, or NULL when it will. */
static char *
_ward_device_simulator_refusal (SimDevice  *device,
                                const char *parameter,
                                GVariant   *value)
{
  const ParamDefault *param = _ward_device_simulator_find_param (device, parameter);

  if (param == NULL)
    return g_strdup_printf ("%s has no setting “%s”", device->def->id, parameter);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE (param->type)))
    return g_strdup_printf ("%s takes a value of type “%s”, not “%s”",
                            parameter, param->type, g_variant_get_type_string (value));
  /* Like real firmware, no setting takes "not a number" or infinity. */
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE) && !isfinite (g_variant_get_double (value)))
    return g_strdup_printf ("%s takes a finite number", parameter);
  if (device->refuse_next != NULL)
    return g_steal_pointer (&device->refuse_next);
  if (device->refuse_all)
    return g_strdup ("The device is not accepting changes");
  return NULL;
}

/* Stores the value before the device reports it, so that a restart never loses an applied change. */
static char *
_ward_device_simulator_commit (WardDeviceSimulator *self,
                               SimDevice           *device,
                               const char          *parameter,
                               GVariant            *value)
{
  const ParamDefault *param = _ward_device_simulator_find_param (device, parameter);
  g_autoptr(GVariant) previous = g_variant_ref (g_hash_table_lookup (device->values, parameter));
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (device->values, (gpointer) param->name, g_variant_ref (value));
  if (_ward_device_simulator_save (self, &error))
    return NULL;
  g_warning ("Could not store the settings of %s: %s", device->def->id, error->message);
  g_hash_table_insert (device->values, (gpointer) param->name, g_steal_pointer (&previous));
  return g_strdup ("The device could not store the setting");
}

static GVariant *
_ward_device_simulator_apply (WardDeviceSimulator *self,
                              SimDevice           *device,
                              const char          *change_id,
                              const char          *parameter,
                              GVariant            *value)
{
  g_autofree char *reason = _ward_device_simulator_refusal (device, parameter, value);
  GVariant *actual;

  if (reason == NULL)
    reason = _ward_device_simulator_commit (self, device, parameter, value);
  actual = g_hash_table_lookup (device->values, parameter);
  if (actual == NULL)
    actual = g_variant_new_string ("");

  if (reason != NULL)
    {
      g_message ("Change %s to %s refused: %s", change_id, device->def->id, reason);
      return g_variant_new ("(ssv)", "refused", reason, actual);
    }
  g_message ("Change %s to %s applied: %s", change_id, device->def->id, parameter);
  ward_device_gateway1_emit_device_changed (self->gateway, device->def->id);
  return g_variant_new ("(ssv)", "applied", "", actual);
}

typedef struct
{
  WardDeviceSimulator   *self;
  GDBusMethodInvocation *invocation;
  char                  *change_id;
  char                  *device_id;
  char                  *parameter;
  GVariant              *value;
} PendingChange;

static void
pending_change_free (PendingChange *pending)
{
  g_object_unref (pending->self);
  g_clear_object (&pending->invocation);
  g_free (pending->change_id);
  g_free (pending->device_id);
  g_free (pending->parameter);
  g_variant_unref (pending->value);
  g_free (pending);
}

static char *
change_key (PendingChange *pending)
{
  g_autofree char *value = g_variant_print (pending->value, TRUE);

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", pending->change_id, pending->device_id, pending->parameter, value);
}

/* Everything is decided when the device answers, as a slow device would. */
static gboolean
_ward_device_simulator_answer (gpointer user_data)
{
  PendingChange *pending = user_data;
  WardDeviceSimulator *self = pending->self;
  g_autofree char *key = change_key (pending);
  GVariant *answer = g_hash_table_lookup (self->answers, key);
  SimDevice *device;

  /* A repeated change (same id, device, setting and value: a retried
   * message) gets its first answer and is not applied twice. The same id
   * for anything else is a different change, and refused. */
  if (answer != NULL)
    {
      g_message ("Change %s seen before; first answer repeated", pending->change_id);
      g_dbus_method_invocation_return_value (g_steal_pointer (&pending->invocation), answer);
      return G_SOURCE_REMOVE;
    }
  if (g_hash_table_contains (self->change_ids, pending->change_id))
    {
      g_dbus_method_invocation_return_value (g_steal_pointer (&pending->invocation),
                                             g_variant_new ("(ssv)", "refused",
                                                            "This change id was already used for another change.",
                                                            g_variant_ref (pending->value)));
      return G_SOURCE_REMOVE;
    }

  device = _ward_device_simulator_reachable (self, pending->invocation, pending->device_id);
  if (device == NULL)
    {
      /* Answered with the gateway's error, which took the invocation. */
      pending->invocation = NULL;
      return G_SOURCE_REMOVE;
    }
  answer = g_variant_ref_sink (_ward_device_simulator_apply (self, device, pending->change_id,
                                                            pending->parameter, pending->value));
  g_hash_table_insert (self->answers, g_steal_pointer (&key), answer);
  g_hash_table_add (self->change_ids, g_strdup (pending->change_id));
  g_dbus_method_invocation_return_value (g_steal_pointer (&pending->invocation), answer);
  return G_SOURCE_REMOVE;
}

static gboolean
on_handle_apply_change (WardDeviceGateway1    *gateway,
                        GDBusMethodInvocation *invocation,
                        const char            *change_id,
                        const char            *device_id,
                        const char            *parameter,
                        GVariant              *boxed,
                        WardDeviceSimulator   *self)
{
  PendingChange *pending = g_new0 (PendingChange, 1);

  pending->self = g_object_ref (self);
  pending->invocation = invocation;  /* the skeleton's reference, given up when answered */
  pending->change_id = g_strdup (change_id);
  pending->device_id = g_strdup (device_id);
  pending->parameter = g_strdup (parameter);
  pending->value = g_variant_get_variant (boxed);
  if (self->delay_ms == 0)
    {
      _ward_device_simulator_answer (pending);
      pending_change_free (pending);
    }
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, self->delay_ms, _ward_device_simulator_answer,
                        pending, (GDestroyNotify) pending_change_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Simulator control */

static SimDevice *
_ward_device_simulator_control_find (WardDeviceSimulator   *self,
                                     GDBusMethodInvocation *invocation,
                                     const char            *device_id)
{
  SimDevice *device = _ward_device_simulator_find (self, device_id, NULL);

  if (device == NULL)
    g_dbus_method_invocation_return_dbus_error (invocation, WARD_GATEWAY_ERROR_UNKNOWN_DEVICE,
                                                "No such device at this gateway");
  return device;
}

static gboolean
on_handle_set_offline (WardDeviceSimulator1  *control,
                       GDBusMethodInvocation *invocation,
                       const char            *device_id,
                       gboolean               offline,
                       WardDeviceSimulator   *self)
{
  if (_ward_device_simulator_control_find (self, invocation, device_id) == NULL)
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  ward_device_simulator_set_offline (self, device_id, offline, NULL);
  ward_device_simulator1_complete_set_offline (control, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_handle_refuse_next (WardDeviceSimulator1  *control,
                       GDBusMethodInvocation *invocation,
                       const char            *device_id,
                       const char            *reason,
                       WardDeviceSimulator   *self)
{
  SimDevice *device = _ward_device_simulator_control_find (self, invocation, device_id);

  if (device == NULL)
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  g_free (device->refuse_next);
  device->refuse_next = g_strdup (*reason != '\0' ? reason : "The device refused the change");
  g_message ("%s will refuse the next change", device_id);
  ward_device_simulator1_complete_refuse_next (control, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_handle_set_refuse_all (WardDeviceSimulator1  *control,
                          GDBusMethodInvocation *invocation,
                          const char            *device_id,
                          gboolean               refuse,
                          WardDeviceSimulator   *self)
{
  if (_ward_device_simulator_control_find (self, invocation, device_id) == NULL)
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  ward_device_simulator_set_refuse_all (self, device_id, refuse, NULL);
  ward_device_simulator1_complete_set_refuse_all (control, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_handle_set_delay (WardDeviceSimulator1  *control,
                     GDBusMethodInvocation *invocation,
                     guint                  milliseconds,
                     WardDeviceSimulator   *self)
{
  ward_device_simulator_set_delay (self, milliseconds);
  ward_device_simulator1_complete_set_delay (control, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
on_handle_raise_alarm (WardDeviceSimulator1  *control,
                       GDBusMethodInvocation *invocation,
                       const char            *device_id,
                       const char            *message,
                       WardDeviceSimulator   *self)
{
  SimDevice *device = _ward_device_simulator_control_find (self, invocation, device_id);

  if (device == NULL)
    return G_DBUS_METHOD_INVOCATION_HANDLED;
  g_clear_pointer (&device->alarm, g_free);
  if (*message != '\0')
    {
      device->alarm = g_strdup (message);
      g_message ("%s alarming", device_id);
      ward_device_gateway1_emit_alarm (self->gateway, device_id, message);
    }
  ward_device_gateway1_emit_device_changed (self->gateway, device_id);
  ward_device_simulator1_complete_raise_alarm (control, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Public */

gboolean
ward_device_simulator_set_offline (WardDeviceSimulator  *self,
                                   const char           *device_id,
                                   gboolean              offline,
                                   GError              **error)
{
  SimDevice *device;

  g_return_val_if_fail (WARD_IS_DEVICE_SIMULATOR (self), FALSE);
  device = _ward_device_simulator_find (self, device_id, error);
  if (device == NULL)
    return FALSE;
  if (device->offline == !!offline)
    return TRUE;
  device->offline = !!offline;
  g_message ("%s now %s", device_id, offline ? "offline" : "online");
  if (offline)
    ward_device_gateway1_emit_offline (self->gateway, device_id);
  else
    ward_device_gateway1_emit_device_changed (self->gateway, device_id);
  return TRUE;
}

gboolean
ward_device_simulator_set_refuse_all (WardDeviceSimulator  *self,
                                      const char           *device_id,
                                      gboolean              refuse,
                                      GError              **error)
{
  SimDevice *device;

  g_return_val_if_fail (WARD_IS_DEVICE_SIMULATOR (self), FALSE);
  device = _ward_device_simulator_find (self, device_id, error);
  if (device == NULL)
    return FALSE;
  device->refuse_all = !!refuse;
  g_message ("%s %s changes", device_id, refuse ? "refuses" : "accepts");
  return TRUE;
}

void
ward_device_simulator_set_delay (WardDeviceSimulator *self,
                                 guint                milliseconds)
{
  g_return_if_fail (WARD_IS_DEVICE_SIMULATOR (self));
  self->delay_ms = milliseconds;
  g_message ("Devices answer changes after %u ms", milliseconds);
}

gboolean
ward_device_simulator_export (WardDeviceSimulator  *self,
                              GDBusConnection      *connection,
                              GError              **error)
{
  g_return_val_if_fail (WARD_IS_DEVICE_SIMULATOR (self), FALSE);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->gateway), connection,
                                         WARD_GATEWAY_OBJECT_PATH, error))
    return FALSE;
  if (g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->control), connection,
                                        WARD_GATEWAY_OBJECT_PATH, error))
    return TRUE;
  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->gateway));
  return FALSE;
}

void
ward_device_simulator_unexport (WardDeviceSimulator *self)
{
  g_return_if_fail (WARD_IS_DEVICE_SIMULATOR (self));
  /* The bus may have been unreachable, leaving nothing exported. */
  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->control)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->control));
  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->gateway)) != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->gateway));
}

static void
_ward_device_simulator_connect_handlers (WardDeviceSimulator *self)
{
  g_signal_connect (self->gateway, "handle-list-devices", G_CALLBACK (on_handle_list_devices), self);
  g_signal_connect (self->gateway, "handle-read-settings", G_CALLBACK (on_handle_read_settings), self);
  g_signal_connect (self->gateway, "handle-apply-change", G_CALLBACK (on_handle_apply_change), self);
  g_signal_connect (self->control, "handle-set-offline", G_CALLBACK (on_handle_set_offline), self);
  g_signal_connect (self->control, "handle-refuse-next", G_CALLBACK (on_handle_refuse_next), self);
  g_signal_connect (self->control, "handle-set-refuse-all", G_CALLBACK (on_handle_set_refuse_all), self);
  g_signal_connect (self->control, "handle-set-delay", G_CALLBACK (on_handle_set_delay), self);
  g_signal_connect (self->control, "handle-raise-alarm", G_CALLBACK (on_handle_raise_alarm), self);
}

WardDeviceSimulator *
ward_device_simulator_new (const char  *bed,
                           const char  *state_dir,
                           GError     **error)
{
  g_autoptr(WardDeviceSimulator) self = g_object_new (WARD_TYPE_DEVICE_SIMULATOR, NULL);

  g_return_val_if_fail (bed != NULL, NULL);
  self->bed = g_strdup (bed);
  for (guint i = 0; i < G_N_ELEMENTS (device_defaults); i++)
    g_ptr_array_add (self->devices, sim_device_new (&device_defaults[i]));
  if (state_dir != NULL)
    {
      if (g_mkdir_with_parents (state_dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", state_dir, g_strerror (saved_errno));
          return NULL;
        }
      self->state_file = g_build_filename (state_dir, "devices.ini", NULL);
      if (!_ward_device_simulator_load (self, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* GObject */

static void
ward_device_simulator_dispose (GObject *object)
{
  WardDeviceSimulator *self = WARD_DEVICE_SIMULATOR (object);

  if (self->gateway != NULL)
    g_signal_handlers_disconnect_by_data (self->gateway, self);
  if (self->control != NULL)
    g_signal_handlers_disconnect_by_data (self->control, self);
  g_clear_object (&self->gateway);
  g_clear_object (&self->control);
  G_OBJECT_CLASS (ward_device_simulator_parent_class)->dispose (object);
}

static void
ward_device_simulator_finalize (GObject *object)
{
  WardDeviceSimulator *self = WARD_DEVICE_SIMULATOR (object);

  g_free (self->bed);
  g_free (self->state_file);
  g_ptr_array_unref (self->devices);
  g_hash_table_unref (self->answers);
  g_hash_table_unref (self->change_ids);
  G_OBJECT_CLASS (ward_device_simulator_parent_class)->finalize (object);
}

static void
ward_device_simulator_class_init (WardDeviceSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ward_device_simulator_dispose;
  G_OBJECT_CLASS (klass)->finalize = ward_device_simulator_finalize;
}

static void
ward_device_simulator_init (WardDeviceSimulator *self)
{
  self->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_device_free);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  self->change_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->gateway = ward_device_gateway1_skeleton_new ();
  self->control = ward_device_simulator1_skeleton_new ();
  ward_device_gateway1_set_version (self->gateway, PACKAGE_VERSION);
  _ward_device_simulator_connect_handlers (self);
}
