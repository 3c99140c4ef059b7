/* ward-idle-warning.h: "Still there?": the in-window warning shown before an idle session locks */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_IDLE_WARNING (ward_idle_warning_get_type ())
G_DECLARE_FINAL_TYPE (WardIdleWarning, ward_idle_warning, WARD, IDLE_WARNING, GtkWidget)

void       ward_idle_warning_set_seconds (WardIdleWarning *self,
                                          gint64           seconds);

G_END_DECLS
