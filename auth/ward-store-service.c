/* ward-store-service.c: the parent of the services that check and record what people do to one store */
#include "config.h"

#include "auth/ward-store-service.h"

/* The account, badge, directory and policy services each act on one store
 * for whoever asks: the store is given once, at construction, and kept
 * for the service's life. */
typedef struct
{
  WardStore *store;
} WardStoreServicePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WardStoreService, ward_store_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ward_store_service_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WardStoreService *self = WARD_STORE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, ward_store_service_get_store (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_store_service_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WardStoreServicePrivate *priv = ward_store_service_get_instance_private (WARD_STORE_SERVICE (object));

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_store_service_finalize (GObject *object)
{
  WardStoreServicePrivate *priv = ward_store_service_get_instance_private (WARD_STORE_SERVICE (object));

  g_clear_object (&priv->store);
  G_OBJECT_CLASS (ward_store_service_parent_class)->finalize (object);
}

static void
ward_store_service_class_init (WardStoreServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ward_store_service_get_property;
  object_class->set_property = ward_store_service_set_property;
  object_class->finalize = ward_store_service_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WARD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ward_store_service_init (WardStoreService *self)
{
}

WardStore *
ward_store_service_get_store (WardStoreService *self)
{
  WardStoreServicePrivate *priv;

  g_return_val_if_fail (WARD_IS_STORE_SERVICE (self), NULL);
  priv = ward_store_service_get_instance_private (self);
  return priv->store;
}

WardStore *
ward_store_service_get_store_for (WardStoreService  *self,
                                  WardActor         *actor,
                                  const char        *permission,
                                  const char        *operation,
                                  GError           **error)
{
  WardStore *store = ward_store_service_get_store (self);

  return ward_actor_require (actor, store, permission, operation, error) ? store : NULL;
}
