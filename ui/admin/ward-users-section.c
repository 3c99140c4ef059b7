/* ward-users-section.c: staff accounts: search, add, open one, disable */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-user-detail.h"
#include "ui/admin/ward-users-section.h"

/* Enough for a ward; a search narrows a longer list. */
#define MAX_LISTED 200

struct _WardUsersSection
{
  WardAdminSection parent_instance;

  GtkStack       *views;
  GtkSearchEntry *search_entry;
  GtkLabel       *message_label;
  GtkListBox     *users_list;
  GtkEntry       *username_entry;
  GtkEntry       *full_name_entry;
  GtkWidget      *role_caption;
  GtkFlowBox     *role_box;
  GtkLabel       *add_message_label;
  WardUserDetail *detail;
  GtkWidget      *confirm_scrim;
  GtkWidget      *keep_button;
  GtkLabel       *confirm_title;
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
clear_role_box (WardUsersSection *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->role_box))) != NULL)
    gtk_flow_box_remove (self->role_box, child);
}

/* Giving a role at creation is granting it: without roles.manage the form
 * offers none, and the account starts with no role. */
static void
fill_role_box (WardUsersSection *self,
               WardActor        *actor)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GPtrArray) roles = NULL;

  clear_role_box (self);
  if (ward_actor_can (actor, "roles.manage"))
    roles = ward_account_admin_list_roles (ward_kiosk_get_accounts (kiosk), actor, NULL);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const char *role = ((WardRoleRecord *) roles->pdata[i])->name;
      GtkWidget *check = gtk_check_button_new_with_label (ward_admin_role_title (role));

      gtk_widget_add_css_class (check, "admin-check");
      gtk_widget_set_name (check, role);
      g_object_set_data_full (G_OBJECT (check), "role", g_strdup (role), g_free);
      gtk_flow_box_append (self->role_box, check);
    }
  gtk_widget_set_visible (self->role_caption, roles != NULL && roles->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->role_box), roles != NULL && roles->len > 0);
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

  if (actor == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_entry), "");
  ward_admin_hide_message (self->add_message_label);
  fill_role_box (self, actor);
  gtk_stack_set_visible_child_name (self->views, "add");
  gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
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

static GStrv
chosen_roles (WardUsersSection *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

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

static void
add_user (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  WardUsersSection *self = WARD_USERS_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_entry))));
  g_autofree char *full_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->full_name_entry))));
  g_auto(GStrv) roles = chosen_roles (self);
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor == NULL
      || !ward_account_admin_add_user (ward_kiosk_get_accounts (kiosk), actor, username, full_name,
                                       (const char *const *) roles, &error))
    {
      ward_admin_show_message (self->add_message_label, WARD_ADMIN_TONE_ERROR, error->message);
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
  /* Translators: %s is a person's full name. */
  g_autofree char *title = g_strdup_printf (_("Disable the account of %s?"),
                                            ward_user_detail_get_full_name (self->detail));

  gtk_label_set_label (self->confirm_title, title);
  gtk_widget_set_visible (self->confirm_scrim, TRUE);
  /* The safe answer has the focus: Return alone never disables anyone. */
  gtk_widget_grab_focus (self->keep_button);
}

static void
cancel_disable (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_set_visible (WARD_USERS_SECTION (widget)->confirm_scrim, FALSE);
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

  gtk_widget_set_visible (self->confirm_scrim, FALSE);
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

  gtk_widget_set_visible (self->confirm_scrim, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_entry), "");
  gtk_stack_set_visible_child_name (self->views, "list");
}

/* A question left open must not greet whoever comes back to the section. */
static void
ward_users_section_unmap (GtkWidget *widget)
{
  gtk_widget_set_visible (WARD_USERS_SECTION (widget)->confirm_scrim, FALSE);
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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/ward-users-section.ui");
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, views);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, users_list);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, username_entry);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, full_name_entry);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, role_caption);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, role_box);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, add_message_label);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, detail);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, confirm_scrim);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, confirm_title);
  gtk_widget_class_bind_template_child (widget_class, WardUsersSection, keep_button);
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
