/* test-awareness-report.c: awareness figures for a seeded history, in process and through wardgate-admin */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "app/awareness/ward-awareness-report.h"
#include "auth/ward-actor.h"
#include "data/ward-audit.h"
#include "data/ward-awareness-store.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-store.h"

/* 2025-03-03 08:00:00 UTC: the seeded history lies in the past, so the
 * command line, which runs on the real clock, sees all of it. */
#define T0    G_GINT64_CONSTANT (1740988800)
#define HOURS (G_GINT64_CONSTANT (3600))

static const char test_content[] =
  "<awareness version=\"1\">"
  "<topic id=\"alpha\"><name>Alpha</name></topic>"
  "<topic id=\"beta\"><name>Beta</name></topic>"
  "<topic id=\"gamma\"><name>Gamma</name></topic>"
#define PROMPT(id, topic) \
  "<prompt id=\"" id "\" topic=\"" topic "\"><scenario>One. Two.</scenario><question>Q?</question>" \
  "<choice id=\"right\" correct=\"yes\"><label>R</label><explanation>E.</explanation></choice>" \
  "<choice id=\"wrong\" correct=\"no\"><label>W</label><explanation>E.</explanation></choice>" \
  "</prompt>"
  PROMPT ("alpha-1", "alpha") PROMPT ("beta-1", "beta") PROMPT ("beta-2", "beta") PROMPT ("gamma-1", "gamma")
  "</awareness>";

static const char expected_csv[] =
  "scope,id,name,answered,skipped,right,percent_right,completion,last_answered,last_signed_in\n"
  "user,anna,Anna Nurse,3,0,2,67,100,2025-03-03T18:00:00Z,2025-03-05T08:00:00Z\n"
  "user,bernd,\"Nurse, Bernd\",1,2,0,0,33,2025-03-03T11:00:00Z,2025-03-03T11:00:00Z\n"
  "user,carla,\"'=Carla\",0,0,0,,,,2025-03-04T08:00:00Z\n"
  "topic,alpha,Alpha,2,2,1,50,50,2025-03-03T11:00:00Z,\n"
  "topic,beta,Beta,2,0,1,50,100,2025-03-03T18:00:00Z,\n"
  "topic,gamma,Gamma,0,0,0,,,,\n"
  "overdue,anna,Anna Nurse,3,0,2,67,100,2025-03-03T18:00:00Z,2025-03-05T08:00:00Z\n"
  "overdue,carla,\"'=Carla\",0,0,0,,,,2025-03-04T08:00:00Z\n"
  "total,,,4,2,2,50,67,2025-03-03T18:00:00Z,\n";

typedef struct
{
  WardTestStore          *fixture;
  WardAwarenessCatalogue *catalogue;
  char                   *content_path;
  gint64                  anna, bernd, carla, dave;
} Fixture;

static gint64
add_user (Fixture    *f,
          const char *username,
          const char *full_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (f->fixture->store, username, full_name, &error);

  g_assert_no_error (error);
  ward_directory_grant_role (f->fixture->store, id, "nurse", "test", &error);
  g_assert_no_error (error);
  return id;
}

static void
at (Fixture *f,
    gint64   seconds)
{
  ward_clock_set_now_us (f->fixture->clock, seconds * G_USEC_PER_SEC);
}

static void
record (Fixture    *f,
        gint64      user_id,
        const char *prompt_id,
        const char *topic,
        const char *choice)
{
  g_autoptr(GError) error = NULL;

  ward_awareness_store_record (f->fixture->store, user_id, prompt_id, topic, choice,
                               g_strcmp0 (choice, "right") == 0, &error);
  g_assert_no_error (error);
}

static void
sign_in (Fixture    *f,
         gint64      user_id,
         const char *kind)
{
  g_autoptr(GError) error = NULL;

  ward_sessions_open (f->fixture->store, user_id, kind,
                      g_str_equal (kind, "break-glass") ? "Cardiac arrest in bed 12" : NULL, &error);
  g_assert_no_error (error);
}

/* Anna: three answers, two right, then a sign-in two days later without
 * one (overdue). Bernd: puts it off twice, then answers wrongly. Carla:
 * signs in, never answered (overdue). Dave: only an emergency session
 * (neither counted nor overdue). Anna's answer three days before the
 * period is outside it. */
static void
seed_history (Fixture *f)
{
  at (f, T0 - 72 * HOURS);
  record (f, f->anna, "gamma-1", "gamma", "right");
  at (f, T0);
  record (f, f->anna, "alpha-1", "alpha", "right");
  sign_in (f, f->anna, "normal");
  at (f, T0 + 1 * HOURS);
  record (f, f->bernd, "alpha-1", "alpha", NULL);
  at (f, T0 + 2 * HOURS);
  record (f, f->bernd, "alpha-1", "alpha", NULL);
  at (f, T0 + 3 * HOURS);
  record (f, f->bernd, "alpha-1", "alpha", "wrong");
  sign_in (f, f->bernd, "normal");
  at (f, T0 + 10 * HOURS);
  record (f, f->anna, "beta-1", "beta", "wrong");
  record (f, f->anna, "beta-2", "beta", "right");
  sign_in (f, f->anna, "normal");
  at (f, T0 + 20 * HOURS);
  sign_in (f, f->dave, "break-glass");
  at (f, T0 + 24 * HOURS);
  sign_in (f, f->carla, "normal");
  at (f, T0 + 48 * HOURS);
  sign_in (f, f->anna, "normal");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->fixture = ward_test_store_new ();
  ward_test_bootstrap_admin (f->fixture, "alice");
  f->anna = add_user (f, "anna", "Anna Nurse");
  f->bernd = add_user (f, "bernd", "Nurse, Bernd");
  f->carla = add_user (f, "carla", "=Carla");
  f->dave = add_user (f, "dave", "Dave Nurse");
  f->catalogue = ward_awareness_catalogue_new_from_data (test_content, -1, "test-content", &error);
  g_assert_no_error (error);
  f->content_path = g_build_filename (f->fixture->dir, "prompts.xml", NULL);
  g_assert_true (g_file_set_contents (f->content_path, test_content, -1, &error));
  seed_history (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->catalogue);
  g_unlink (f->content_path);
  g_free (f->content_path);
  ward_test_store_free (f->fixture);
}

static WardAwarenessReport *
build (Fixture     *f,
       const char  *username,
       GError     **error)
{
  g_autoptr(WardActor) actor = ward_actor_new_for_account (f->fixture->store, username, NULL);

  return ward_awareness_report_build (f->fixture->store, actor, f->catalogue,
                                      T0 - 24 * HOURS, T0 + 72 * HOURS, 10, error);
}

static WardAwarenessFigures *
row (GPtrArray *rows,
     guint      index)
{
  return g_ptr_array_index (rows, index);
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessReport) report = build (f, "alice", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->users->len, ==, 3);
  g_assert_cmpstr (row (report->users, 0)->id, ==, "anna");
  g_assert_cmpuint (row (report->users, 0)->answered, ==, 3);
  g_assert_cmpuint (row (report->users, 0)->right, ==, 2);
  g_assert_cmpint (ward_awareness_figures_percent_right (row (report->users, 0)), ==, 67);
  g_assert_cmpint (row (report->users, 0)->last_answered, ==, T0 + 10 * HOURS);
  g_assert_cmpint (row (report->users, 0)->last_signed_in, ==, T0 + 48 * HOURS);
  g_assert_cmpstr (row (report->users, 1)->id, ==, "bernd");
  g_assert_cmpuint (row (report->users, 1)->skipped, ==, 2);
  g_assert_cmpint (ward_awareness_figures_completion (row (report->users, 1)), ==, 33);
  g_assert_cmpint (ward_awareness_figures_percent_right (row (report->users, 2)), ==, -1);

  g_assert_cmpuint (report->topics->len, ==, 3);
  g_assert_cmpstr (row (report->topics, 0)->name, ==, "Alpha");
  g_assert_cmpuint (row (report->topics, 0)->answered, ==, 2);
  g_assert_cmpuint (row (report->topics, 2)->answered, ==, 0);

  g_assert_cmpuint (report->overdue->len, ==, 2);
  g_assert_cmpstr (row (report->overdue, 0)->id, ==, "anna");
  g_assert_cmpstr (row (report->overdue, 1)->id, ==, "carla");
  g_assert_cmpuint (report->totals.answered, ==, 4);
  g_assert_cmpint (ward_awareness_figures_percent_right (&report->totals), ==, 50);
}

static void
test_csv_and_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(WardAwarenessReport) report = build (f, "alice", NULL);
  g_autofree char *csv = ward_awareness_report_to_csv (report);
  g_autofree char *text = ward_awareness_report_to_text (report);

  g_assert_cmpstr (csv, ==, expected_csv);
  g_assert_nonnull (strstr (text, "Anna Nurse (anna)"));
  g_assert_nonnull (strstr (text, "67 %"));
  g_assert_nonnull (strstr (text, "Overdue"));
  g_assert_nonnull (strstr (text, "last answered never"));
}

/* A longer interval forgives Anna's gap; the period decides who counts. */
static void
test_interval_and_period (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WardActor) actor = ward_actor_new_for_account (f->fixture->store, "alice", NULL);
  g_autoptr(WardAwarenessReport) relaxed =
    ward_awareness_report_build (f->fixture->store, actor, f->catalogue, T0 - 24 * HOURS, T0 + 72 * HOURS, 48, NULL);
  g_autoptr(WardAwarenessReport) early =
    ward_awareness_report_build (f->fixture->store, actor, f->catalogue, T0 - 96 * HOURS, T0, 10, NULL);

  g_assert_cmpuint (relaxed->overdue->len, ==, 1);
  g_assert_cmpstr (row (relaxed->overdue, 0)->id, ==, "carla");
  g_assert_cmpuint (early->users->len, ==, 1);
  g_assert_cmpuint (row (early->topics, 2)->answered, ==, 1);
  g_assert_cmpuint (early->overdue->len, ==, 0);
}

static void
test_permission_needed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessReport) report = build (f, "anna", &error);
  WardAuditFilter filter = { .event_prefix = "permission.refused" };
  g_autoptr(GPtrArray) refusals = NULL;

  g_assert_null (report);
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
  refusals = ward_audit_list (f->fixture->store, &filter, NULL);
  g_assert_cmpuint (refusals->len, ==, 1);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(WardTestCliResult) csv = { 0 };

  g_setenv ("WARDGATE_AWARENESS", f->content_path, TRUE);
  csv = ward_test_cli_run (f->fixture->db_path, "--as alice awareness report --since 2025-03-02 --csv");
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==, expected_csv);

  ward_test_cli_assert (f->fixture->db_path, "--as alice awareness report --since 2025-03-02", 0, "Anna Nurse (anna)");
  ward_test_cli_assert (f->fixture->db_path, "--as anna awareness report", 1, "awareness.report");
  ward_test_cli_assert (f->fixture->db_path, "--as alice awareness report --since 2025-02-30", 1, "YYYY-MM-DD");
  ward_test_cli_assert (f->fixture->db_path, "--as alice awareness report --limit 3", 2, "does not take");
  ward_test_cli_assert (f->fixture->db_path, "awareness report", 2, "needs --as");
  ward_test_cli_assert (f->fixture->db_path, "--help", 0, "awareness report");
  g_unsetenv ("WARDGATE_AWARENESS");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/awareness/report/figures", test_figures);
  ADD ("/awareness/report/csv-and-text", test_csv_and_text);
  ADD ("/awareness/report/interval-and-period", test_interval_and_period);
  ADD ("/awareness/report/permission", test_permission_needed);
  ADD ("/awareness/report/command-line", test_command_line);
#undef ADD
  return g_test_run ();
}
