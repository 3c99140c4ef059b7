/* ward-test-site.h: a small ward for sign-in tests: people with badges, soft keys and app secrets */
#pragma once

#include "auth/ward-auth-flow.h"
#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "app/demo/ward-soft-key.h"
#include "tests/common/ward-test-store.h"

G_BEGIN_DECLS

typedef struct
{
  char        *username;
  char        *badge;
  gint64       user_id;
  WardSoftKey *key;
  GBytes      *secret;
} WardTestPerson;

typedef struct
{
  WardTestStore  *fixture;
  WardPolicy     *policy;
  WardFidoKey    *fido;
  WardKeyFactor  *keys;
  WardCodeFactor *codes;
  WardActor      *enroller;
  WardSoftKey    *key_in_reader;   /* the key the opener hands to libfido2 */
  GHashTable     *people;          /* username → WardTestPerson */
} WardTestSite;

WardTestSite   *ward_test_site_new          (void);
void            ward_test_site_free         (WardTestSite *site);
WardTestPerson *ward_test_site_add_person   (WardTestSite *site,
                                             const char   *username,
                                             const char   *role,
                                             const char   *badge,
                                             gboolean      enrol_key,
                                             gboolean      enrol_app);
WardTestPerson *ward_test_site_person       (WardTestSite *site,
                                             const char   *username);
void            ward_test_site_rename       (WardTestSite *site,
                                             const char   *username,
                                             const char   *full_name);
void            ward_test_site_insert_key   (WardTestSite *site,
                                             WardSoftKey  *key);
char           *ward_test_site_app_code     (WardTestSite *site,
                                             const char   *username,
                                             gint64        offset_steps);
void            ward_test_wait_for          (gboolean    (*done) (gpointer),
                                             gpointer      data);
/* Pass ward_test_keep_result_cb with &result (NULL at first) as the
 * callback of an _async call, wait, then call its _finish with result. */
void            ward_test_keep_result_cb    (GObject      *source,
                                             GAsyncResult *result,
                                             gpointer      user_data);
void            ward_test_wait_for_result   (GAsyncResult **result);
/* Drops the test's flow and waits until no key check of it still runs. */
void            ward_test_release_flow      (WardAuthFlow **flow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardTestSite, ward_test_site_free)

G_END_DECLS
