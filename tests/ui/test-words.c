/* test-words.c: every audit event and every permission the code knows has words on the admin screens */
#include "config.h"

#include <sqlite3.h>

#include "data/ward-audit.h"
#include "tests/common/ward-test-store.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-audit-words.h"

/* The list comes from data/ itself, so an event added there without words
 * fails here rather than showing its raw id to an administrator. */
static void
test_audit_events (void)
{
  guint missing = 0;

  for (guint i = 0; i < WARD_AUDIT_N_EVENTS; i++)
    {
      const char *name = ward_audit_event_name (i);

      g_assert_nonnull (name);
      if (ward_audit_words_for_event (name) == NULL)
        {
          g_test_message ("No words for the audit event %s", name);
          missing++;
        }
    }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_null (ward_audit_words_for_event ("no.such-event"));
}

/* Every permission a fresh database holds, after every migration. */
static void
test_permissions (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint seen = 0, missing = 0;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM permissions ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      seen++;
      if (!ward_admin_permission_has_title (name))
        {
          g_test_message ("No words for the permission %s", name);
          missing++;
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (seen, >=, 11);
  g_assert_cmpuint (missing, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/words/audit-events", test_audit_events);
  g_test_add_func ("/ui/words/permissions", test_permissions);
  return g_test_run ();
}
