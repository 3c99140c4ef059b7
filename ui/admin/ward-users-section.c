/* ward-users-section.c: staff accounts: search, add, open one, disable */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-disable-confirm.h"
#include "ui/admin/ward-new-user-form.h"
#include "ui/admin/ward-user-detail.h"
#include "ui/admin/ward-users-section.h"

/* Enough for a ward; a search narrows a longer list. */
#define MAX_LISTED 200

struct _WardUsersSection
{
  WardAdminSection parent_instance;

  GtkStack           *views;
  GtkSearchEntry     *search_entry;
  GtkLabel           *message_label;
  GtkListBox         *users_list;
  WardNewUserForm    *new_user_form;
  WardUserDetail     *detail;
  WardDisableConfirm *disable_confirm;
};

G_DEFINE_FINAL_TYPE (WardUsersSection, ward_users_section, WARD_TYPE_ADMIN_SECTION)

enum {
  SIGNAL_ENROL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_roles (GStrv roles)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", ward_admin_role_title (roles[i]));
  return g_strdup (text->len > 0 ? text->str : _("no role"));
}

static GtkWidget *
user_row_new (const WardUserRecord *user)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (user->full_name);
  g_autofree char *roles = describe_roles (user->roles);
  /* Translators: a user name and the person's roles: "jsmith · Nurse". */
  g_autofree char *line = g_strdup_printf (_("%s · %s"), user->username, roles);
  GtkWidget *sub = gtk_label_new (line);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  /* A long name is shortened on the row (the detail page shows it whole):
   * it must never push the screen wider than the kiosk's. */
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "admin-row-title");
  gtk_widget_add_css_class (sub, "admin-muted");
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (names), name);
  gtk_box_append (GTK_BOX (names), sub);
  gtk_box_append (GTK_BOX (box), names);
  if (user->disabled)
    gtk_box_append (GTK_BOX (box), ward_admin_warning_tag_new (_("Disabled"), GTK_ALIGN_CENTER));
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  gtk_widget_add_css_class (arrow, "admin-row-arrow");
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "admin-row");
  g_object_set_data_full (G_OBJECT (row), "username", g_strdup (user->username), g_free);
  return row;
}

static void
load_list (WardUsersSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  ward_admin_clear_list (self->users_list);
  if (actor != NULL)
    users = ward_account_admin_list_users (ward_kiosk_get_accounts (kiosk), actor,
                                           *search != '\0' ? search : NULL, &error);
  if (users == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  for (guint i = 0; i < users->len && i < MAX_LISTED; i++)
    gtk_list_box_append (self->users_list, user_row_new (users->pdata[i]));
}

static void
show_user (WardUsersSection *self,
           const char       *username)
{
  g_autoptr(GError) error = NULL;

  if (!ward_user_detail_show_user (self->detail, username, &error))
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->views, "detail");
}

static void
on_row_activated (GtkListBox       *list,
                  GtkListBoxRow    *row,
                  WardUsersSection *self)
{
  show_user (self, g_object_get_data (G_OBJECT (row), "username"));
}

static void
on_search_changed (GtkSearchEntry   *entry,
                   WardUsersSection *self)
{
  ward_admin_hide_message (self->message_label);
  load_list (self);
}

static void
show_add (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  g_autoptr(GPtrArray) roles = NULL;

  if (actor == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  /* Giving a role at creation is granting it: without roles.manage the
   * form offers none, and the account starts with no role. */
  if (ward_actor_can (actor, "roles.manage"))
    roles = ward_account_admin_list_roles (ward_kiosk_get_accounts (kiosk), actor, NULL);
  gtk_stack_set_visible_child_name (self->views, "add");
  ward_new_user_form_start (self->new_user_form, roles);
}

static void
show_list (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);

  load_list (self);
  gtk_stack_set_visible_child_name (self->views, "list");
}

static void
add_user (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autofree char *username = ward_new_user_form_get_username (self->new_user_form);
  g_autofree char *full_name = ward_new_user_form_get_full_name (self->new_user_form);
  g_auto(GStrv) roles = ward_new_user_form_get_roles (self->new_user_form);
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor == NULL
      || !ward_account_admin_add_user (ward_kiosk_get_accounts (kiosk), actor, username, full_name,
                                       (const char *const *) roles, &error))
    {
      ward_new_user_form_show_error (self->new_user_form, error->message);
      return;
    }

  /* A new account can do nothing until it has credentials: go straight on
   * to them if this person may enrol, else show the account. */
  if (ward_actor_can (actor, "credentials.enroll"))
    {
      g_autofree char *done = g_strdup_printf (_("Account “%s” added for %s."), username, full_name);

      gtk_stack_set_visible_child_name (self->views, "list");
      load_list (self);
      g_signal_emit (self, signals[SIGNAL_ENROL_REQUESTED], 0, username, done);
      return;
    }
  show_user (self, username);
  ward_user_detail_show_message (self->detail, FALSE, _("Account added. Ask someone who may enrol credentials to "
                                                        "enrol their badge, key and app."));
}

static void
enrol_shown (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);

  g_signal_emit (self, signals[SIGNAL_ENROL_REQUESTED], 0, ward_user_detail_get_username (self->detail), NULL);
}

static void
ask_disable (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);

  ward_disable_confirm_ask (self->disable_confirm, ward_user_detail_get_full_name (self->detail));
}

static void
cancel_disable (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_set_visible (GTK_WIDGET (WARD_USERS_SECTION (widget)->disable_confirm), FALSE);
}

static void
confirm_disable (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  const char *username = ward_user_detail_get_username (self->detail);
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  gboolean ok;

  gtk_widget_set_visible (GTK_WIDGET (self->disable_confirm), FALSE);
  ok = actor != NULL
    && ward_account_admin_disable_user (ward_kiosk_get_accounts (kiosk), actor, username, &error);
  ward_user_detail_reload (self->detail);
  ward_user_detail_show_message (self->detail, !ok, ok ? _("The account is disabled: this person can no longer "
                                                           "sign in.")
                                                        : error->message);
}

static void
ward_users_section_set_kiosk (WardAdminSection *section,
                              WardKiosk        *kiosk)
{
  WardUsersSection *self = WARD_USERS_SECTION (section);

  WARD_ADMIN_SECTION_CLASS (ward_users_section_parent_class)->set_kiosk (section, kiosk);
  ward_user_detail_set_kiosk (self->detail, kiosk);
}

static void
ward_users_section_refresh (WardAdminSection *section)
{
  WardUsersSection *self = WARD_USERS_SECTION (section);

  load_list (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "detail") == 0)
    ward_user_detail_reload (self->detail);
}

static void
ward_users_section_reset (WardAdminSection *section)
{
  WardUsersSection *self = WARD_USERS_SECTION (section);

  gtk_widget_set_visible (GTK_WIDGET (self->disable_confirm), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ward_new_user_form_clear (self->new_user_form);
  gtk_stack_set_visible_child_name (self->views, "list");
}

/* A question left open must not greet whoever comes back to the section. */
static void
ward_users_section_unmap (GtkWidget *widget)
{
  gtk_widget_set_visible (GTK_WIDGET (WARD_USERS_SECTION (widget)->disable_confirm), FALSE);
  GTK_WIDGET_CLASS (ward_users_section_parent_class)->unmap (widget);
}

static void
ward_users_section_class_init (WardUsersSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "users.manage";
  section_class->set_kiosk = ward_users_section_set_kiosk;
  section_class->refresh = ward_users_section_refresh;
  section_class->reset = ward_users_section_reset;

  widget_class->unmap = ward_users_section_unmap;

  /* username, and a sentence saying what was just done (or NULL). */
  signals[SIGNAL_ENROL_REQUESTED] =
    g_signal_new ("enrol-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (WARD_TYPE_USER_DETAIL);
  g_type_ensure (WARD_TYPE_NEW_USER_FORM);
  g_type_ensure (WARD_TYPE_DISABLE_CONFIRM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/ward-users-section.ui");
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, views);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, users_list);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, new_user_form);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, detail);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, disable_confirm);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "users.show-add", NULL, show_add);
  gtk_widget_class_install_action (widget_class, "users.show-list", NULL, show_list);
  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_user);
  gtk_widget_class_install_action (widget_class, "users.enrol-shown", NULL, enrol_shown);
  gtk_widget_class_install_action (widget_class, "users.ask-disable", NULL, ask_disable);
  gtk_widget_class_install_action (widget_class, "users.cancel-disable", NULL, cancel_disable);
  gtk_widget_class_install_action (widget_class, "users.confirm-disable", NULL, confirm_disable);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "userssection");
}

static void
ward_users_section_init (WardUsersSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_admin_section_set_message_label (WARD_ADMIN_SECTION (self), self->message_label);
}
