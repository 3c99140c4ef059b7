/* ward-step-header.h: over each sign-in step: whose step it is, and the time left for it */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_STEP_HEADER (ward_step_header_get_type ())
G_DECLARE_FINAL_TYPE (WardStepHeader, ward_step_header, WARD, STEP_HEADER, GtkWidget)

void ward_step_header_show          (WardStepHeader *self,
                                     const char     *who,
                                     gint64          seconds_left);
void ward_step_header_set_emergency (WardStepHeader *self);

G_END_DECLS
