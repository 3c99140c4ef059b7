/* ward-install-key.h: the install's secret key: sealing, badge hashing, audit MACs */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARD_INSTALL_KEY_ERROR (ward_install_key_error_quark ())

typedef enum
{
  WARD_INSTALL_KEY_ERROR_MISSING,
  WARD_INSTALL_KEY_ERROR_EXISTS,
  WARD_INSTALL_KEY_ERROR_INVALID,
  WARD_INSTALL_KEY_ERROR_PERMISSIONS,
  WARD_INSTALL_KEY_ERROR_IO,
  WARD_INSTALL_KEY_ERROR_SEAL,
  WARD_INSTALL_KEY_ERROR_UNSEAL,
} WardInstallKeyError;

#define WARD_INSTALL_KEY_MAC_LEN 32

/* Where the site key of a hospital (a shared server) is looked for when
 * neither --key-file, WARDGATE_KEY_FILE nor a systemd credential names it. */
#define WARD_SITE_KEY_DEFAULT_PATH "/etc/wardgate/site.key"

#define WARD_TYPE_INSTALL_KEY (ward_install_key_get_type ())
G_DECLARE_FINAL_TYPE (WardInstallKey, ward_install_key, WARD, INSTALL_KEY, GObject)

GQuark          ward_install_key_error_quark   (void);

char           *ward_install_key_path_for_database (const char *db_path);
WardInstallKey *ward_install_key_load          (const char     *path,
                                                GError        **error);
WardInstallKey *ward_install_key_create        (const char     *path,
                                                GError        **error);
const char     *ward_install_key_get_path      (WardInstallKey *self);

GBytes         *ward_install_key_seal          (WardInstallKey *self,
                                                const guint8   *plaintext,
                                                gsize           length,
                                                const char     *context,
                                                GError        **error);
GBytes         *ward_install_key_unseal        (WardInstallKey *self,
                                                GBytes         *sealed,
                                                const char     *context,
                                                GError        **error);
void            ward_install_key_badge_hash    (WardInstallKey *self,
                                                const char     *badge_uid,
                                                guint8          out[WARD_INSTALL_KEY_MAC_LEN]);
void            ward_install_key_check_value   (WardInstallKey *self,
                                                guint8          out[WARD_INSTALL_KEY_MAC_LEN]);
void            ward_install_key_audit_mac     (WardInstallKey *self,
                                                const guint8   *prev_hash,
                                                gsize           prev_length,
                                                const char     *canonical_row,
                                                gsize           row_length,
                                                guint8          out[WARD_INSTALL_KEY_MAC_LEN]);

void            ward_install_key_check_value   (WardInstallKey *self,
                                                guint8          out[WARD_INSTALL_KEY_MAC_LEN]);
void            ward_install_key_row_mac       (WardInstallKey *self,
                                                const char     *table,
                                                const char     *canonical_row,
                                                gsize           row_length,
                                                guint8          out[WARD_INSTALL_KEY_MAC_LEN]);
void            ward_install_key_protect_process (void);

G_END_DECLS
