/* ward-step-up-overlay.h: "Touch your key again" before a high-risk device change, over the device page */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_STEP_UP_OVERLAY (ward_step_up_overlay_get_type ())
/* Its buttons activate "device.retry-step-up" and "device.cancel-change". */
G_DECLARE_FINAL_TYPE (WardStepUpOverlay, ward_step_up_overlay, WARD, STEP_UP_OVERLAY, GtkWidget)

void       ward_step_up_overlay_open       (WardStepUpOverlay *self,
                                            const char        *summary);
void       ward_step_up_overlay_show_error (WardStepUpOverlay *self,
                                            const char        *message);

G_END_DECLS
