/* ward-admin-util.c: what the administration sections share: the acting person, messages, names, times, shares, emergency sessions */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"

/* Each operation acts as whoever is signed in at the moment it runs, never
 * as whoever opened the screen: the session may have ended meanwhile. */
WardActor *
ward_admin_get_actor (WardKiosk  *kiosk,
                      GError    **error)
{
  WardActor *actor = kiosk != NULL ? ward_kiosk_get_actor (kiosk) : NULL;

  if (actor == NULL)
    g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_ALLOWED_NOW,
                 _("Nobody is signed in at this kiosk any more. Sign in again to continue."));
  return actor;
}

void
ward_admin_show_message (GtkLabel      *label,
                         WardAdminTone  tone,
                         const char    *text)
{
  GtkWidget *widget = GTK_WIDGET (label);

  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (widget, "admin-info");
  gtk_widget_remove_css_class (widget, "admin-success");
  gtk_widget_remove_css_class (widget, "admin-error");
  gtk_widget_add_css_class (widget, tone == WARD_ADMIN_TONE_ERROR ? "admin-error"
                                    : tone == WARD_ADMIN_TONE_SUCCESS ? "admin-success"
                                    : "admin-info");
  gtk_widget_set_visible (widget, text != NULL && *text != '\0');
}

void
ward_admin_hide_message (GtkLabel *label)
{
  gtk_label_set_label (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

/* gtk_list_box_remove_all() is GTK 4.12. */
void
ward_admin_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

char *
ward_admin_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_unix_local (unix_seconds);

  if (moment == NULL)
    return g_strdup ("—");
  /* Translators: a date and time in lists, a g_date_time_format() string. */
  return g_date_time_format (moment, C_("admin list time", "%a %-d %b %Y, %H:%M"));
}

/* An emergency session in two lines: when, and the reason typed. */
char *
ward_admin_describe_session (const WardSessionRecord *session)
{
  g_autofree char *started = ward_admin_format_time (session->started_at);
  g_autofree char *ended = session->ended_at != 0 ? ward_admin_format_time (session->ended_at)
                                                  : g_strdup (_("still open"));

  /* Translators: an emergency session: start, end, and the reason typed. */
  return g_strdup_printf (_("From %s to %s\nReason: “%s”"), started, ended,
                          session->reason != NULL ? session->reason : "");
}

/* @percent: 0–100, or below 0: nothing to count. */
char *
ward_admin_format_percent (int percent)
{
  /* Translators: a share in a table, e.g. "67%"; "—" stands for nothing to count. */
  return percent < 0 ? g_strdup ("—") : g_strdup_printf (_("%d%%"), percent);
}

typedef struct
{
  const char *name;
  const char *title;
} NameTitle;

/* The database's descriptions are English only: the screens name roles and
 * permissions in the reader's language. */
static const NameTitle role_titles[] = {
  { "nurse", N_("Nurse") },
  { "charge-nurse", N_("Charge nurse") },
  { "biomed", N_("Biomedical engineer") },
  { "admin", N_("Administrator") },
  { "break-glass", N_("Emergency access") },
};

static const NameTitle permission_titles[] = {
  { "device.view", N_("See bedside devices") },
  { "device.adjust", N_("Adjust device settings") },
  { "device.adjust.high-alert", N_("Make or witness high-alert changes") },
  { "device.configure", N_("Configure devices and alarm defaults") },
  { "users.manage", N_("Add, disable and view staff accounts") },
  { "roles.manage", N_("Grant roles and edit this table") },
  { "credentials.enroll", N_("Enrol badges, keys and apps") },
  { "accounts.unlock", N_("Unlock locked accounts") },
  { "audit.view", N_("Read and verify the audit trail") },
  { "awareness.report", N_("See security-awareness results") },
  { "break-glass.use", N_("Use emergency access") },
};

static const char *
lookup_title (const NameTitle *table,
              gsize            n,
              const char      *name)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (table[i].name, name) == 0)
      return _(table[i].title);
  return name;
}

const char *
ward_admin_role_title (const char *role)
{
  return lookup_title (role_titles, G_N_ELEMENTS (role_titles), role);
}

/* The roles table's column headings: five side by side with the
 * permissions must fit a 1024-wide screen, and a heading breaks only
 * between words, so a language whose role names are long compounds
 * ("Stationsleitung") gives them shorter words here, or soft hyphens where
 * a compound may break. Their own messages: the full names stay wherever
 * there is room. */
static const NameTitle role_headings[] = {
  { "nurse", NC_("roles table heading", "Nurse") },
  { "charge-nurse", NC_("roles table heading", "Charge nurse") },
  { "biomed", NC_("roles table heading", "Biomedical engineer") },
  { "admin", NC_("roles table heading", "Administrator") },
  { "break-glass", NC_("roles table heading", "Emergency access") },
};

const char *
ward_admin_role_heading (const char *role)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_headings); i++)
    if (g_strcmp0 (role_headings[i].name, role) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "roles table heading", role_headings[i].title);
  return ward_admin_role_title (role);
}

gboolean
ward_admin_permission_has_title (const char *permission)
{
  for (gsize i = 0; i < G_N_ELEMENTS (permission_titles); i++)
    if (g_strcmp0 (permission_titles[i].name, permission) == 0)
      return TRUE;
  return FALSE;
}

const char *
ward_admin_permission_title (const char *permission)
{
  return lookup_title (permission_titles, G_N_ELEMENTS (permission_titles), permission);
}

GtkWidget *
ward_admin_list_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "admin-placeholder");
  return label;
}

/* A small amber tag beside or under a row's text ("Flagged", "Disabled"):
 * one look for every list that marks something to notice. */
GtkWidget *
ward_admin_warning_tag_new (const char *text,
                            GtkAlign    valign)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, "admin-tag");
  gtk_widget_add_css_class (tag, "admin-tag-warning");
  gtk_widget_set_valign (tag, valign);
  return tag;
}

/* Spaces every four characters: easier to copy by hand into the app,
 * which ignores them. */
char *
ward_admin_group_secret (const char *secret)
{
  GString *grouped = g_string_new (NULL);

  for (gsize i = 0; secret[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (grouped, ' ');
      g_string_append_c (grouped, secret[i]);
    }
  return g_string_free (grouped, FALSE);
}

/* A secret's copy is overwritten before it is freed: the heap does not
 * keep it for whoever reads the memory next. */
void
ward_admin_wipe_string (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}
