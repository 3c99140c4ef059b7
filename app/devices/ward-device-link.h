/* ward-device-link.h: how the kiosk talks to the bedside devices (an interface; the reference link is D-Bus) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WARD_DEVICE_LINK_ERROR (ward_device_link_error_quark ())

typedef enum
{
  WARD_DEVICE_LINK_ERROR_UNAVAILABLE,   /* no gateway reachable */
  WARD_DEVICE_LINK_ERROR_UNKNOWN_DEVICE,
  WARD_DEVICE_LINK_ERROR_OFFLINE,       /* the gateway knows the device but cannot reach it */
  WARD_DEVICE_LINK_ERROR_FAILED,
} WardDeviceLinkError;

typedef enum
{
  WARD_DEVICE_STATUS_ONLINE,
  WARD_DEVICE_STATUS_OFFLINE,
  WARD_DEVICE_STATUS_ALARM,
} WardDeviceStatus;

typedef enum
{
  WARD_CHANGE_APPLIED,     /* the device reports the new value in effect */
  WARD_CHANGE_REFUSED,     /* the device said no, with a reason */
  WARD_CHANGE_NO_ANSWER,   /* nothing within the time allowed: state unknown until read back */
} WardChangeOutcome;

typedef struct
{
  char             *id;        /* "pump-1" */
  char             *class_id;  /* catalogue device class: "infusion-pump", "ventilator", "patient-monitor" */
  char             *label;
  char             *bed;
  WardDeviceStatus  status;
  char             *alarm;     /* NULL unless status is ALARM */
} WardDeviceInfo;

void            ward_device_info_free          (WardDeviceInfo *info);
WardDeviceInfo *ward_device_info_copy          (const WardDeviceInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardDeviceInfo, ward_device_info_free)

#define WARD_TYPE_DEVICE_LINK (ward_device_link_get_type ())
G_DECLARE_INTERFACE (WardDeviceLink, ward_device_link, WARD, DEVICE_LINK, GObject)

/* Signals every implementation emits, in the main context:
 *   "availability-changed" ()                          gateway came or went
 *   "device-changed"       (const char *device_id)     settings or status changed: read again
 *   "alarm"                (const char *device_id, const char *message)
 *   "offline"              (const char *device_id)
 */
struct _WardDeviceLinkInterface
{
  GTypeInterface parent_iface;

  gboolean          (*is_available)         (WardDeviceLink       *self);
  void              (*list_devices_async)   (WardDeviceLink       *self,
                                             const char           *bed,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GPtrArray        *(*list_devices_finish)  (WardDeviceLink       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  /* Settings as a{sv}: numbers as "d", the drug (pumps) as "s". */
  void              (*read_settings_async)  (WardDeviceLink       *self,
                                             const char           *device_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GVariant         *(*read_settings_finish) (WardDeviceLink       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  void              (*apply_change_async)   (WardDeviceLink       *self,
                                             const char           *change_id,
                                             const char           *device_id,
                                             const char           *parameter,
                                             GVariant             *value,
                                             guint                 timeout_ms,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  WardChangeOutcome (*apply_change_finish)  (WardDeviceLink       *self,
                                             GAsyncResult         *result,
                                             char                **detail,
                                             GError              **error);
};

GQuark            ward_device_link_error_quark        (void);

gboolean          ward_device_link_is_available       (WardDeviceLink       *self);
void              ward_device_link_list_devices_async (WardDeviceLink       *self,
                                                       const char           *bed,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray        *ward_device_link_list_devices_finish (WardDeviceLink      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              ward_device_link_read_settings_async (WardDeviceLink      *self,
                                                       const char           *device_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GVariant         *ward_device_link_read_settings_finish (WardDeviceLink     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void              ward_device_link_apply_change_async (WardDeviceLink       *self,
                                                       const char           *change_id,
                                                       const char           *device_id,
                                                       const char           *parameter,
                                                       GVariant             *value,
                                                       guint                 timeout_ms,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WardChangeOutcome ward_device_link_apply_change_finish (WardDeviceLink      *self,
                                                       GAsyncResult         *result,
                                                       char                **detail,
                                                       GError              **error);

G_END_DECLS
