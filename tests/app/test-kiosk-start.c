/* test-kiosk-start.c: what a kiosk does when it starts over a store an earlier run left behind */
#include "config.h"

#include <string.h>

#include "app/ward-kiosk.h"
#include "data/ward-audit.h"
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-start/14/crashed-emergency-session-ends", test_crashed_emergency_session_ends);
  return g_test_run ();
}
