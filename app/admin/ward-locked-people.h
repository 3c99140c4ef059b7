/* ward-locked-people.h: the people whose accounts are locked, as the admin screens show them, and whether the one asking may unlock each */
#pragma once

#include <glib.h>

#include "auth/ward-actor.h"
#include "data/ward-failures.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     user_id;
  char      *username;
  char      *full_name;   /* the user name again when the account has no name */
  GPtrArray *locks;       /* WardFailureRecord, one per locked factor */
  gboolean   may_unlock;  /* the one who asked may unlock this account */
} WardLockedPerson;

void       ward_locked_person_free  (WardLockedPerson *person);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLockedPerson, ward_locked_person_free)

GPtrArray *ward_locked_people_list  (WardStore   *store,
                                     WardActor   *actor,
                                     GError     **error);

G_END_DECLS
