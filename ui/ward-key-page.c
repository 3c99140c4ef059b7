/* ward-key-page.c: the sign-in step "Touch your security key", with its PIN and its problems */
#include "config.h"

#include "ui/ward-format.h"
#include "ui/ward-key-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-step-header.h"
#include "ui/ward-widget-util.h"

struct _WardKeyPage
{
  GtkWidget       parent_instance;

  WardStepHeader *header;
  GtkStack       *state_stack;
  GtkLabel       *problem_label;
  GtkWidget      *retry_button;
  GtkLabel       *pin_message_label;
  GtkEntry       *pin_entry;
  WardKeypad     *keypad;
};

G_DEFINE_FINAL_TYPE (WardKeyPage, ward_key_page, GTK_TYPE_WIDGET)

/* Which of the three faces the step shows: waiting for a touch, a problem
 * to try again after, or the key's PIN. The flow keeps the words. */
static const char *
key_page_face (WardAuthFlow *flow)
{
  if (ward_auth_flow_get_pin_required (flow) && !ward_auth_flow_get_key_busy (flow))
    return "pin";
  if (ward_auth_flow_get_message (flow) != NULL && !ward_auth_flow_get_key_busy (flow))
    return "problem";
  return "touch";
}

static void
key_page_update_header (WardKeyPage  *self,
                        WardAuthFlow *flow)
{
  g_autofree char *who = ward_format_signing_in (ward_auth_flow_get_pending_name (flow),
                                                 ward_auth_flow_get_returning (flow));

  ward_step_header_show (self->header, who, ward_auth_flow_get_seconds_left (flow));
}

void
ward_key_page_update (WardKeyPage  *self,
                      WardAuthFlow *flow)
{
  const char *face;
  const char *message;

  g_return_if_fail (WARD_IS_KEY_PAGE (self));
  g_return_if_fail (WARD_IS_AUTH_FLOW (flow));

  face = key_page_face (flow);
  message = ward_auth_flow_get_message (flow);
  key_page_update_header (self, flow);

  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_label_set_label (self->pin_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pin_message_label), message != NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), face) == 0)
    return;
  gtk_stack_set_visible_child_name (self->state_stack, face);
  /* The control that matters next gets the focus, for keyboard users. */
  if (g_str_equal (face, "pin"))
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
  else if (g_str_equal (face, "problem"))
    gtk_widget_grab_focus (self->retry_button);
}

/* Nothing typed survives the step: a PIN is never left on screen. */
void
ward_key_page_reset (WardKeyPage *self)
{
  g_return_if_fail (WARD_IS_KEY_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pin_entry), "");
  gtk_label_set_label (self->problem_label, "");
  gtk_label_set_label (self->pin_message_label, "");
  gtk_stack_set_visible_child_name (self->state_stack, "touch");
}

static void
ward_key_page_class_init (WardKeyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  g_type_ensure (WARD_TYPE_KEYPAD);
  g_type_ensure (WARD_TYPE_STEP_HEADER);
  ward_widget_class_setup (widget_class, "/ward-key-page.ui", "keypage", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, header);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, pin_message_label);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, WardKeyPage, keypad);
}

static void
ward_key_page_init (WardKeyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_keypad_attach (self->keypad, GTK_EDITABLE (self->pin_entry), "win.submit-pin");
}
