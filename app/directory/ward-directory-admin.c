/* ward-directory-admin.c: setting up the hospital directory and its group → role maps, each step checked and audited */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/directory/ward-directory-admin.h"
#include "app/directory/ward-ldap-client.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"

struct _WardDirectoryAdmin
{
  WardStoreService parent_instance;
};

G_DEFINE_FINAL_TYPE (WardDirectoryAdmin, ward_directory_admin, WARD_TYPE_STORE_SERVICE)

/* The default finds people in both Active Directory and OpenLDAP. */
#define DEFAULT_USER_FILTER "(|(objectClass=inetOrgPerson)(&(objectCategory=person)(objectClass=user)))"

static void
ward_directory_admin_class_init (WardDirectoryAdminClass *klass)
{
}

static void
ward_directory_admin_init (WardDirectoryAdmin *self)
{
}

WardDirectoryAdmin *
ward_directory_admin_new (WardStore *store)
{
  return g_object_new (WARD_TYPE_DIRECTORY_ADMIN, "store", store, NULL);
}

/* Whoever points the kiosk at a directory decides who has accounts and
 * roles: both permissions. */
static gboolean
require_manager (WardDirectoryAdmin  *self,
                 WardActor           *actor,
                 const char          *operation,
                 GError             **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));

  return ward_actor_require (actor, store, "users.manage", operation, error)
      && ward_actor_require (actor, store, "roles.manage", operation, error);
}

gboolean
ward_directory_admin_configure (WardDirectoryAdmin      *self,
                                WardActor               *actor,
                                const WardLdapSettings  *settings,
                                GBytes                  *bind_password,
                                GError                 **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  WardLdapSettings stored = *settings;
  g_autofree char *details = NULL;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_DIRECTORY_ADMIN (self), FALSE);

  if (!require_manager (self, actor, "directory set", error))
    return FALSE;
  if (stored.user_filter == NULL || *stored.user_filter == '\0')
    stored.user_filter = (char *) DEFAULT_USER_FILTER;
  stored.updated_by = (char *) ward_actor_get_name (actor);
  if (!ward_ldap_check_settings (&stored, error))
    return FALSE;
  if (bind_password == NULL || g_bytes_get_size (bind_password) == 0)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS,
                   _("The password file is empty. An empty password would bind to the directory "
                     "anonymously."));
      return FALSE;
    }
  if (stored.ca_file != NULL && !g_path_is_absolute (stored.ca_file))
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("Give the CA file as an absolute path: the sync runs from another folder."));
      return FALSE;
    }
  if (!ward_store_begin (store, error))
    return FALSE;
  /* What is connected to, never the password. */
  details = ward_audit_details ("uri", stored.uri, "base", stored.base_dn, "bind_dn", stored.bind_dn,
                                "filter", stored.user_filter, "ca_file", stored.ca_file,
                                "starttls", stored.starttls ? "yes" : "no",
                                "insecure", stored.insecure ? "yes" : "no", NULL);
  ok = ward_ldap_settings_save (store, &stored, bind_password, error)
    && ward_audit_append (store, WARD_AUDIT_DIRECTORY_CONFIGURED, ward_actor_get_name (actor), NULL,
                          details, stored.insecure || ward_actor_is_flagged (actor), error);
  return ward_store_finish (store, ok, error);
}

static char *
checked_group (const char  *group_dn,
               GError     **error)
{
  g_autofree char *normalised = NULL;

  if (group_dn == NULL || strchr (group_dn, '=') == NULL)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("A group is named by its distinguished name, such as "
                     "“cn=icu-nurses,ou=groups,dc=hospital,dc=org”."));
      return NULL;
    }
  normalised = ward_ldap_normalize_dn (group_dn);
  return g_steal_pointer (&normalised);
}

/* Both directions are audited in the transaction that makes them. */
static gboolean
change_map (WardDirectoryAdmin  *self,
            WardActor           *actor,
            const char          *group_dn,
            const char          *role,
            gboolean             map,
            GError             **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *group = NULL;
  g_autofree char *details = NULL;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_DIRECTORY_ADMIN (self), FALSE);

  if (!require_manager (self, actor, map ? "directory map" : "directory unmap", error)
      || (group = checked_group (group_dn, error)) == NULL)
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;
  details = ward_audit_details ("group", group, "role", role, NULL);
  ok = (map ? ward_ldap_settings_map (store, group, role, ward_actor_get_name (actor), error)
            : ward_ldap_settings_unmap (store, group, role, error))
    && ward_audit_append (store, map ? WARD_AUDIT_DIRECTORY_GROUP_MAPPED : WARD_AUDIT_DIRECTORY_GROUP_UNMAPPED,
                          ward_actor_get_name (actor), role, details, ward_actor_is_flagged (actor), error);
  return ward_store_finish (store, ok, error);
}

/* A group gives a role only because an administrator said so here: no
 * group, whatever its name, gives "admin" by itself. */
gboolean
ward_directory_admin_map (WardDirectoryAdmin  *self,
                          WardActor           *actor,
                          const char          *group_dn,
                          const char          *role,
                          GError             **error)
{
  return change_map (self, actor, group_dn, role, TRUE, error);
}

/* The people who hold the role keep it, now as a role given by hand:
 * unmapping must not strip a ward of its nurses by surprise. */
gboolean
ward_directory_admin_unmap (WardDirectoryAdmin  *self,
                            WardActor           *actor,
                            const char          *group_dn,
                            const char          *role,
                            GError             **error)
{
  return change_map (self, actor, group_dn, role, FALSE, error);
}

WardLdapSettings *
ward_directory_admin_show (WardDirectoryAdmin  *self,
                           WardActor           *actor,
                           GPtrArray          **maps,
                           GError             **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardLdapSettings) settings = NULL;

  g_return_val_if_fail (WARD_IS_DIRECTORY_ADMIN (self), NULL);

  if (!ward_actor_require (actor, store, "users.manage", "directory show", error))
    return NULL;
  settings = ward_ldap_settings_load (store, error);
  if (settings == NULL)
    return NULL;
  if (maps != NULL && (*maps = ward_ldap_settings_list_maps (store, error)) == NULL)
    return NULL;
  return g_steal_pointer (&settings);
}
