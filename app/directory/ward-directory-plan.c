/* ward-directory-plan.c: what a directory sync would change (or changed) and what it passed over */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/directory/ward-directory-plan.h"

static void
change_free (WardDirectoryChange *change)
{
  g_free (change->username);
  g_free (change->dn);
  g_free (change->full_name);
  g_free (change->old_name);
  g_free (change->role);
  g_free (change->group_dn);
  g_free (change->why);
  g_free (change);
}

static void
skip_free (WardDirectorySkip *skip)
{
  g_free (skip->login);
  g_free (skip->dn);
  g_free (skip->reason);
  g_free (skip);
}

void
ward_directory_sync_result_free (WardDirectorySyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

WardDirectoryChange *
ward_directory_sync_result_add_change (WardDirectorySyncResult *result,
                                       WardDirectoryChangeKind  kind,
                                       gint64                   user_id,
                                       const char              *username,
                                       const char              *dn)
{
  WardDirectoryChange *change = g_new0 (WardDirectoryChange, 1);

  change->kind = kind;
  change->user_id = user_id;
  change->username = g_strdup (username);
  change->dn = g_strdup (dn);
  g_ptr_array_add (result->changes, change);
  return change;
}

void
ward_directory_sync_result_add_skip (WardDirectorySyncResult *result,
                                     const char              *login,
                                     const char              *dn,
                                     const char              *reason)
{
  WardDirectorySkip *skip = g_new0 (WardDirectorySkip, 1);

  skip->login = g_strdup (login);
  skip->dn = g_strdup (dn);
  skip->reason = g_strdup (reason);
  g_ptr_array_add (result->skipped, skip);
}

WardDirectorySyncResult *
ward_directory_sync_result_new (void)
{
  WardDirectorySyncResult *result = g_new0 (WardDirectorySyncResult, 1);

  result->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  result->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  return result;
}

const char *
ward_directory_change_kind_name (WardDirectoryChangeKind kind)
{
  switch (kind)
    {
    case WARD_DIRECTORY_CHANGE_ADD_USER: return "user-added";
    case WARD_DIRECTORY_CHANGE_ENABLE: return "user-enabled";
    case WARD_DIRECTORY_CHANGE_RENAME: return "user-renamed";
    case WARD_DIRECTORY_CHANGE_GRANT: return "role-granted";
    case WARD_DIRECTORY_CHANGE_REVOKE: return "role-revoked";
    case WARD_DIRECTORY_CHANGE_DISABLE: return "user-disabled";
    default: g_return_val_if_reached ("unknown");
    }
}

char *
ward_directory_change_describe (const WardDirectoryChange *change)
{
  switch (change->kind)
    {
    case WARD_DIRECTORY_CHANGE_ADD_USER:
      return g_strdup_printf (_("add “%s” (%s)"), change->username, change->full_name);
    case WARD_DIRECTORY_CHANGE_ENABLE:
      return g_strdup_printf (_("enable “%s”"), change->username);
    case WARD_DIRECTORY_CHANGE_RENAME:
      return g_strdup_printf (_("rename “%s” from “%s” to “%s”"), change->username, change->old_name,
                              change->full_name);
    case WARD_DIRECTORY_CHANGE_GRANT:
      return g_strdup_printf (_("give “%s” the role “%s”"), change->username, change->role);
    case WARD_DIRECTORY_CHANGE_REVOKE:
      return g_strdup_printf (_("take the role “%s” from “%s”"), change->role, change->username);
    case WARD_DIRECTORY_CHANGE_DISABLE:
      return g_strcmp0 (change->why, "gone") == 0
           ? g_strdup_printf (_("disable “%s” (no longer in the directory)"), change->username)
           : g_strdup_printf (_("disable “%s” (disabled in the directory)"), change->username);
    default:
      g_return_val_if_reached (NULL);
    }
}
