/* ward-refusal-banner.h: a refusal in big words over the screen, for a few seconds or until acted on, never a dialog */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_REFUSAL_BANNER (ward_refusal_banner_get_type ())
G_DECLARE_FINAL_TYPE (WardRefusalBanner, ward_refusal_banner, WARD, REFUSAL_BANNER, GtkWidget)

void        ward_refusal_banner_show        (WardRefusalBanner *self,
                                             const char        *message);
void        ward_refusal_banner_show_lasting (WardRefusalBanner *self,
                                             const char        *message);
gboolean    ward_refusal_banner_get_lasting (WardRefusalBanner *self);
void        ward_refusal_banner_hide        (WardRefusalBanner *self);
const char *ward_refusal_banner_get_message (WardRefusalBanner *self);

G_END_DECLS
