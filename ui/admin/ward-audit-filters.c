/* ward-audit-filters.c: the audit trail's three filters: the person, the kind of event, since when */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-audit-filters.h"
#include "ui/ward-widget-util.h"

struct _WardAuditFilters
{
  GtkWidget    parent_instance;

  GtkEntry    *person_entry;
  GtkDropDown *type_dropdown;
  GtkDropDown *since_dropdown;

  char        *person;   /* what the last filter applied points to */
};

G_DEFINE_FINAL_TYPE (WardAuditFilters, ward_audit_filters, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  const char *prefix;
} EventKind;

/* The event filter: a prefix of the stored event names, in words. */
static const EventKind event_kinds[] = {
  { N_("All events"), NULL },
  { N_("Sign-in and sessions"), "session." },
  { N_("Failed sign-in steps"), "factor." },
  { N_("Locked and unlocked"), "account." },
  { N_("Emergency access"), "break-glass." },
  { N_("Staff accounts"), "user." },
  { N_("Roles given or taken"), "role." },
  { N_("Permissions"), "permission." },
  { N_("Badges"), "badge." },
  { N_("Security keys"), "key." },
  { N_("Authenticator apps"), "totp." },
  { N_("Device changes"), "device." },
  { N_("Audit checks"), "audit." },
  { N_("Sign-in policy"), "policy." },
};

typedef enum
{
  SINCE_TODAY,
  SINCE_7_DAYS,
  SINCE_30_DAYS,
  SINCE_ALL,
} Since;

static const char *const since_titles[] = {
  N_("Today"), N_("Last 7 days"), N_("Last 30 days"), N_("All time"),
};

/* "Today" is the kiosk's local day by @now, the store's clock: the same
 * clock that stamped the records. */
static gint64
since_us (WardAuditFilters *self,
          gint64            now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = NULL;

  switch ((Since) gtk_drop_down_get_selected (self->since_dropdown))
    {
    case SINCE_TODAY:
      midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                        g_date_time_get_day_of_month (local), 0, 0, 0);
      return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
    case SINCE_7_DAYS:
      return (now - 7 * 86400) * G_USEC_PER_SEC;
    case SINCE_30_DAYS:
      return (now - 30 * 86400) * G_USEC_PER_SEC;
    case SINCE_ALL:
    default:
      return 0;
    }
}

/* @now: unix seconds by the store's clock. The person @filter names
 * stays valid until the next call. */
void
ward_audit_filters_apply (WardAuditFilters *self,
                          gint64            now,
                          WardAuditFilter  *filter)
{
  guint kind;

  g_return_if_fail (WARD_IS_AUDIT_FILTERS (self));

  g_free (self->person);
  self->person = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->person_entry))));
  kind = gtk_drop_down_get_selected (self->type_dropdown);
  filter->event_prefix = kind < G_N_ELEMENTS (event_kinds) ? event_kinds[kind].prefix : NULL;
  filter->person = *self->person != '\0' ? self->person : NULL;
  filter->since_us = since_us (self, now);
}

static void
on_changed (WardAuditFilters *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
ward_audit_filters_dispose (GObject *object)
{
  WardAuditFilters *self = WARD_AUDIT_FILTERS (object);

  ward_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->person, g_free);
  G_OBJECT_CLASS (ward_audit_filters_parent_class)->dispose (object);
}

static void
ward_audit_filters_class_init (WardAuditFiltersClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_audit_filters_dispose;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ward_widget_class_setup (widget_class, "/admin/ward-audit-filters.ui", "auditfilters", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardAuditFilters, person_entry);
  gtk_widget_class_bind_template_child (widget_class, WardAuditFilters, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WardAuditFilters, since_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

/* The choices are built here from the same tables the filter reads, so
 * the two cannot drift apart. */
static void
ward_audit_filters_init (WardAuditFilters *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) since = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (gsize i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    gtk_string_list_append (kinds, _(event_kinds[i].title));
  for (gsize i = 0; i < G_N_ELEMENTS (since_titles); i++)
    gtk_string_list_append (since, _(since_titles[i]));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->since_dropdown, G_LIST_MODEL (since));
  gtk_drop_down_set_selected (self->since_dropdown, SINCE_7_DAYS);
}
