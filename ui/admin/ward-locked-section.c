/* ward-locked-section.c: accounts locked after failed sign-ins, each with an Unlock button */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-locked-people.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-locked-section.h"
#include "ui/ward-widget-util.h"

struct _WardLockedSection
{
  WardAdminSection parent_instance;

  GtkLabel   *message_label;
  GtkListBox *locked_list;
};

G_DEFINE_FINAL_TYPE (WardLockedSection, ward_locked_section, WARD_TYPE_ADMIN_SECTION)

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
unlock_button_new (const WardLockedPerson *person)
{
  GtkWidget *button = gtk_button_new_with_label (_("Unlock"));
  /* Translators: the Unlock button's name for screen readers; %s is a person's full name. */
  g_autofree char *name = g_strdup_printf (_("Unlock %s"), person->full_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "locked.unlock");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", person->username, person->full_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "admin-button");
  return button;
}

/* In place of the button, for an account the person may not unlock: she
 * learns whom to ask before she tries, not after. */
static GtkWidget *
cannot_unlock_label_new (void)
{
  GtkWidget *label = gtk_label_new (_("Only an administrator can unlock this account."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "admin-muted");
  return label;
}

static char *
describe_locks (const WardLockedPerson *person)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < person->locks->len; i++)
    {
      g_autofree char *line = describe_lock (person->locks->pdata[i]);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

/* The person first, by name; the user name beneath, for telling two
 * people of one name apart. */
static GtkWidget *
locked_row_new (const WardLockedPerson *person)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (person->full_name);
  GtkWidget *username = gtk_label_new (person->username);
  g_autofree char *lines = describe_locks (person);
  GtkWidget *detail = gtk_label_new (lines);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (username), 0);
  gtk_label_set_ellipsize (GTK_LABEL (username), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (name, "admin-row-title");
  gtk_widget_add_css_class (username, "admin-muted");
  gtk_widget_add_css_class (detail, "admin-muted");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), username);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), person->may_unlock ? unlock_button_new (person) : cannot_unlock_label_new ());
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "admin-row");
  return row;
}

static void
load_list (WardLockedSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  ward_admin_clear_list (self->locked_list);
  if (actor != NULL)
    people = ward_locked_people_list (ward_kiosk_get_store (kiosk), actor, &error);
  if (people == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  for (guint i = 0; i < people->len; i++)
    gtk_list_box_append (self->locked_list, locked_row_new (people->pdata[i]));
}

static void
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  WardLockedSection *self = WARD_LOCKED_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  const char *username = NULL;
  const char *full_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  g_variant_get (parameter, "(&s&s)", &username, &full_name);
  if (actor == NULL || !ward_policy_unlock (ward_kiosk_get_policy (kiosk), actor, username, &error))
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  load_list (self);
  /* Translators: %s is a person's full name. */
  done = g_strdup_printf (_("%s is unlocked and can sign in again."), full_name);
  ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_SUCCESS, done);
}

static void
ward_locked_section_refresh (WardAdminSection *section)
{
  load_list (WARD_LOCKED_SECTION (section));
}

static void
ward_locked_section_reset (WardAdminSection *section)
{
  ward_admin_clear_list (WARD_LOCKED_SECTION (section)->locked_list);
}

static void
ward_locked_section_class_init (WardLockedSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "accounts.unlock";
  section_class->refresh = ward_locked_section_refresh;
  section_class->reset = ward_locked_section_reset;

  ward_widget_class_setup (widget_class, "/admin/ward-locked-section.ui", "lockedsection", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardLockedSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockedSection, locked_list);
  gtk_widget_class_install_action (widget_class, "locked.unlock", "(ss)", unlock);
}

static void
ward_locked_section_init (WardLockedSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_admin_section_set_message_label (WARD_ADMIN_SECTION (self), self->message_label);
  gtk_list_box_set_placeholder (self->locked_list,
                                ward_admin_list_placeholder (_("No account is locked. Everyone can sign in.")));
}
