/* ward-qr-view.h: a QR code drawn module by module, large enough to scan from a phone */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The side of the drawn code, quiet zone included, in pixels at least. */
#define WARD_QR_VIEW_MIN_SIZE 360

#define WARD_TYPE_QR_VIEW (ward_qr_view_get_type ())
G_DECLARE_FINAL_TYPE (WardQrView, ward_qr_view, WARD, QR_VIEW, GtkWidget)

gboolean   ward_qr_view_set_text (WardQrView  *self,
                                  const char  *text,
                                  GError     **error);
void       ward_qr_view_clear    (WardQrView  *self);
gboolean   ward_qr_view_is_empty (WardQrView  *self);

G_END_DECLS
