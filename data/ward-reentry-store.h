/* ward-reentry-store.h: how long after an idle lock each role may come back with badge and key, as stored */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

/* The longest window a role may be given: SP 800-63B-4 asks for an
 * inactivity limit of at most an hour at AAL2. */
#define WARD_REENTRY_MAX_MINUTES 60

gboolean ward_reentry_store_get_role_minutes (WardStore   *store,
                                              const char  *role,
                                              guint       *minutes,
                                              GError     **error);
gboolean ward_reentry_store_set_role_minutes (WardStore   *store,
                                              const char  *role,
                                              guint        minutes,
                                              GError     **error);
gboolean ward_reentry_store_get_user_minutes (WardStore   *store,
                                              gint64       user_id,
                                              guint       *minutes,
                                              GError     **error);

G_END_DECLS
