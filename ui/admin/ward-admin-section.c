/* ward-admin-section.c: the parent of every administration section: its kiosk, its permission, its message line, refresh and reset */
#include "config.h"

#include "ui/admin/ward-admin-section.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/ward-widget-util.h"

/* Each section is a template widget that acts on the kiosk for whoever is
 * signed in: the kiosk and the template's children are let go here, once
 * for all sections. */
typedef struct
{
  WardKiosk *kiosk;
  GtkLabel  *message_label;  /* the template's: lives as long as the section */
} WardAdminSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WardAdminSection, ward_admin_section, GTK_TYPE_WIDGET)

static void
ward_admin_section_real_set_kiosk (WardAdminSection *self,
                                   WardKiosk        *kiosk)
{
  WardAdminSectionPrivate *priv = ward_admin_section_get_instance_private (self);

  g_set_object (&priv->kiosk, kiosk);
}

static void
ward_admin_section_dispose (GObject *object)
{
  WardAdminSectionPrivate *priv = ward_admin_section_get_instance_private (WARD_ADMIN_SECTION (object));

  priv->message_label = NULL;
  ward_widget_unparent_children (GTK_WIDGET (object));
  g_clear_object (&priv->kiosk);
  G_OBJECT_CLASS (ward_admin_section_parent_class)->dispose (object);
}

static void
ward_admin_section_class_init (WardAdminSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ward_admin_section_dispose;
  klass->set_kiosk = ward_admin_section_real_set_kiosk;
}

static void
ward_admin_section_init (WardAdminSection *self)
{
}

const char *
ward_admin_section_get_permission (WardAdminSection *self)
{
  g_return_val_if_fail (WARD_IS_ADMIN_SECTION (self), NULL);
  return WARD_ADMIN_SECTION_GET_CLASS (self)->permission;
}

WardKiosk *
ward_admin_section_get_kiosk (WardAdminSection *self)
{
  WardAdminSectionPrivate *priv;

  g_return_val_if_fail (WARD_IS_ADMIN_SECTION (self), NULL);
  priv = ward_admin_section_get_instance_private (self);
  return priv->kiosk;
}

void
ward_admin_section_set_kiosk (WardAdminSection *self,
                              WardKiosk        *kiosk)
{
  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  WARD_ADMIN_SECTION_GET_CLASS (self)->set_kiosk (self, kiosk);
}

void
ward_admin_section_set_message_label (WardAdminSection *self,
                                      GtkLabel         *label)
{
  WardAdminSectionPrivate *priv;

  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  g_return_if_fail (label == NULL || gtk_widget_is_ancestor (GTK_WIDGET (label), GTK_WIDGET (self)));
  priv = ward_admin_section_get_instance_private (self);
  priv->message_label = label;
}

static void
hide_message (WardAdminSection *self)
{
  WardAdminSectionPrivate *priv = ward_admin_section_get_instance_private (self);

  if (priv->message_label != NULL)
    ward_admin_hide_message (priv->message_label);
}

void
ward_admin_section_refresh (WardAdminSection *self)
{
  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  hide_message (self);
  WARD_ADMIN_SECTION_GET_CLASS (self)->refresh (self);
}

void
ward_admin_section_reset (WardAdminSection *self)
{
  WardAdminSectionClass *klass;

  g_return_if_fail (WARD_IS_ADMIN_SECTION (self));
  hide_message (self);
  klass = WARD_ADMIN_SECTION_GET_CLASS (self);
  if (klass->reset != NULL)
    klass->reset (self);
}
