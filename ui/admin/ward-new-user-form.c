/* ward-new-user-form.c: the form for a new staff account: user name, full name, roles */
#include "config.h"

#include "app/admin/ward-account-admin.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-new-user-form.h"
#include "ui/ward-widget-util.h"

struct _WardNewUserForm
{
  GtkWidget   parent_instance;

  GtkEntry   *username_entry;
  GtkEntry   *full_name_entry;
  GtkFlowBox *role_box;
  GtkLabel   *message_label;
};

G_DEFINE_FINAL_TYPE (WardNewUserForm, ward_new_user_form, GTK_TYPE_WIDGET)

/* Empty, as nobody has typed into it: what one administrator typed is
 * not shown to the next. */
void
ward_new_user_form_clear (WardNewUserForm *self)
{
  GtkWidget *child;

  g_return_if_fail (WARD_IS_NEW_USER_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_entry), "");
  ward_admin_hide_message (self->message_label);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->role_box))) != NULL)
    gtk_flow_box_remove (self->role_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->role_box), FALSE);
}

/* Empty, offering @roles (WardRoleRecord) to give; NULL or none: the
 * account starts with no role. The user name has the focus. */
void
ward_new_user_form_start (WardNewUserForm *self,
                          GPtrArray       *roles)
{
  ward_new_user_form_clear (self);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const char *role = ((WardRoleRecord *) roles->pdata[i])->name;
      GtkWidget *check = gtk_check_button_new_with_label (ward_admin_role_title (role));

      gtk_widget_add_css_class (check, "admin-check");
      gtk_widget_set_name (check, role);
      g_object_set_data_full (G_OBJECT (check), "role", g_strdup (role), g_free);
      gtk_flow_box_append (self->role_box, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->role_box), roles != NULL && roles->len > 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
}

/* As typed, without the spaces around it. */
char *
ward_new_user_form_get_username (WardNewUserForm *self)
{
  g_return_val_if_fail (WARD_IS_NEW_USER_FORM (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_entry))));
}

char *
ward_new_user_form_get_full_name (WardNewUserForm *self)
{
  g_return_val_if_fail (WARD_IS_NEW_USER_FORM (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->full_name_entry))));
}

/* The roles ticked, by name. */
GStrv
ward_new_user_form_get_roles (WardNewUserForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (WARD_IS_NEW_USER_FORM (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->role_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "role"));
    }
  return g_strv_builder_end (builder);
}

/* Under the fields, over the buttons: what was typed stays to be corrected. */
void
ward_new_user_form_show_error (WardNewUserForm *self,
                               const char      *message)
{
  g_return_if_fail (WARD_IS_NEW_USER_FORM (self));
  ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, message);
}

static void
ward_new_user_form_class_init (WardNewUserFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/admin/ward-new-user-form.ui", "newuserform", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardNewUserForm, username_entry);
  gtk_widget_class_bind_template_child (widget_class, WardNewUserForm, full_name_entry);
  gtk_widget_class_bind_template_child (widget_class, WardNewUserForm, role_box);
  gtk_widget_class_bind_template_child (widget_class, WardNewUserForm, message_label);
}

static void
ward_new_user_form_init (WardNewUserForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
