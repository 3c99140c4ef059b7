/* ward-admin-guard.c: after any change, someone must still be able to sign in and administer */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-admin-guard.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "data/ward-policy-store.h"

G_DEFINE_QUARK (ward-admin-guard-error-quark, ward_admin_guard_error)

/* An administrator who could sign in today: every factor their policy asks
 * for is enrolled (a PIN lives on the key, so it needs a key) and no factor
 * is locked. */
gboolean
ward_admin_guard_is_usable (WardStore *store,
                            gint64     user_id)
{
  g_autoptr(GPtrArray) keys = ward_credentials_list_keys (store, user_id, FALSE, NULL);
  g_autoptr(WardTotpRecord) totp = ward_credentials_get_totp (store, user_id, NULL);
  g_autoptr(GPtrArray) locked = ward_failures_list_locked (store, NULL);
  WardFactors factors = WARD_FACTORS_DEFAULT;

  if (!ward_policy_store_get_user_factors (store, user_id, &factors, NULL) || keys == NULL || locked == NULL)
    return FALSE;
  for (guint i = 0; i < locked->len; i++)
    if (((WardFailureRecord *) locked->pdata[i])->user_id == user_id)
      return FALSE;
  return ward_credentials_count_badges (store, user_id) > 0
      && (!(factors & (WARD_FACTOR_KEY | WARD_FACTOR_UV)) || keys->len > 0)
      && (!(factors & WARD_FACTOR_TOTP) || (totp != NULL && totp->confirmed));
}

/* How many administrators (active holders of roles.manage) could sign in
 * today, other than @leaving_user_id. */
guint
ward_admin_guard_count_usable (WardStore *store,
                               gint64     leaving_user_id)
{
  g_autoptr(GArray) admins = NULL;
  guint usable = 0;

  /* Two changes that each take a different administrator away must not
   * both count the other one as still usable. */
  if (!ward_store_lock (store, WARD_STORE_LOCK_ADMINS, 0, NULL))
    return 0;
  admins = ward_directory_list_admin_ids (store, NULL);

  for (guint i = 0; admins != NULL && i < admins->len; i++)
    {
      gint64 id = g_array_index (admins, gint64, i);

      if (id != leaving_user_id && ward_admin_guard_is_usable (store, id))
        usable++;
    }
  return usable;
}

/* Run inside the transaction of a change that can take the last usable
 * administrator away (a permission removed, a badge, key or app revoked, a
 * stricter policy), after the change, with the count taken before it: the
 * database's own triggers only count accounts, and an account nobody can
 * sign in to saves no one. Only a change that leaves none where there was
 * one is refused, so a site still being set up is not blocked. */
gboolean
ward_admin_guard_check_after (WardStore  *store,
                              guint       usable_before,
                              GError    **error)
{
  if (usable_before == 0 || ward_admin_guard_count_usable (store, 0) > 0)
    return TRUE;
  g_set_error (error, WARD_ADMIN_GUARD_ERROR, WARD_ADMIN_GUARD_ERROR_NO_USABLE_ADMIN,
               _("After this no administrator could sign in (badge, key and app enrolled, not locked). "
                 "Enrol another administrator first."));
  return FALSE;
}
