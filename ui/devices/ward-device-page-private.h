/* ward-device-page-private.h: what the device page's files share: its fields, the screen, the history and the checks */
#pragma once

#include "app/devices/ward-device-change.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-reason-picker.h"
#include "ui/devices/ward-step-up-overlay.h"
#include "ui/devices/ward-witness-overlay.h"

G_BEGIN_DECLS

struct _WardDevicePage
{
  GtkWidget           parent_instance;

  WardKiosk          *kiosk;
  char               *device_id;
  WardDeviceInfo     *device;          /* as last listed; NULL until then */
  GVariant           *settings;        /* as last read; NULL: not known */
  GCancellable       *load_cancellable;
  guint               reload_id;
  GPtrArray          *rows;            /* WardParameterRow, borrowed from rows_box */

  char               *pending_param;   /* the setting about to be changed, or NULL */
  double              pending_value;
  WardDeviceChange   *change;          /* checked for the pending value; sent by Apply */
  GCancellable       *check_cancellable;  /* a key touch being awaited */
  gboolean            busy;            /* from Apply until the device's answer, read again */
  WardDeviceChange   *sent_change;     /* the last one sent: its card follows every read */
  gboolean            awaiting_read;   /* answered; the device is being read again */
  gint64              read_at;         /* monotonic time of the last read of the settings */
  guint               age_tick_id;
  WardSession        *held_session;    /* kept from idle-locking while a check or an answer is awaited */
  guint               send_timeout_ms;

  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_label;
  GtkLabel           *notice_label;
  GtkBox             *rows_box;
  GtkWidget          *no_rows_label;
  GtkBox             *history_box;
  GtkLabel           *hint_label;
  GtkWidget          *summary_box;
  GtkLabel           *summary_label;
  GtkLabel           *drug_label;
  GtkWidget          *check_label;
  GtkLabel           *problem_label;
  GtkScrolledWindow  *panel_scroller;
  GtkWidget          *warning_box;
  GtkLabel           *warning_label;
  WardReasonPicker   *reason_picker;
  GtkWidget          *actions_box;
  GtkWidget          *busy_box;
  GtkSpinner         *busy_spinner;
  GtkLabel           *busy_label;
  GtkWidget          *result_box;
  GtkLabel           *result_title;
  GtkLabel           *result_label;
  WardValueEntry     *value_entry;
  WardStepUpOverlay  *step_up_overlay;
  WardWitnessOverlay *witness_overlay;
};

/* The page's files call one way only: ward-device-page.c (lifecycle) calls
 * the checks and the screen; ward-device-page-apply.c (checks) calls the
 * screen; the screen and the history call neither. */

/* ward-device-page-view.c */
WardSession *_ward_device_page_session        (WardDevicePage *self);
void         _ward_device_page_update         (WardDevicePage *self);
void         _ward_device_page_update_ages    (WardDevicePage *self);
void         _ward_device_page_clear_pending  (WardDevicePage *self);
void         _ward_device_page_reload         (WardDevicePage *self);
char        *_ward_device_page_summary        (WardDevicePage *self);
const char  *_ward_device_page_reason         (WardDevicePage *self);
void         _ward_device_page_show_problem   (WardDevicePage *self,
                                               const char     *message);
void         _ward_device_page_set_busy       (WardDevicePage *self,
                                               gboolean        busy,
                                               const char     *what);
void         _ward_device_page_show_result    (WardDevicePage *self,
                                               const char     *title,
                                               const char     *message,
                                               const char     *style);
void         _ward_device_page_stop_checks    (WardDevicePage *self);
void         _ward_device_page_after_read     (WardDevicePage *self);
void         _ward_device_page_release_session (WardDevicePage *self);
void         _ward_device_page_show_missing   (WardDevicePage *self,
                                               const char     *message);
void         _ward_device_page_install_view_callbacks (GtkWidgetClass *widget_class);

/* ward-device-page-history.c */
void         _ward_device_page_refresh_history (WardDevicePage *self);

/* ward-device-page-apply.c */
void         _ward_device_page_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
