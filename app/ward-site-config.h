/* ward-site-config.h: the site's policy for this kiosk, read from a root-owned key file */
#pragma once

#include <sys/types.h>

#include <gio/gio.h>

#include "app/ward-kiosk.h"

G_BEGIN_DECLS

#define WARD_SITE_CONFIG_ERROR (ward_site_config_error_quark ())

typedef enum
{
  WARD_SITE_CONFIG_ERROR_NOT_FOUND,   /* a file named by WARDGATE_CONFIG is not there */
  WARD_SITE_CONFIG_ERROR_UNREADABLE,  /* it exists but cannot be read */
  WARD_SITE_CONFIG_ERROR_UNSAFE,      /* someone other than root could change it */
  WARD_SITE_CONFIG_ERROR_INVALID,     /* a line, group, key or value is wrong */
} WardSiteConfigError;

GQuark ward_site_config_error_quark (void);

#define WARD_TYPE_SITE_CONFIG (ward_site_config_get_type ())
G_DECLARE_FINAL_TYPE (WardSiteConfig, ward_site_config, WARD, SITE_CONFIG, GObject)

WardSiteConfig *ward_site_config_new_default      (void);
WardSiteConfig *ward_site_config_new_from_data    (const char  *data,
                                                   const char  *origin,
                                                   GError     **error);
WardSiteConfig *ward_site_config_load_file        (const char  *path,
                                                   uid_t        runner,
                                                   gboolean     required,
                                                   GError     **error);
WardSiteConfig *ward_site_config_load             (GError     **error);
char           *ward_site_config_default_path     (gboolean   *from_environment);

char           *ward_site_config_to_data          (WardSiteConfig *self);
const char     *ward_site_config_get_path         (WardSiteConfig *self);
const char     *ward_site_config_get_site_name    (WardSiteConfig *self);
const char     *ward_site_config_get_ward_name    (WardSiteConfig *self);
const char     *ward_site_config_get_bed_name     (WardSiteConfig *self);
char           *ward_site_config_dup_kiosk_id     (WardSiteConfig *self);
const char     *ward_site_config_get_it_extension (WardSiteConfig *self);
const char     *ward_site_config_get_relying_party_id (WardSiteConfig *self);
const char     *ward_site_config_get_totp_issuer  (WardSiteConfig *self);
guint           ward_site_config_get_badge_max_gap_ms (WardSiteConfig *self);
guint           ward_site_config_get_awareness_interval_hours (WardSiteConfig *self);
guint           ward_site_config_get_awareness_max_skips (WardSiteConfig *self);
GBusType        ward_site_config_get_device_bus   (WardSiteConfig *self);
void            ward_site_config_get_kiosk_settings (WardSiteConfig    *self,
                                                     WardKioskSettings *settings);

G_END_DECLS
