/* ward-store-error.c: the errors a store of either backend reports */
#include "config.h"

#include "data/ward-store-error.h"

G_DEFINE_QUARK (ward-store-error-quark, ward_store_error)
