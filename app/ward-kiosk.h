/* ward-kiosk.h: everything one kiosk runs on, built once from its store and settings */
#pragma once

#include <glib-object.h>

#include "app/admin/ward-account-admin.h"
#include "app/awareness/ward-awareness-scheduler.h"
#include "app/admin/ward-badge-admin.h"
#include "app/devices/ward-catalogue.h"
#include "app/devices/ward-device-change.h"
#include "app/devices/ward-device-link.h"
#include "auth/ward-auth-flow.h"
#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "data/ward-device-changes.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *relying_party_id;
  const char        *site_name;
  WardSessionLimits  limits;
  guint              step_timeout_s;
  guint              awareness_interval_hours;  /* 0: the default */
  guint              awareness_max_skips;
  const char        *bed;
  GBusType           device_bus;   /* G_BUS_TYPE_NONE: no device gateway (tests) */
} WardKioskSettings;

#define WARD_TYPE_KIOSK (ward_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (WardKiosk, ward_kiosk, WARD, KIOSK, GObject)

WardKiosk        *ward_kiosk_new          (WardStore               *store,
                                           const WardKioskSettings *settings);
WardStore        *ward_kiosk_get_store    (WardKiosk *self);
WardPolicy       *ward_kiosk_get_policy   (WardKiosk *self);
WardKeyFactor    *ward_kiosk_get_keys     (WardKiosk *self);
WardCodeFactor   *ward_kiosk_get_codes    (WardKiosk *self);
WardAuthFlow     *ward_kiosk_get_flow     (WardKiosk *self);
WardAccountAdmin *ward_kiosk_get_accounts (WardKiosk *self);
WardBadgeAdmin   *ward_kiosk_get_badges   (WardKiosk *self);
const char       *ward_kiosk_get_site_name (WardKiosk *self);
const char       *ward_kiosk_get_bed      (WardKiosk *self);
WardAwarenessScheduler *ward_kiosk_get_awareness (WardKiosk *self);

/* Devices: the catalogue may have been refused (then devices show as
 * unavailable and the reason is kept for IT); the link may be absent. */
WardCatalogue    *ward_kiosk_get_catalogue (WardKiosk *self);
const char       *ward_kiosk_get_catalogue_error (WardKiosk *self);
WardDeviceLink   *ward_kiosk_get_device_link (WardKiosk *self);
gboolean          ward_kiosk_get_change_context (WardKiosk               *self,
                                                 WardDeviceChangeContext *context);
GPtrArray        *ward_kiosk_list_device_history (WardKiosk   *self,
                                                  const char  *device_id,
                                                  guint        limit,
                                                  GError     **error);

/* The signed-in person's actor, or NULL: every admin screen acts as them. */
WardActor        *ward_kiosk_get_actor    (WardKiosk *self);

G_END_DECLS
