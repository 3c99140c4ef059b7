/* ward-home-page.c: what the signed-in person may do at this bed: devices, and administration for those allowed */
#include "config.h"

#include "ui/ward-home-page.h"

/* Any one of these opens the administration screens; each screen still
 * checks its own permission when it acts. */
static const char *const admin_permissions[] = {
  "users.manage",
  "roles.manage",
  "credentials.enroll",
  "accounts.unlock",
  "audit.view",
};

struct _WardHomePage
{
  GtkBox     parent_instance;

  GtkWidget *admin_button;
  GtkWidget *sections;
};

G_DEFINE_FINAL_TYPE (WardHomePage, ward_home_page, GTK_TYPE_BOX)

/* For the device screens and others: each adds its area below the last. */
void
ward_home_page_add_section (WardHomePage *self,
                            GtkWidget    *section)
{
  g_return_if_fail (WARD_IS_HOME_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (section));

  gtk_box_append (GTK_BOX (self->sections), section);
}

gboolean
ward_home_page_session_may_administer (WardSession *session)
{
  if (session == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (admin_permissions); i++)
    if (ward_session_can (session, admin_permissions[i]))
      return TRUE;
  return FALSE;
}

void
ward_home_page_set_session (WardHomePage *self,
                            WardSession  *session)
{
  g_return_if_fail (WARD_IS_HOME_PAGE (self));

  /* The name is in the header already; the page says what it is for. */
  gtk_widget_set_visible (self->admin_button, ward_home_page_session_may_administer (session));
}

static void
ward_home_page_class_init (WardHomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ward-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WardHomePage, admin_button);
  gtk_widget_class_bind_template_child (widget_class, WardHomePage, sections);

  gtk_widget_class_set_css_name (widget_class, "homepage");
}

static void
ward_home_page_init (WardHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
