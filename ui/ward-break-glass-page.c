/* ward-break-glass-page.c: emergency access: the badge, then a reason picked or typed */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-break-glass-page.h"
#include "ui/ward-step-header.h"
#include "ui/ward-widget-util.h"

/* There is no on-screen keyboard under the kiosk compositor: the usual
 * emergencies are one tap each, free text stays for the rest. */
static const char *const quick_reasons[] = {
  N_("Cardiac arrest"),
  N_("Respiratory arrest"),
  N_("Severe bleeding"),
  N_("Pump alarm, nurse unavailable"),
  N_("Patient deteriorating"),
};

struct _WardBreakGlassPage
{
  GtkWidget       parent_instance;

  GtkStack       *face_stack;
  WardStepHeader *badge_header;
  WardStepHeader *reason_header;
  GtkFlowBox     *reasons_box;
  GtkEntry       *reason_entry;
  GtkLabel       *message_label;
};

G_DEFINE_FINAL_TYPE (WardBreakGlassPage, ward_break_glass_page, GTK_TYPE_WIDGET)

void
ward_break_glass_page_update (WardBreakGlassPage *self,
                              WardAuthFlow       *flow)
{
  WardAuthState state;
  const char *message;
  const char *name;
  g_autofree char *who = NULL;

  g_return_if_fail (WARD_IS_BREAK_GLASS_PAGE (self));
  g_return_if_fail (WARD_IS_AUTH_FLOW (flow));

  state = ward_auth_flow_get_state (flow);
  message = ward_auth_flow_get_message (flow);
  name = ward_auth_flow_get_pending_name (flow);
  /* Translators: the person asking for emergency access, e.g. "Emergency access for Nadia Okafor". */
  who = g_strdup_printf (_("Emergency access for %s"), name != NULL ? name : "");

  ward_step_header_show (self->badge_header, _("Emergency access"), ward_auth_flow_get_seconds_left (flow));
  ward_step_header_show (self->reason_header, who, ward_auth_flow_get_seconds_left (flow));
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);

  gtk_stack_set_visible_child_name (self->face_stack,
                                    state == WARD_AUTH_STATE_BREAK_GLASS_REASON ? "reason" : "badge");
}

void
ward_break_glass_page_reset (WardBreakGlassPage *self)
{
  g_return_if_fail (WARD_IS_BREAK_GLASS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  gtk_label_set_label (self->message_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_stack_set_visible_child_name (self->face_stack, "badge");
}

static void
break_glass_page_submit (WardBreakGlassPage *self,
                         const char         *reason)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.submit-reason", "s", reason);
}

static void
on_quick_reason_clicked (GtkButton          *button,
                         WardBreakGlassPage *self)
{
  /* The reason as the person read it, in their language: the audit keeps
   * their words. */
  break_glass_page_submit (self, gtk_button_get_label (button));
}

static void
on_start_clicked (GtkButton          *button,
                  WardBreakGlassPage *self)
{
  break_glass_page_submit (self, gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)));
}

static void
on_reason_activate (GtkEntry           *entry,
                    WardBreakGlassPage *self)
{
  break_glass_page_submit (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
break_glass_page_add_reasons (WardBreakGlassPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (quick_reasons); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(quick_reasons[i]));
      GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)));

      /* Three reasons a row at every screen size: a long reason (German)
       * wraps between its words instead of widening the page. */
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
      gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (button, "reason-button");
      g_signal_connect (button, "clicked", G_CALLBACK (on_quick_reason_clicked), self);
      gtk_flow_box_append (self->reasons_box, button);
    }
}

static void
ward_break_glass_page_class_init (WardBreakGlassPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;

  g_type_ensure (WARD_TYPE_STEP_HEADER);
  ward_widget_class_setup (widget_class, "/ward-break-glass-page.ui", "breakglasspage", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, face_stack);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, badge_header);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, reason_header);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, reasons_box);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, WardBreakGlassPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_activate);
}

static void
ward_break_glass_page_init (WardBreakGlassPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_step_header_set_emergency (self->badge_header);
  ward_step_header_set_emergency (self->reason_header);
  break_glass_page_add_reasons (self);
}
