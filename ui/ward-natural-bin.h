/* ward-natural-bin.h: holds one widget at no less than its natural width, so a box beside a wide neighbour cannot squeeze it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_NATURAL_BIN (ward_natural_bin_get_type ())
G_DECLARE_FINAL_TYPE (WardNaturalBin, ward_natural_bin, WARD, NATURAL_BIN, GtkWidget)

GtkWidget *ward_natural_bin_get_child (WardNaturalBin *self);
void       ward_natural_bin_set_child (WardNaturalBin *self,
                                       GtkWidget      *child);

G_END_DECLS
