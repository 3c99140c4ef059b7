/* ward-disable-confirm.h: "Disable the account of …?" over the whole staff accounts section */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_DISABLE_CONFIRM (ward_disable_confirm_get_type ())
/* Its buttons activate "users.cancel-disable" and "users.confirm-disable". */
G_DECLARE_FINAL_TYPE (WardDisableConfirm, ward_disable_confirm, WARD, DISABLE_CONFIRM, GtkWidget)

void ward_disable_confirm_ask (WardDisableConfirm *self,
                               const char         *full_name);

G_END_DECLS
