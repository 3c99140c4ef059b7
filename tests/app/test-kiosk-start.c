/* test-kiosk-start.c: what a kiosk does when it starts over a store an earlier run left behind */
#include "config.h"

#include <string.h>

#include "app/ward-kiosk.h"
#include "data/ward-audit.h"
#include "data/ward-credentials.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-site.h"

/* Item 14 of the hardening review: an emergency session left open by a
 * crash could never be reviewed (only finished ones can). */
static void
test_crashed_emergency_session_ends (void)
{
  WardKioskSettings settings = {
    .relying_party_id = "wardgate.test",
    .site_name = "Test ward",
    .limits = WARD_SESSION_LIMITS_DEFAULT,
  };
  WardTestSite *site = ward_test_site_new ();
  WardStore *store = site->fixture->store;
  WardTestPerson *nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(WardKiosk) kiosk = NULL;
  WardAuditFilter ended = { .event = "break-glass.ended" };
  g_autoptr(GPtrArray) records = NULL;
  gint64 emergency, normal;

  emergency = ward_sessions_open (store, nurse->user_id, "break-glass", "Cardiac arrest in bed 12", &error);
  g_assert_no_error (error);
  normal = ward_sessions_open (store, nurse->user_id, "normal", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (normal, >, emergency);

  /* The process dies here; the next one starts. */
  kiosk = ward_kiosk_new (store, &settings);

  sessions = ward_sessions_list_break_glass (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpint (((WardSessionRecord *) sessions->pdata[0])->ended_at, !=, 0);
  g_assert_cmpstr (((WardSessionRecord *) sessions->pdata[0])->end_reason, ==, "kiosk-restarted");
  records = ward_audit_list (store, &ended, &error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (((WardAuditRecord *) records->pdata[0])->flagged);
  g_assert_nonnull (strstr (((WardAuditRecord *) records->pdata[0])->details, "kiosk-restarted"));

  g_clear_object (&kiosk);
  ward_test_site_free (site);
}

/* Item 3 of the hardening review: a badge moved to another account with
 * the sqlite3 shell (its guard trigger dropped and put back exactly)
 * identifies nobody. */
static void
test_moved_badge_identifies_nobody (void)
{
  WardTestSite *site = ward_test_site_new ();
  WardTestPerson *nurse = ward_test_site_add_person (site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  WardTestPerson *admin = ward_test_site_add_person (site, "aadmin", "admin", "04D4E5F6", TRUE, TRUE);
  g_autofree char *sql = g_strdup_printf (
      "DROP TRIGGER badges_owner_fixed;"
      "UPDATE badges SET user_id = %" G_GINT64_FORMAT " WHERE user_id = %" G_GINT64_FORMAT ";"
      "CREATE TRIGGER badges_owner_fixed BEFORE UPDATE OF user_id, uid_hash ON badges\n"
      "BEGIN\n"
      "  SELECT RAISE (ABORT, 'wardgate:immutable');\n"
      "END;", admin->user_id, nurse->user_id);
  const char *argv[] = { "sqlite3", "-bail", site->fixture->db_path, sql, NULL };
  int status = -1;

  g_assert_cmpint (ward_credentials_find_badge (site->fixture->store, "04A1B2C3", NULL), ==, nurse->user_id);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (ward_credentials_find_badge (site->fixture->store, "04A1B2C3", NULL), ==, 0);
  g_assert_cmpint (ward_credentials_find_badge (site->fixture->store, "04D4E5F6", NULL), ==, admin->user_id);
  ward_test_site_free (site);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-start/14/crashed-emergency-session-ends", test_crashed_emergency_session_ends);
  g_test_add_func ("/kiosk-start/3/moved-badge-identifies-nobody", test_moved_badge_identifies_nobody);
  return g_test_run ();
}
