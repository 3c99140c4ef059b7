/* ward-stepper.h: a device setting's big − / value / + controls */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  WARD_STEPPER_LOWER,
  WARD_STEPPER_VALUE,
  WARD_STEPPER_RAISE,
} WardStepperButton;

#define WARD_TYPE_STEPPER (ward_stepper_get_type ())
/* Its buttons activate "row.step" with -1 (−) or 1 (+), and "row.edit"
 * (the value: the keypad is wanted). */
G_DECLARE_FINAL_TYPE (WardStepper, ward_stepper, WARD, STEPPER, GtkWidget)

void        ward_stepper_set_setting_name (WardStepper       *self,
                                           const char        *name);
void        ward_stepper_set_value        (WardStepper       *self,
                                           const char        *value);
const char *ward_stepper_get_value        (WardStepper       *self);
GtkWidget  *ward_stepper_get_button       (WardStepper       *self,
                                           WardStepperButton  button);

G_END_DECLS
