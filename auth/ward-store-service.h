/* ward-store-service.h: the parent of the services that check and record what people do to one store */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_TYPE_STORE_SERVICE (ward_store_service_get_type ())
G_DECLARE_DERIVABLE_TYPE (WardStoreService, ward_store_service, WARD, STORE_SERVICE, GObject)

struct _WardStoreServiceClass
{
  GObjectClass parent_class;
};

WardStore *ward_store_service_get_store     (WardStoreService  *self);
/* The store, for @actor to use for @operation when holding @permission;
 * NULL with @error set, the refusal recorded, when not. */
WardStore *ward_store_service_get_store_for (WardStoreService  *self,
                                             WardActor         *actor,
                                             const char        *permission,
                                             const char        *operation,
                                             GError           **error);

G_END_DECLS
