/* ward-actor.h: who is asking, and the permission check made where an operation runs */
#pragma once

#include <glib-object.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_AUTH_ERROR (ward_auth_error_quark ())

typedef enum
{
  WARD_AUTH_ERROR_NOT_PERMITTED,
  WARD_AUTH_ERROR_UNKNOWN_ACCOUNT,
  WARD_AUTH_ERROR_DISABLED,
  WARD_AUTH_ERROR_NOT_ALLOWED_NOW,
} WardAuthError;

#define WARD_TYPE_ACTOR (ward_actor_get_type ())
G_DECLARE_FINAL_TYPE (WardActor, ward_actor, WARD, ACTOR, GObject)

GQuark      ward_auth_error_quark      (void);

WardActor  *ward_actor_new_for_account (WardStore   *store,
                                        const char  *username,
                                        GError     **error);
WardActor  *ward_actor_new_for_user_id (WardStore   *store,
                                        gint64       user_id,
                                        GError     **error);
WardActor  *ward_actor_new_bootstrap   (const char  *os_user);
WardActor  *ward_actor_new_break_glass (WardStore   *store,
                                        gint64       user_id,
                                        GError     **error);

const char *ward_actor_get_name        (WardActor   *self);
void        ward_actor_set_channel     (WardActor   *self,
                                        const char  *channel);
gint64      ward_actor_get_user_id     (WardActor   *self);
gboolean    ward_actor_is_bootstrap    (WardActor   *self);
gboolean    ward_actor_is_flagged      (WardActor   *self);
void        ward_actor_refresh         (WardActor   *self,
                                        WardStore   *store);
gboolean    ward_actor_can             (WardActor   *self,
                                        const char  *permission);
gboolean    ward_actor_require         (WardActor   *self,
                                        WardStore   *store,
                                        const char  *permission,
                                        const char  *operation,
                                        GError     **error);
gboolean    ward_actor_require_over    (WardActor   *self,
                                        WardStore   *store,
                                        const char  *permission,
                                        const char  *operation,
                                        gint64       target_user_id,
                                        GError     **error);
gboolean    ward_actor_may_act_over    (WardActor   *self,
                                        WardStore   *store,
                                        const char  *permission,
                                        gint64       target_user_id);

G_END_DECLS
