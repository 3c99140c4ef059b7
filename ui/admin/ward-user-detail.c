/* ward-user-detail.c: one person's account: roles, sign-in credentials, and what can be done about them */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-user-detail.h"
#include "ui/ward-widget-util.h"

struct _WardUserDetail
{
  GtkWidget  parent_instance;

  WardKiosk *kiosk;
  char      *username;
  char      *full_name;

  GtkLabel  *name_label;
  GtkLabel  *username_label;
  GtkWidget *disabled_label;
  GtkLabel  *message_label;
  GtkLabel  *directory_label;
  GtkLabel  *roles_label;
  GtkBox    *roles_box;
  GtkLabel  *badge_value;
  GtkLabel  *keys_value;
  GtkLabel  *app_value;
  GtkLabel  *locked_value;
  GtkWidget *disable_button;
  GtkWidget *enrol_button;
};

G_DEFINE_FINAL_TYPE (WardUserDetail, ward_user_detail, GTK_TYPE_WIDGET)

void
ward_user_detail_set_kiosk (WardUserDetail *self,
                            WardKiosk      *kiosk)
{
  g_return_if_fail (WARD_IS_USER_DETAIL (self));
  g_set_object (&self->kiosk, kiosk);
}

const char *
ward_user_detail_get_username (WardUserDetail *self)
{
  g_return_val_if_fail (WARD_IS_USER_DETAIL (self), NULL);
  return self->username;
}

const char *
ward_user_detail_get_full_name (WardUserDetail *self)
{
  g_return_val_if_fail (WARD_IS_USER_DETAIL (self), NULL);
  return self->full_name;
}

void
ward_user_detail_show_message (WardUserDetail *self,
                               gboolean        is_error,
                               const char     *text)
{
  g_return_if_fail (WARD_IS_USER_DETAIL (self));
  ward_admin_show_message (self->message_label, is_error ? WARD_ADMIN_TONE_ERROR : WARD_ADMIN_TONE_SUCCESS,
                           text);
}

/* A missing credential is shown in the warning colour: that person cannot
 * sign in until it is enrolled. */
static void
set_value (GtkLabel   *label,
           gboolean    good,
           const char *text)
{
  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), good ? "admin-value-missing" : "admin-value-ok");
  gtk_widget_add_css_class (GTK_WIDGET (label), good ? "admin-value-ok" : "admin-value-missing");
}

static void
show_credentials (WardUserDetail             *self,
                  const WardCredentialStatus *status)
{
  g_autofree char *badges = NULL;
  g_autofree char *keys = NULL;

  badges = status->n_badges == 0 ? g_strdup (_("None enrolled"))
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled", status->n_badges),
                            status->n_badges);
  keys = status->n_keys == 0 ? g_strdup (_("None enrolled"))
       : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled", status->n_keys),
                          status->n_keys);
  set_value (self->badge_value, status->n_badges > 0, badges);
  set_value (self->keys_value, status->n_keys > 0, keys);
  set_value (self->app_value, status->app_enrolled, status->app_enrolled ? _("Set up") : _("Not set up"));
  set_value (self->locked_value, !status->locked,
             status->locked ? _("Locked out after failed attempts") : _("Not locked"));
}

static void
clear_roles_box (WardUserDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roles_box))) != NULL)
    gtk_box_remove (self->roles_box, child);
}

static void on_role_toggled (GtkCheckButton *check,
                             WardUserDetail *self);

static void
add_role_check (WardUserDetail *self,
                const char     *role,
                gboolean        held,
                gboolean        from_directory)
{
  GtkWidget *check = gtk_check_button_new_with_label (ward_admin_role_title (role));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), held);
  /* The backend refuses it too; greyed out here so nobody tries. */
  if (from_directory)
    {
      gtk_widget_set_sensitive (check, FALSE);
      gtk_widget_set_tooltip_text (check, _("Given by a group in the hospital directory"));
    }
  gtk_widget_add_css_class (check, "admin-check");
  g_object_set_data_full (G_OBJECT (check), "role", g_strdup (role), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_role_toggled), self);
  gtk_box_append (self->roles_box, check);
}

/* Someone who may manage roles ticks them here; anyone else reads them. */
static void
show_roles (WardUserDetail            *self,
            WardActor                 *actor,
            const WardUserRecord      *user,
            const WardDirectoryOrigin *origin)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  clear_roles_box (self);
  if (ward_actor_can (actor, "roles.manage"))
    roles = ward_account_admin_list_roles (ward_kiosk_get_accounts (self->kiosk), actor, NULL);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const char *role = ((WardRoleRecord *) roles->pdata[i])->name;

      add_role_check (self, role, user->roles != NULL && g_strv_contains ((const char *const *) user->roles, role),
                      origin != NULL && origin->from_directory
                      && g_strv_contains ((const char *const *) origin->managed_roles, role));
    }

  for (guint i = 0; user->roles != NULL && user->roles[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", ward_admin_role_title (user->roles[i]));
  gtk_label_set_label (self->roles_label, text->len > 0 ? text->str : _("No role: this person can do nothing yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->roles_label), roles == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->roles_box), roles != NULL);
}

/* People from the hospital directory: their name, whether the account is
 * active and their mapped roles are changed there, not here. */
static void
show_origin (WardUserDetail            *self,
             const WardDirectoryOrigin *origin)
{
  g_autoptr(GString) roles = g_string_new (NULL);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->directory_label), origin != NULL && origin->from_directory);
  if (origin == NULL || !origin->from_directory)
    return;
  for (guint i = 0; origin->managed_roles[i] != NULL; i++)
    g_string_append_printf (roles, "%s%s", i > 0 ? ", " : "", ward_admin_role_title (origin->managed_roles[i]));
  text = roles->len > 0
       ? g_strdup_printf (_("From the hospital directory (%s). Change the name, whether the account is active, "
                            "and the roles %s in the directory: the next sync brings them here. Badges, keys "
                            "and the app are enrolled here as usual."), origin->dn, roles->str)
       : g_strdup_printf (_("From the hospital directory (%s). Change the name and whether the account is "
                            "active in the directory: the next sync brings them here. Badges, keys and the "
                            "app are enrolled here as usual."), origin->dn);
  gtk_label_set_label (self->directory_label, text);
}

static void
show_record (WardUserDetail       *self,
             WardActor            *actor,
             const WardUserRecord *user)
{
  g_autoptr(WardDirectoryOrigin) origin = NULL;
  gboolean from_directory;

  origin = ward_account_admin_directory_origin (ward_kiosk_get_accounts (self->kiosk), actor, user->username, NULL);
  from_directory = origin != NULL && origin->from_directory;
  g_free (self->username);
  self->username = g_strdup (user->username);
  g_free (self->full_name);
  self->full_name = g_strdup (user->full_name);
  gtk_label_set_label (self->name_label, user->full_name);
  gtk_label_set_label (self->username_label, user->username);
  gtk_widget_set_visible (self->disabled_label, user->disabled);
  gtk_widget_set_visible (self->disable_button, !user->disabled && !from_directory
                                                && ward_actor_can (actor, "users.manage"));
  gtk_widget_set_visible (self->enrol_button, !user->disabled && ward_actor_can (actor, "credentials.enroll"));
  show_origin (self, origin);
  show_roles (self, actor, user, origin);
}

gboolean
ward_user_detail_show_user (WardUserDetail  *self,
                            const char      *username,
                            GError         **error)
{
  WardAccountAdmin *accounts;
  g_autoptr(WardUserRecord) user = NULL;
  WardCredentialStatus status = { 0 };
  WardActor *actor;

  g_return_val_if_fail (WARD_IS_USER_DETAIL (self), FALSE);

  actor = ward_admin_get_actor (self->kiosk, error);
  if (actor == NULL)
    return FALSE;
  accounts = ward_kiosk_get_accounts (self->kiosk);
  user = ward_account_admin_show_user (accounts, actor, username, error);
  if (user == NULL || !ward_account_admin_credential_status (accounts, actor, username, &status, error))
    return FALSE;

  ward_admin_hide_message (self->message_label);
  show_record (self, actor, user);
  show_credentials (self, &status);
  return TRUE;
}

void
ward_user_detail_reload (WardUserDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *username = g_strdup (self->username);

  if (username != NULL && !ward_user_detail_show_user (self, username, &error))
    ward_user_detail_show_message (self, TRUE, error->message);
}

/* A refused change puts the box back as it was, so that the screen never
 * shows a role the person does not hold. */
static void
set_check_quietly (GtkCheckButton *check,
                   WardUserDetail *self,
                   gboolean        active)
{
  g_signal_handlers_block_by_func (check, on_role_toggled, self);
  gtk_check_button_set_active (check, active);
  g_signal_handlers_unblock_by_func (check, on_role_toggled, self);
}

static void
on_role_toggled (GtkCheckButton *check,
                 WardUserDetail *self)
{
  const char *role = g_object_get_data (G_OBJECT (check), "role");
  gboolean grant = gtk_check_button_get_active (check);
  WardAccountAdmin *accounts = ward_kiosk_get_accounts (self->kiosk);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  WardActor *actor = ward_admin_get_actor (self->kiosk, &error);
  gboolean ok;

  ok = actor != NULL
    && (grant ? ward_account_admin_grant_role (accounts, actor, self->username, role, &error)
              : ward_account_admin_revoke_role (accounts, actor, self->username, role, &error));
  if (!ok)
    {
      set_check_quietly (check, self, !grant);
      ward_user_detail_show_message (self, TRUE, error->message);
      return;
    }
  done = g_strdup_printf (grant ? _("%s now has the role “%s”.") : _("%s no longer has the role “%s”."),
                          self->full_name, ward_admin_role_title (role));
  ward_user_detail_show_message (self, FALSE, done);
}

static void
ward_user_detail_dispose (GObject *object)
{
  WardUserDetail *self = WARD_USER_DETAIL (object);

  ward_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->kiosk);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->full_name, g_free);
  G_OBJECT_CLASS (ward_user_detail_parent_class)->dispose (object);
}

static void
ward_user_detail_class_init (WardUserDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_user_detail_dispose;

  ward_widget_class_setup (widget_class, "/admin/ward-user-detail.ui", "userdetail", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, username_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, disabled_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, directory_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, roles_label);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, roles_box);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, badge_value);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, keys_value);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, app_value);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, locked_value);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, disable_button);
  gtk_widget_class_bind_template_child (widget_class, WardUserDetail, enrol_button);
}

static void
ward_user_detail_init (WardUserDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
