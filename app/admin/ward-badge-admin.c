/* ward-badge-admin.c: enrolling and revoking staff badges, checked and audited */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-badge-admin.h"
#include "auth/ward-admin-guard.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"

#define MIN_UID_DIGITS 4
#define MAX_UID_DIGITS 32

struct _WardBadgeAdmin
{
  WardStoreService parent_instance;
};

G_DEFINE_FINAL_TYPE (WardBadgeAdmin, ward_badge_admin, WARD_TYPE_STORE_SERVICE)
G_DEFINE_QUARK (ward-badge-admin-error-quark, ward_badge_admin_error)

static void
ward_badge_admin_class_init (WardBadgeAdminClass *klass)
{
}

static void
ward_badge_admin_init (WardBadgeAdmin *self)
{
}

WardBadgeAdmin *
ward_badge_admin_new (WardStore *store)
{
  return g_object_new (WARD_TYPE_BADGE_ADMIN, "store", store, NULL);
}

/* Card UIDs are hexadecimal, as readers print them; separators allowed. */
gboolean
ward_badge_admin_check_uid (const char  *uid,
                            GError     **error)
{
  guint digits = 0;

  for (const char *p = uid; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        digits++;
      else if (*p != ':' && *p != '-' && *p != ' ')
        digits = MAX_UID_DIGITS + 1;
    }
  if (digits < MIN_UID_DIGITS || digits > MAX_UID_DIGITS)
    {
      g_set_error (error, WARD_BADGE_ADMIN_ERROR, WARD_BADGE_ADMIN_ERROR_INVALID_UID,
                   _("A badge number has %d to %d hexadecimal digits (0–9, A–F)."), MIN_UID_DIGITS, MAX_UID_DIGITS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ward_badge_admin_enroll (WardBadgeAdmin  *self,
                         WardActor       *actor,
                         const char      *username,
                         const char      *uid,
                         GError         **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardUserRecord) user = NULL;
  gboolean ok;

  if (!ward_actor_require (actor, store, "credentials.enroll", "badge enroll", error))
    return FALSE;
  if (!ward_badge_admin_check_uid (uid, error))
    return FALSE;
  user = ward_directory_find_user (store, username, error);
  if (user == NULL
      || !ward_actor_require_over (actor, store, "credentials.enroll", "badge enroll", user->id, error)
      || !ward_store_begin (store, error))
    return FALSE;

  /* The audit names the person, never the card number. */
  ok = ward_credentials_add_badge (store, user->id, uid, ward_actor_get_user_id (actor), error)
    && ward_audit_append (store, WARD_AUDIT_BADGE_ENROLLED, ward_actor_get_name (actor), username,
                          NULL, ward_actor_is_flagged (actor), error);
  return ward_store_finish (store, ok, error);
}

/* Revokes every active badge of the person (a lost or replaced card). */
guint
ward_badge_admin_revoke (WardBadgeAdmin  *self,
                         WardActor       *actor,
                         const char      *username,
                         GError         **error)
{
  WardStore *store = ward_store_service_get_store (WARD_STORE_SERVICE (self));
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(GError) local_error = NULL;
  guint usable_admins;
  guint revoked;

  if (!ward_actor_require (actor, store, "credentials.enroll", "badge revoke", error))
    return 0;
  user = ward_directory_find_user (store, username, error);
  if (user == NULL
      || !ward_actor_require_over (actor, store, "credentials.enroll", "badge revoke", user->id, error)
      || !ward_store_begin (store, error))
    return 0;

  usable_admins = ward_admin_guard_count_usable (store, 0);
  revoked = ward_credentials_revoke_badges (store, user->id, &local_error);
  if (revoked > 0 && !ward_admin_guard_check_after (store, usable_admins, error))
    {
      ward_store_rollback (store);
      return 0;
    }
  if (revoked == 0)
    {
      ward_store_rollback (store);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, WARD_BADGE_ADMIN_ERROR, WARD_BADGE_ADMIN_ERROR_NO_BADGE,
                     _("“%s” has no active badge."), username);
      return 0;
    }
  if (!ward_audit_append (store, WARD_AUDIT_BADGE_REVOKED, ward_actor_get_name (actor), username,
                          NULL, ward_actor_is_flagged (actor), error))
    {
      ward_store_rollback (store);
      return 0;
    }
  return ward_store_commit (store, error) ? revoked : 0;
}
