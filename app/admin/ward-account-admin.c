/* ward-account-admin.c: managing staff accounts and roles, each operation checked and audited */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-account-admin.h"
#include "app/admin/ward-enrolment-trust.h"
#include "auth/ward-admin-guard.h"
#include "auth/ward-policy.h"
#include "data/ward-policy-store.h"
#include "data/ward-credentials.h"
#include "data/ward-failures.h"
#include "data/ward-ldap-settings.h"
#include "data/ward-text.h"

struct _WardAccountAdmin
{
  WardStoreService parent_instance;
};

G_DEFINE_FINAL_TYPE (WardAccountAdmin, ward_account_admin, WARD_TYPE_STORE_SERVICE)
G_DEFINE_QUARK (ward-account-admin-error-quark, ward_account_admin_error)

/* Every account is one person (HIPAA 164.312(a)(2)(i)): names that read as
 * a shared or generic login are refused. */
static const char *const generic_names[] = {
  "admin", "administrator", "root", "nurse", "nurses", "charge-nurse", "biomed",
  "break-glass", "shared", "guest", "test", "demo", "user", "staff", "ward", "kiosk",
  "station", "team", "everyone", "system", "service", "doctor", "physician", "temp",
  "locum", "agency", "student", "night", "day", "default", NULL
};

static void
ward_account_admin_class_init (WardAccountAdminClass *klass)
{
}

static void
ward_account_admin_init (WardAccountAdmin *self)
{
}

WardAccountAdmin *
ward_account_admin_new (WardStore *store)
{
  return g_object_new (WARD_TYPE_ACCOUNT_ADMIN, "store", store, NULL);
}

gboolean
ward_account_admin_check_username (const char  *username,
                                   GError     **error)
{
  g_autofree char *base = NULL;
  gsize length = username != NULL ? strlen (username) : 0;

  if (length < 2 || length > 32 || !g_ascii_islower (username[0]))
    goto invalid;
  for (const char *p = username; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '_')
      goto invalid;

  /* "nurse2" is as generic as "nurse". */
  base = g_strdup (username);
  for (gsize i = length; i > 0 && g_ascii_isdigit (base[i - 1]); i--)
    base[i - 1] = '\0';
  if (g_strv_contains (generic_names, base))
    {
      g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_GENERIC_NAME,
                   _("“%s” looks like a shared account. Every account must belong to one person: "
                     "use their own name, for example “jsmith”."), username);
      return FALSE;
    }
  return TRUE;

invalid:
  g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_INVALID_NAME,
               _("A user name has 2 to 32 characters: lower-case letters, digits, “.”, “-” or “_”, "
                 "starting with a letter."));
  return FALSE;
}

/* The name as stored (NFC), or NULL: it is shown to witnesses and in the
 * audit, so nothing in it may hide or reorder what it says. */
static char *
clean_full_name (const char  *full_name,
                 GError     **error)
{
  g_autofree char *clean = ward_text_clean (full_name);
  glong length = clean != NULL ? g_utf8_strlen (clean, -1) : 0;

  if (clean != NULL && length >= 2 && length <= 128)
    return g_steal_pointer (&clean);
  g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_INVALID_FULL_NAME,
               _("The full name must have 2 to 128 printable characters, without control or "
                 "invisible formatting characters."));
  return NULL;
}

gboolean
ward_account_admin_can_sign_in (WardAccountAdmin *self,
                                gint64            user_id)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return ward_admin_guard_is_usable (store, user_id);
}

/* The hospital directory owns whether its people's accounts are active and
 * which mapped roles they hold: a change made here would be undone by the
 * next sync, so it is refused, saying where to make it. */
static gboolean
refuse_directory_field (WardStore   *store,
                        gint64       user_id,
                        const char  *username,
                        const char  *role,
                        GError     **error)
{
  g_autofree char *dn = ward_ldap_settings_account_dn (store, user_id);

  if (dn == NULL || (role != NULL && !ward_ldap_settings_is_mapped_role (store, role)))
    return TRUE;
  if (role != NULL)
    g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY,
                 _("The role “%s” of “%s” comes from the hospital directory: change their group "
                   "membership there; the next directory sync brings it here."), role, username);
  else
    g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_FROM_DIRECTORY,
                 _("The account “%s” comes from the hospital directory: disable or enable it there; "
                   "the next directory sync brings the change here."), username);
  return FALSE;
}

/* Before an administrator is disabled or stripped of roles.manage, someone
 * else must be able to sign in and administer: the database triggers only
 * count accounts, and an account nobody can sign in to saves no one. */
static gboolean
require_other_usable_admin (WardStore  *store,
                            gint64      leaving_user_id,
                            GError    **error)
{
  g_autoptr(GArray) admins = ward_directory_list_admin_ids (store, error);

  if (admins == NULL)
    return FALSE;
  for (guint i = 0; i < admins->len; i++)
    {
      gint64 id = g_array_index (admins, gint64, i);

      if (id != leaving_user_id && ward_admin_guard_is_usable (store, id))
        return TRUE;
    }
  g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_NO_USABLE_ADMIN,
               _("No other administrator could sign in today (badge, key and app enrolled, not locked). "
                 "Enrol one first."));
  return FALSE;
}

static gboolean
holds_roles_manage (WardStore *store,
                    gint64     user_id)
{
  g_auto(GStrv) permissions = ward_directory_user_permissions (store, user_id, NULL);

  return permissions != NULL && g_strv_contains ((const char *const *) permissions, "roles.manage");
}

static gboolean
role_grants (WardStore  *store,
             const char *role,
             const char *permission)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, NULL);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      WardRoleRecord *record = g_ptr_array_index (roles, i);

      if (g_str_equal (record->name, role))
        return g_strv_contains ((const char *const *) record->permissions, permission);
    }
  return FALSE;
}

static gint64
find_user_id (WardStore   *store,
              const char  *username,
              GError     **error)
{
  g_autoptr(WardUserRecord) record = ward_directory_find_user (store, username, error);

  return record != NULL ? record->id : 0;
}

/* The only way the first administrator comes to exist: there are no
 * built-in accounts. Refused once any active administrator exists. */
gboolean
ward_account_admin_bootstrap (WardAccountAdmin  *self,
                              WardActor         *os_actor,
                              const char        *username,
                              const char        *full_name,
                              GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;
  gint64 user_id;
  gint n_admins;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  g_return_val_if_fail (ward_actor_is_bootstrap (os_actor), FALSE);

  if (!ward_account_admin_check_username (username, error) || (name = clean_full_name (full_name, error)) == NULL)
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;

  n_admins = ward_directory_count_admins (store, error);
  if (n_admins != 0)
    {
      if (n_admins > 0)
        g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_ADMIN_EXISTS,
                     _("An administrator already exists; ask them to add accounts."));
      return ward_store_finish (store, FALSE, error);
    }

  details = ward_audit_details ("full_name", name, "role", "admin", NULL);
  user_id = ward_directory_add_user (store, username, name, error);
  ok = user_id > 0
    && ward_directory_grant_role (store, user_id, "admin", ward_actor_get_name (os_actor), error)
    && ward_audit_append (store, WARD_AUDIT_ADMIN_BOOTSTRAPPED, ward_actor_get_name (os_actor),
                          username, details, FALSE, error);
  return ward_store_finish (store, ok, error);
}

/* For the machine's owner when no administrator can sign in (all disabled,
 * locked out or without credentials): holding the install key (the CLI
 * could open the database) is the proof, as for the bootstrap. The account
 * is enabled, unlocked and made an administrator; it then enrols its own
 * badge, key and app. Refused while any administrator could sign in. */
gboolean
ward_account_admin_recover (WardAccountAdmin  *self,
                            WardActor         *os_actor,
                            const char        *username,
                            GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardUserRecord) user = NULL;
  g_auto(GStrv) held = NULL;
  g_autofree char *unlocked_text = NULL;
  g_autofree char *details = NULL;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  g_return_val_if_fail (ward_actor_is_bootstrap (os_actor), FALSE);

  if (!ward_store_begin (store, error))
    return FALSE;
  if (ward_admin_guard_count_usable (store, 0) > 0)
    {
      g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_ADMIN_EXISTS,
                   _("An administrator can still sign in; ask them instead."));
      return ward_store_finish (store, FALSE, error);
    }
  user = ward_directory_find_user (store, username, error);
  ok = user != NULL;
  if (ok && user->disabled)
    ok = ward_directory_set_disabled (store, user->id, FALSE, error);
  if (ok)
    {
      guint unlocked = ward_failures_unlock_all (store, user->id, NULL);

      unlocked_text = g_strdup_printf ("%u", unlocked);
      held = ward_directory_held_permissions (store, user->id, error);
      ok = held != NULL;
    }
  if (ok && !g_strv_contains ((const char *const *) held, "roles.manage"))
    ok = ward_directory_grant_role (store, user->id, "admin", ward_actor_get_name (os_actor), error);
  details = ward_audit_details ("was_disabled", user != NULL && user->disabled ? "yes" : "no",
                                "factors_unlocked", unlocked_text, NULL);
  ok = ok && ward_audit_append (store, WARD_AUDIT_ADMIN_RECOVERED, ward_actor_get_name (os_actor),
                                username, details, TRUE, error);
  return ward_store_finish (store, ok, error);
}

gboolean
ward_account_admin_add_user (WardAccountAdmin  *self,
                             WardActor         *actor,
                             const char        *username,
                             const char        *full_name,
                             const char *const *roles,
                             GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *role_list = NULL;
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;
  gint64 user_id;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);

  if (!ward_actor_require (actor, store, "users.manage", "user add", error))
    return FALSE;
  /* Creating an account with roles is granting roles. */
  if (roles != NULL && roles[0] != NULL
      && !ward_actor_require (actor, store, "roles.manage", "user add --role", error))
    return FALSE;
  if (!ward_account_admin_check_username (username, error) || (name = clean_full_name (full_name, error)) == NULL)
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;

  role_list = roles != NULL ? g_strjoinv (",", (char **) roles) : g_strdup ("");
  details = ward_audit_details ("full_name", name, "roles", role_list, NULL);
  user_id = ward_directory_add_user (store, username, name, error);
  ok = user_id > 0;
  for (guint i = 0; ok && roles != NULL && roles[i] != NULL; i++)
    ok = ward_directory_grant_role (store, user_id, roles[i], ward_actor_get_name (actor), error);
  ok = ok && ward_audit_append (store, WARD_AUDIT_USER_ADDED, ward_actor_get_name (actor),
                                username, details, ward_actor_is_flagged (actor), error);
  return ward_store_finish (store, ok, error);
}

/* Disabling an administrator needs another who could sign in today;
 * enabling brings an account back with the roles it kept. */
/* Run inside the transaction, after the change: what the account holds
 * now is what its credentials must have been trusted for. */
static gboolean
check_credentials_for_new_rights (WardStore                *store,
                                  gint64                    user_id,
                                  const char               *username,
                                  WardAccountAdminFlags     flags,
                                  char                    **kept,
                                  GError                  **error)
{
  g_auto(GStrv) rights = ward_directory_held_permissions (store, user_id, error);

  if (rights == NULL)
    return FALSE;
  return ward_enrolment_trust_check (store, user_id, username, (const char *const *) rights,
                                     (flags & WARD_ACCOUNT_ADMIN_KEEP_CREDENTIALS) != 0, kept, error);
}

static gboolean
set_disabled (WardAccountAdmin       *self,
              WardActor              *actor,
              const char             *username,
              gboolean                disabled,
              WardAccountAdminFlags   flags,
              GError                **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *kept = NULL;
  g_autofree char *details = NULL;
  gint64 user_id;
  gboolean ok;

  if (!ward_actor_require (actor, store, "users.manage", disabled ? "user disable" : "user enable", error))
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;

  user_id = find_user_id (store, username, error);
  ok = user_id > 0
    && refuse_directory_field (store, user_id, username, NULL, error)
    && (!disabled || !holds_roles_manage (store, user_id)
        || require_other_usable_admin (store, user_id, error))
    && ward_directory_set_disabled (store, user_id, disabled, error)
    && (disabled || check_credentials_for_new_rights (store, user_id, username, flags, &kept, error));
  if (ok && kept != NULL)
    details = ward_audit_details ("kept_credentials", kept, NULL);
  ok = ok && ward_audit_append (store, disabled ? WARD_AUDIT_USER_DISABLED : WARD_AUDIT_USER_ENABLED,
                                ward_actor_get_name (actor), username, details, ward_actor_is_flagged (actor),
                                error);
  return ward_store_finish (store, ok, error);
}

gboolean
ward_account_admin_disable_user (WardAccountAdmin  *self,
                                 WardActor         *actor,
                                 const char        *username,
                                 GError           **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return set_disabled (self, actor, username, TRUE, 0, error);
}

gboolean
ward_account_admin_enable_user (WardAccountAdmin       *self,
                                WardActor              *actor,
                                const char             *username,
                                WardAccountAdminFlags   flags,
                                GError                **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return set_disabled (self, actor, username, FALSE, flags, error);
}

GStrv
ward_account_admin_list_permissions (WardAccountAdmin  *self,
                                     WardActor         *actor,
                                     GError           **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "roles.manage", "permission list", error);
  return store != NULL ? ward_directory_list_permissions (store, error) : NULL;
}

/* Revoking roles.manage from an administrator needs another who could
 * sign in today. */
static gboolean
change_role (WardAccountAdmin       *self,
             WardActor              *actor,
             const char             *username,
             const char             *role,
             gboolean                grant,
             WardAccountAdminFlags   flags,
             GError                **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = NULL;
  g_autofree char *kept = NULL;
  gint64 user_id;
  gboolean ok;

  if (!ward_actor_require (actor, store, "roles.manage", grant ? "role grant" : "role revoke", error))
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;

  user_id = find_user_id (store, username, error);
  ok = user_id > 0 && refuse_directory_field (store, user_id, username, role, error);
  if (grant)
    ok = ok && ward_directory_grant_role (store, user_id, role, ward_actor_get_name (actor), error)
            && check_credentials_for_new_rights (store, user_id, username, flags, &kept, error);
  else
    ok = ok && (!role_grants (store, role, "roles.manage") || !holds_roles_manage (store, user_id)
                || require_other_usable_admin (store, user_id, error))
            && ward_directory_revoke_role (store, user_id, role, error);
  details = ward_audit_details ("role", role, kept != NULL ? "kept_credentials" : NULL, kept, NULL);
  ok = ok && ward_audit_append (store, grant ? WARD_AUDIT_ROLE_GRANTED : WARD_AUDIT_ROLE_REVOKED,
                                ward_actor_get_name (actor), username, details, ward_actor_is_flagged (actor),
                                error);
  return ward_store_finish (store, ok, error);
}

gboolean
ward_account_admin_grant_role (WardAccountAdmin  *self,
                               WardActor         *actor,
                               const char        *username,
                               const char        *role,
                               GError           **error)
{
  return ward_account_admin_grant_role_with (self, actor, username, role, 0, error);
}

gboolean
ward_account_admin_grant_role_with (WardAccountAdmin       *self,
                                    WardActor              *actor,
                                    const char             *username,
                                    const char             *role,
                                    WardAccountAdminFlags   flags,
                                    GError                **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return change_role (self, actor, username, role, TRUE, flags, error);
}

gboolean
ward_account_admin_revoke_role (WardAccountAdmin  *self,
                                WardActor         *actor,
                                const char        *username,
                                const char        *role,
                                GError           **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return change_role (self, actor, username, role, FALSE, 0, error);
}

static gboolean
change_grant (WardAccountAdmin  *self,
              WardActor         *actor,
              const char        *role,
              const char        *permission,
              gboolean           permit,
              GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = NULL;
  guint usable_admins;
  gboolean ok;

  if (!ward_actor_require (actor, store, "roles.manage", permit ? "role permit" : "role forbid", error))
    return FALSE;
  /* Emergency sessions start from a badge and a typed reason: they may
   * touch devices, never accounts, roles or the audit trail. */
  if (permit && g_strcmp0 (role, "break-glass") == 0 && !g_str_has_prefix (permission, "device."))
    {
      g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_NOT_FOR_ROLE,
                   _("Emergency access may only be given device permissions."));
      return FALSE;
    }
  if (!ward_store_begin (store, error))
    return FALSE;

  details = ward_audit_details ("role", role, "permission", permission, NULL);
  usable_admins = ward_admin_guard_count_usable (store, 0);
  ok = permit ? ward_directory_permit (store, role, permission, error)
              : ward_directory_forbid (store, role, permission, error);
  /* Forbidding roles.manage (or users.manage) to a role can leave nobody
   * able to administer, though the accounts still exist. */
  ok = ok && ward_admin_guard_check_after (store, usable_admins, error);
  /* A role that gains an administrative permission must not sign in more
   * weakly than nurses (the same rule as "policy set"). */
  ok = ok && ward_policy_check_admins_not_weaker (store, error);
  ok = ok && ward_audit_append (store,
                                permit ? WARD_AUDIT_PERMISSION_GRANTED : WARD_AUDIT_PERMISSION_REVOKED,
                                ward_actor_get_name (actor), role, details, ward_actor_is_flagged (actor), error);
  return ward_store_finish (store, ok, error);
}

gboolean
ward_account_admin_permit (WardAccountAdmin  *self,
                           WardActor         *actor,
                           const char        *role,
                           const char        *permission,
                           GError           **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return change_grant (self, actor, role, permission, TRUE, error);
}

gboolean
ward_account_admin_forbid (WardAccountAdmin  *self,
                           WardActor         *actor,
                           const char        *role,
                           const char        *permission,
                           GError           **error)
{
  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);
  return change_grant (self, actor, role, permission, FALSE, error);
}

GPtrArray *
ward_account_admin_list_users (WardAccountAdmin  *self,
                               WardActor         *actor,
                               const char        *search,
                               GError           **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "users.manage", "user list", error);
  return store != NULL ? ward_directory_list_users (store, search, error) : NULL;
}

WardUserRecord *
ward_account_admin_show_user (WardAccountAdmin  *self,
                              WardActor         *actor,
                              const char        *username,
                              GError           **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "users.manage", "user show", error);
  return store != NULL ? ward_directory_find_user (store, username, error) : NULL;
}

GPtrArray *
ward_account_admin_list_roles (WardAccountAdmin  *self,
                               WardActor         *actor,
                               GError           **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "roles.manage", "role list", error);
  return store != NULL ? ward_directory_list_roles (store, error) : NULL;
}

GPtrArray *
ward_account_admin_list_audit (WardAccountAdmin      *self,
                               WardActor             *actor,
                               const WardAuditFilter *filter,
                               GError               **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "audit.view", "audit list", error);
  return store != NULL ? ward_audit_list (store, filter, error) : NULL;
}

/* The verification is itself recorded, after the rows it checked, so a
 * verified state is on the record and a broken chain raises an alert. */
gboolean
ward_account_admin_verify_audit (WardAccountAdmin  *self,
                                 WardActor         *actor,
                                 WardAuditVerdict  *verdict,
                                 GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *bad = NULL;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);

  if (!ward_actor_require (actor, store, "audit.view", "audit verify", error))
    return FALSE;
  if (!ward_audit_verify (store, &verdict->first_bad_seq, &verdict->n_checked, error))
    return FALSE;
  verdict->intact = verdict->first_bad_seq == 0;

  checked = g_strdup_printf ("%" G_GINT64_FORMAT, verdict->n_checked);
  bad = g_strdup_printf ("%" G_GINT64_FORMAT, verdict->first_bad_seq);
  details = ward_audit_details ("rows_checked", checked, "first_bad_row", bad, NULL);
  if (verdict->intact)
    return ward_audit_append (store, WARD_AUDIT_AUDIT_VERIFIED, ward_actor_get_name (actor), NULL,
                              details, FALSE, error);

  /* A chain cut short takes no new record (the refusal already went to the
   * journal as an alert); the verdict is what the person asked for. */
  {
    g_autoptr(GError) append_error = NULL;

    if (!ward_audit_append (store, WARD_AUDIT_AUDIT_BROKEN, ward_actor_get_name (actor), NULL,
                            details, TRUE, &append_error))
      g_debug ("The broken audit chain could not record its own verdict: %s", append_error->message);
  }
  return TRUE;
}

/* What an administrator sees on a person's page: which credentials they
 * have, never the credentials themselves. */
gboolean
ward_account_admin_credential_status (WardAccountAdmin      *self,
                                      WardActor             *actor,
                                      const char            *username,
                                      WardCredentialStatus  *status,
                                      GError               **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(WardTotpRecord) totp = NULL;
  g_autoptr(GPtrArray) locked = NULL;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), FALSE);

  if (!ward_actor_require (actor, store, "users.manage", "user show", error))
    return FALSE;
  user = ward_directory_find_user (store, username, error);
  if (user == NULL)
    return FALSE;
  keys = ward_credentials_list_keys (store, user->id, FALSE, error);
  locked = ward_failures_list_locked (store, error);
  if (keys == NULL || locked == NULL)
    return FALSE;
  totp = ward_credentials_get_totp (store, user->id, NULL);

  status->n_badges = ward_credentials_count_badges (store, user->id);
  status->n_keys = keys->len;
  status->app_enrolled = totp != NULL && totp->confirmed;
  status->locked = FALSE;
  for (guint i = 0; i < locked->len; i++)
    if (((WardFailureRecord *) locked->pdata[i])->user_id == user->id)
      status->locked = TRUE;
  return TRUE;
}

GPtrArray *
ward_account_admin_list_locked (WardAccountAdmin  *self,
                                WardActor         *actor,
                                GError           **error)
{
  WardStore *store;

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);
  store = ward_store_service_get_store_for (WARD_STORE_SERVICE (self), actor,
                                            "accounts.unlock", "locked list", error);
  return store != NULL ? ward_failures_list_locked (store, error) : NULL;
}

void
ward_directory_origin_free (WardDirectoryOrigin *origin)
{
  if (origin == NULL)
    return;
  g_free (origin->dn);
  g_strfreev (origin->managed_roles);
  g_free (origin);
}

/* For the admin screens: whether the hospital directory owns this account,
 * and which of its roles it decides. */
WardDirectoryOrigin *
ward_account_admin_directory_origin (WardAccountAdmin  *self,
                                     WardActor         *actor,
                                     const char        *username,
                                     GError           **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardDirectoryOrigin) origin = g_new0 (WardDirectoryOrigin, 1);
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(GPtrArray) maps = NULL;
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (WARD_IS_ACCOUNT_ADMIN (self), NULL);

  if (!ward_actor_require (actor, store, "users.manage", "user show", error))
    return NULL;
  user = ward_directory_find_user (store, username, error);
  if (user == NULL || (maps = ward_ldap_settings_list_maps (store, error)) == NULL)
    return NULL;
  origin->dn = ward_ldap_settings_account_dn (store, user->id);
  origin->from_directory = origin->dn != NULL;
  for (guint i = 0; origin->from_directory && i < maps->len; i++)
    {
      const char *role = ((WardLdapRoleMap *) maps->pdata[i])->role;

      if (g_hash_table_add (seen, (gpointer) role))
        g_strv_builder_add (roles, role);
    }
  origin->managed_roles = g_strv_builder_end (roles);
  return g_steal_pointer (&origin);
}
