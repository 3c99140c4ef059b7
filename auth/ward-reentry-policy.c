/* ward-reentry-policy.c: how long after an idle lock a role may come back to its session with badge and key */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-policy.h"
#include "auth/ward-reentry-policy.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"

/* Checked after the change, inside its transaction: a role that manages
 * accounts never comes back with fewer factors for longer than nurses do,
 * as it never signs in more weakly than they do. */
gboolean
ward_reentry_policy_check_admins_not_longer (WardStore  *store,
                                             GError    **error)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, error);
  guint nurse = 0;

  if (roles == NULL || !ward_reentry_store_get_role_minutes (store, "nurse", &nurse, error))
    return FALSE;
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *record = g_ptr_array_index (roles, i);
      guint minutes = 0;

      if (!ward_policy_role_is_administrative (store, record->name))
        continue;
      if (!ward_reentry_store_get_role_minutes (store, record->name, &minutes, error))
        return FALSE;
      if (minutes > nurse)
        {
          g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK,
                       _("The role “%s” manages accounts, so it cannot come back without its code for longer "
                         "than nurses (%u min)."), record->name, nurse);
          return FALSE;
        }
    }
  return TRUE;
}

/* minutes: 0 turns re-entry off for the role (the full sign-in is asked
 * after every idle lock). */
gboolean
ward_reentry_policy_set_role_minutes (WardStore   *store,
                                      WardActor   *actor,
                                      const char  *role,
                                      guint        minutes,
                                      GError     **error)
{
  g_autofree char *value = g_strdup_printf ("%u", minutes);
  g_autofree char *details = ward_audit_details ("role", role, "reentry_minutes", value, NULL);
  gboolean ok;

  if (!ward_actor_require (actor, store, "roles.manage", "policy reentry", error))
    return FALSE;
  if (minutes > WARD_REENTRY_MAX_MINUTES)
    {
      g_set_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE,
                   _("The time to come back with badge and key must be between 0 (off) and %d minutes."),
                   WARD_REENTRY_MAX_MINUTES);
      return FALSE;
    }
  if (!ward_store_begin (store, error))
    return FALSE;
  ok = ward_reentry_store_set_role_minutes (store, role, minutes, error)
    && ward_reentry_policy_check_admins_not_longer (store, error)
    && ward_audit_append (store, WARD_AUDIT_POLICY_CHANGED, ward_actor_get_name (actor), role,
                          details, FALSE, error);
  return ward_store_finish (store, ok, error);
}
