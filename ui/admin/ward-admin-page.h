/* ward-admin-page.h: the administration page: the sections the signed-in person may use, side by side with a list */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"

G_BEGIN_DECLS

#define WARD_TYPE_ADMIN_PAGE (ward_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (WardAdminPage, ward_admin_page, WARD, ADMIN_PAGE, GtkWidget)

WardAdminPage *ward_admin_page_new             (WardKiosk     *kiosk);
void           ward_admin_page_refresh         (WardAdminPage *self);
gboolean       ward_admin_page_show_section    (WardAdminPage *self,
                                                const char    *name);
const char    *ward_admin_page_get_section     (WardAdminPage *self);
gboolean       ward_admin_page_section_allowed (WardAdminPage *self,
                                                const char    *name);
GtkWidget     *ward_admin_page_get_section_widget (WardAdminPage *self,
                                                const char    *name);

/* A badge read while the page is shown: TRUE if the enrolment step took
 * it, FALSE if the window should handle it as it usually does. */
gboolean       ward_admin_page_wants_badge     (WardAdminPage *self);
gboolean       ward_admin_page_badge_read      (WardAdminPage *self,
                                                const char    *uid);

G_END_DECLS
