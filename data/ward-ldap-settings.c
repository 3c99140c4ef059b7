/* ward-ldap-settings.c: the hospital directory as configured: connection, sealed bind password, group → role maps, owned accounts */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-directory.h"
#include "data/ward-ldap-settings.h"
#include "data/ward-stmt-args-private.h"

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

/* An optional setting left empty is stored as none. */
static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
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
  gsize length;
  const guint8 *password = g_bytes_get_data (bind_password, &length);

  sealed = ward_install_key_seal (ward_store_get_key (store), password, length, PASSWORD_CONTEXT, error);
  if (sealed == NULL)
    return FALSE;
  return ward_store_run (store,
      "INSERT INTO directory_settings (id, uri, base_dn, bind_dn, sealed_password, user_filter,"
      " ca_file, starttls, insecure, disabled_attribute, updated_at, updated_by)"
      " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO UPDATE SET"
      " uri = excluded.uri, base_dn = excluded.base_dn, bind_dn = excluded.bind_dn,"
      " sealed_password = excluded.sealed_password, user_filter = excluded.user_filter,"
      " ca_file = excluded.ca_file, starttls = excluded.starttls, insecure = excluded.insecure,"
      " disabled_attribute = excluded.disabled_attribute, updated_at = excluded.updated_at,"
      " updated_by = excluded.updated_by",
      WARD_ARGS (WARD_ARG_TEXT (settings->uri), WARD_ARG_TEXT (settings->base_dn), WARD_ARG_TEXT (settings->bind_dn),
                 WARD_ARG_BLOB (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)),
                 WARD_ARG_TEXT (settings->user_filter), WARD_ARG_TEXT_OR_NULL (nonempty (settings->ca_file)),
                 WARD_ARG_BOOL (settings->starttls), WARD_ARG_BOOL (settings->insecure),
                 WARD_ARG_TEXT_OR_NULL (nonempty (settings->disabled_attribute)),
                 WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_TEXT (settings->updated_by)), error);
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
  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_TEXT (&settings->uri), WARD_COL_TEXT (&settings->base_dn), WARD_COL_TEXT (&settings->bind_dn),
      WARD_COL_TEXT (&settings->user_filter), WARD_COL_TEXT (&settings->ca_file),
      WARD_COL_BOOL (&settings->starttls), WARD_COL_BOOL (&settings->insecure),
      WARD_COL_TEXT (&settings->disabled_attribute), WARD_COL_INT64 (&settings->updated_at),
      WARD_COL_TEXT (&settings->updated_by)));
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
  if (!ward_directory_has_role (store, role))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND, _("There is no role “%s”."), role);
      return FALSE;
    }
  return ward_store_run_changing (store,
      "INSERT INTO directory_role_maps (group_dn, role_id, mapped_at, mapped_by)"
      " SELECT ?1, id, ?2, ?3 FROM roles WHERE name = ?4 ON CONFLICT DO NOTHING",
      WARD_ARGS (WARD_ARG_TEXT (group_dn), WARD_ARG_INT64 (ward_store_now (store)),
                 WARD_ARG_TEXT (mapped_by), WARD_ARG_TEXT (role)),
      WARD_STORE_ERROR_EXISTS, _("This group already gives this role."), error);
}

gboolean
ward_ldap_settings_unmap (WardStore   *store,
                          const char  *group_dn,
                          const char  *role,
                          GError     **error)
{
  return ward_store_run_changing (store,
      "DELETE FROM directory_role_maps WHERE group_dn = ?1"
      " AND role_id = (SELECT id FROM roles WHERE name = ?2)",
      WARD_ARGS (WARD_ARG_TEXT (group_dn), WARD_ARG_TEXT (role)),
      WARD_STORE_ERROR_NOT_FOUND, _("This group does not give this role."), error);
}

static WardLdapRoleMap *
map_from_row (WardStmt *stmt)
{
  WardLdapRoleMap *map = g_new0 (WardLdapRoleMap, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (WARD_COL_TEXT (&map->group_dn), WARD_COL_TEXT (&map->role),
                                              WARD_COL_INT64 (&map->mapped_at), WARD_COL_TEXT (&map->mapped_by)));
  return map;
}

GPtrArray *
ward_ldap_settings_list_maps (WardStore  *store,
                              GError    **error)
{
  return ward_store_collect (store,
      "SELECT m.group_dn, r.name, m.mapped_at, m.mapped_by FROM directory_role_maps m"
      " JOIN roles r ON r.id = m.role_id ORDER BY m.group_dn, r.id", WARD_NO_ARGS,
      (WardStmtRowFunc) map_from_row, (GDestroyNotify) ward_ldap_role_map_free, error);
}

/* A role some group gives: for directory accounts, the directory alone
 * decides whether they hold it. */
gboolean
ward_ldap_settings_is_mapped_role (WardStore  *store,
                                   const char *role)
{
  gboolean found = FALSE;

  return ward_store_read_row (store,
                              "SELECT 1 FROM directory_role_maps m JOIN roles r ON r.id = m.role_id WHERE r.name = ?",
                              WARD_ARGS (WARD_ARG_TEXT (role)), WARD_NO_COLUMNS, &found, NULL)
      && found;
}

static void
add_account (WardStmt *stmt,
             gpointer  accounts)
{
  g_hash_table_insert (accounts, g_memdup2 (&(gint64) { ward_stmt_column_int64 (stmt, 0) }, sizeof (gint64)),
                       ward_stmt_dup_text (stmt, 1));
}

/* user id (gint64 *) → DN of every account the directory owns. */
GHashTable *
ward_ldap_settings_list_accounts (WardStore  *store,
                                  GError    **error)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, "SELECT user_id, dn FROM directory_accounts",
                                                     WARD_NO_ARGS, error);

  if (stmt == NULL || !ward_store_each_row (store, stmt, add_account, accounts, error))
    return NULL;
  return g_steal_pointer (&accounts);
}

/* NULL for an account made at the kiosk or with wardgate-admin. */
char *
ward_ldap_settings_account_dn (WardStore *store,
                               gint64     user_id)
{
  char *dn = NULL;

  ward_store_read_row (store, "SELECT dn FROM directory_accounts WHERE user_id = ?",
                       WARD_ARGS (WARD_ARG_INT64 (user_id)), WARD_COLUMNS (WARD_COL_TEXT (&dn)), NULL, NULL);
  return dn;
}

gboolean
ward_ldap_settings_link_account (WardStore   *store,
                                 gint64       user_id,
                                 const char  *dn,
                                 GError     **error)
{
  return ward_store_run (store,
      "INSERT INTO directory_accounts (user_id, dn, linked_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (user_id) DO UPDATE SET dn = excluded.dn",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (dn),
                 WARD_ARG_INT64 (ward_store_now (store))), error);
}
