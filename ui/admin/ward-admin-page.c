/* ward-admin-page.c: the administration page: the sections the signed-in person may use, side by side with a list */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-admin-section.h"
#include "ui/admin/ward-audit-section.h"
#include "ui/admin/ward-awareness-section.h"
#include "ui/admin/ward-enrolment-section.h"
#include "ui/admin/ward-locked-section.h"
#include "ui/admin/ward-roles-section.h"
#include "ui/admin/ward-users-section.h"
#include "ui/ward-natural-bin.h"
#include "ui/ward-widget-util.h"

struct _WardAdminPage
{
  GtkWidget             parent_instance;

  WardKiosk            *kiosk;
  gint64                shown_for;   /* the user id the sections last showed data for */

  GtkLabel             *actor_label;
  GtkStack             *content;
  GtkStack             *sections;
  GtkWidget            *sidebar;
  WardEnrolmentSection *enrolment_section;
};

G_DEFINE_FINAL_TYPE (WardAdminPage, ward_admin_page, GTK_TYPE_WIDGET)

static GtkStackPage *
find_page (WardAdminPage *self,
           const char    *name)
{
  GtkWidget *child = name != NULL ? gtk_stack_get_child_by_name (self->sections, name) : NULL;

  return child != NULL ? gtk_stack_get_page (self->sections, child) : NULL;
}

static void
on_enrol_requested (WardUsersSection *users,
                    const char       *username,
                    const char       *news,
                    WardAdminPage    *self)
{
  if (!ward_admin_page_show_section (self, "enrolment"))
    return;
  ward_enrolment_section_start (self->enrolment_section, username, news);
}

WardAdminPage *
ward_admin_page_new (WardKiosk *kiosk)
{
  WardAdminPage *self;

  g_return_val_if_fail (WARD_IS_KIOSK (kiosk), NULL);

  self = g_object_new (WARD_TYPE_ADMIN_PAGE, NULL);
  self->kiosk = g_object_ref (kiosk);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ward_admin_section_set_kiosk (WARD_ADMIN_SECTION (child), kiosk);
  return self;
}

static void
show_actor (WardAdminPage *self,
            WardActor     *actor)
{
  WardSession *session = ward_auth_flow_get_session (ward_kiosk_get_flow (self->kiosk));
  g_autofree char *text = NULL;

  if (actor != NULL && session != NULL)
    /* Translators: who the administration screens act for. */
    text = g_strdup_printf (_("Signed in: %s"), ward_session_get_full_name (session));
  gtk_label_set_label (self->actor_label, text != NULL ? text : _("Nobody is signed in"));
  /* A long name is shortened on screen; the whole of it stays a touch (or
   * a screen reader) away. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->actor_label), gtk_label_get_label (self->actor_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->actor_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->actor_label), -1);
}

/* Another person at the kiosk must not find the previous one's half-done
 * work (an enrolment QR code, a filled-in form). */
static void
reset_if_new_person (WardAdminPage *self,
                     WardActor     *actor)
{
  gint64 user_id = actor != NULL ? ward_actor_get_user_id (actor) : 0;

  if (user_id == self->shown_for)
    return;
  self->shown_for = user_id;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ward_admin_section_reset (WARD_ADMIN_SECTION (child));
}

/* Hiding is for clarity only: each operation is checked again where it
 * runs, and a refusal is shown in words. */
void
ward_admin_page_refresh (WardAdminPage *self)
{
  WardActor *actor;
  GtkWidget *first_allowed = NULL;

  g_return_if_fail (WARD_IS_ADMIN_PAGE (self));

  actor = ward_kiosk_get_actor (self->kiosk);
  reset_if_new_person (self, actor);
  show_actor (self, actor);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *permission = ward_admin_section_get_permission (WARD_ADMIN_SECTION (child));
      gboolean allowed = actor != NULL && ward_actor_can (actor, permission);

      gtk_stack_page_set_visible (gtk_stack_get_page (self->sections, child), allowed);
      if (!allowed)
        continue;
      ward_admin_section_refresh (WARD_ADMIN_SECTION (child));
      if (first_allowed == NULL)
        first_allowed = child;
    }

  gtk_stack_set_visible_child_name (self->content, first_allowed != NULL ? "sections" : "none");
  if (first_allowed != NULL
      && !gtk_stack_page_get_visible (gtk_stack_get_page (self->sections,
                                                          gtk_stack_get_visible_child (self->sections))))
    gtk_stack_set_visible_child (self->sections, first_allowed);
}

gboolean
ward_admin_page_section_allowed (WardAdminPage *self,
                                 const char    *name)
{
  GtkStackPage *page;

  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), FALSE);

  page = find_page (self, name);
  return page != NULL && gtk_stack_page_get_visible (page);
}

/* FALSE, and nothing shown, for a section the person may not use. */
gboolean
ward_admin_page_show_section (WardAdminPage *self,
                              const char    *name)
{
  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), FALSE);

  if (!ward_admin_page_section_allowed (self, name))
    return FALSE;
  gtk_stack_set_visible_child_name (self->sections, name);
  return TRUE;
}

const char *
ward_admin_page_get_section (WardAdminPage *self)
{
  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content), "sections") != 0)
    return NULL;
  return gtk_stack_get_visible_child_name (self->sections);
}

GtkWidget *
ward_admin_page_get_section_widget (WardAdminPage *self,
                                    const char    *name)
{
  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), NULL);
  return gtk_stack_get_child_by_name (self->sections, name);
}

gboolean
ward_admin_page_wants_badge (WardAdminPage *self)
{
  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), FALSE);

  return gtk_widget_get_mapped (GTK_WIDGET (self))
      && g_strcmp0 (ward_admin_page_get_section (self), "enrolment") == 0
      && ward_enrolment_section_wants_badge (self->enrolment_section);
}

gboolean
ward_admin_page_badge_read (WardAdminPage *self,
                            const char    *uid)
{
  g_return_val_if_fail (WARD_IS_ADMIN_PAGE (self), FALSE);

  if (!ward_admin_page_wants_badge (self))
    return FALSE;
  return ward_enrolment_section_badge_read (self->enrolment_section, uid);
}

static void
ward_admin_page_dispose (GObject *object)
{
  WardAdminPage *self = WARD_ADMIN_PAGE (object);
  ward_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->kiosk);
  G_OBJECT_CLASS (ward_admin_page_parent_class)->dispose (object);
}

static void
ward_admin_page_class_init (WardAdminPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_admin_page_dispose;

  g_type_ensure (WARD_TYPE_NATURAL_BIN);
  g_type_ensure (WARD_TYPE_USERS_SECTION);
  g_type_ensure (WARD_TYPE_ENROLMENT_SECTION);
  g_type_ensure (WARD_TYPE_ROLES_SECTION);
  g_type_ensure (WARD_TYPE_LOCKED_SECTION);
  g_type_ensure (WARD_TYPE_AUDIT_SECTION);
  ward_widget_class_setup (widget_class, "/admin/ward-admin-page.ui", "adminpage", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardAdminPage, actor_label);
  gtk_widget_class_bind_template_child (widget_class, WardAdminPage, content);
  gtk_widget_class_bind_template_child (widget_class, WardAdminPage, sections);
  gtk_widget_class_bind_template_child (widget_class, WardAdminPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WardAdminPage, enrolment_section);
  gtk_widget_class_bind_template_callback (widget_class, on_enrol_requested);
}

/* GtkStackSidebar makes its rows' labels; a long section title (German)
 * takes two lines there instead of widening the list, and the page with it,
 * past a 1024-wide screen. The sections are fixed, so the rows exist now. */
static void
wrap_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (widget), 18);
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wrap_labels (child);
}

static void
ward_admin_page_init (WardAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Last in the list: results to read, not work to do. */
  gtk_stack_add_titled (self->sections, g_object_new (WARD_TYPE_AWARENESS_SECTION, NULL),
                        "awareness", _("Security awareness"));
  wrap_labels (self->sidebar);
}
