/* ward-test-screenshot.h: saves what a widget shows as a PNG, for people to look at */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *ward_test_screenshot_path (const char *name);
char *ward_test_save_screenshot (GtkWidget  *widget,
                                 const char *name);

G_END_DECLS
