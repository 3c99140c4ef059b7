/* ward-ldap-settings.h: the hospital directory as configured: connection, sealed bind password, group → role maps, owned accounts */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  char     *uri;
  char     *base_dn;
  char     *bind_dn;
  char     *user_filter;
  char     *ca_file;             /* NULL: the system's trusted CAs */
  char     *disabled_attribute;  /* NULL: only the usual AD / OpenLDAP conventions */
  gboolean  starttls;
  gboolean  insecure;            /* plain ldap:// allowed, for tests only */
  gint64    updated_at;
  char     *updated_by;
} WardLdapSettings;

typedef struct
{
  char   *group_dn;   /* normalised by the caller */
  char   *role;
  gint64  mapped_at;
  char   *mapped_by;
} WardLdapRoleMap;

typedef struct
{
  gint64  user_id;
  char   *dn;
} WardLdapAccount;

void              ward_ldap_settings_free      (WardLdapSettings *settings);
void              ward_ldap_role_map_free      (WardLdapRoleMap  *map);
void              ward_ldap_account_free       (WardLdapAccount  *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLdapSettings, ward_ldap_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLdapRoleMap, ward_ldap_role_map_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLdapAccount, ward_ldap_account_free)

gboolean          ward_ldap_settings_save      (WardStore              *store,
                                                const WardLdapSettings *settings,
                                                GBytes                 *bind_password,
                                                GError                **error);
WardLdapSettings *ward_ldap_settings_load      (WardStore              *store,
                                                GError                **error);
GBytes           *ward_ldap_settings_unseal_password (WardStore        *store,
                                                GError                **error);

gboolean          ward_ldap_settings_map       (WardStore   *store,
                                                const char  *group_dn,
                                                const char  *role,
                                                const char  *mapped_by,
                                                GError     **error);
gboolean          ward_ldap_settings_unmap     (WardStore   *store,
                                                const char  *group_dn,
                                                const char  *role,
                                                GError     **error);
GPtrArray        *ward_ldap_settings_list_maps (WardStore   *store,
                                                GError     **error);
gboolean          ward_ldap_settings_is_mapped_role (WardStore  *store,
                                                const char  *role);

GHashTable       *ward_ldap_settings_list_accounts (WardStore  *store,
                                                GError     **error);
char             *ward_ldap_settings_account_dn (WardStore  *store,
                                                gint64      user_id);
gboolean          ward_ldap_settings_link_account (WardStore  *store,
                                                gint64      user_id,
                                                const char *dn,
                                                GError    **error);

G_END_DECLS
