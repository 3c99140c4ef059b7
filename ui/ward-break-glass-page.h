/* ward-break-glass-page.h: emergency access: the badge, then a reason picked or typed */
#pragma once

#include <gtk/gtk.h>

#include "auth/ward-auth-flow.h"

G_BEGIN_DECLS

#define WARD_TYPE_BREAK_GLASS_PAGE (ward_break_glass_page_get_type ())
G_DECLARE_FINAL_TYPE (WardBreakGlassPage, ward_break_glass_page, WARD, BREAK_GLASS_PAGE, GtkWidget)

void       ward_break_glass_page_update       (WardBreakGlassPage *self,
                                               WardAuthFlow       *flow);
void       ward_break_glass_page_reset        (WardBreakGlassPage *self);

G_END_DECLS
