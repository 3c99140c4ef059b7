/* ward-new-user-form.h: the form for a new staff account: user name, full name, roles */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_NEW_USER_FORM (ward_new_user_form_get_type ())
/* Its buttons activate "users.show-list" (Cancel) and "users.add". */
G_DECLARE_FINAL_TYPE (WardNewUserForm, ward_new_user_form, WARD, NEW_USER_FORM, GtkWidget)

void   ward_new_user_form_clear         (WardNewUserForm *self);
void   ward_new_user_form_start         (WardNewUserForm *self,
                                         GPtrArray       *roles);
char  *ward_new_user_form_get_username  (WardNewUserForm *self);
char  *ward_new_user_form_get_full_name (WardNewUserForm *self);
GStrv  ward_new_user_form_get_roles     (WardNewUserForm *self);
void   ward_new_user_form_show_error    (WardNewUserForm *self,
                                         const char      *message);

G_END_DECLS
