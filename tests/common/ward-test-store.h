/* ward-test-store.h: a fresh database and install key in a temporary folder, for tests */
#pragma once

#include <gio/gio.h>

#include "data/ward-clock.h"
#include "data/ward-install-key.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  char           *dir;
  char           *db_path;
  char           *key_path;
  WardInstallKey *key;
  WardClock      *clock;
  WardStore      *store;
} WardTestStore;

gboolean       ward_test_backend_is_pg  (void);
char          *ward_test_pg_new_database (void);
WardTestStore *ward_test_store_new      (void);
void           ward_test_store_raw_exec (WardTestStore *fixture,
                                         const char    *sqlite_sql,
                                         const char    *pg_sql);
gint64         ward_test_store_raw_int  (WardTestStore *fixture,
                                         const char    *sqlite_sql,
                                         const char    *pg_sql);
WardStore     *ward_test_store_reopen   (WardTestStore *fixture,
                                         GError       **error);
void           ward_test_store_free     (WardTestStore *fixture);
gboolean       ward_test_file_contains  (const char    *path,
                                         const guint8  *needle,
                                         gsize          length);
void           ward_test_bootstrap_admin (WardTestStore *fixture,
                                          const char    *username);

/* What a worker process does with the test's database: @arg is what
 * ward_test_store_spawn_worker() was given. Returns the exit status. */
typedef int  (*WardTestStoreWorker)           (const char    *db_path,
                                               const char    *key_path,
                                               const char    *arg);
void           ward_test_store_init_with_worker (int                 *argc,
                                                 char              ***argv,
                                                 WardTestStoreWorker  worker);
GSubprocess   *ward_test_store_spawn_worker    (WardTestStore *fixture,
                                                const char    *arg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardTestStore, ward_test_store_free)

G_END_DECLS
