/* ward-directory-sync.c: bringing staff, their names, active state and mapped roles in from the hospital directory */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-account-admin.h"
#include "app/directory/ward-directory-sync.h"
#include "app/directory/ward-directory-sync-check.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-ldap-settings.h"

/* The audit names the directory as the one who made these changes. */
#define DIRECTORY_ACTOR "directory"

struct _WardDirectorySync
{
  WardStoreService parent_instance;
  guint            timeout_seconds;
};

G_DEFINE_FINAL_TYPE (WardDirectorySync, ward_directory_sync, WARD_TYPE_STORE_SERVICE)

/* What was read from the directory, before anything is compared. */
typedef struct
{
  GPtrArray  *people;         /* WardLdapPerson */
  GPtrArray  *maps;           /* WardLdapRoleMap */
  GHashTable *groups_of;      /* person DN → GHashTable of group DNs */
  GHashTable *moved;          /* user id → new DN, for accounts whose entry moved */
  guint       n_pages;
} DirectoryView;

static void
directory_view_clear (DirectoryView *view)
{
  g_clear_pointer (&view->people, g_ptr_array_unref);
  g_clear_pointer (&view->maps, g_ptr_array_unref);
  g_clear_pointer (&view->groups_of, g_hash_table_unref);
  g_clear_pointer (&view->moved, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DirectoryView, directory_view_clear)

static void
ward_directory_sync_class_init (WardDirectorySyncClass *klass)
{
}

static void
ward_directory_sync_init (WardDirectorySync *self)
{
  self->timeout_seconds = 30;
}

WardDirectorySync *
ward_directory_sync_new (WardStore *store)
{
  return g_object_new (WARD_TYPE_DIRECTORY_SYNC, "store", store, NULL);
}

void
ward_directory_sync_set_timeout (WardDirectorySync *self,
                                 guint              seconds)
{
  self->timeout_seconds = seconds;
}

/* All network work happens here, before the store is locked: a slow
 * directory never holds kiosks' writes back. */
static gboolean
read_directory (WardDirectorySync  *self,
                DirectoryView      *view,
                GError            **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardLdapSettings) settings = NULL;
  g_autoptr(GBytes) password = NULL;
  g_autoptr(WardLdapClient) client = NULL;
  g_autoptr(GError) local_error = NULL;

  settings = ward_ldap_settings_load (store, &local_error);
  if (settings == NULL)
    {
      g_set_error_literal (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_NOT_CONFIGURED,
                           local_error->message);
      return FALSE;
    }
  view->maps = ward_ldap_settings_list_maps (store, error);
  if (view->maps == NULL)
    return FALSE;
  password = ward_ldap_settings_unseal_password (store, error);
  if (password == NULL)
    return FALSE;
  client = ward_ldap_client_connect (settings, password, self->timeout_seconds, error);
  if (client == NULL)
    return FALSE;
  view->people = ward_ldap_client_read_people (client, error);
  if (view->people == NULL)
    return FALSE;

  view->groups_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < view->people->len; i++)
    {
      WardLdapPerson *person = g_ptr_array_index (view->people, i);
      GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint j = 0; j < person->member_of->len; j++)
        g_hash_table_add (groups, g_strdup (g_ptr_array_index (person->member_of, j)));
      g_hash_table_replace (view->groups_of, g_strdup (person->dn), groups);
    }

  /* Group member lists too (OpenLDAP without the memberof overlay keeps
   * membership only there); one read per mapped group. */
  for (guint i = 0; i < view->maps->len; i++)
    {
      WardLdapRoleMap *map = g_ptr_array_index (view->maps, i);
      g_autoptr(GPtrArray) members = NULL;

      if (i > 0 && g_str_equal (map->group_dn, ((WardLdapRoleMap *) view->maps->pdata[i - 1])->group_dn))
        continue;
      members = ward_ldap_client_read_group_members (client, map->group_dn, error);
      if (members == NULL)
        return FALSE;
      for (guint j = 0; j < members->len; j++)
        {
          GHashTable *groups = g_hash_table_lookup (view->groups_of, g_ptr_array_index (members, j));

          if (groups != NULL)
            g_hash_table_add (groups, g_strdup (map->group_dn));
        }
    }
  view->n_pages = ward_ldap_client_get_pages (client);
  return TRUE;
}

static WardDirectoryChange *
add_change (WardDirectorySyncResult *result,
            WardDirectoryChangeKind  kind,
            gint64                   user_id,
            const char              *username,
            const char              *dn)
{
  return ward_directory_sync_result_add_change (result, kind, user_id, username, dn);
}

static void
add_skip (WardDirectorySyncResult *result,
          WardLdapPerson          *person,
          const char              *reason)
{
  ward_directory_sync_result_add_skip (result, person->login, person->dn, reason);
}

/* The name as the account will hold it: the directory's, when it is one a
 * person could be called; else the login. */
static const char *
usable_name (WardLdapPerson *person)
{
  const char *name = person->full_name;
  glong length;

  if (name == NULL)
    return person->login;
  length = g_utf8_strlen (name, -1);
  if (length < 2 || length > 128)
    return person->login;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return person->login;
  return name;
}

/* The mapped role → the first group (in map order) that gives it to this
 * person. Unmapped groups give nothing. */
static GHashTable *
roles_from_groups (DirectoryView  *view,
                   WardLdapPerson *person)
{
  GHashTable *roles = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *groups = g_hash_table_lookup (view->groups_of, person->dn);

  for (guint i = 0; groups != NULL && i < view->maps->len; i++)
    {
      WardLdapRoleMap *map = g_ptr_array_index (view->maps, i);

      if (g_hash_table_contains (groups, map->group_dn) && !g_hash_table_contains (roles, map->role))
        g_hash_table_insert (roles, map->role, map->group_dn);
    }
  return roles;
}

static void
plan_roles (WardDirectorySyncResult *result,
            DirectoryView           *view,
            WardLdapPerson          *person,
            gint64                   user_id,
            const char *const       *held)
{
  g_autoptr(GHashTable) wanted = roles_from_groups (view, person);
  GHashTableIter iter;
  gpointer role, group;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &role, &group))
    if (held == NULL || !g_strv_contains (held, role))
      {
        WardDirectoryChange *change = add_change (result, WARD_DIRECTORY_CHANGE_GRANT, user_id,
                                                  person->login, person->dn);
        change->role = g_strdup (role);
        change->group_dn = g_strdup (group);
      }
  for (guint i = 0; held != NULL && i < view->maps->len; i++)
    {
      WardLdapRoleMap *map = g_ptr_array_index (view->maps, i);
      WardDirectoryChange *change;

      /* Each mapped role once, however many groups give it. */
      if (!g_strv_contains (held, map->role) || g_hash_table_contains (wanted, map->role))
        continue;
      change = add_change (result, WARD_DIRECTORY_CHANGE_REVOKE, user_id, person->login, person->dn);
      change->role = g_strdup (map->role);
      g_hash_table_insert (wanted, map->role, NULL);
    }
}

static gint
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const WardDirectoryChange *left = *(WardDirectoryChange **) a;
  const WardDirectoryChange *right = *(WardDirectoryChange **) b;

  return (int) left->kind - (int) right->kind;
}

/* Compares the directory with the store (inside the sync's transaction). */
static WardDirectorySyncResult *
plan (WardDirectorySync  *self,
      DirectoryView      *view,
      GError            **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardDirectorySyncResult) result = ward_directory_sync_result_new ();
  g_autoptr(GPtrArray) users = ward_directory_list_users (store, NULL, error);
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_logins = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (users == NULL)
    return NULL;
  accounts = ward_ldap_settings_list_accounts (store, error);
  if (accounts == NULL)
    return NULL;
  g_clear_pointer (&view->moved, g_hash_table_unref);
  view->moved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  result->n_people = view->people->len;
  result->n_groups = view->maps->len;
  result->n_pages = view->n_pages;
  for (guint i = 0; i < users->len; i++)
    {
      WardUserRecord *user = g_ptr_array_index (users, i);

      g_hash_table_insert (by_name, user->username, user);
    }

  /* A filter or base that matches nobody would disable everyone. */
  if (view->people->len == 0 && g_hash_table_size (accounts) > 0)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_FILTER,
                   _("The directory returned nobody for the base and filter set, so every account from it "
                     "would be disabled. Check --base and --user-filter; nothing was changed."));
      return NULL;
    }

  for (guint i = 0; i < view->people->len; i++)
    {
      WardLdapPerson *person = g_ptr_array_index (view->people, i);
      g_autoptr(GError) name_error = NULL;
      WardUserRecord *user;
      const char *name;

      if (person->login == NULL)
        {
          add_skip (result, person, _("it has no uid or sAMAccountName"));
          continue;
        }
      if (!ward_account_admin_check_username (person->login, &name_error))
        {
          add_skip (result, person, name_error->message);
          continue;
        }
      if (!g_hash_table_add (seen_logins, person->login))
        {
          add_skip (result, person, _("another directory entry has the same login"));
          continue;
        }
      name = usable_name (person);
      user = g_hash_table_lookup (by_name, person->login);
      if (user == NULL)
        {
          /* Nobody is created only to be disabled. */
          if (person->disabled)
            continue;
          add_change (result, WARD_DIRECTORY_CHANGE_ADD_USER, 0, person->login, person->dn)->full_name
            = g_strdup (name);
          plan_roles (result, view, person, 0, NULL);
          continue;
        }
      if (!g_hash_table_contains (accounts, &user->id))
        {
          add_skip (result, person, _("an account with this name was made in Wardgate; it is left as it is"));
          continue;
        }
      g_hash_table_add (seen_ids, &user->id);
      if (!g_str_equal (g_hash_table_lookup (accounts, &user->id), person->dn))
        g_hash_table_insert (view->moved, g_memdup2 (&user->id, sizeof (gint64)), g_strdup (person->dn));
      if (!person->disabled && user->disabled)
        add_change (result, WARD_DIRECTORY_CHANGE_ENABLE, user->id, user->username, person->dn);
      if (g_strcmp0 (user->full_name, name) != 0)
        {
          WardDirectoryChange *change = add_change (result, WARD_DIRECTORY_CHANGE_RENAME, user->id,
                                                    user->username, person->dn);
          change->full_name = g_strdup (name);
          change->old_name = g_strdup (user->full_name);
        }
      plan_roles (result, view, person, user->id, (const char *const *) user->roles);
      if (person->disabled && !user->disabled)
        add_change (result, WARD_DIRECTORY_CHANGE_DISABLE, user->id, user->username, person->dn)->why
          = g_strdup ("disabled");
    }

  /* Gone from the directory (or out of the filter): disabled, not deleted;
   * the audit trail still names them. */
  for (guint i = 0; i < users->len; i++)
    {
      WardUserRecord *user = g_ptr_array_index (users, i);
      const char *dn = g_hash_table_lookup (accounts, &user->id);

      if (dn != NULL && !user->disabled && !g_hash_table_contains (seen_ids, &user->id))
        add_change (result, WARD_DIRECTORY_CHANGE_DISABLE, user->id, user->username, dn)->why = g_strdup ("gone");
    }

  /* Grants before revokes: a role moving from one administrator to another
   * is never, even inside the transaction, held by nobody. */
  g_ptr_array_sort (result->changes, compare_changes);
  return g_steal_pointer (&result);
}

static char *
change_details (const WardDirectoryChange *change,
                const char                *run_by)
{
  switch (change->kind)
    {
    case WARD_DIRECTORY_CHANGE_ADD_USER:
      return ward_audit_details ("dn", change->dn, "full_name", change->full_name, "run_by", run_by, NULL);
    case WARD_DIRECTORY_CHANGE_RENAME:
      return ward_audit_details ("dn", change->dn, "old", change->old_name, "new", change->full_name,
                                 "run_by", run_by, NULL);
    case WARD_DIRECTORY_CHANGE_GRANT:
      return ward_audit_details ("dn", change->dn, "role", change->role, "group", change->group_dn,
                                 "run_by", run_by, NULL);
    case WARD_DIRECTORY_CHANGE_REVOKE:
      return ward_audit_details ("dn", change->dn, "role", change->role, "run_by", run_by, NULL);
    case WARD_DIRECTORY_CHANGE_DISABLE:
      return ward_audit_details ("dn", change->dn, "why", change->why, "run_by", run_by, NULL);
    case WARD_DIRECTORY_CHANGE_ENABLE:
    default:
      return ward_audit_details ("dn", change->dn, "run_by", run_by, NULL);
    }
}

static const WardAuditEvent change_events[] = {
  [WARD_DIRECTORY_CHANGE_ADD_USER] = WARD_AUDIT_DIRECTORY_USER_ADDED,
  [WARD_DIRECTORY_CHANGE_ENABLE] = WARD_AUDIT_DIRECTORY_USER_ENABLED,
  [WARD_DIRECTORY_CHANGE_RENAME] = WARD_AUDIT_DIRECTORY_USER_RENAMED,
  [WARD_DIRECTORY_CHANGE_GRANT] = WARD_AUDIT_DIRECTORY_ROLE_GRANTED,
  [WARD_DIRECTORY_CHANGE_REVOKE] = WARD_AUDIT_DIRECTORY_ROLE_REVOKED,
  [WARD_DIRECTORY_CHANGE_DISABLE] = WARD_AUDIT_DIRECTORY_USER_DISABLED,
};

static gboolean
apply_change (WardDirectorySync    *self,
              WardDirectoryChange  *change,
              GHashTable           *added,
              const char           *run_by,
              GError              **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = change_details (change, run_by);
  gint64 id = change->user_id != 0 ? change->user_id
                                   : (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (added, change->username));
  gboolean ok = TRUE;

  switch (change->kind)
    {
    case WARD_DIRECTORY_CHANGE_ADD_USER:
      id = ward_directory_add_user (store, change->username, change->full_name, error);
      ok = id > 0 && ward_ldap_settings_link_account (store, id, change->dn, error);
      g_hash_table_insert (added, change->username, GSIZE_TO_POINTER ((gsize) id));
      change->user_id = id;
      break;
    case WARD_DIRECTORY_CHANGE_ENABLE:
    case WARD_DIRECTORY_CHANGE_DISABLE:
      ok = ward_directory_set_disabled (store, id, change->kind == WARD_DIRECTORY_CHANGE_DISABLE, error);
      break;
    case WARD_DIRECTORY_CHANGE_RENAME:
      ok = ward_directory_set_full_name (store, id, change->full_name, error);
      break;
    case WARD_DIRECTORY_CHANGE_GRANT:
      ok = ward_directory_grant_role (store, id, change->role, DIRECTORY_ACTOR, error);
      break;
    case WARD_DIRECTORY_CHANGE_REVOKE:
      ok = ward_directory_revoke_role (store, id, change->role, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok && ward_audit_append (store, change_events[change->kind], DIRECTORY_ACTOR, change->username,
                                  details, FALSE, error);
}

/* DNs move when people change departments: the link follows, quietly,
 * because nothing the kiosk decides depends on it. */
static gboolean
relink_moved (WardDirectorySync  *self,
              DirectoryView      *view,
              GError            **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  GHashTableIter iter;
  gpointer id, dn;

  g_hash_table_iter_init (&iter, view->moved);
  while (g_hash_table_iter_next (&iter, &id, &dn))
    if (!ward_ldap_settings_link_account (store, *(gint64 *) id, dn, error))
      return FALSE;
  return TRUE;
}

static void
audit_failure (WardDirectorySync *self,
               const GError      *failure,
               const char        *run_by)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autofree char *details = ward_audit_details ("reason", failure->message, "run_by", run_by, NULL);
  g_autoptr(GError) error = NULL;

  if (!ward_audit_append (store, WARD_AUDIT_DIRECTORY_SYNC_FAILED, DIRECTORY_ACTOR, NULL, details,
                          failure->code == WARD_DIRECTORY_ERROR_LAST_ADMIN, &error))
    g_warning ("Could not record the failed directory sync: %s", error->message);
}

/* Reads the directory, then compares, checks and applies in one store
 * transaction: either every change is written or none. A dry run stops
 * after the check and writes nothing, not even an audit record. */
WardDirectorySyncResult *
ward_directory_sync_run (WardDirectorySync  *self,
                         gboolean            dry_run,
                         const char         *run_by,
                         GError            **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_auto(DirectoryView) view = { 0 };
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_DIRECTORY_SYNC (self), NULL);

  if (!read_directory (self, &view, &local_error))
    goto failed;
  if (!ward_store_begin (store, &local_error))
    goto failed;
  result = plan (self, &view, &local_error);
  ok = result != NULL && ward_directory_sync_check_admins (store, result, &local_error);
  if (!ok || dry_run)
    {
      ward_store_rollback (store);
      if (!ok)
        goto failed;
      return g_steal_pointer (&result);
    }

  for (guint i = 0; ok && i < result->changes->len; i++)
    ok = apply_change (self, g_ptr_array_index (result->changes, i), added, run_by, &local_error);
  ok = ok && relink_moved (self, &view, &local_error);
  if (ok && result->changes->len > 0)
    {
      g_autofree char *n_changes = g_strdup_printf ("%u", result->changes->len);
      g_autofree char *n_people = g_strdup_printf ("%u", result->n_people);
      g_autofree char *details = ward_audit_details ("changes", n_changes, "people", n_people,
                                                     "run_by", run_by, NULL);

      ok = ward_audit_append (store, WARD_AUDIT_DIRECTORY_SYNCED, DIRECTORY_ACTOR, NULL, details, FALSE,
                              &local_error);
    }
  if (!ok)
    {
      ward_store_rollback (store);
      goto failed;
    }
  if (!ward_store_commit (store, &local_error))
    goto failed;
  result->applied = TRUE;
  return g_steal_pointer (&result);

failed:
  if (!dry_run)
    audit_failure (self, local_error, run_by);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}
