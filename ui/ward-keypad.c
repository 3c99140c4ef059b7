/* ward-keypad.c: a large on-screen numeric keypad for gloved fingers: digits, backspace, OK */
#include "config.h"

#include "ui/ward-keypad.h"
#include "ui/ward-widget-util.h"

struct _WardKeypad
{
  GtkWidget    parent_instance;

  GtkEditable *entry;          /* weak: the page owns it */
  char        *submit_action;  /* "win.…", "enrol.…": takes the entry's text; or NULL */
  GtkGrid     *grid;
  GtkWidget   *backspace_button;
  GtkWidget   *ok_button;
};

G_DEFINE_FINAL_TYPE (WardKeypad, ward_keypad, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DIGIT,
  SIGNAL_SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ward_keypad_new (void)
{
  return g_object_new (WARD_TYPE_KEYPAD, NULL);
}

/* The typed text goes to the submit action, if there is one. */
static void
keypad_submit (WardKeypad *self)
{
  g_autofree char *text = NULL;

  if (self->submit_action != NULL && self->entry != NULL)
    {
      text = g_strdup (gtk_editable_get_text (self->entry));
      if (*text == '\0')
        return;
      gtk_editable_set_text (self->entry, "");
      gtk_widget_activate_action (GTK_WIDGET (self), self->submit_action, "s", text);
    }
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
}

static void
on_entry_activate (GtkEntry   *entry,
                   WardKeypad *self)
{
  if (self->submit_action != NULL)
    keypad_submit (self);
}

/* entry: the field the keys type into. submit_action: an action of the
 * keypad's window or of a widget around it, taking a string ("s"), given
 * the entry's text when OK (or Return) is
 * pressed with something typed; the entry is emptied first, so that after
 * a refusal the next try starts from scratch and nothing typed (a code, a
 * PIN) stays on screen. NULL: only the "submit" signal tells. */
void
ward_keypad_attach (WardKeypad  *self,
                    GtkEditable *entry,
                    const char  *submit_action)
{
  g_return_if_fail (WARD_IS_KEYPAD (self));
  g_return_if_fail (entry == NULL || GTK_IS_EDITABLE (entry));

  g_free (self->submit_action);
  self->submit_action = g_strdup (submit_action);
  if (self->entry == entry)
    return;
  if (GTK_IS_ENTRY (self->entry))
    g_signal_handlers_disconnect_by_func (self->entry, on_entry_activate, self);
  g_set_weak_pointer (&self->entry, entry);
  /* Return on a keyboard is the OK key. */
  if (GTK_IS_ENTRY (entry))
    g_signal_connect_object (entry, "activate", G_CALLBACK (on_entry_activate), self, G_CONNECT_DEFAULT);
}

/* key: "0".."9", "backspace" or "ok"; for tests and for the pages that
 * want to watch a key. */
GtkWidget *
ward_keypad_get_button (WardKeypad *self,
                        const char *key)
{
  g_return_val_if_fail (WARD_IS_KEYPAD (self), NULL);

  if (g_strcmp0 (key, "backspace") == 0)
    return self->backspace_button;
  if (g_strcmp0 (key, "ok") == 0)
    return self->ok_button;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "digit"), key) == 0)
      return child;
  return NULL;
}

/* Typing lands where the cursor is, as on a keyboard; the selection (a
 * code selected to be replaced) goes first. */
static void
keypad_insert (WardKeypad *self,
               const char *digit)
{
  int position;

  if (self->entry == NULL || !gtk_editable_get_editable (self->entry))
    return;
  gtk_editable_delete_selection (self->entry);
  position = gtk_editable_get_position (self->entry);
  gtk_editable_insert_text (self->entry, digit, -1, &position);
  gtk_editable_set_position (self->entry, position);
}

static void
keypad_backspace (WardKeypad *self)
{
  int position;
  int start, end;

  if (self->entry == NULL || !gtk_editable_get_editable (self->entry))
    return;
  if (gtk_editable_get_selection_bounds (self->entry, &start, &end))
    {
      gtk_editable_delete_selection (self->entry);
      return;
    }
  position = gtk_editable_get_position (self->entry);
  if (position > 0)
    gtk_editable_delete_text (self->entry, position - 1, position);
}

static void
on_digit_clicked (GtkButton  *button,
                  WardKeypad *self)
{
  const char *digit = g_object_get_data (G_OBJECT (button), "digit");

  keypad_insert (self, digit);
  g_signal_emit (self, signals[SIGNAL_DIGIT], 0, digit);
}

static void
on_backspace_clicked (GtkButton  *button,
                      WardKeypad *self)
{
  keypad_backspace (self);
}

static void
on_ok_clicked (GtkButton  *button,
               WardKeypad *self)
{
  keypad_submit (self);
}

/* Phone layout (1 2 3 at the top), as on every keypad staff meet. */
static void
keypad_add_digits (WardKeypad *self)
{
  static const char *const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

  for (guint i = 0; i <= G_N_ELEMENTS (digits); i++)
    {
      const char *digit = i < G_N_ELEMENTS (digits) ? digits[i] : "0";
      GtkWidget *button = gtk_button_new_with_label (digit);

      g_object_set_data (G_OBJECT (button), "digit", (gpointer) digit);
      /* Focus stays in the entry, so a keyboard still types there. */
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "keypad-key");
      gtk_widget_add_css_class (button, "keypad-digit");
      g_signal_connect (button, "clicked", G_CALLBACK (on_digit_clicked), self);
      if (i < G_N_ELEMENTS (digits))
        gtk_grid_attach (self->grid, button, i % 3, i / 3, 1, 1);
      else
        gtk_grid_attach (self->grid, button, 1, 3, 1, 1);
    }
}

static void
ward_keypad_dispose (GObject *object)
{
  WardKeypad *self = WARD_KEYPAD (object);
  GtkWidget *child;

  g_clear_weak_pointer (&self->entry);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ward_keypad_parent_class)->dispose (object);
}

static void
ward_keypad_finalize (GObject *object)
{
  g_free (WARD_KEYPAD (object)->submit_action);

  G_OBJECT_CLASS (ward_keypad_parent_class)->finalize (object);
}

static void
ward_keypad_class_init (WardKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_keypad_dispose;
  object_class->finalize = ward_keypad_finalize;

  signals[SIGNAL_DIGIT] = g_signal_new ("digit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ward_widget_class_setup (widget_class, "/ward-keypad.ui", "keypad", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardKeypad, grid);
  gtk_widget_class_bind_template_child (widget_class, WardKeypad, backspace_button);
  gtk_widget_class_bind_template_child (widget_class, WardKeypad, ok_button);
  gtk_widget_class_bind_template_callback (widget_class, on_backspace_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked);
}

static void
ward_keypad_init (WardKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  keypad_add_digits (self);
}
