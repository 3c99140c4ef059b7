/* ward-reason-picker.h: why a value crosses the usual range: one-tap reasons, or typed words */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_REASON_PICKER (ward_reason_picker_get_type ())
G_DECLARE_FINAL_TYPE (WardReasonPicker, ward_reason_picker, WARD, REASON_PICKER, GtkWidget)

/* "changed" is emitted when a reason is picked or typed. */
const char *ward_reason_picker_get_reason (WardReasonPicker *self);
void        ward_reason_picker_forget     (WardReasonPicker *self);
GtkWidget  *ward_reason_picker_get_button (WardReasonPicker *self,
                                           guint             index);

G_END_DECLS
