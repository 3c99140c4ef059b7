/* ward-device-change.h: one proposed device-setting change, from the limits check to the device's answer */
#pragma once

#include <gio/gio.h>

#include "app/devices/ward-catalogue.h"
#include "app/devices/ward-device-link.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "auth/ward-session.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

/* The settings key that names the drug loaded in a pump ("s"). */
#define WARD_DEVICE_SETTING_DRUG "drug"

/* A witness needs this on top of the parameter's own permission. */
#define WARD_PERMISSION_HIGH_ALERT "device.adjust.high-alert"

#define WARD_DEVICE_CHANGE_ERROR (ward_device_change_error_quark ())

typedef enum
{
  WARD_DEVICE_CHANGE_ERROR_REFUSED,        /* outside the hard limits, off the step, unknown setting */
  WARD_DEVICE_CHANGE_ERROR_NOT_PERMITTED,  /* the session may not change this (or has ended) */
  WARD_DEVICE_CHANGE_ERROR_REASON,         /* a soft-limit crossing needs a reason */
  WARD_DEVICE_CHANGE_ERROR_NOT_READY,      /* a step before sending is missing */
  WARD_DEVICE_CHANGE_ERROR_STEP_UP,        /* a fresh key touch is needed first */
  WARD_DEVICE_CHANGE_ERROR_WITNESS,        /* the second person was refused or is missing */
  WARD_DEVICE_CHANGE_ERROR_ALREADY_SENT,
  WARD_DEVICE_CHANGE_ERROR_STALE,          /* the device changed underneath: prepare it again */
  WARD_DEVICE_CHANGE_ERROR_DEVICE,         /* the device could not be read: nothing was sent */
  WARD_DEVICE_CHANGE_ERROR_FAILED,         /* it could not be recorded: nothing was sent */
} WardDeviceChangeError;

/* What a change runs on: the kiosk's store, key factor and policy, the
 * loaded catalogue and the device link. Borrowed for the call. */
typedef struct
{
  WardStore      *store;
  WardPolicy     *policy;   /* NULL: no user verification (PIN) asked for */
  WardKeyFactor  *keys;
  WardCatalogue  *catalogue;
  WardDeviceLink *link;
} WardDeviceChangeContext;

#define WARD_TYPE_DEVICE_CHANGE (ward_device_change_get_type ())
G_DECLARE_FINAL_TYPE (WardDeviceChange, ward_device_change, WARD, DEVICE_CHANGE, GObject)

GQuark             ward_device_change_error_quark     (void);
GStrv              ward_device_change_list_reason_picks (void);

WardDeviceChange  *ward_device_change_new             (const WardDeviceChangeContext *context,
                                                       WardSession          *session,
                                                       const WardDeviceInfo *device,
                                                       GVariant             *current_settings,
                                                       const char           *parameter,
                                                       double                new_value);

/* 1–2: limits, then permission. TRUE when it may go on (perhaps after a
 * confirmation); FALSE with REFUSED or NOT_PERMITTED. */
gboolean           ward_device_change_validate        (WardDeviceChange *self,
                                                       GError          **error);
gboolean           ward_device_change_needs_confirmation (WardDeviceChange *self);
const char        *ward_device_change_get_limit_message (WardDeviceChange *self);
gboolean           ward_device_change_confirm_soft_limit (WardDeviceChange *self,
                                                       const char       *reason,
                                                       GError          **error);

/* 3: a fresh key touch of the signed-in person before a high-risk change. */
gboolean           ward_device_change_is_high_risk    (WardDeviceChange *self);
gboolean           ward_device_change_needs_step_up   (WardDeviceChange *self);
void               ward_device_change_step_up_async   (WardDeviceChange    *self,
                                                       const char          *pin,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           ward_device_change_step_up_finish  (WardDeviceChange *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);

/* 4: the independent double check of a high-alert change. */
gboolean           ward_device_change_is_high_alert   (WardDeviceChange *self);
gboolean           ward_device_change_needs_witness   (WardDeviceChange *self);
gboolean           ward_device_change_witness_badge   (WardDeviceChange *self,
                                                       const char       *badge_uid,
                                                       GError          **error);
const char        *ward_device_change_get_witness_name (WardDeviceChange *self);
/* The roles (ids) that hold what a witness of this change needs, from the
 * store now; the card's title from them, and in *who_may their names. */
GStrv              ward_device_change_list_witness_roles (WardDeviceChange  *self,
                                                       GError           **error);
char              *ward_device_change_describe_witnesses (WardDeviceChange  *self,
                                                       char             **who_may);
/* What the witness reads before vouching: the device, the reason given
 * (NULL: none was needed) and the soft-limit crossing (NULL: usual range). */
const char        *ward_device_change_get_device_label (WardDeviceChange *self);
const char        *ward_device_change_get_reason      (WardDeviceChange *self);
char              *ward_device_change_describe_unusual (WardDeviceChange *self);
void               ward_device_change_witness_key_async (WardDeviceChange    *self,
                                                       const char          *pin,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           ward_device_change_witness_key_finish (WardDeviceChange *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);

/* What the witness sees: drug, setting, old → new with the unit. */
char              *ward_device_change_describe        (WardDeviceChange *self);
const char        *ward_device_change_get_id          (WardDeviceChange *self);
double             ward_device_change_get_new_value   (WardDeviceChange *self);

/* 5–6: record, send, record the answer, read the device back. Once only. */
void               ward_device_change_send_async      (WardDeviceChange    *self,
                                                       guint                timeout_ms,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
WardChangeOutcome  ward_device_change_send_finish     (WardDeviceChange *self,
                                                       GAsyncResult     *result,
                                                       GError          **error);
const char        *ward_device_change_get_outcome_message (WardDeviceChange *self);
gboolean           ward_device_change_get_actual_value (WardDeviceChange *self,
                                                       double           *value);

/* After the answer (ward-device-change-reading.c): each later read of the
 * device refreshes the words, and reveals a late apply, which is recorded. */
gboolean           ward_device_change_reconcile       (WardDeviceChange *self,
                                                       GVariant         *settings,
                                                       GError          **error);
gboolean           ward_device_change_is_applied_late (WardDeviceChange *self);
WardChangeOutcome  ward_device_change_get_outcome     (WardDeviceChange *self);
char              *ward_device_change_describe_reading (WardDeviceChange *self,
                                                       GVariant         *settings);

G_END_DECLS
