/* ward-enrolment-trust.c: whose enrolments an account may keep when its rights grow */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-account-admin.h"
#include "app/admin/ward-enrolment-trust.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"

/* The same rule as enrolling in the first place (ward_actor_require_over):
 * the enroller must hold every right the account will have, or manage both
 * accounts and roles. Nobody recorded (an older enrolment) is not trusted. */
static gboolean
enroller_covers (WardStore          *store,
                 gint64              enroller,
                 const char *const  *rights_after)
{
  g_auto(GStrv) held = NULL;

  if (enroller <= 0)
    return FALSE;
  held = ward_directory_held_permissions (store, enroller, NULL);
  if (held == NULL)
    return FALSE;
  if (g_strv_contains ((const char *const *) held, "users.manage")
      && g_strv_contains ((const char *const *) held, "roles.manage"))
    return TRUE;
  for (guint i = 0; rights_after != NULL && rights_after[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) held, rights_after[i]))
      return FALSE;
  return TRUE;
}

/* "badge 3 enrolled by glin, key 2 “Backup” enrolled by nobody recorded",
 * or NULL when every working credential is trusted for the new rights. */
char *
ward_enrolment_trust_list_untrusted (WardStore          *store,
                                     gint64              user_id,
                                     const char *const  *rights_after,
                                     GError            **error)
{
  g_autoptr(GPtrArray) enrolments = ward_credentials_list_enrolments (store, user_id, error);
  g_autoptr(GString) list = NULL;

  if (enrolments == NULL)
    return NULL;
  for (guint i = 0; i < enrolments->len; i++)
    {
      WardEnrolmentRecord *record = g_ptr_array_index (enrolments, i);
      g_autoptr(WardUserRecord) enroller = NULL;
      g_autofree char *id = NULL;

      if (record->enrolled_by == user_id || enroller_covers (store, record->enrolled_by, rights_after))
        continue;
      if (list == NULL)
        list = g_string_new (NULL);
      else
        g_string_append (list, ", ");
      enroller = record->enrolled_by > 0 ? ward_directory_get_user (store, record->enrolled_by, NULL) : NULL;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, record->id);
      /* TRANSLATORS: "badge 3 enrolled by glin"; the first word is a kind of credential */
      g_string_append_printf (list, _("%s %s enrolled by %s"), record->kind, id,
                              enroller != NULL ? enroller->username : _("nobody recorded"));
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return list != NULL ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

/* Before an account is enabled or given more rights: credentials put there
 * by people who could not have enrolled them for those rights are refused
 * unless the administrator confirms them (and the confirmation is audited
 * through *kept), or revokes them first. */
gboolean
ward_enrolment_trust_check (WardStore          *store,
                            gint64              user_id,
                            const char         *username,
                            const char *const  *rights_after,
                            gboolean            keep_credentials,
                            char              **kept,
                            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *untrusted = ward_enrolment_trust_list_untrusted (store, user_id, rights_after, &local_error);

  *kept = NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (untrusted == NULL)
    return TRUE;
  if (keep_credentials)
    {
      *kept = g_steal_pointer (&untrusted);
      return TRUE;
    }
  g_set_error (error, WARD_ACCOUNT_ADMIN_ERROR, WARD_ACCOUNT_ADMIN_ERROR_UNTRUSTED_CREDENTIALS,
               _("“%s” has credentials enrolled by people with fewer rights (%s). Check them with the person, "
                 "then confirm with --keep-credentials, or revoke them first."), username, untrusted);
  return FALSE;
}
