/* ward-directory.c: staff accounts, roles and permissions as stored */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-directory.h"
#include "data/ward-row-guard-private.h"
#include "data/ward-stmt-args-private.h"

void
ward_user_record_free (WardUserRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->username);
  g_free (record->full_name);
  g_strfreev (record->roles);
  g_free (record);
}

void
ward_role_record_free (WardRoleRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->description);
  g_strfreev (record->permissions);
  g_free (record);
}

/* Collects the first column of every row of @sql as strings; with a
 * @guard table other than WARD_GUARD_N_TABLES, of the rows whose MAC (its
 * columns from the second on) holds only. */
static GStrv
collect_strings (WardStore       *store,
                 const char      *sql,
                 const WardArg   *args,
                 WardGuardTable   guard,
                 GError         **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, sql, args, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    if (guard == WARD_GUARD_N_TABLES || ward_row_guard_check (store, guard, stmt, 1))
      g_strv_builder_add (builder, ward_stmt_column_text (stmt, 0));
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* The roles a grant row that Wardgate wrote gives the account. */
static GStrv
user_roles (WardStore  *store,
            gint64      user_id,
            GError    **error)
{
  return collect_strings (store,
      "SELECT r.name, " WARD_GUARD_USER_ROLES_COLUMNS ("ur") " FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
      " WHERE ur.user_id = ? ORDER BY r.id", WARD_ARGS (WARD_ARG_INT64 (user_id)), WARD_GUARD_USER_ROLES, error);
}

static WardUserRecord *
user_from_row (WardStmt     *stmt)
{
  WardUserRecord *record = g_new0 (WardUserRecord, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&record->id), WARD_COL_TEXT (&record->username), WARD_COL_TEXT (&record->full_name),
      WARD_COL_BOOL (&record->disabled), WARD_COL_INT64 (&record->created_at)));
  return record;
}

/* An account row changed outside Wardgate (enabled again with plain SQL,
 * say) counts as disabled. */
static WardUserRecord *
guarded_user_from_row (WardStore    *store,
                       WardStmt     *stmt)
{
  WardUserRecord *record = user_from_row (stmt);

  if (!ward_row_guard_check (store, WARD_GUARD_USERS, stmt, 5))
    record->disabled = TRUE;
  return record;
}

static WardUserRecord *
fetch_one_user (WardStore      *store,
                const char     *sql,
                const WardArg  *args,
                const char     *what,
                GError        **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, sql, args, error);
  g_autoptr(WardUserRecord) record = NULL;

  if (stmt == NULL)
    return NULL;
  if (!ward_store_step_row (store, stmt, error, WARD_STORE_ERROR_NOT_FOUND, _("There is no account “%s”."), what))
    return NULL;

  record = guarded_user_from_row (store, stmt);
  ward_stmt_reset (stmt);
  record->roles = user_roles (store, record->id, error);
  if (record->roles == NULL)
    return NULL;
  return g_steal_pointer (&record);
}

#define USER_COLUMNS "SELECT id, username, full_name, disabled, created_at, " WARD_GUARD_USERS_COLUMNS " FROM users"

WardUserRecord *
ward_directory_find_user (WardStore   *store,
                          const char  *username,
                          GError     **error)
{
  return fetch_one_user (store, USER_COLUMNS " WHERE username = ?", WARD_ARGS (WARD_ARG_TEXT (username)),
                         username, error);
}

WardUserRecord *
ward_directory_get_user (WardStore  *store,
                         gint64      user_id,
                         GError    **error)
{
  g_autofree char *what = g_strdup_printf ("#%" G_GINT64_FORMAT, user_id);

  return fetch_one_user (store, USER_COLUMNS " WHERE id = ?", WARD_ARGS (WARD_ARG_INT64 (user_id)), what, error);
}

/* Search matches user name or full name, case-insensitively. */
GPtrArray *
ward_directory_list_users (WardStore   *store,
                           const char  *search,
                           GError     **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_user_record_free);
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, USER_COLUMNS
      " WHERE CAST (?1 AS TEXT) IS NULL OR instr (lower (username), lower (?1)) > 0"
      "    OR instr (lower (full_name), lower (?1)) > 0"
      " ORDER BY username",
      WARD_ARGS (WARD_ARG_TEXT_OR_NULL (search != NULL && *search != '\0' ? search : NULL)), error);
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    g_ptr_array_add (users, guarded_user_from_row (store, stmt));
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  ward_stmt_reset (stmt);

  for (guint i = 0; i < users->len; i++)
    {
      WardUserRecord *record = g_ptr_array_index (users, i);

      record->roles = user_roles (store, record->id, error);
      if (record->roles == NULL)
        return NULL;
    }
  return g_steal_pointer (&users);
}

/* Returns @user_id, or 0 when the MAC could not be written. */
static gint64
seal_user (WardStore  *store,
           gint64      user_id,
           GError    **error)
{
  g_autofree char *where = g_strdup_printf ("id = %" G_GINT64_FORMAT, user_id);

  return ward_row_guard_seal (store, WARD_GUARD_USERS, where, error) ? user_id : 0;
}

gint64
ward_directory_add_user (WardStore   *store,
                         const char  *username,
                         const char  *full_name,
                         GError     **error)
{
  gint64 new_id = ward_store_insert_new (store,
      "INSERT INTO users (username, full_name, created_at) VALUES (?, ?, ?) RETURNING id",
      WARD_ARGS (WARD_ARG_TEXT (username), WARD_ARG_TEXT (full_name),
                 WARD_ARG_INT64 (ward_store_now (store))),
      error, _("The user name “%s” is already taken."), username);

  return new_id != 0 ? seal_user (store, new_id, error) : 0;
}

gboolean
ward_directory_set_full_name (WardStore   *store,
                              gint64       user_id,
                              const char  *full_name,
                              GError     **error)
{
  return ward_store_run (store, "UPDATE users SET full_name = ?1 WHERE id = ?2",
                         WARD_ARGS (WARD_ARG_TEXT (full_name), WARD_ARG_INT64 (user_id)), error);
}

gboolean
ward_directory_set_disabled (WardStore  *store,
                             gint64      user_id,
                             gboolean    disabled,
                             GError    **error)
{
  return ward_store_run (store,
                         "UPDATE users SET disabled = ?1, disabled_at = CASE WHEN ?1 != 0 THEN ?2 END WHERE id = ?3",
                         WARD_ARGS (WARD_ARG_BOOL (disabled),
                                    WARD_ARG_INT64 (ward_store_now (store)),
                                    WARD_ARG_INT64 (user_id)), error)
      && seal_user (store, user_id, error) != 0;
}

gboolean
ward_directory_grant_role (WardStore   *store,
                           gint64       user_id,
                           const char  *role,
                           const char  *granted_by,
                           GError     **error)
{
  if (!ward_directory_has_role (store, role))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND,
                   _("There is no role “%s”."), role);
      return FALSE;
    }
  if (!ward_store_run_changing (store,
                                "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by)"
                                " SELECT ?1, id, ?2, ?3 FROM roles WHERE name = ?4 ON CONFLICT DO NOTHING",
                                WARD_ARGS (WARD_ARG_INT64 (user_id),
                                           WARD_ARG_INT64 (ward_store_now (store)),
                                           WARD_ARG_TEXT (granted_by), WARD_ARG_TEXT (role)),
                                WARD_STORE_ERROR_EXISTS, _("The account already has this role."), error))
    return FALSE;
  {
    g_autofree char *quoted = ward_store_quote (role);
    g_autofree char *where = g_strdup_printf ("user_id = %" G_GINT64_FORMAT
                                              " AND role_id = (SELECT id FROM roles WHERE name = %s)",
                                              user_id, quoted);

    return ward_row_guard_seal (store, WARD_GUARD_USER_ROLES, where, error);
  }
}

gboolean
ward_directory_revoke_role (WardStore   *store,
                            gint64       user_id,
                            const char  *role,
                            GError     **error)
{
  return ward_store_run_changing (store,
      "DELETE FROM user_roles WHERE user_id = ?1 AND role_id = (SELECT id FROM roles WHERE name = ?2)",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (role)),
      WARD_STORE_ERROR_NOT_FOUND, _("The account does not have this role."), error);
}

static gboolean
check_role_and_permission (WardStore   *store,
                           const char  *role,
                           const char  *permission,
                           GError     **error)
{
  if (!ward_directory_has_role (store, role))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND,
                   _("There is no role “%s”."), role);
      return FALSE;
    }
  if (!ward_directory_has_permission (store, permission))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND,
                   _("There is no permission “%s”."), permission);
      return FALSE;
    }
  return TRUE;
}

gboolean
ward_directory_permit (WardStore   *store,
                       const char  *role,
                       const char  *permission,
                       GError     **error)
{
  if (!check_role_and_permission (store, role, permission, error)
      || !ward_store_run_changing (store,
                                   "INSERT INTO role_permissions (role_id, permission_id)"
                                   " SELECT r.id, p.id FROM roles r, permissions p WHERE r.name = ?1 AND p.name = ?2"
                                   " ON CONFLICT DO NOTHING",
                                   WARD_ARGS (WARD_ARG_TEXT (role), WARD_ARG_TEXT (permission)),
                                   WARD_STORE_ERROR_EXISTS, _("The role already has this permission."), error))
    return FALSE;
  {
    g_autofree char *quoted_role = ward_store_quote (role);
    g_autofree char *quoted_permission = ward_store_quote (permission);
    g_autofree char *where = g_strdup_printf ("role_id = (SELECT id FROM roles WHERE name = %s)"
                                              " AND permission_id = (SELECT id FROM permissions WHERE name = %s)",
                                              quoted_role, quoted_permission);

    return ward_row_guard_seal (store, WARD_GUARD_ROLE_PERMISSIONS, where, error);
  }
}

gboolean
ward_directory_forbid (WardStore   *store,
                       const char  *role,
                       const char  *permission,
                       GError     **error)
{
  return check_role_and_permission (store, role, permission, error)
      && ward_store_run_changing (store,
                                  "DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = ?1)"
                                  " AND permission_id = (SELECT id FROM permissions WHERE name = ?2)",
                                  WARD_ARGS (WARD_ARG_TEXT (role), WARD_ARG_TEXT (permission)),
                                  WARD_STORE_ERROR_NOT_FOUND, _("The role does not have this permission."), error);
}

/* The permissions of an account's grants, counting only grant rows that
 * Wardgate wrote (and, with @active_only, only while the account row is
 * as Wardgate wrote it and not disabled). */
static GStrv
guarded_permissions (WardStore  *store,
                     gint64      user_id,
                     gboolean    active_only,
                     GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store,
      "SELECT p.name, " WARD_GUARD_USER_ROLES_COLUMNS ("ur") ", " WARD_GUARD_ROLE_PERMISSIONS_COLUMNS ("rp") ","
      " u.id, u.username, u.disabled, u.row_mac FROM users u"
      " JOIN user_roles ur ON ur.user_id = u.id"
      " JOIN role_permissions rp ON rp.role_id = ur.role_id"
      " JOIN permissions p ON p.id = rp.permission_id"
      " WHERE u.id = ?1 AND (?2 = 0 OR u.disabled = 0) ORDER BY p.name",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_BOOL (active_only)), error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *last = NULL;
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    {
      const char *name = ward_stmt_column_text (stmt, 0);

      if (active_only && !ward_row_guard_check (store, WARD_GUARD_USERS, stmt, 7))
        continue;
      if (!ward_row_guard_check (store, WARD_GUARD_USER_ROLES, stmt, 1)
          || !ward_row_guard_check (store, WARD_GUARD_ROLE_PERMISSIONS, stmt, 4)
          || g_strcmp0 (name, last) == 0)
        continue;
      g_strv_builder_add (builder, name);
      g_free (last);
      last = g_strdup (name);
    }
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* What an account may do: the union of its roles' grants; nothing for a
 * disabled account. */
GStrv
ward_directory_user_permissions (WardStore  *store,
                                 gint64      user_id,
                                 GError    **error)
{
  return guarded_permissions (store, user_id, TRUE, error);
}

/* What the account's roles grant whatever its state: the rank to protect.
 * A disabled administrator is still an administrator once enabled again. */
GStrv
ward_directory_held_permissions (WardStore  *store,
                                 gint64      user_id,
                                 GError    **error)
{
  return guarded_permissions (store, user_id, FALSE, error);
}

static GStrv
role_permissions (WardStore   *store,
                  const char  *role,
                  GError     **error)
{
  return collect_strings (store,
      "SELECT p.name, " WARD_GUARD_ROLE_PERMISSIONS_COLUMNS ("rp") " FROM role_permissions rp"
      " JOIN roles r ON r.id = rp.role_id"
      " JOIN permissions p ON p.id = rp.permission_id WHERE r.name = ? ORDER BY p.id",
      WARD_ARGS (WARD_ARG_TEXT (role)), WARD_GUARD_ROLE_PERMISSIONS, error);
}

static WardRoleRecord *
role_from_row (WardStmt *stmt)
{
  WardRoleRecord *record = g_new0 (WardRoleRecord, 1);
  int n_members;

  ward_stmt_read_columns (stmt, WARD_COLUMNS (WARD_COL_TEXT (&record->name), WARD_COL_TEXT (&record->description),
                                              WARD_COL_INT (&n_members)));
  record->n_members = (guint) n_members;
  return record;
}

GPtrArray *
ward_directory_list_roles (WardStore  *store,
                           GError    **error)
{
  g_autoptr(GPtrArray) roles = ward_store_collect (store,
      "SELECT r.name, r.description,"
      " (SELECT count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id"
      "   WHERE ur.role_id = r.id AND u.disabled = 0)"
      " FROM roles r ORDER BY r.id", WARD_NO_ARGS,
      (WardStmtRowFunc) role_from_row, (GDestroyNotify) ward_role_record_free, error);

  if (roles == NULL)
    return NULL;

  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *record = g_ptr_array_index (roles, i);

      record->permissions = role_permissions (store, record->name, error);
      if (record->permissions == NULL)
        return NULL;
    }
  return g_steal_pointer (&roles);
}

GStrv
ward_directory_list_permissions (WardStore  *store,
                                 GError    **error)
{
  return collect_strings (store, "SELECT name FROM permissions ORDER BY id", WARD_NO_ARGS, WARD_GUARD_N_TABLES, error);
}

static gboolean
name_exists (WardStore  *store,
             const char *sql,
             const char *name)
{
  gboolean found = FALSE;

  return name != NULL
      && ward_store_read_row (store, sql, WARD_ARGS (WARD_ARG_TEXT (name)), WARD_NO_COLUMNS, &found, NULL)
      && found;
}

gboolean
ward_directory_has_role (WardStore  *store,
                         const char *role)
{
  return name_exists (store, "SELECT 1 FROM roles WHERE name = ?", role);
}

gboolean
ward_directory_has_permission (WardStore  *store,
                               const char *permission)
{
  return name_exists (store, "SELECT 1 FROM permissions WHERE name = ?", permission);
}

gint
ward_directory_count_admins (WardStore  *store,
                             GError    **error)
{
  int count = -1;

  if (!ward_store_read_row (store, "SELECT count(*) FROM active_role_managers", WARD_NO_ARGS,
                            WARD_COLUMNS (WARD_COL_INT (&count)), NULL, error))
    return -1;
  return count;
}

/* The ids (gint64) of the active accounts holding roles.manage. */
GArray *
ward_directory_list_admin_ids (WardStore  *store,
                               GError    **error)
{
  return ward_store_collect_ids (store, "SELECT user_id FROM active_role_managers ORDER BY user_id", WARD_NO_ARGS,
                                 error);
}
