/* ward-test-screenshot.h: saves what a widget shows as a PNG, for people to look at */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Both return a path the caller frees: the compiler says so if one is dropped. */
char *ward_test_screenshot_path (const char *name) G_GNUC_WARN_UNUSED_RESULT;
char *ward_test_save_screenshot (GtkWidget  *widget,
                                 const char *name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
