/* ward-value-entry.c: typing a setting's value on a big keypad, in an overlay over the device page */
#include "config.h"

#include <math.h>

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ui/devices/ward-value-entry.h"
#include "ui/ward-widget-util.h"

struct _WardValueEntry
{
  GtkWidget                parent_instance;

  const WardParameterSpec *param;

  GtkLabel                *title_label;
  GtkLabel                *limits_label;
  GtkEntry                *entry;
  GtkLabel                *unit_label;
  GtkLabel                *message_label;
  WardKeypad              *keypad;
  GtkWidget               *decimal_button;
  GtkWidget               *cancel_button;
};

G_DEFINE_FINAL_TYPE (WardValueEntry, ward_value_entry, GTK_TYPE_WIDGET)

enum {
  SIGNAL_VALUE_ENTERED,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
decimal_point (void)
{
  const char *point = localeconv ()->decimal_point;

  return point != NULL && *point != '\0' ? point : ".";
}

/* Digits and at most one decimal mark, and nothing else: no thousands
 * grouping, no exponent, no hex, no "nan". The mark is the locale's (","
 * in German); "." is also taken, but only where it cannot be a thousands
 * separator: in German "1.000" is refused rather than read as 1 or 1000.
 * A doubtful entry is refused, never guessed at: the value may be a drug
 * rate. */
gboolean
ward_value_entry_parse (const char *text,
                        double     *value)
{
  g_autofree char *plain = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GString) normal = g_string_new (NULL);
  const char *point = decimal_point ();
  const char *grouping = localeconv ()->thousands_sep;
  gboolean dot_is_grouping = grouping != NULL && g_str_equal (grouping, ".");
  gboolean seen_point = FALSE, seen_digit = FALSE;
  char *end = NULL;

  for (const char *p = plain; *p != '\0'; )
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (normal, *p++);
          seen_digit = TRUE;
          continue;
        }
      if (seen_point)
        return FALSE;
      if (*p == '.' && !dot_is_grouping)
        p++;
      else if (g_str_has_prefix (p, point))
        p += strlen (point);
      else
        return FALSE;
      g_string_append_c (normal, '.');
      seen_point = TRUE;
    }
  if (!seen_digit)
    return FALSE;
  *value = g_ascii_strtod (normal->str, &end);
  /* Hundreds of digits overflow to infinity (found by fuzzing): refused,
   * not passed on for the limits to catch. */
  return end != NULL && *end == '\0' && isfinite (*value);
}

const WardParameterSpec *
ward_value_entry_get_parameter (WardValueEntry *self)
{
  return self->param;
}

WardKeypad *
ward_value_entry_get_keypad (WardValueEntry *self)
{
  return self->keypad;
}

GtkEditable *
ward_value_entry_get_entry (WardValueEntry *self)
{
  return GTK_EDITABLE (self->entry);
}

GtkWidget *
ward_value_entry_get_decimal_button (WardValueEntry *self)
{
  return self->decimal_button;
}

GtkWidget *
ward_value_entry_get_cancel_button (WardValueEntry *self)
{
  return self->cancel_button;
}

void
ward_value_entry_open (WardValueEntry          *self,
                       const WardParameterSpec *param,
                       const char              *limits)
{
  g_return_if_fail (WARD_IS_VALUE_ENTRY (self));
  g_return_if_fail (param != NULL);

  self->param = param;
  gtk_label_set_label (self->title_label, ward_parameter_spec_get_label (param));
  gtk_label_set_label (self->limits_label, limits != NULL ? limits : "");
  gtk_label_set_label (self->unit_label, ward_parameter_spec_get_unit (param));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  /* Whole-number settings have no use for a decimal point. */
  gtk_widget_set_sensitive (self->decimal_button, param->decimals > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
value_entry_submit (WardValueEntry *self)
{
  double value;

  if (self->param == NULL)
    return;
  if (!ward_value_entry_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &value))
    {
      gtk_label_set_label (self->message_label, _("Type a number, then OK."));
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SIGNAL_VALUE_ENTERED], 0, value);
}

static void
on_keypad_submit (WardKeypad     *keypad,
                  WardValueEntry *self)
{
  value_entry_submit (self);
}

static void
on_entry_activate (GtkEntry       *entry,
                   WardValueEntry *self)
{
  value_entry_submit (self);
}

static void
on_decimal_clicked (GtkButton      *button,
                    WardValueEntry *self)
{
  GtkEditable *editable = GTK_EDITABLE (self->entry);
  int position;

  if (strstr (gtk_editable_get_text (editable), decimal_point ()) != NULL)
    return;
  gtk_editable_delete_selection (editable);
  position = gtk_editable_get_position (editable);
  gtk_editable_insert_text (editable, decimal_point (), -1, &position);
  gtk_editable_set_position (editable, position);
}

static void
value_entry_cancel (WardValueEntry *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
}

static void
on_cancel_clicked (GtkButton      *button,
                   WardValueEntry *self)
{
  value_entry_cancel (self);
}

/* Escape puts the keypad away, as Cancel does; it is handled here, before
 * the window's own Escape (which would cancel the whole sign-in step). */
static void
action_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  value_entry_cancel (WARD_VALUE_ENTRY (widget));
}

static void
ward_value_entry_class_init (WardValueEntryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  signals[SIGNAL_VALUE_ENTERED] = g_signal_new ("value-entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (WARD_TYPE_KEYPAD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/devices/ward-value-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, limits_label);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, unit_label);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, keypad);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, decimal_button);
  gtk_widget_class_bind_template_child (widget_class, WardValueEntry, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_keypad_submit);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_decimal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_install_action (widget_class, "value-entry.cancel", NULL, action_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "value-entry.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "deviceoverlay");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
ward_value_entry_init (WardValueEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_keypad_attach (self->keypad, GTK_EDITABLE (self->entry), NULL);
  gtk_button_set_label (GTK_BUTTON (self->decimal_button), decimal_point ());
}
