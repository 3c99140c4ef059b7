/* ward-home-page.h: what the signed-in person may do at this bed: devices, and administration for those allowed */
#pragma once

#include <gtk/gtk.h>

#include "auth/ward-session.h"

G_BEGIN_DECLS

#define WARD_TYPE_HOME_PAGE (ward_home_page_get_type ())
G_DECLARE_FINAL_TYPE (WardHomePage, ward_home_page, WARD, HOME_PAGE, GtkBox)

void       ward_home_page_add_section (WardHomePage *self,
                                       GtkWidget    *section);
void       ward_home_page_set_session (WardHomePage *self,
                                       WardSession  *session);
gboolean   ward_home_page_session_may_administer (WardSession *session);

G_END_DECLS
