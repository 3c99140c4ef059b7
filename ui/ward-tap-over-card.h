/* ward-tap-over-card.h: during an emergency session, another person's badge asks before it ends the session */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_TAP_OVER_CARD (ward_tap_over_card_get_type ())
G_DECLARE_FINAL_TYPE (WardTapOverCard, ward_tap_over_card, WARD, TAP_OVER_CARD, GtkWidget)

void       ward_tap_over_card_set_name  (WardTapOverCard *self,
                                         const char      *name);
GtkWidget *ward_tap_over_card_get_keep_button (WardTapOverCard *self);
GtkWidget *ward_tap_over_card_get_end_button  (WardTapOverCard *self);

G_END_DECLS
