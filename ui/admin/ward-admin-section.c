/* ward-admin-section.c: what every administration section offers the page that holds it */
#include "config.h"

#include "ui/admin/ward-admin-section.h"

G_DEFINE_INTERFACE (WardAdminSection, ward_admin_section, GTK_TYPE_WIDGET)

static void
ward_admin_section_default_init (WardAdminSectionInterface *iface)
{
}

const char *
ward_admin_section_get_permission (WardAdminSection *self)
{
  g_return_val_if_fail (WARD_IS_ADMIN_SECTION (self), NULL);
  return WARD_ADMIN_SECTION_GET_IFACE (self)->permission;
}

void
ward_admin_section_set_kiosk (WardAdminSection *self,
                              WardKiosk        *kiosk)
{
  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  WARD_ADMIN_SECTION_GET_IFACE (self)->set_kiosk (self, kiosk);
}

void
ward_admin_section_refresh (WardAdminSection *self)
{
  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  WARD_ADMIN_SECTION_GET_IFACE (self)->refresh (self);
}

void
ward_admin_section_reset (WardAdminSection *self)
{
  WardAdminSectionInterface *iface;

  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  iface = WARD_ADMIN_SECTION_GET_IFACE (self);
  if (iface->reset != NULL)
    iface->reset (self);
}
