/* ward-kiosk.h: everything one kiosk runs on, built once from its store and settings */
#pragma once

#include <glib-object.h>

#include "app/ward-account-admin.h"
#include "app/ward-badge-admin.h"
#include "auth/ward-auth-flow.h"
#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *relying_party_id;
  const char        *site_name;
  WardSessionLimits  limits;
  guint              step_timeout_s;
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

/* The signed-in person's actor, or NULL: every admin screen acts as them. */
WardActor        *ward_kiosk_get_actor    (WardKiosk *self);

G_END_DECLS
