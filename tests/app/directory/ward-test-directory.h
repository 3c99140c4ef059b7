/* ward-test-directory.h: a test store with a real slapd and the directory configured, and the checks the sync tests make */
#pragma once

#include "app/directory/ward-directory-admin.h"
#include "app/directory/ward-directory-sync.h"
#include "auth/ward-actor.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-slapd.h"
#include "tests/common/ward-test-store.h"

G_BEGIN_DECLS

#define PEOPLE "ou=people," WARD_TEST_LDAP_BASE
#define GROUPS "ou=groups," WARD_TEST_LDAP_BASE

typedef struct
{
  WardTestStore      *store;
  WardTestSlapd      *slapd;
  WardActor          *admin;
  WardDirectoryAdmin *directory;
  WardDirectorySync  *sync;
} WardTestDirectory;

void                     ward_test_directory_init        (int                *argc,
                                                          char             ***argv);
void                     ward_test_directory_capture_log (GString            *into);

void                     ward_test_directory_set_up_with (WardTestDirectory  *fixture,
                                                          const char         *ldif,
                                                          guint               size_limit,
                                                          gboolean            map_ward_groups);
void                     ward_test_directory_set_up      (WardTestDirectory  *fixture,
                                                          gconstpointer       data);
void                     ward_test_directory_tear_down   (WardTestDirectory  *fixture,
                                                          gconstpointer       data);

WardActor               *ward_test_directory_actor_for   (WardTestDirectory  *fixture,
                                                          const char         *username);
void                     ward_test_directory_configure   (WardTestDirectory  *fixture,
                                                          const char         *uri,
                                                          const char         *ca_file,
                                                          gboolean            starttls,
                                                          const char         *password);
void                     ward_test_directory_map         (WardTestDirectory  *fixture,
                                                          const char         *group,
                                                          const char         *role);
WardDirectorySyncResult *ward_test_directory_sync_ok     (WardTestDirectory  *fixture,
                                                          gboolean            dry_run);
void                     ward_test_directory_sync_fails  (WardTestDirectory  *fixture,
                                                          int                 code);
WardUserRecord          *ward_test_directory_user        (WardTestDirectory  *fixture,
                                                          const char         *username);
gboolean                 ward_test_directory_exists      (WardTestDirectory  *fixture,
                                                          const char         *username);
gboolean                 ward_test_directory_has_role    (WardTestDirectory  *fixture,
                                                          const char         *username,
                                                          const char         *role);
guint                    ward_test_directory_count_audit (WardTestDirectory  *fixture,
                                                          const char         *event);
guint                    ward_test_directory_count_users (WardTestDirectory  *fixture);

G_END_DECLS
