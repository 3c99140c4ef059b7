/* ward-schema-private.h: the schema the migrations must leave behind, checked at every opening */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

/* Compares the database's schema objects with the ones its migrations
 * make; @adopt (init on a server prepared by a DBA) seals a server schema
 * that has no sealed description yet. */
gboolean   ward_schema_check           (WardStore   *store,
                                        gboolean     adopt,
                                        GError     **error);
/* On a server: records the schema's description, MAC'd under the key. */
gboolean   ward_schema_seal            (WardStore   *store,
                                        GError     **error);

G_END_DECLS
