/* ward-size-class.h: marks a window "large" on a big display, so that the stylesheet can scale text and controls up */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From this size on (1920×1080 and the like) the window is "large". */
#define WARD_SIZE_CLASS_LARGE_WIDTH  1600
#define WARD_SIZE_CLASS_LARGE_HEIGHT 1000

void ward_size_class_follow (GtkWindow *window);

G_END_DECLS
