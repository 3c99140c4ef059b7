/* ward-account-admin.h: managing staff accounts and roles, each operation checked and audited */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "auth/ward-store-service.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_ACCOUNT_ADMIN_ERROR (ward_account_admin_error_quark ())

typedef enum
{
  WARD_ACCOUNT_ADMIN_ERROR_INVALID_NAME,
  WARD_ACCOUNT_ADMIN_ERROR_GENERIC_NAME,
  WARD_ACCOUNT_ADMIN_ERROR_INVALID_FULL_NAME,
  WARD_ACCOUNT_ADMIN_ERROR_ADMIN_EXISTS,
  WARD_ACCOUNT_ADMIN_ERROR_NOT_FOR_ROLE,
  WARD_ACCOUNT_ADMIN_ERROR_NO_USABLE_ADMIN,
  WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY,
  WARD_ACCOUNT_ADMIN_ERROR_UNTRUSTED_CREDENTIALS,
} WardAccountAdminError;

typedef enum
{
  /* The administrator has checked the credentials others enrolled. */
  WARD_ACCOUNT_ADMIN_KEEP_CREDENTIALS = 1 << 0,
} WardAccountAdminFlags;

typedef struct
{
  gboolean intact;
  gint64   first_bad_seq;
  gint64   n_checked;
} WardAuditVerdict;

/* Where a person's account comes from, for the admin screens. */
typedef struct
{
  gboolean  from_directory;
  char     *dn;
  GStrv     managed_roles;   /* the roles the directory decides (mapped roles) */
} WardDirectoryOrigin;

void              ward_directory_origin_free     (WardDirectoryOrigin *origin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardDirectoryOrigin, ward_directory_origin_free)

#define WARD_TYPE_ACCOUNT_ADMIN (ward_account_admin_get_type ())
G_DECLARE_FINAL_TYPE (WardAccountAdmin, ward_account_admin, WARD, ACCOUNT_ADMIN, WardStoreService)

GQuark            ward_account_admin_error_quark (void);

WardAccountAdmin *ward_account_admin_new        (WardStore         *store);

gboolean          ward_account_admin_check_username (const char    *username,
                                                     GError       **error);

gboolean          ward_account_admin_can_sign_in (WardAccountAdmin *self,
                                                 gint64            user_id);

gboolean          ward_account_admin_bootstrap  (WardAccountAdmin  *self,
                                                 WardActor         *os_actor,
                                                 const char        *username,
                                                 const char        *full_name,
                                                 GError           **error);
gboolean          ward_account_admin_add_user   (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 const char        *full_name,
                                                 const char *const *roles,
                                                 GError           **error);
gboolean          ward_account_admin_recover   (WardAccountAdmin  *self,
                                                 WardActor         *os_actor,
                                                 const char        *username,
                                                 GError           **error);
gboolean          ward_account_admin_disable_user (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 GError           **error);
gboolean          ward_account_admin_enable_user (WardAccountAdmin      *self,
                                                 WardActor             *actor,
                                                 const char            *username,
                                                 WardAccountAdminFlags  flags,
                                                 GError               **error);
GStrv             ward_account_admin_list_permissions (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 GError           **error);
gboolean          ward_account_admin_grant_role (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 const char        *role,
                                                 GError           **error);
gboolean          ward_account_admin_grant_role_with (WardAccountAdmin      *self,
                                                 WardActor             *actor,
                                                 const char            *username,
                                                 const char            *role,
                                                 WardAccountAdminFlags  flags,
                                                 GError               **error);
gboolean          ward_account_admin_revoke_role (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 const char        *role,
                                                 GError           **error);
gboolean          ward_account_admin_permit     (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *role,
                                                 const char        *permission,
                                                 GError           **error);
gboolean          ward_account_admin_forbid     (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *role,
                                                 const char        *permission,
                                                 GError           **error);
GPtrArray        *ward_account_admin_list_users (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *search,
                                                 GError           **error);
WardDirectoryOrigin *ward_account_admin_directory_origin (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 GError           **error);
WardUserRecord   *ward_account_admin_show_user  (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 const char        *username,
                                                 GError           **error);
GPtrArray        *ward_account_admin_list_roles (WardAccountAdmin  *self,
                                                 WardActor         *actor,
                                                 GError           **error);
GPtrArray        *ward_account_admin_list_audit (WardAccountAdmin      *self,
                                                 WardActor             *actor,
                                                 const WardAuditFilter *filter,
                                                 GError               **error);
typedef struct
{
  guint    n_badges;
  guint    n_keys;
  gboolean app_enrolled;
  gboolean locked;
} WardCredentialStatus;

gboolean          ward_account_admin_credential_status (WardAccountAdmin     *self,
                                                 WardActor            *actor,
                                                 const char           *username,
                                                 WardCredentialStatus *status,
                                                 GError              **error);
GPtrArray        *ward_account_admin_list_locked (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 GError           **error);
gboolean          ward_account_admin_verify_audit (WardAccountAdmin *self,
                                                 WardActor         *actor,
                                                 WardAuditVerdict  *verdict,
                                                 GError           **error);

G_END_DECLS
