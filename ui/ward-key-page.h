/* ward-key-page.h: the sign-in step "Touch your security key", with its PIN and its problems */
#pragma once

#include <gtk/gtk.h>

#include "auth/ward-auth-flow.h"

G_BEGIN_DECLS

#define WARD_TYPE_KEY_PAGE (ward_key_page_get_type ())
G_DECLARE_FINAL_TYPE (WardKeyPage, ward_key_page, WARD, KEY_PAGE, GtkWidget)

void       ward_key_page_update (WardKeyPage  *self,
                                 WardAuthFlow *flow);
void       ward_key_page_reset  (WardKeyPage  *self);

G_END_DECLS
