/* ward-locked-people.c: the people whose accounts are locked, as the admin screens show them, and whether the one asking may unlock each */
#include "config.h"

#include "app/admin/ward-locked-people.h"
#include "data/ward-directory.h"

void
ward_locked_person_free (WardLockedPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->username);
  g_free (person->full_name);
  g_clear_pointer (&person->locks, g_ptr_array_unref);
  g_free (person);
}

static WardLockedPerson *
person_new (WardStore  *store,
            WardActor  *actor,
            gint64      user_id,
            const char *username)
{
  g_autoptr(WardUserRecord) user = ward_directory_get_user (store, user_id, NULL);
  WardLockedPerson *person = g_new0 (WardLockedPerson, 1);

  person->user_id = user_id;
  person->username = g_strdup (username);
  person->full_name = g_strdup (user != NULL && user->full_name != NULL && *user->full_name != '\0'
                                ? user->full_name : username);
  person->locks = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_failure_record_free);
  /* Only a preview for the screen: ward_policy_unlock() checks again, and
   * records a refusal, when the button is pressed. */
  person->may_unlock = ward_actor_may_act_over (actor, store, "accounts.unlock", user_id);
  return person;
}

/* One entry per person, however many of their factors are locked, in the
 * order the store lists the locks. Whoever may see the list (the
 * permission accounts.unlock) sees everyone locked, so that she knows whom
 * to send to an administrator. */
GPtrArray *
ward_locked_people_list (WardStore  *store,
                         WardActor  *actor,
                         GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GHashTable) by_user = NULL;

  if (!ward_actor_require (actor, store, "accounts.unlock", "locked list", error))
    return NULL;
  records = ward_failures_list_locked (store, error);
  if (records == NULL)
    return NULL;

  /* The records move to the people they belong to. */
  g_ptr_array_set_free_func (records, NULL);
  people = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_locked_person_free);
  by_user = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < records->len; i++)
    {
      WardFailureRecord *record = records->pdata[i];
      WardLockedPerson *person = g_hash_table_lookup (by_user, &record->user_id);

      if (person == NULL)
        {
          person = person_new (store, actor, record->user_id, record->username);
          g_ptr_array_add (people, person);
          g_hash_table_insert (by_user, &person->user_id, person);
        }
      g_ptr_array_add (person->locks, record);
    }
  return g_steal_pointer (&people);
}
