/* ward-admin-section.h: the parent of every administration section: its kiosk, its permission, its message line, refresh and reset */
#pragma once

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"

G_BEGIN_DECLS

#define WARD_TYPE_ADMIN_SECTION (ward_admin_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (WardAdminSection, ward_admin_section, WARD, ADMIN_SECTION, GtkWidget)

struct _WardAdminSectionClass
{
  GtkWidgetClass parent_class;

  /* The permission without which the section is not shown at all. */
  const char *permission;

  /* Keeps the kiosk the section acts on; a section that hands it on to
   * widgets of its own chains up first. */
  void (*set_kiosk) (WardAdminSection *self,
                     WardKiosk        *kiosk);
  /* Reloads what the section shows, for the person signed in now. */
  void (*refresh)   (WardAdminSection *self);
  /* Forgets any work in progress: another person is at the kiosk. */
  void (*reset)     (WardAdminSection *self);
};

const char *ward_admin_section_get_permission (WardAdminSection *self);
WardKiosk  *ward_admin_section_get_kiosk      (WardAdminSection *self);
void        ward_admin_section_set_kiosk      (WardAdminSection *self,
                                               WardKiosk        *kiosk);
/* The section's message line (a child of its template): hidden before
 * every refresh and reset, so no outcome outlives the view it was about. */
void        ward_admin_section_set_message_label (WardAdminSection *self,
                                                  GtkLabel         *label);
void        ward_admin_section_refresh        (WardAdminSection *self);
void        ward_admin_section_reset          (WardAdminSection *self);

G_END_DECLS
