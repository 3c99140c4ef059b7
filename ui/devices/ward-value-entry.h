/* ward-value-entry.h: typing a setting's value on a big keypad, in an overlay over the device page */
#pragma once

#include <gtk/gtk.h>

#include "app/devices/ward-catalogue.h"
#include "ui/ward-keypad.h"

G_BEGIN_DECLS

#define WARD_TYPE_VALUE_ENTRY (ward_value_entry_get_type ())
/* Signals: "value-entered" (double) when OK is pressed on a number,
 * "cancelled" () when put away. */
G_DECLARE_FINAL_TYPE (WardValueEntry, ward_value_entry, WARD, VALUE_ENTRY, GtkWidget)

void         ward_value_entry_open       (WardValueEntry          *self,
                                          const WardParameterSpec *param,
                                          const char              *limits);
const WardParameterSpec *ward_value_entry_get_parameter (WardValueEntry *self);
WardKeypad  *ward_value_entry_get_keypad (WardValueEntry          *self);
GtkEditable *ward_value_entry_get_entry  (WardValueEntry          *self);
GtkWidget   *ward_value_entry_get_decimal_button (WardValueEntry  *self);
GtkWidget   *ward_value_entry_get_cancel_button (WardValueEntry  *self);

/* A number as the kiosk's language writes it ("12,5" in German): the
 * same convention the catalogue formats with. */
gboolean     ward_value_entry_parse      (const char              *text,
                                          double                  *value);

G_END_DECLS
