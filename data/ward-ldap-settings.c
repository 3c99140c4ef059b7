/* ward-ldap-settings.c: the hospital directory as configured: connection, sealed bind password, group → role maps, owned accounts */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-directory.h"
#include "data/ward-ldap-settings.h"
#include "data/ward-stmt-private.h"

/* Binds the sealed password to its purpose: a sealed TOTP secret copied
 * into this column does not unseal as a password, nor the other way. */
#define PASSWORD_CONTEXT "wardgate-directory-bind-password-v1"

void
ward_ldap_settings_free (WardLdapSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->uri);
  g_free (settings->base_dn);
  g_free (settings->bind_dn);
  g_free (settings->user_filter);
  g_free (settings->ca_file);
  g_free (settings->disabled_attribute);
  g_free (settings->updated_by);
  g_free (settings);
}

void
ward_ldap_role_map_free (WardLdapRoleMap *map)
{
  if (map == NULL)
    return;
  g_free (map->group_dn);
  g_free (map->role);
  g_free (map->mapped_by);
  g_free (map);
}

void
ward_ldap_account_free (WardLdapAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->dn);
  g_free (account);
}

static void
bind_text_or_null (WardStmt     *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    ward_stmt_bind_text (stmt, column, text);
  else
    ward_stmt_bind_null (stmt, column);
}

/* Replaces the whole configuration: a half-updated one (a new server with
 * the old password) could bind somewhere unintended. */
gboolean
ward_ldap_settings_save (WardStore               *store,
                         const WardLdapSettings  *settings,
                         GBytes                  *bind_password,
                         GError                 **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(WardStoreStmt) stmt = NULL;
  gsize length;
  const guint8 *password = g_bytes_get_data (bind_password, &length);

  sealed = ward_install_key_seal (ward_store_get_key (store), password, length, PASSWORD_CONTEXT, error);
  if (sealed == NULL)
    return FALSE;
  stmt = ward_store_prepare (store,
      "INSERT INTO directory_settings (id, uri, base_dn, bind_dn, sealed_password, user_filter,"
      " ca_file, starttls, insecure, disabled_attribute, updated_at, updated_by)"
      " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET"
      " uri = excluded.uri, base_dn = excluded.base_dn, bind_dn = excluded.bind_dn,"
      " sealed_password = excluded.sealed_password, user_filter = excluded.user_filter,"
      " ca_file = excluded.ca_file, starttls = excluded.starttls, insecure = excluded.insecure,"
      " disabled_attribute = excluded.disabled_attribute, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by", error);
  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, settings->uri);
  ward_stmt_bind_text (stmt, 2, settings->base_dn);
  ward_stmt_bind_text (stmt, 3, settings->bind_dn);
  ward_stmt_bind_blob (stmt, 4, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed));
  ward_stmt_bind_text (stmt, 5, settings->user_filter);
  bind_text_or_null (stmt, 6, settings->ca_file);
  ward_stmt_bind_int64 (stmt, 7, settings->starttls ? 1 : 0);
  ward_stmt_bind_int64 (stmt, 8, settings->insecure ? 1 : 0);
  bind_text_or_null (stmt, 9, settings->disabled_attribute);
  ward_stmt_bind_int64 (stmt, 10, ward_clock_get_now (ward_store_get_clock (store)));
  ward_stmt_bind_text (stmt, 11, settings->updated_by);
  return ward_store_step_done (store, stmt, error);
}

/* Steps the one row of settings, which exists once they were set. */
static gboolean
step_settings (WardStore  *store,
               WardStmt   *stmt,
               GError    **error)
{
  return ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND,
                              _("No hospital directory is set up. Use “wardgate-admin directory set” first."));
}

WardLdapSettings *
ward_ldap_settings_load (WardStore  *store,
                         GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT uri, base_dn, bind_dn, user_filter, ca_file, starttls, insecure, disabled_attribute,"
      " updated_at, updated_by FROM directory_settings WHERE id = 1", error);
  WardLdapSettings *settings;

  if (stmt == NULL)
    return NULL;
  if (!step_settings (store, stmt, error))
    return NULL;
  settings = g_new0 (WardLdapSettings, 1);
  settings->uri = ward_stmt_dup_text (stmt, 0);
  settings->base_dn = ward_stmt_dup_text (stmt, 1);
  settings->bind_dn = ward_stmt_dup_text (stmt, 2);
  settings->user_filter = ward_stmt_dup_text (stmt, 3);
  settings->ca_file = ward_stmt_dup_text (stmt, 4);
  settings->starttls = ward_stmt_column_int (stmt, 5) != 0;
  settings->insecure = ward_stmt_column_int (stmt, 6) != 0;
  settings->disabled_attribute = ward_stmt_dup_text (stmt, 7);
  settings->updated_at = ward_stmt_column_int64 (stmt, 8);
  settings->updated_by = ward_stmt_dup_text (stmt, 9);
  return settings;
}

GBytes *
ward_ldap_settings_unseal_password (WardStore  *store,
                                    GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT sealed_password FROM directory_settings WHERE id = 1", error);
  g_autoptr(GBytes) sealed = NULL;

  if (stmt == NULL)
    return NULL;
  if (!step_settings (store, stmt, error))
    return NULL;
  sealed = g_bytes_new (ward_stmt_column_blob (stmt, 0), (gsize) ward_stmt_column_bytes (stmt, 0));
  return ward_install_key_unseal (ward_store_get_key (store), sealed, PASSWORD_CONTEXT, error);
}

gboolean
ward_ldap_settings_map (WardStore   *store,
                        const char  *group_dn,
                        const char  *role,
                        const char  *mapped_by,
                        GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO directory_role_maps (group_dn, role_id, mapped_at, mapped_by)"
      " SELECT ?1, id, ?2, ?3 FROM roles WHERE name = ?4 ON CONFLICT DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  if (!ward_directory_has_role (store, role))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
      return FALSE;
    }
  ward_stmt_bind_text (stmt, 1, group_dn);
  ward_stmt_bind_int64 (stmt, 2, ward_clock_get_now (ward_store_get_clock (store)));
  ward_stmt_bind_text (stmt, 3, mapped_by);
  ward_stmt_bind_text (stmt, 4, role);
  return ward_store_step_done (store, stmt, error)
      && ward_store_require_changed (store, WARD_STORE_ERROR_EXISTS,
                                     _("This group already gives this role."), error);
}

gboolean
ward_ldap_settings_unmap (WardStore   *store,
                          const char  *group_dn,
                          const char  *role,
                          GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "DELETE FROM directory_role_maps WHERE group_dn = ?1"
      " AND role_id = (SELECT id FROM roles WHERE name = ?2)", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, group_dn);
  ward_stmt_bind_text (stmt, 2, role);
  return ward_store_step_done (store, stmt, error)
      && ward_store_require_changed (store, WARD_STORE_ERROR_NOT_FOUND,
                                     _("This group does not give this role."), error);
}

static WardLdapRoleMap *
map_from_row (WardStmt *stmt)
{
  WardLdapRoleMap *map = g_new0 (WardLdapRoleMap, 1);

  map->group_dn = ward_stmt_dup_text (stmt, 0);
  map->role = ward_stmt_dup_text (stmt, 1);
  map->mapped_at = ward_stmt_column_int64 (stmt, 2);
  map->mapped_by = ward_stmt_dup_text (stmt, 3);
  return map;
}

GPtrArray *
ward_ldap_settings_list_maps (WardStore  *store,
                              GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT m.group_dn, r.name, m.mapped_at, m.mapped_by FROM directory_role_maps m"
      " JOIN roles r ON r.id = m.role_id ORDER BY m.group_dn, r.id", error);

  if (stmt == NULL)
    return NULL;
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) map_from_row,
                                  (GDestroyNotify) ward_ldap_role_map_free, error);
}

/* A role some group gives: for directory accounts, the directory alone
 * decides whether they hold it. */
gboolean
ward_ldap_settings_is_mapped_role (WardStore  *store,
                                   const char *role)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT 1 FROM directory_role_maps m JOIN roles r ON r.id = m.role_id WHERE r.name = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, role);
  return ward_stmt_step (stmt) == WARD_STMT_ROW;
}

/* user id (gint64 *) → DN of every account the directory owns. */
GHashTable *
ward_ldap_settings_list_accounts (WardStore  *store,
                                  GError    **error)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT user_id, dn FROM directory_accounts", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    g_hash_table_insert (accounts, g_memdup2 (&(gint64) { ward_stmt_column_int64 (stmt, 0) }, sizeof (gint64)),
                         ward_stmt_dup_text (stmt, 1));
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

/* NULL for an account made at the kiosk or with wardgate-admin. */
char *
ward_ldap_settings_account_dn (WardStore *store,
                               gint64     user_id)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT dn FROM directory_accounts WHERE user_id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  return ward_stmt_step (stmt) == WARD_STMT_ROW ? ward_stmt_dup_text (stmt, 0) : NULL;
}

gboolean
ward_ldap_settings_link_account (WardStore   *store,
                                 gint64       user_id,
                                 const char  *dn,
                                 GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO directory_accounts (user_id, dn, linked_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (user_id) DO UPDATE SET dn = excluded.dn", error);

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  ward_stmt_bind_text (stmt, 2, dn);
  ward_stmt_bind_int64 (stmt, 3, ward_clock_get_now (ward_store_get_clock (store)));
  return ward_store_step_done (store, stmt, error);
}
