/* ward-directory-sync-check.c: the administrator rules, held by a directory sync's whole plan before it is written */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-account-admin.h"
#include "app/directory/ward-directory-sync-check.h"
#include "app/directory/ward-ldap-client.h"
#include "data/ward-directory.h"

/* The roles that make their holder an administrator (they grant
 * roles.manage). */
static GHashTable *
managing_roles (WardStore  *store,
                GError    **error)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, error);
  GHashTable *managing;

  if (roles == NULL)
    return NULL;
  managing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);

      if (g_strv_contains ((const char *const *) role->permissions, "roles.manage"))
        g_hash_table_add (managing, g_strdup (role->name));
    }
  return managing;
}

typedef struct
{
  gboolean   disabled;
  GPtrArray *roles;     /* borrowed names */
} PlannedState;

static void
planned_state_free (PlannedState *state)
{
  g_ptr_array_unref (state->roles);
  g_free (state);
}

static gboolean
planned_is_admin (PlannedState *state,
                  GHashTable   *managing)
{
  if (state->disabled)
    return FALSE;
  for (guint i = 0; i < state->roles->len; i++)
    if (g_hash_table_contains (managing, state->roles->pdata[i]))
      return TRUE;
  return FALSE;
}

/* The same rules as by hand (app/admin/ward-account-admin.c), held by the
 * whole plan before any row is written: when an administrator would stop
 * being one, another administrator must remain who could sign in today. */
gboolean
ward_directory_sync_check_admins (WardStore                *store,
                                  WardDirectorySyncResult  *result,
                                  GError                  **error)
{
  g_autoptr(GHashTable) managing = managing_roles (store, error);
  g_autoptr(GArray) admins = NULL;
  g_autoptr(GHashTable) planned = NULL;
  g_autoptr(WardAccountAdmin) accounts = ward_account_admin_new (store);
  const WardDirectoryChange *first_loss = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (managing == NULL || (admins = ward_directory_list_admin_ids (store, error)) == NULL)
    return FALSE;

  /* Only existing accounts matter: a new one has no credentials yet, so
   * it cannot be the administrator who signs in. */
  planned = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) planned_state_free);
  for (guint i = 0; i < result->changes->len; i++)
    {
      WardDirectoryChange *change = g_ptr_array_index (result->changes, i);
      PlannedState *state;

      if (change->user_id == 0)
        continue;
      state = g_hash_table_lookup (planned, &change->user_id);
      if (state == NULL)
        {
          g_autoptr(WardUserRecord) user = ward_directory_get_user (store, change->user_id, error);

          if (user == NULL)
            return FALSE;
          state = g_new0 (PlannedState, 1);
          state->disabled = user->disabled;
          state->roles = g_ptr_array_new_with_free_func (g_free);
          for (guint j = 0; user->roles[j] != NULL; j++)
            g_ptr_array_add (state->roles, g_strdup (user->roles[j]));
          g_hash_table_insert (planned, &change->user_id, state);
        }
      switch (change->kind)
        {
        case WARD_DIRECTORY_CHANGE_ENABLE:
          state->disabled = FALSE;
          break;
        case WARD_DIRECTORY_CHANGE_DISABLE:
          state->disabled = TRUE;
          break;
        case WARD_DIRECTORY_CHANGE_GRANT:
          g_ptr_array_add (state->roles, g_strdup (change->role));
          break;
        case WARD_DIRECTORY_CHANGE_REVOKE:
          for (guint j = 0; j < state->roles->len; j++)
            if (g_str_equal (state->roles->pdata[j], change->role))
              g_ptr_array_remove_index (state->roles, j--);
          break;
        default:
          break;
        }
    }

  /* The first change that makes an administrator stop being one. */
  for (guint i = 0; i < admins->len && first_loss == NULL; i++)
    {
      gint64 id = g_array_index (admins, gint64, i);
      PlannedState *state = g_hash_table_lookup (planned, &id);

      if (state == NULL || planned_is_admin (state, managing))
        continue;
      for (guint j = 0; j < result->changes->len && first_loss == NULL; j++)
        {
          WardDirectoryChange *change = g_ptr_array_index (result->changes, j);

          if (change->user_id == id
              && (change->kind == WARD_DIRECTORY_CHANGE_DISABLE
                  || (change->kind == WARD_DIRECTORY_CHANGE_REVOKE
                      && g_hash_table_contains (managing, change->role))))
            first_loss = change;
        }
    }
  if (first_loss == NULL)
    return TRUE;

  /* Who is still (or becomes) an administrator after the plan, and could
   * one of them sign in today? */
  for (guint i = 0; i < admins->len; i++)
    {
      gint64 id = g_array_index (admins, gint64, i);
      PlannedState *state = g_hash_table_lookup (planned, &id);

      if ((state == NULL || planned_is_admin (state, managing)) && ward_account_admin_can_sign_in (accounts, id))
        return TRUE;
    }
  g_hash_table_iter_init (&iter, planned);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (planned_is_admin (value, managing) && ward_account_admin_can_sign_in (accounts, *(gint64 *) key))
      return TRUE;

  {
    g_autofree char *what = ward_directory_change_describe (first_loss);

    g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_LAST_ADMIN,
                 _("The sync was refused: it would %s, and then no administrator could sign in "
                   "(badge, key and app enrolled, not locked). Nothing was changed. Enrol another "
                   "administrator or fix the directory first."), what);
  }
  return FALSE;
}

