/* ward-test-keys.h: real keyboard input to a kiosk window through the X server (xdotool), with GTK's own handling as the fallback */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when keys can go through the X server: an X11 display and xdotool. */
gboolean ward_test_keys_real    (GtkWindow  *window);
/* Types @text into @window, @delay_ms between keys (a person: 150 ms and
 * up; a badge reader: under 10 ms). */
void     ward_test_keys_type    (GtkWindow  *window,
                                 const char *text,
                                 guint       delay_ms);
/* One key by its X name ("Return", "Tab", "Escape"); without an X server
 * Return activates the focused widget and Tab moves the focus. */
void     ward_test_keys_press   (GtkWindow  *window,
                                 const char *key);

G_END_DECLS
