/* ward-device-page-history.c: the device page's recent changes: who changed what, when, why, and what the device said */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-device-page-private.h"

#define HISTORY_LENGTH 8

static char *
history_when (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  /* Translators: a change's date and time in the device history, as strftime: "3 Mar 14:02". */
  return g_date_time_format (when, _("%e %b %H:%M"));
}

static char *
history_outcome (const WardSettingChangeRecord *record)
{
  switch (record->outcome)
    {
    case WARD_SETTING_OUTCOME_APPLIED:
      return g_strdup (_("applied"));
    case WARD_SETTING_OUTCOME_REFUSED:
      /* Translators: a refused change in the device history, with the device's reason. */
      return g_strdup_printf (_("refused: %s"), record->outcome_detail != NULL ? record->outcome_detail : _("no reason given"));
    case WARD_SETTING_OUTCOME_NO_ANSWER:
      return g_strdup (_("no answer"));
    case WARD_SETTING_OUTCOME_PENDING:
    default:
      return g_strdup (_("no answer recorded"));
    }
}

static char *
history_what (WardDevicePage                *self,
              const WardSettingChangeRecord *record)
{
  const WardParameterSpec *param = ward_catalogue_get_parameter (ward_kiosk_get_catalogue (self->kiosk), self->device->class_id,
                                                                 record->parameter);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (param == NULL)
    return g_strdup (record->parameter);
  old_text = record->has_old_value ? ward_catalogue_format_value (param, record->old_value) : g_strdup ("?");
  new_text = ward_catalogue_format_with_unit (param, record->new_value);
  return g_strdup_printf (_("%s %s → %s"), ward_parameter_spec_get_label (param), old_text, new_text);
}

static char *
history_who (const WardSettingChangeRecord *record)
{
  const char *who = record->full_name != NULL ? record->full_name : record->username;
  const char *witness = record->witness_full_name != NULL ? record->witness_full_name : record->witness_username;
  GString *line = g_string_new (who);

  if (record->witness_id != 0 && witness != NULL)
    /* Translators: in the device history, after who made a change: who checked it. */
    g_string_append_printf (line, _(" · checked by %s"), witness);
  if (record->reason != NULL)
    g_string_append_printf (line, " · %s", record->reason);
  return g_string_free (line, FALSE);
}

static GtkWidget *
history_row (WardDevicePage                *self,
             const WardSettingChangeRecord *record)
{
  g_autofree char *when = history_when (record->requested_at);
  g_autofree char *what = history_what (self, record);
  g_autofree char *outcome = history_outcome (record);
  g_autofree char *who = history_who (record);
  g_autofree char *first = g_strdup_printf ("%s  %s · %s", when, what, outcome);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line1 = gtk_label_new (first);
  GtkWidget *line2 = gtk_label_new (who);

  gtk_label_set_xalign (GTK_LABEL (line1), 0);
  gtk_label_set_xalign (GTK_LABEL (line2), 0);
  gtk_label_set_wrap (GTK_LABEL (line1), TRUE);
  gtk_label_set_wrap (GTK_LABEL (line2), TRUE);
  gtk_widget_add_css_class (line1, "history-what");
  gtk_widget_add_css_class (line1, "numeric");
  gtk_widget_add_css_class (line2, "history-who");
  gtk_widget_add_css_class (row, "history-row");
  if (record->outcome == WARD_SETTING_OUTCOME_REFUSED)
    gtk_widget_add_css_class (row, "history-refused");
  gtk_box_append (GTK_BOX (row), line1);
  gtk_box_append (GTK_BOX (row), line2);
  return row;
}

static void
history_note (WardDevicePage *self,
              const char     *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "history-note");
  gtk_box_append (self->history_box, label);
}

/* Who changed what, checked against the person's own right to see it. */
void
_ward_device_page_refresh_history (WardDevicePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_box))) != NULL)
    gtk_box_remove (self->history_box, child);
  if (self->device_id == NULL || self->device == NULL)
    return;
  records = ward_kiosk_list_device_history (self->kiosk, self->device_id, HISTORY_LENGTH, &error);
  if (records == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("History unavailable: %s"), error->message);

      history_note (self, text);
      return;
    }
  if (records->len == 0)
    history_note (self, _("No changes recorded for this device yet."));
  for (guint i = 0; i < records->len; i++)
    gtk_box_append (self->history_box, history_row (self, g_ptr_array_index (records, i)));
}
