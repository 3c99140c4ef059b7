/* ward-catalogue-private.h: what the catalogue's reader and its lookups share */
#pragma once

#include "app/devices/ward-catalogue.h"

G_BEGIN_DECLS

struct _WardCatalogue
{
  GObject    parent_instance;
  char      *path;
  GPtrArray *kinds;   /* WardDeviceKind */
};

WardDeviceKind *_ward_device_kind_new      (void);
void            _ward_device_kind_free     (WardDeviceKind *kind);
gboolean        _ward_catalogue_parse      (WardCatalogue  *self,
                                            const char     *text,
                                            gsize           length,
                                            GError        **error);

G_END_DECLS
