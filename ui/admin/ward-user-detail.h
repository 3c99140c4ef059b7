/* ward-user-detail.h: one person's account: roles, sign-in credentials, and what can be done about them */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"

G_BEGIN_DECLS

#define WARD_TYPE_USER_DETAIL (ward_user_detail_get_type ())
G_DECLARE_FINAL_TYPE (WardUserDetail, ward_user_detail, WARD, USER_DETAIL, GtkWidget)

void        ward_user_detail_set_kiosk    (WardUserDetail *self,
                                           WardKiosk      *kiosk);
gboolean    ward_user_detail_show_user    (WardUserDetail *self,
                                           const char     *username,
                                           GError        **error);
void        ward_user_detail_reload       (WardUserDetail *self);
const char *ward_user_detail_get_username (WardUserDetail *self);
const char *ward_user_detail_get_full_name (WardUserDetail *self);
void        ward_user_detail_show_message (WardUserDetail *self,
                                           gboolean        is_error,
                                           const char     *text);

G_END_DECLS
