/* ward-reentry-policy.h: how long after an idle lock a role may come back to its session with badge and key */
#pragma once

#include <glib.h>

#include "auth/ward-actor.h"
#include "data/ward-reentry-store.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

gboolean ward_reentry_policy_set_role_minutes (WardStore   *store,
                                               WardActor   *actor,
                                               const char  *role,
                                               guint        minutes,
                                               GError     **error);
gboolean ward_reentry_policy_check_admins_not_longer (WardStore  *store,
                                                      GError    **error);

G_END_DECLS
