/* ward-test-ui.h: finding what a window shows, waiting for it, and driving a kiosk over a test ward */
#pragma once

#include <gtk/gtk.h>

#include "tests/common/ward-test-site.h"
#include "ui/ward-application.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

GtkLabel  *ward_test_find_label     (GtkWidget   *root,
                                     const char  *text,
                                     gboolean     substring);
GtkWidget *ward_test_find_widget    (GtkWidget   *root,
                                     GType        type);
GtkWidget *ward_test_find_by_id     (GtkWidget   *root,
                                     const char  *id);
GtkWidget *ward_test_get_by_id      (GtkWidget   *root,
                                     const char  *id);
GtkWidget *ward_test_find_with_class (GtkWidget  *root,
                                     const char  *css_class);
GtkWidget *ward_test_get_with_class (GtkWidget   *root,
                                     const char  *css_class);
void       ward_test_collect_with_class (GtkWidget *root,
                                     const char  *css_class,
                                     GPtrArray   *found);
GtkWidget *ward_test_find_button    (GtkWidget   *root,
                                     const char  *label);
void       ward_test_assert_shows   (GtkWidget   *root,
                                     const char  *text);
void       ward_test_assert_shows_part (GtkWidget *root,
                                     const char  *text);
void       ward_test_assert_hides   (GtkWidget   *root,
                                     const char  *text);
void       ward_test_assert_it_details (GtkWidget *root,
                                     const char  *technical);
void       ward_test_spin           (guint        milliseconds);
/* Every entry's placeholder under @root that its entry cuts, one line
 * each (empty when all are whole); @where names the screen. */
GPtrArray *ward_test_placeholder_problems (GtkWidget  *root,
                                           const char *where);
void       ward_test_assert_placeholders_whole (GtkWidget *root);
/* Waits until no stack or revealer under @root is mid-animation, and
 * for the frame that shows where they stopped. */
void       ward_test_wait_for_transitions (GtkWidget *root);
void       ward_test_click          (GtkWidget   *button);
void       ward_test_run_program    (const char * const *argv);
char      *ward_test_compile_german (const char  *po);
void       ward_test_remove_german  (const char  *localedir);

void       ward_test_isolate_kiosk  (void);
void       ward_test_use_site_keys  (WardKiosk   *kiosk,
                                     WardTestSite *site);

typedef void (*WardTestKioskReady)  (WardApplication *app,
                                     gpointer         data);

void       ward_test_configure_site (const char   *bed_name);
void       ward_test_set_window_size (int          width,
                                     int          height);
void       ward_test_configure_site_with (const char *bed_name,
                                          const char *more);
WardSiteConfig *ward_test_site_config (void);
void       ward_test_run_kiosk      (WardTestSite       *site,
                                     gboolean            demo,
                                     WardTestKioskReady  ready,
                                     gpointer            data);

G_END_DECLS
