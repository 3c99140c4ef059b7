/* ward-test-layout.h: checking that a window's widgets fit inside it and that no label a person must read is cut */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every problem found on @window's current screen, one line each (empty
 * when the screen fits); @where names the screen in the lines. A problem
 * is a widget outside the window (or sideways outside the scrolled window
 * it is in), a widget given less than its minimum size, a child drawn
 * outside its parent, a label cut, or a label broken inside a word. */
GPtrArray *ward_test_layout_problems (GtkWidget  *window,
                                      const char *where);

/* Fails the test, naming each problem, unless the screen fits. */
void       ward_test_assert_fits     (GtkWidget  *window,
                                      const char *where);

/* TRUE when Pango laid @label out with a line that starts inside a word
 * (where its text allows no line break): "Stationslei-" / "tung". */
gboolean   ward_test_label_breaks_inside_word (GtkLabel *label);
/* The same, once the window is checked to be @width × @height. */
void       ward_test_assert_fits_size (GtkWidget  *window,
                                       int         width,
                                       int         height,
                                       const char *where);

G_END_DECLS
