/* ward-demo.h: the demo ward: seeded staff with badges, virtual security keys and app secrets (demo builds only) */
#pragma once

#include <glib-object.h>

#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *username;
  const char *full_name;
  const char *role;
  const char *badge_uid;
} WardDemoPerson;

#define WARD_TYPE_DEMO (ward_demo_get_type ())
G_DECLARE_FINAL_TYPE (WardDemo, ward_demo, WARD, DEMO, GObject)

WardDemo             *ward_demo_new               (WardStore      *store,
                                                   WardKeyFactor  *keys,
                                                   WardCodeFactor *codes,
                                                   GError        **error);
const WardDemoPerson *ward_demo_get_people        (guint          *n_people);
void                  ward_demo_insert_key_of     (WardDemo       *self,
                                                   gint64          user_id);
/* The demo person's account id by user name, or 0. */
gint64                ward_demo_user_id           (WardDemo       *self,
                                                   const char     *username);
void                  ward_demo_touch_key         (WardDemo       *self);
char                 *ward_demo_current_code      (WardDemo       *self,
                                                   gint64          user_id);

G_END_DECLS
