/* ward-actor-refusal.h: the words of a refusal to act on someone who holds more rights than the one asking */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

char *ward_actor_refusal_over (WardStore  *store,
                               const char *operation,
                               gint64      target_user_id);

G_END_DECLS
