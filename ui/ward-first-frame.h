/* ward-first-frame.h: reports when a window's first frame is painted, for the start-up benchmark */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ward_first_frame_report_if_asked (GtkWindow *window);

G_END_DECLS
