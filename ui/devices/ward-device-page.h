/* ward-device-page.h: one bedside device: the settings this session may change, the change, its checks and answer */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"

G_BEGIN_DECLS

#define WARD_TYPE_DEVICE_PAGE (ward_device_page_get_type ())
G_DECLARE_FINAL_TYPE (WardDevicePage, ward_device_page, WARD, DEVICE_PAGE, GtkWidget)

GtkWidget        *ward_device_page_new              (WardKiosk      *kiosk);
void              ward_device_page_show_device      (WardDevicePage *self,
                                                     const char     *device_id);
const char       *ward_device_page_get_device_id    (WardDevicePage *self);
/* Forgets the pending change, any check under way and the last answer. */
void              ward_device_page_reset            (WardDevicePage *self);
/* How long the device has to answer a change before it counts as no answer. */
void              ward_device_page_set_send_timeout (WardDevicePage *self,
                                                     guint           milliseconds);

/* A badge read while a change waits for a check: TRUE when the page took
 * it, FALSE when the window should handle it as usual. */
gboolean          ward_device_page_wants_badge      (WardDevicePage *self);
gboolean          ward_device_page_badge_read       (WardDevicePage *self,
                                                     const char     *uid);

/* For tests and screenshots. */
WardParameterRow *ward_device_page_get_row          (WardDevicePage *self,
                                                     const char     *parameter);
WardValueEntry   *ward_device_page_get_value_entry  (WardDevicePage *self);
GtkWidget        *ward_device_page_get_reason_button (WardDevicePage *self,
                                                     guint           index);
gboolean          ward_device_page_is_busy          (WardDevicePage *self);

G_END_DECLS
