/* ward-device-change-witness.c: the second person of a high-alert change: badge, key, and eligibility at sending */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change-private.h"
#include "app/devices/ward-device-title.h"
#include "app/ward-role-names.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"

gboolean
ward_device_change_needs_witness (WardDeviceChange *self)
{
  return ward_device_change_is_high_alert (self) && !self->witness_confirmed;
}

static gboolean
refuse_witness (WardDeviceChange  *self,
                const char        *actor,
                const char        *why,
                const char        *message,
                GError           **error)
{
  _ward_device_change_audit_refusal (self, actor, WARD_PERMISSION_HIGH_ALERT, why);
  g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS, message);
  return FALSE;
}

/* Why a person's roles do not let her check: named, so that the nurse
 * at the screen knows whom to ask instead. */
static char *
no_permission_message (const WardUserRecord *user)
{
  guint n = user->roles != NULL ? g_strv_length (user->roles) : 0;
  g_autofree char *names = NULL;

  if (n == 0)
    /* Translators: %s is a person's full name. */
    return g_strdup_printf (_("%s cannot check changes: they hold no role with the double-check permission."),
                            user->full_name);
  names = ward_role_display_names ((const char *const *) user->roles);
  /* Translators: a refused witness; the first %s is a full name, the second
   * one or more role names, e.g. "Tom Reyes cannot check changes: the role
   * Nurse does not hold the double-check permission." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s cannot check changes: the role %s does not hold the double-check permission.",
                                       "%s cannot check changes: the roles %s do not hold the double-check permission.",
                                       n),
                          user->full_name, names);
}

/* The witness must be someone else who may make this very change and
 * witness high-alert ones; a refusal is audited like any other, and says
 * who was refused and why, so that two refused taps in a row never read
 * the same unless they are the same. */
static gboolean
check_witness (WardDeviceChange      *self,
               const WardUserRecord  *user,
               GError               **error)
{
  g_autoptr(WardActor) actor = NULL;
  g_autofree char *message = NULL;
  GError *local_error = NULL;

  if (user->id == ward_session_get_user_id (self->session))
    return refuse_witness (self, user->username, "same-person",
                           _("You cannot check your own change: a second person must tap their badge."), error);
  if (user->disabled)
    {
      /* Translators: %s is a person's full name. */
      message = g_strdup_printf (_("%s cannot check this change: the account is disabled."), user->full_name);
      return refuse_witness (self, user->username, "disabled", message, error);
    }
  if (self->policy != NULL && ward_policy_check_account (self->policy, user->id, NULL) != WARD_POLICY_ALLOWED)
    {
      /* Translators: %s is a person's full name. */
      message = g_strdup_printf (_("%s cannot check this change: the account is locked after failed sign-ins."),
                                 user->full_name);
      return refuse_witness (self, user->username, "locked", message, error);
    }
  actor = ward_actor_new_for_user_id (self->store, user->id, &local_error);
  if (actor == NULL)
    return _ward_device_change_fail (error, local_error, WARD_DEVICE_CHANGE_ERROR_FAILED);
  if (!ward_actor_can (actor, WARD_PERMISSION_HIGH_ALERT))
    {
      message = no_permission_message (user);
      return refuse_witness (self, user->username, "no-permission", message, error);
    }
  if (!ward_actor_can (actor, self->param->permission))
    {
      /* Translators: %s is a person's full name. */
      message = g_strdup_printf (_("%s cannot check this change: their role may not change this setting."),
                                 user->full_name);
      return refuse_witness (self, user->username, "no-permission", message, error);
    }
  return TRUE;
}

static gboolean
strv_has (char       **list,
          const char  *item)
{
  return list != NULL && item != NULL && g_strv_contains ((const char *const *) list, item);
}

GStrv
ward_device_change_list_witness_roles (WardDeviceChange  *self,
                                       GError           **error)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GStrvBuilder) holders = g_strv_builder_new ();

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  if (self->param == NULL)
    return g_strv_builder_end (holders);
  roles = ward_directory_list_roles (self->store, error);
  if (roles == NULL)
    return NULL;
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);

      if (strv_has (role->permissions, WARD_PERMISSION_HIGH_ALERT) && strv_has (role->permissions, self->param->permission))
        g_strv_builder_add (holders, role->name);
    }
  return g_strv_builder_end (holders);
}

/* The card's title says who may check, from the roles that hold the
 * permission now, so it never promises what the check would refuse. */
char *
ward_device_change_describe_witnesses (WardDeviceChange  *self,
                                       char             **who_may)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = ward_device_change_list_witness_roles (self, &error);
  guint n = roles != NULL ? g_strv_length (roles) : 0;
  const char *sentence = n == 1 ? ward_role_must_check (roles[0]) : NULL;
  g_autofree char *names = NULL;

  if (who_may != NULL)
    *who_may = NULL;
  if (roles == NULL)
    {
      g_warning ("Could not read which roles may check a change: %s", error->message);
      return g_strdup (_("A second person must check this change"));
    }
  if (n == 0)
    {
      if (who_may != NULL)
        *who_may = g_strdup (_("No role may check this change, so it cannot be sent. An administrator can give a "
                               "role the double-check permission."));
      return g_strdup (_("Nobody here may check this change"));
    }
  /* One role the title names already ("A charge nurse must check this
   * change"): a line under it naming it again only repeats it. */
  if (sentence != NULL)
    return g_strdup (sentence);
  names = ward_role_display_names ((const char *const *) roles);
  if (who_may != NULL)
    /* Translators: the roles whose members may check a high-alert change, e.g. "Who may check: Nurse, Charge nurse". */
    *who_may = g_strdup_printf (_("Who may check: %s"), names);
  return g_strdup (_("A second person must check this change"));
}

const char *
ward_device_change_get_reason (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->reason;
}

const char *
ward_device_change_get_device_label (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->device != NULL ? ward_device_title (self->catalogue, self->device) : NULL;
}

/* A soft-limit crossing in words for the witness ("Outside the usual
 * range: …"), or NULL when the value is within the usual range. */
char *
ward_device_change_describe_unusual (WardDeviceChange *self)
{
  const WardDrugSpec *drug;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  if (!self->validated || self->param == NULL || self->check.result != WARD_LIMIT_SOFT)
    return NULL;
  drug = self->drug != NULL ? ward_catalogue_get_drug (self->catalogue, self->device->class_id, self->drug) : NULL;
  return ward_catalogue_describe_crossing (self->param, drug, &self->check, self->new_value);
}

/* The witness was eligible when she tapped her badge; by the time the
 * change is sent she may have been disabled, locked out or lost the role
 * that let her check it, and then she no longer counts. */
gboolean
_ward_device_change_recheck_witness (WardDeviceChange  *self,
                                     GError           **error)
{
  g_autoptr(WardUserRecord) user = NULL;
  GError *local_error = NULL;

  if (!self->high_alert)
    return TRUE;
  if (self->witness_id == 0 || !self->witness_confirmed)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                           _("A second person must check this high-alert change first."));
      return FALSE;
    }
  user = ward_directory_get_user (self->store, self->witness_id, &local_error);
  if (user == NULL)
    return _ward_device_change_fail (error, local_error, WARD_DEVICE_CHANGE_ERROR_WITNESS);
  return check_witness (self, user, error);
}

gboolean
ward_device_change_witness_badge (WardDeviceChange  *self,
                                  const char        *badge_uid,
                                  GError           **error)
{
  g_autoptr(WardUserRecord) user = NULL;
  GError *local_error = NULL;
  gint64 user_id;

  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), FALSE);
  if (!ward_device_change_is_high_alert (self) || self->sent)
    {
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_NOT_READY,
                           _("This change does not need a second person."));
      return FALSE;
    }
  self->witness_confirmed = FALSE;
  self->witness_id = 0;
  user_id = ward_credentials_find_badge (self->store, badge_uid, &local_error);
  if (user_id < 0)
    return _ward_device_change_fail (error, local_error, WARD_DEVICE_CHANGE_ERROR_FAILED);
  if (user_id == 0)
    {
      /* Counted with the kiosk's other unknown badges: a burst of cards
       * tried at the witness step is flagged like one at sign-in. */
      guint count = ward_failures_add_for_kiosk (self->store, "badge", 60, NULL);

      ward_audit_append (self->store, WARD_AUDIT_BADGE_UNKNOWN, ward_session_get_username (self->session),
                         self->device->id, "{\"operation\":\"witness\"}", count > 5, NULL);
      g_set_error_literal (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                           _("This badge is not recognised."));
      return FALSE;
    }
  user = ward_directory_get_user (self->store, user_id, &local_error);
  if (user == NULL)
    return _ward_device_change_fail (error, local_error, WARD_DEVICE_CHANGE_ERROR_FAILED);
  if (!check_witness (self, user, error))
    return FALSE;
  self->witness_id = user->id;
  g_free (self->witness_username);
  self->witness_username = g_strdup (user->username);
  g_free (self->witness_name);
  self->witness_name = g_strdup (user->full_name);
  return TRUE;
}

const char *
ward_device_change_get_witness_name (WardDeviceChange *self)
{
  g_return_val_if_fail (WARD_IS_DEVICE_CHANGE (self), NULL);
  return self->witness_id != 0 ? self->witness_name : NULL;
}

static void
witness_verified_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WardDeviceChange *self = g_task_get_source_object (task);
  gint64 *witness_id = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ward_key_factor_verify_finish (WARD_KEY_FACTOR (source), result, NULL, &error))
    {
      g_task_return_error (task, _ward_device_change_own_error (error, WARD_DEVICE_CHANGE_ERROR_WITNESS));
      return;
    }
  /* Another badge may have been tapped while this key was being touched. */
  if (*witness_id != self->witness_id)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                               _("Another badge was tapped meanwhile. Touch the key again."));
      return;
    }
  self->witness_confirmed = TRUE;
  g_task_return_boolean (task, TRUE);
}

void
ward_device_change_witness_key_async (WardDeviceChange    *self,
                                      const char          *pin,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (WARD_IS_DEVICE_CHANGE (self));
  g_task_set_source_tag (task, ward_device_change_witness_key_async);
  if (self->witness_id == 0 || self->keys == NULL)
    {
      g_task_return_new_error (task, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS,
                               _("The second person taps their badge first."));
      return;
    }
  g_task_set_task_data (task, g_memdup2 (&self->witness_id, sizeof self->witness_id), g_free);
  ward_key_factor_verify_async (self->keys, self->witness_id, self->witness_username,
                                _ward_device_change_requires_uv (self, self->witness_id) || pin != NULL, pin,
                                cancellable, witness_verified_cb, g_steal_pointer (&task));
}

gboolean
ward_device_change_witness_key_finish (WardDeviceChange  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
