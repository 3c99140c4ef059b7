/* ward-test-admin.h: the administration page in a bare window over a test ward, and the steps of driving it */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "tests/common/ward-test-site.h"
#include "ui/admin/ward-admin-page.h"

G_BEGIN_DECLS

typedef struct
{
  WardTestSite  *site;
  WardKiosk     *kiosk;
  WardSoftKey   *reader_key;   /* the key the kiosk's reader holds */
  GtkWindow     *window;
  WardAdminPage *page;
  guint          went_home;
} WardTestAdmin;

void            ward_test_admin_init         (int            *argc,
                                              char         ***argv);
void            ward_test_admin_add          (const char     *path,
                                              void          (*test) (WardTestAdmin *f,
                                                                     gconstpointer  data));
void            ward_test_admin_set_up       (WardTestAdmin  *f,
                                              gconstpointer   data);
void            ward_test_admin_tear_down    (WardTestAdmin  *f,
                                              gconstpointer   data);

/* Finding and driving widgets */
GtkWidget      *ward_test_admin_find_text    (GtkWidget      *root,
                                              const char     *text);
void            ward_test_admin_assert_shows (GtkWidget      *root,
                                              const char     *text);
void            ward_test_admin_assert_hides (GtkWidget      *root,
                                              const char     *text);
GtkWidget      *ward_test_admin_find_button  (GtkWidget      *root,
                                              const char     *label);
GtkCheckButton *ward_test_admin_find_check   (GtkWidget      *root,
                                              const char     *label);
void            ward_test_admin_spin         (void);
void            ward_test_admin_tap          (GtkWidget      *button);
void            ward_test_admin_tap_id       (GtkWidget      *root,
                                              const char     *id);
void            ward_test_admin_tap_label    (GtkWidget      *root,
                                              const char     *label);
void            ward_test_admin_type_into    (GtkWidget      *root,
                                              const char     *id,
                                              const char     *text);

/* The page and who stands at it */
GtkWidget      *ward_test_admin_section      (WardTestAdmin  *f,
                                              const char     *name);
void            ward_test_admin_open_section (WardTestAdmin  *f,
                                              const char     *name);
void            ward_test_admin_screenshot   (WardTestAdmin  *f,
                                              const char     *name);
void            ward_test_admin_sign_in_with (WardTestAdmin  *f,
                                              const char     *badge,
                                              WardSoftKey    *key,
                                              GBytes         *secret);
void            ward_test_admin_sign_in      (WardTestAdmin  *f,
                                              const char     *username);
void            ward_test_admin_show_page    (WardTestAdmin  *f);

G_END_DECLS
