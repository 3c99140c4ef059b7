/* ward-ldap-client.h: reading staff and groups from the hospital directory (libldap: TLS, simple bind, paged search) */
#pragma once

#include <glib-object.h>

#include "data/ward-ldap-settings.h"

G_BEGIN_DECLS

#define WARD_DIRECTORY_ERROR (ward_directory_error_quark ())

typedef enum
{
  WARD_DIRECTORY_ERROR_NOT_CONFIGURED,
  WARD_DIRECTORY_ERROR_INSECURE,
  WARD_DIRECTORY_ERROR_INVALID,
  WARD_DIRECTORY_ERROR_UNREACHABLE,
  WARD_DIRECTORY_ERROR_BAD_CERTIFICATE,
  WARD_DIRECTORY_ERROR_BAD_CREDENTIALS,
  WARD_DIRECTORY_ERROR_FILTER,
  WARD_DIRECTORY_ERROR_TIMEOUT,
  WARD_DIRECTORY_ERROR_FAILED,
  WARD_DIRECTORY_ERROR_LAST_ADMIN,
  WARD_DIRECTORY_ERROR_MANAGED,
} WardDirectoryError;

/* One person as the directory describes them. */
typedef struct
{
  char      *dn;          /* normalised */
  char      *login;       /* sAMAccountName or uid, lower-case */
  char      *full_name;   /* displayName, else cn */
  gboolean   disabled;
  GPtrArray *member_of;   /* normalised group DNs from memberOf */
} WardLdapPerson;

void            ward_ldap_person_free        (WardLdapPerson *person);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLdapPerson, ward_ldap_person_free)

#define WARD_TYPE_LDAP_CLIENT (ward_ldap_client_get_type ())
G_DECLARE_FINAL_TYPE (WardLdapClient, ward_ldap_client, WARD, LDAP_CLIENT, GObject)

GQuark          ward_directory_error_quark   (void);

char           *ward_ldap_normalize_dn       (const char              *dn);
gboolean        ward_ldap_check_settings     (const WardLdapSettings  *settings,
                                              GError                 **error);

WardLdapClient *ward_ldap_client_connect     (const WardLdapSettings  *settings,
                                              GBytes                  *bind_password,
                                              guint                    timeout_seconds,
                                              GError                 **error);
GPtrArray      *ward_ldap_client_read_people (WardLdapClient          *self,
                                              GError                 **error);
GPtrArray      *ward_ldap_client_read_group_members (WardLdapClient   *self,
                                              const char              *group_dn,
                                              GError                 **error);
guint           ward_ldap_client_get_pages   (WardLdapClient          *self);

G_END_DECLS
