/* ward-code-page.h: the sign-in step "Enter the code from your authenticator app", with a keypad */
#pragma once

#include <gtk/gtk.h>

#include "auth/ward-auth-flow.h"
#include "ui/ward-keypad.h"

G_BEGIN_DECLS

#define WARD_TYPE_CODE_PAGE (ward_code_page_get_type ())
G_DECLARE_FINAL_TYPE (WardCodePage, ward_code_page, WARD, CODE_PAGE, GtkWidget)

void        ward_code_page_update     (WardCodePage *self,
                                       WardAuthFlow *flow);
void        ward_code_page_reset      (WardCodePage *self);
void        ward_code_page_focus_entry (WardCodePage *self);
WardKeypad *ward_code_page_get_keypad (WardCodePage *self);
GtkEntry   *ward_code_page_get_entry  (WardCodePage *self);

G_END_DECLS
