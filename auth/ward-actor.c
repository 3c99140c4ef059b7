/* ward-actor.c: who is asking, and the permission check made where an operation runs */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-actor.h"
#include "auth/ward-actor-refusal.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"

struct _WardActor
{
  GObject     parent_instance;
  char       *name;          /* the account's user name */
  char       *audit_name;    /* what the audit records: name, and the channel it came through */
  gint64      user_id;       /* 0 for the bootstrap actor */
  gboolean    flagged;       /* break-glass: every action is flagged for review */
  GHashTable *permissions;   /* set of permission names */
};

G_DEFINE_FINAL_TYPE (WardActor, ward_actor, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-auth-error-quark, ward_auth_error)

static void
ward_actor_finalize (GObject *object)
{
  WardActor *self = WARD_ACTOR (object);

  g_free (self->name);
  g_free (self->audit_name);
  g_hash_table_unref (self->permissions);
  G_OBJECT_CLASS (ward_actor_parent_class)->finalize (object);
}

static void
ward_actor_class_init (WardActorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_actor_finalize;
}

static void
ward_actor_init (WardActor *self)
{
  self->permissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static WardActor *
actor_from_record (WardStore       *store,
                   WardUserRecord  *record,
                   GError         **error)
{
  g_autoptr(WardActor) self = NULL;
  g_auto(GStrv) permissions = NULL;

  if (record->disabled)
    {
      g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_DISABLED,
                   _("The account “%s” is disabled."), record->username);
      return NULL;
    }

  permissions = ward_directory_user_permissions (store, record->id, error);
  if (permissions == NULL)
    return NULL;

  self = g_object_new (WARD_TYPE_ACTOR, NULL);
  self->name = g_strdup (record->username);
  self->user_id = record->id;
  for (guint i = 0; permissions[i] != NULL; i++)
    g_hash_table_add (self->permissions, g_strdup (permissions[i]));
  return g_steal_pointer (&self);
}

/* An unknown account gets the same kind of answer as a disabled one would
 * from the outside: it acts as nobody and may do nothing. */
WardActor *
ward_actor_new_for_account (WardStore   *store,
                            const char  *username,
                            GError     **error)
{
  g_autoptr(WardUserRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WARD_IS_STORE (store), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  record = ward_directory_find_user (store, username, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND))
        g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_UNKNOWN_ACCOUNT,
                     _("There is no account “%s”."), username);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return actor_from_record (store, record, error);
}

WardActor *
ward_actor_new_for_user_id (WardStore  *store,
                            gint64      user_id,
                            GError    **error)
{
  g_autoptr(WardUserRecord) record = ward_directory_get_user (store, user_id, error);

  if (record == NULL)
    return NULL;
  return actor_from_record (store, record, error);
}

/* The operating-system user running the first-admin bootstrap. It holds no
 * permission: bootstrap checks its own precondition (no admin exists). */
WardActor *
ward_actor_new_bootstrap (const char *os_user)
{
  WardActor *self = g_object_new (WARD_TYPE_ACTOR, NULL);

  self->name = g_strdup_printf ("os:%s", os_user);
  return self;
}

/* An emergency session acts with the break-glass role's permissions only,
 * whatever the person's own roles, and everything it does is flagged. */
WardActor *
ward_actor_new_break_glass (WardStore  *store,
                            gint64      user_id,
                            GError    **error)
{
  g_autoptr(WardUserRecord) record = ward_directory_get_user (store, user_id, error);
  g_autoptr(GPtrArray) roles = NULL;
  WardActor *self;

  if (record == NULL)
    return NULL;
  if (record->disabled)
    {
      g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_DISABLED,
                   _("The account “%s” is disabled."), record->username);
      return NULL;
    }
  roles = ward_directory_list_roles (store, error);
  if (roles == NULL)
    return NULL;

  self = g_object_new (WARD_TYPE_ACTOR, NULL);
  self->name = g_strdup (record->username);
  self->user_id = record->id;
  self->flagged = TRUE;
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->name, "break-glass"))
        for (guint j = 0; role->permissions[j] != NULL; j++)
          g_hash_table_add (self->permissions, g_strdup (role->permissions[j]));
    }
  return self;
}

gboolean
ward_actor_is_flagged (WardActor *self)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), FALSE);
  return self->flagged;
}

/* The identity the audit records. Through the command line, --as names an
 * account but proves nothing: the operating-system user is recorded too. */
const char *
ward_actor_get_name (WardActor *self)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), NULL);
  return self->audit_name != NULL ? self->audit_name : self->name;
}

void
ward_actor_set_channel (WardActor  *self,
                        const char *channel)
{
  g_return_if_fail (WARD_IS_ACTOR (self));
  g_free (self->audit_name);
  self->audit_name = channel != NULL ? g_strdup_printf ("%s via %s", self->name, channel) : NULL;
}

gint64
ward_actor_get_user_id (WardActor *self)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), 0);
  return self->user_id;
}

gboolean
ward_actor_is_bootstrap (WardActor *self)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), FALSE);
  return self->user_id == 0;
}

/* Deny by default: only a permission granted through a role counts. */
gboolean
ward_actor_can (WardActor  *self,
                const char *permission)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), FALSE);
  return permission != NULL && g_hash_table_contains (self->permissions, permission);
}

static GStrv
break_glass_permissions (WardStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (store, error);

  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->name, "break-glass"))
        return g_strdupv (role->permissions);
    }
  return roles != NULL ? g_new0 (char *, 1) : NULL;
}

/* Permissions are read again before every privileged operation: an account
 * disabled, or a role revoked, while someone is signed in takes effect at
 * once, not at the next sign-in. A failed read leaves no permission. */
void
ward_actor_refresh (WardActor *self,
                    WardStore *store)
{
  g_autoptr(WardUserRecord) user = NULL;
  g_auto(GStrv) permissions = NULL;

  if (self->user_id == 0)
    return;
  g_hash_table_remove_all (self->permissions);
  user = ward_directory_get_user (store, self->user_id, NULL);
  if (user == NULL || user->disabled)
    return;
  permissions = self->flagged ? break_glass_permissions (store, NULL)
                              : ward_directory_user_permissions (store, self->user_id, NULL);
  for (guint i = 0; permissions != NULL && permissions[i] != NULL; i++)
    g_hash_table_add (self->permissions, g_strdup (permissions[i]));
}

static void
refuse (WardActor   *self,
        WardStore   *store,
        const char  *details)
{
  g_autoptr(GError) audit_error = NULL;

  if (!ward_audit_append (store, WARD_AUDIT_PERMISSION_REFUSED, ward_actor_get_name (self), NULL,
                          details, self->flagged, &audit_error))
    g_warning ("Could not audit a refused permission: %s", audit_error->message);
}

/* The check every privileged operation makes before it touches anything.
 * A refusal is itself an audited event. */
gboolean
ward_actor_require (WardActor   *self,
                    WardStore   *store,
                    const char  *permission,
                    const char  *operation,
                    GError     **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (WARD_IS_ACTOR (self), FALSE);

  ward_actor_refresh (self, store);
  if (ward_actor_can (self, permission))
    return TRUE;

  details = ward_audit_details ("permission", permission, "operation", operation, NULL);
  refuse (self, store, details);
  /* Said to the person refused, so "you", never her own user name. */
  g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED,
               _("You may not do this: it needs the permission “%s”; ask an administrator."), permission);
  return FALSE;
}

static gboolean
outranks_or_equals (WardActor *self,
                    WardStore *store,
                    gint64     target_user_id)
{
  g_auto(GStrv) target = NULL;

  /* Whoever manages both accounts and roles could grant themselves anything
   * the target has: no rank to protect from them. */
  if (ward_actor_can (self, "users.manage") && ward_actor_can (self, "roles.manage"))
    return TRUE;
  /* Held, not effective: disabling an administrator must not make their
   * account look rightless to someone who may enrol nurses. */
  target = ward_directory_held_permissions (store, target_user_id, NULL);
  if (target == NULL)
    return FALSE;
  for (guint i = 0; target[i] != NULL; i++)
    if (!ward_actor_can (self, target[i]))
      return FALSE;
  return TRUE;
}

/* For operations on someone else's credentials or lockout: the permission,
 * and the target may hold nothing the actor does not. Otherwise a person
 * who may enrol nurses could put her own key on an administrator's account. */
gboolean
ward_actor_require_over (WardActor   *self,
                         WardStore   *store,
                         const char  *permission,
                         const char  *operation,
                         gint64       target_user_id,
                         GError     **error)
{
  g_autofree char *details = NULL;
  g_autofree char *target = NULL;
  g_autofree char *words = NULL;

  if (!ward_actor_require (self, store, permission, operation, error))
    return FALSE;
  if (target_user_id == self->user_id || outranks_or_equals (self, store, target_user_id))
    return TRUE;

  target = g_strdup_printf ("%" G_GINT64_FORMAT, target_user_id);
  details = ward_audit_details ("permission", permission, "operation", operation,
                                "refusal", "target-has-more-rights", "target_user", target, NULL);
  refuse (self, store, details);
  words = ward_actor_refusal_over (store, operation, target_user_id);
  g_set_error_literal (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED, words);
  return FALSE;
}

/* Whether ward_actor_require_over() would let this person act on the
 * target, asked before offering the action (an Unlock button): nothing is
 * recorded. The operation itself still checks when it runs. */
gboolean
ward_actor_may_act_over (WardActor  *self,
                         WardStore  *store,
                         const char *permission,
                         gint64      target_user_id)
{
  g_return_val_if_fail (WARD_IS_ACTOR (self), FALSE);

  ward_actor_refresh (self, store);
  if (!ward_actor_can (self, permission))
    return FALSE;
  return target_user_id == self->user_id || outranks_or_equals (self, store, target_user_id);
}
