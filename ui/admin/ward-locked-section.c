/* ward-locked-section.c: accounts locked after failed sign-ins, each with an Unlock button */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-locked-section.h"
#include "ui/ward-widget-util.h"

struct _WardLockedSection
{
  GtkWidget   parent_instance;

  WardKiosk  *kiosk;

  GtkLabel   *message_label;
  GtkListBox *locked_list;
};

static void ward_locked_section_iface_init (WardAdminSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WardLockedSection, ward_locked_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (WARD_TYPE_ADMIN_SECTION, ward_locked_section_iface_init))

static const char *
factor_words (const char *factor)
{
  if (g_strcmp0 (factor, "badge") == 0)
    return _("badge");
  if (g_strcmp0 (factor, "key") == 0)
    return _("security key");
  if (g_strcmp0 (factor, "pin") == 0)
    return _("security key PIN");
  if (g_strcmp0 (factor, "totp") == 0)
    return _("app code");
  return factor;
}

static char *
describe_lock (const WardFailureRecord *record)
{
  g_autofree char *when = ward_admin_format_time (record->locked_at);

  /* Translators: "Locked since Sat 28 Nov 2026, 08:00 after 10 failed app code attempts". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Locked since %s after %u failed %s attempt",
                                       "Locked since %s after %u failed %s attempts", record->consecutive),
                          when, record->consecutive, factor_words (record->factor));
}

static GtkWidget *
unlock_button_new (const char *username)
{
  GtkWidget *button = gtk_button_new_with_label (_("Unlock"));
  /* Translators: the Unlock button's name for screen readers; %s is a user name. */
  g_autofree char *name = g_strdup_printf (_("Unlock %s"), username);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "locked.unlock");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", username);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "admin-button");
  return button;
}

static GtkWidget *
locked_row_new (const char *username,
                const char *lines)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (username);
  GtkWidget *detail = gtk_label_new (lines);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (name, "admin-row-title");
  gtk_widget_add_css_class (detail, "admin-muted");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), unlock_button_new (username));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "admin-row");
  return row;
}

static void
string_free (gpointer text)
{
  g_string_free (text, TRUE);
}

/* One row per person, however many of their factors are locked. */
static void
fill_list (WardLockedSection *self,
           GPtrArray         *records)
{
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, string_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      const WardFailureRecord *record = records->pdata[i];
      g_autofree char *line = describe_lock (record);
      GString *text = g_hash_table_lookup (lines, record->username);

      if (text == NULL)
        {
          text = g_string_new (NULL);
          g_hash_table_insert (lines, record->username, text);
          g_ptr_array_add (order, record->username);
        }
      else
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GString *text = g_hash_table_lookup (lines, order->pdata[i]);

      gtk_list_box_append (self->locked_list, locked_row_new (order->pdata[i], text->str));
    }
}

static void
load_list (WardLockedSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  WardActor *actor = ward_admin_get_actor (self->kiosk, &error);

  ward_admin_clear_list (self->locked_list);
  if (actor != NULL)
    records = ward_account_admin_list_locked (ward_kiosk_get_accounts (self->kiosk), actor, &error);
  if (records == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  fill_list (self, records);
}

static void
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  WardLockedSection *self = WARD_LOCKED_SECTION (widget);
  const char *username = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  WardActor *actor = ward_admin_get_actor (self->kiosk, &error);

  if (actor == NULL || !ward_policy_unlock (ward_kiosk_get_policy (self->kiosk), actor, username, &error))
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  load_list (self);
  done = g_strdup_printf (_("%s is unlocked and can sign in again."), username);
  ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_SUCCESS, done);
}

static void
ward_locked_section_set_kiosk (WardAdminSection *section,
                               WardKiosk        *kiosk)
{
  g_set_object (&WARD_LOCKED_SECTION (section)->kiosk, kiosk);
}

static void
ward_locked_section_refresh (WardAdminSection *section)
{
  WardLockedSection *self = WARD_LOCKED_SECTION (section);

  ward_admin_hide_message (self->message_label);
  load_list (self);
}

static void
ward_locked_section_reset (WardAdminSection *section)
{
  WardLockedSection *self = WARD_LOCKED_SECTION (section);

  ward_admin_hide_message (self->message_label);
  ward_admin_clear_list (self->locked_list);
}

static void
ward_locked_section_iface_init (WardAdminSectionInterface *iface)
{
  iface->permission = "accounts.unlock";
  iface->set_kiosk = ward_locked_section_set_kiosk;
  iface->refresh = ward_locked_section_refresh;
  iface->reset = ward_locked_section_reset;
}

static void
ward_locked_section_dispose (GObject *object)
{
  WardLockedSection *self = WARD_LOCKED_SECTION (object);

  ward_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->kiosk);
  G_OBJECT_CLASS (ward_locked_section_parent_class)->dispose (object);
}

static void
ward_locked_section_class_init (WardLockedSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_locked_section_dispose;

  ward_widget_class_setup (widget_class, "/admin/ward-locked-section.ui", "lockedsection", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardLockedSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockedSection, locked_list);
  gtk_widget_class_install_action (widget_class, "locked.unlock", "s", unlock);
}

static void
ward_locked_section_init (WardLockedSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->locked_list,
                                ward_admin_list_placeholder (_("No account is locked. Everyone can sign in.")));
}
