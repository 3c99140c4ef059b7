/* test-break-glass-review.c: an emergency session's review: what it did, in time order and in words, and the reviewer's note, stored and audited */
#include "config.h"

#include <string.h>

#include "app/admin/ward-break-glass-review.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"
#include "data/ward-session-review.h"
#include "tests/common/ward-test-changes.h"

typedef struct
{
  WardTestSite  *site;
  WardStore     *store;
  WardCatalogue *catalogue;
  WardActor     *admin;
  gint64         session_id;
} Fixture;

static void
advance_seconds (Fixture *f,
                 gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
}

static void
audit (Fixture        *f,
       WardAuditEvent  event,
       const char     *actor,
       const char     *subject)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_audit_append (f->store, event, actor, subject, "{}", FALSE, &error));
  g_assert_no_error (error);
}

/* A rate change on the pump by Nadia, in her emergency session. */
static void
change (Fixture            *f,
        const char         *change_id,
        double              old_value,
        double              new_value,
        const char         *reason,
        WardSettingOutcome  outcome)
{
  ward_test_site_pump_change (f->site, "nnurse", f->session_id, change_id, old_value, new_value, reason, outcome);
}

/* Before the session: a sign-in at this kiosk. In it: a change applied,
 * a witness refused, a change the pump refused. After it: another
 * person's sign-in. At another kiosk, during it: nothing of this one. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->site = ward_test_site_new ();
  f->store = f->site->fixture->store;
  ward_test_site_add_person (f->site, "nnurse", "nurse", "04A1B2C3", TRUE, FALSE);
  ward_test_site_add_person (f->site, "aadmin", "admin", "04D4E5F6", TRUE, FALSE);
  ward_test_site_add_person (f->site, "treyes", "nurse", "04778899", TRUE, FALSE);
  g_assert_true (ward_directory_set_full_name (f->store, ward_test_site_person (f->site, "treyes")->user_id,
                                               "Tom Reyes", &error));
  f->admin = ward_actor_new_for_user_id (f->store, ward_test_site_person (f->site, "aadmin")->user_id, &error);
  g_assert_no_error (error);
  f->catalogue = ward_catalogue_load (WARD_TEST_CATALOGUE, &error);
  g_assert_no_error (error);

  advance_seconds (f, 60);
  audit (f, WARD_AUDIT_SIGNED_IN, "aadmin", "aadmin");
  advance_seconds (f, 60);
  f->session_id = ward_sessions_open (f->store, ward_test_site_person (f->site, "nnurse")->user_id, "break-glass",
                                      "Patient in VF, key left in the locker", &error);
  g_assert_no_error (error);
  audit (f, WARD_AUDIT_BREAK_GLASS_STARTED, "nnurse", "nnurse");
  advance_seconds (f, 30);
  change (f, "c-1", 10, 12, NULL, WARD_SETTING_OUTCOME_APPLIED);
  audit (f, WARD_AUDIT_SETTING_CHANGE_REQUESTED, "nnurse", "pump-1");
  advance_seconds (f, 30);
  audit (f, WARD_AUDIT_PERMISSION_REFUSED, "treyes", "pump-1");
  advance_seconds (f, 30);
  change (f, "c-2", 12, 22, "Bleeding risk reviewed, doctor's order", WARD_SETTING_OUTCOME_REFUSED);
  advance_seconds (f, 60);
  g_assert_true (ward_sessions_close (f->store, f->session_id, "signed-out", &error));
  audit (f, WARD_AUDIT_BREAK_GLASS_ENDED, "nnurse", "nnurse");
  g_assert_no_error (error);
  advance_seconds (f, 60);
  audit (f, WARD_AUDIT_SIGNED_IN, "treyes", "treyes");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->admin);
  g_clear_object (&f->catalogue);
  ward_test_site_free (f->site);
}

static WardSessionRecord *
the_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = ward_break_glass_review_list (f->store, f->admin, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 1);
  return g_ptr_array_steal_index (sessions, 0);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WardSessionRecord) session = the_session (f);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  WardBreakGlassAction *a;

  actions = ward_break_glass_review_actions (f->store, f->admin, f->catalogue, session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 5);

  a = actions->pdata[0];
  g_assert_cmpstr (a->event, ==, "break-glass.started");
  a = actions->pdata[1];
  g_assert_true (a->change);
  g_assert_cmpstr (a->what, ==, "Infusion pump · Rate: 10.0 mL/h → 12.0 mL/h");
  g_assert_cmpstr (a->outcome, ==, "Applied");
  g_assert_cmpstr (a->who, ==, "Test Person");
  a = actions->pdata[2];
  g_assert_cmpstr (a->event, ==, "permission.refused");
  g_assert_cmpstr (a->who, ==, "Tom Reyes");
  a = actions->pdata[3];
  g_assert_true (a->change);
  g_assert_cmpstr (a->what, ==,
                   "Infusion pump · Rate: 12.0 mL/h → 22.0 mL/h (reason: “Bleeding risk reviewed, doctor's order”)");
  g_assert_cmpstr (a->outcome, ==, "Refused by the device: Occlusion");
  a = actions->pdata[4];
  g_assert_cmpstr (a->event, ==, "break-glass.ended");
  for (guint i = 1; i < actions->len; i++)
    g_assert_cmpint (((WardBreakGlassAction *) actions->pdata[i - 1])->at_us, <=,
                     ((WardBreakGlassAction *) actions->pdata[i])->at_us);

  /* Without a catalogue the words are plainer, never missing. */
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = ward_break_glass_review_actions (f->store, f->admin, NULL, session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((WardBreakGlassAction *) actions->pdata[1])->what, ==, "rate_ml_h: 10 mL/h → 12 mL/h");
}

static void
test_actions_need_audit_view (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(WardSessionRecord) session = the_session (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(WardActor) nurse = ward_actor_new_for_user_id (f->store, ward_test_site_person (f->site, "treyes")->user_id,
                                                           &error);
  g_autoptr(GPtrArray) actions = ward_break_glass_review_actions (f->store, nurse, f->catalogue, session, &error);

  g_assert_null (actions);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "audit.view"));
}

static void
assert_note_refused (Fixture    *f,
                     const char *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_break_glass_review_mark (f->store, f->admin, f->session_id, note, &error));
  g_assert_error (error, WARD_BREAK_GLASS_REVIEW_ERROR, WARD_BREAK_GLASS_REVIEW_ERROR_NOTE);
}

static guint
count_reviewed (Fixture *f)
{
  WardAuditFilter filter = { .event = "break-glass.reviewed" };
  g_autoptr(GPtrArray) records = ward_audit_list (f->store, &filter, NULL);

  return records->len;
}

static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *long_note = g_strnfill (WARD_BREAK_GLASS_NOTE_MAX_CHARS + 1, 'x');
  g_autoptr(WardSessionRecord) session = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  WardAuditFilter filter = { .event = "break-glass.reviewed", .limit = 1 };

  /* No note, a short one, one of spaces, one on two lines, a long one:
   * refused, and nothing is marked. */
  assert_note_refused (f, NULL);
  assert_note_refused (f, "ok");
  assert_note_refused (f, "             ");
  assert_note_refused (f, "Checked with\nthe ward");
  assert_note_refused (f, long_note);
  session = the_session (f);
  g_assert_cmpint (session->reviewed_at, ==, 0);
  g_assert_cmpuint (count_reviewed (f), ==, 0);

  /* A note in words: stored with the review, and on the audit trail. */
  g_assert_true (ward_break_glass_review_mark (f->store, f->admin, f->session_id,
                                               "  Checked with the charge nurse: arrest in bed 12, justified.  ",
                                               &error));
  g_assert_no_error (error);
  stored = ward_session_review_get_note (f->store, f->session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "Checked with the charge nurse: arrest in bed 12, justified.");
  records = ward_audit_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((WardAuditRecord *) records->pdata[0])->actor, ==, "aadmin");
  g_assert_nonnull (strstr (((WardAuditRecord *) records->pdata[0])->details,
                            "\"note\":\"Checked with the charge nurse: arrest in bed 12, justified.\""));

  /* Once only: a second review neither replaces the note nor adds a record. */
  g_assert_false (ward_break_glass_review_mark (f->store, f->admin, f->session_id, "A different view later on",
                                                &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&stored, g_free);
  stored = ward_session_review_get_note (f->store, f->session_id, NULL);
  g_assert_cmpstr (stored, ==, "Checked with the charge nurse: arrest in bed 12, justified.");
  g_assert_cmpuint (count_reviewed (f), ==, 1);

  /* The store refuses a note by hand without a review, or too short. */
  g_clear_error (&error);
  g_assert_false (ward_session_review_set_note (f->store, f->session_id, "Rewritten afterwards", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/break-glass-review/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/break-glass-review/actions-need-audit-view", Fixture, NULL, fixture_set_up,
              test_actions_need_audit_view, fixture_tear_down);
  g_test_add ("/break-glass-review/note", Fixture, NULL, fixture_set_up, test_note, fixture_tear_down);
  return g_test_run ();
}
