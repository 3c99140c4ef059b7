/* ward-code-page.c: the sign-in step "Enter the code from your authenticator app", with a keypad */
#include "config.h"

#include "ui/ward-code-page.h"
#include "ui/ward-format.h"
#include "ui/ward-step-header.h"
#include "ui/ward-widget-util.h"

struct _WardCodePage
{
  GtkWidget       parent_instance;

  WardStepHeader *header;
  GtkEntry       *code_entry;
  GtkLabel       *message_label;
  GtkLabel       *attempts_label;
  WardKeypad     *keypad;
};

G_DEFINE_FINAL_TYPE (WardCodePage, ward_code_page, GTK_TYPE_WIDGET)

WardKeypad *
ward_code_page_get_keypad (WardCodePage *self)
{
  g_return_val_if_fail (WARD_IS_CODE_PAGE (self), NULL);
  return self->keypad;
}

GtkEntry *
ward_code_page_get_entry (WardCodePage *self)
{
  g_return_val_if_fail (WARD_IS_CODE_PAGE (self), NULL);
  return self->code_entry;
}

static void
code_page_update_header (WardCodePage *self,
                         WardAuthFlow *flow)
{
  g_autofree char *who = ward_format_signing_in (ward_auth_flow_get_pending_name (flow), FALSE);

  ward_step_header_show (self->header, who, ward_auth_flow_get_seconds_left (flow));
}

static void
code_page_update_attempts (WardCodePage *self,
                           WardAuthFlow *flow)
{
  guint left = ward_auth_flow_get_attempts_left (flow);
  g_autofree char *text = NULL;

  /* Shown only after a wrong code: before that the count only worries. */
  if (ward_auth_flow_get_refusal (flow) != WARD_AUTH_REFUSAL_WRONG_CODE || left == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->attempts_label), FALSE);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u try left before your account is locked",
                                       "%u tries left before your account is locked", left),
                          left);
  gtk_label_set_label (self->attempts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->attempts_label), TRUE);
}

void
ward_code_page_update (WardCodePage *self,
                       WardAuthFlow *flow)
{
  const char *message;

  g_return_if_fail (WARD_IS_CODE_PAGE (self));
  g_return_if_fail (WARD_IS_AUTH_FLOW (flow));

  message = ward_auth_flow_get_message (flow);
  code_page_update_header (self, flow);
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  code_page_update_attempts (self, flow);
}

/* The entry has the focus whenever the page shows, so a keyboard (or a
 * person's slow keys let through by the badge capture) types the code
 * straight away. */
void
ward_code_page_focus_entry (WardCodePage *self)
{
  g_return_if_fail (WARD_IS_CODE_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

void
ward_code_page_reset (WardCodePage *self)
{
  g_return_if_fail (WARD_IS_CODE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_label_set_label (self->message_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->attempts_label), FALSE);
}

static void
ward_code_page_class_init (WardCodePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  g_type_ensure (WARD_TYPE_KEYPAD);
  g_type_ensure (WARD_TYPE_STEP_HEADER);
  ward_widget_class_setup (widget_class, "/ward-code-page.ui", "codepage", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardCodePage, header);
  gtk_widget_class_bind_template_child (widget_class, WardCodePage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, WardCodePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardCodePage, attempts_label);
  gtk_widget_class_bind_template_child (widget_class, WardCodePage, keypad);
}

static void
ward_code_page_init (WardCodePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_keypad_attach (self->keypad, GTK_EDITABLE (self->code_entry), "win.submit-code");
}
