/* ward-disable-confirm.c: "Disable the account of …?" over the whole staff accounts section */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-disable-confirm.h"
#include "ui/ward-widget-util.h"

struct _WardDisableConfirm
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkWidget *keep_button;
};

G_DEFINE_FINAL_TYPE (WardDisableConfirm, ward_disable_confirm, GTK_TYPE_WIDGET)

/* Shown, asking about @full_name's account. */
void
ward_disable_confirm_ask (WardDisableConfirm *self,
                          const char         *full_name)
{
  /* Translators: %s is a person's full name. */
  g_autofree char *title = g_strdup_printf (_("Disable the account of %s?"), full_name);

  g_return_if_fail (WARD_IS_DISABLE_CONFIRM (self));

  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  /* The safe answer has the focus: Return alone never disables anyone. */
  gtk_widget_grab_focus (self->keep_button);
}

static void
ward_disable_confirm_class_init (WardDisableConfirmClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/admin/ward-disable-confirm.ui", "disableconfirm",
                           GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardDisableConfirm, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardDisableConfirm, keep_button);
}

static void
ward_disable_confirm_init (WardDisableConfirm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
