/* ward-parameter-row.h: one device setting on the device page: now, limits, and big − / value / + controls */
#pragma once

#include <gtk/gtk.h>

#include "app/devices/ward-catalogue.h"

G_BEGIN_DECLS

#define WARD_TYPE_PARAMETER_ROW (ward_parameter_row_get_type ())
G_DECLARE_FINAL_TYPE (WardParameterRow, ward_parameter_row, WARD, PARAMETER_ROW, GtkWidget)

/* Signals: "step" (int: -1 or +1) and "edit" (): the page decides what they do. */
GtkWidget               *ward_parameter_row_new          (const WardParameterSpec *param);
const WardParameterSpec *ward_parameter_row_get_parameter (WardParameterRow       *self);

/* @current: what the device reports, with the unit (NULL: not known), and
 * @number the same without; @pending: the value about to be asked for, or
 * NULL; @limits: the limits in words. */
void                     ward_parameter_row_update       (WardParameterRow        *self,
                                                          const char              *current,
                                                          const char              *number,
                                                          const char              *pending,
                                                          const char              *limits,
                                                          gboolean                 high_alert,
                                                          gboolean                 can_change);
void                     ward_parameter_row_set_age      (WardParameterRow        *self,
                                                          const char              *age);
const char              *ward_parameter_row_get_pending_text (WardParameterRow    *self);
const char              *ward_parameter_row_get_value_text (WardParameterRow      *self);

GtkWidget               *ward_parameter_row_get_minus    (WardParameterRow        *self);
GtkWidget               *ward_parameter_row_get_plus     (WardParameterRow        *self);
GtkWidget               *ward_parameter_row_get_value_button (WardParameterRow    *self);

G_END_DECLS
