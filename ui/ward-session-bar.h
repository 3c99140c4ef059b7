/* ward-session-bar.h: the signed-in header: who, in which role, when the screen locks, and Sign out */
#pragma once

#include <gtk/gtk.h>

#include "auth/ward-auth-flow.h"

G_BEGIN_DECLS

#define WARD_TYPE_SESSION_BAR (ward_session_bar_get_type ())
G_DECLARE_FINAL_TYPE (WardSessionBar, ward_session_bar, WARD, SESSION_BAR, GtkWidget)

void       ward_session_bar_update (WardSessionBar *self,
                                    WardAuthFlow   *flow);

G_END_DECLS
