/* ward-break-glass-review.h: emergency sessions awaiting an administrator's review */
#pragma once

#include <glib-object.h>

#include "auth/ward-actor.h"
#include "data/ward-sessions.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

GPtrArray *ward_break_glass_review_list (WardStore   *store,
                                         WardActor   *actor,
                                         gboolean     unreviewed_only,
                                         GError     **error);
gboolean   ward_break_glass_review_mark (WardStore   *store,
                                         WardActor   *actor,
                                         gint64       session_id,
                                         GError     **error);

G_END_DECLS
