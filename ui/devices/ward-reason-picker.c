/* ward-reason-picker.c: why a value crosses the usual range: one-tap reasons, or typed words */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change.h"
#include "ui/devices/ward-reason-picker.h"
#include "ui/ward-widget-util.h"

struct _WardReasonPicker
{
  GtkWidget  parent_instance;

  GtkBox    *picks_box;
  GtkEntry  *reason_entry;
  char      *picked;
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WardReasonPicker, ward_reason_picker, GTK_TYPE_WIDGET)

const char *
ward_reason_picker_get_reason (WardReasonPicker *self)
{
  const char *typed;

  g_return_val_if_fail (WARD_IS_REASON_PICKER (self), NULL);

  /* What she typed says more than a pick, so it wins. */
  typed = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
  while (g_ascii_isspace (*typed))
    typed++;
  return *typed != '\0' ? typed : self->picked;
}

GtkWidget *
ward_reason_picker_get_button (WardReasonPicker *self,
                               guint             index)
{
  GtkWidget *child;

  g_return_val_if_fail (WARD_IS_REASON_PICKER (self), NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->picks_box));
  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

void
ward_reason_picker_forget (WardReasonPicker *self)
{
  g_return_if_fail (WARD_IS_REASON_PICKER (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->picks_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), FALSE);
  g_clear_pointer (&self->picked, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
}

static void
on_pick_toggled (GtkToggleButton  *button,
                 WardReasonPicker *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->picked);
  self->picked = g_strdup (gtk_button_get_label (GTK_BUTTON (button)));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_reason_changed (GtkEditable      *entry,
                   WardReasonPicker *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* One tap each: there is no keyboard at the bedside. */
static void
add_picks (WardReasonPicker *self)
{
  g_auto(GStrv) picks = ward_device_change_list_reason_picks ();
  GtkToggleButton *first = NULL;

  for (guint i = 0; picks[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (picks[i]);

      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_widget_add_css_class (button, "reason-pick");
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (on_pick_toggled), self);
      gtk_box_append (self->picks_box, button);
    }
}

static void
ward_reason_picker_finalize (GObject *object)
{
  g_free (WARD_REASON_PICKER (object)->picked);
  G_OBJECT_CLASS (ward_reason_picker_parent_class)->finalize (object);
}

static void
ward_reason_picker_class_init (WardReasonPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;
  object_class->finalize = ward_reason_picker_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/devices/ward-reason-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, WardReasonPicker, picks_box);
  gtk_widget_class_bind_template_child (widget_class, WardReasonPicker, reason_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ward_reason_picker_init (WardReasonPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_picks (self);
}
