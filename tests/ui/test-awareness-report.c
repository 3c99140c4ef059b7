/* test-awareness-report.c: the awareness report on the admin screens: totals, people, topics, who is overdue, per period */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/ui/ward-test-kiosk.h"
#include "ui/admin/ward-admin-page.h"


/* The kiosk over the test ward of tests/ui/ward-test-kiosk.c, its
 * awareness prompts on. */
typedef WardTestKiosk Fixture;

#define DAYS (G_GINT64_CONSTANT (86400))

/* -- The report for admins ------------------------------------------------ */

static gint64
add_person (Fixture    *f,
            const char *username,
            const char *full_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (f->site->fixture->store, username, full_name, &error);

  g_assert_no_error (error);
  ward_directory_grant_role (f->site->fixture->store, id, "nurse", "test", &error);
  g_assert_no_error (error);
  return id;
}

static void
seed_answer (WardAwarenessScheduler *seeder,
             gint64                  user_id,
             const char             *prompt_id,
             gboolean                correct)
{
  WardAwarenessPrompt *prompt =
    ward_awareness_catalogue_lookup_prompt (ward_awareness_scheduler_get_catalogue (seeder), prompt_id);
  g_autoptr(GError) error = NULL;
  gboolean stored_correct = !correct;

  g_assert_nonnull (prompt);
  g_assert_true (ward_awareness_scheduler_record_answer (seeder, user_id, prompt,
                                                         ward_awareness_prompt_get_choice_id (
                                                           prompt, (guint) ward_test_awareness_choice (prompt, correct)),
                                                         &stored_correct, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_correct, ==, correct);
}

static void
seed_skip (WardAwarenessScheduler *seeder,
           gint64                  user_id,
           const char             *prompt_id)
{
  WardAwarenessPrompt *prompt =
    ward_awareness_catalogue_lookup_prompt (ward_awareness_scheduler_get_catalogue (seeder), prompt_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_awareness_scheduler_record_skip (seeder, user_id, prompt, &error));
  g_assert_no_error (error);
}

static void
later (Fixture *f,
       gint64   seconds)
{
  ward_clock_advance (f->site->fixture->clock, seconds * G_USEC_PER_SEC);
}

/* Twenty days ago: Mary answers one wrongly, Omar one wrongly. This week:
 * Mary puts one off, then answers two rightly; Omar puts two off and
 * signs in. So over 7 days Mary has 2 answered, 1 put off, 100 % right,
 * Omar 0, 2 and "—"; over 28 days Mary 3, 1, 67 % and Omar 1, 2, 0 %. */
static void
seed_history (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue = ward_awareness_catalogue_new_default (&error);
  g_autoptr(WardAwarenessScheduler) seeder = NULL;
  gint64 mary = add_person (f, "mmorgan", "Mary Morgan");
  gint64 omar = add_person (f, "ofarouk", "Omar Farouk");

  g_assert_no_error (error);
  seeder = ward_awareness_scheduler_new (f->site->fixture->store, catalogue);
  seed_answer (seeder, mary, "usb-found-corridor", FALSE);
  later (f, 3600);
  seed_answer (seeder, omar, "phishing-invoice", FALSE);
  later (f, 20 * DAYS);
  seed_skip (seeder, mary, "tailgating-delivery");
  later (f, 3600);
  seed_answer (seeder, mary, "tailgating-delivery", TRUE);
  seed_answer (seeder, mary, "phishing-payroll", TRUE);
  later (f, 3600);
  seed_skip (seeder, omar, "phishing-payroll");
  seed_skip (seeder, omar, "phishing-payroll");
  ward_sessions_open (f->site->fixture->store, omar, "normal", NULL, &error);
  g_assert_no_error (error);
  later (f, 3600);
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* What a table row shows, cell by cell: "Mary Morgan|mmorgan|3|1|67%|…". */
static char *
row_texts (GtkWidget  *section,
           const char *list_id,
           const char *name)
{
  GtkListBox *list = GTK_LIST_BOX (ward_test_find_by_id (section, list_id));

  g_assert_nonnull (list);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      g_autoptr(GString) texts = g_string_new (NULL);

      collect_texts (row, texts);
      if (g_str_has_prefix (texts->str, name))
        return g_strdup (texts->str);
    }
  g_error ("No row for “%s” in %s", name, list_id);
}

static guint
n_rows (GtkWidget  *section,
        const char *list_id)
{
  GtkListBox *list = GTK_LIST_BOX (ward_test_find_by_id (section, list_id));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static void
assert_row (GtkWidget  *section,
            const char *list_id,
            const char *name,
            const char *expected)
{
  g_autofree char *texts = row_texts (section, list_id, name);

  if (!g_str_has_prefix (texts, expected))
    g_error ("The row of %s in %s shows “%s”, not “%s…”", name, list_id, texts, expected);
}

static void
assert_label (GtkWidget  *section,
              const char *id,
              const char *expected)
{
  GtkWidget *label = ward_test_find_by_id (section, id);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
}

static gboolean
transition_done (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

/* The sections crossfade: the screenshot waits for the new one alone. */
static void
wait_for_section (Fixture   *f,
                  GtkWidget *section)
{
  ward_test_wait_for (transition_done, gtk_widget_get_parent (section));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static GtkAdjustment *
tables_adjustment (GtkWidget *section)
{
  GtkWidget *scroll = ward_test_find_by_id (section, "tables_scroll");

  g_assert_nonnull (scroll);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
}

/* The tables scroll under the totals, which stay in sight. */
static void
scroll_to_end (Fixture   *f,
               GtkWidget *section)
{
  GtkAdjustment *adjustment = tables_adjustment (section);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
scroll_to_start (Fixture   *f,
                 GtkWidget *section)
{
  gtk_adjustment_set_value (tables_adjustment (section), 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
select_period (Fixture   *f,
               GtkWidget *section,
               guint      index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ward_test_find_by_id (section, "period_dropdown")), index);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

/* 28 days, the default: all of the seeded history. */
static void
assert_four_weeks (GtkWidget *section)
{
  assert_label (section, "answered_label", "4");
  assert_label (section, "skipped_label", "3");
  assert_label (section, "right_label", "50%");
  assert_label (section, "overdue_label", "2");
  g_assert_cmpuint (n_rows (section, "users_list"), ==, 3);
  /* No share of right answers per person at the bedside: the command-line
   * report has it. */
  assert_row (section, "users_list", "Mary Morgan", "Mary Morgan|mmorgan|3|1|");
  assert_row (section, "users_list", "Omar Farouk", "Omar Farouk|ofarouk|1|2|");
  assert_row (section, "users_list", "Test Person", "Test Person|aadmin|0|0|never");
  assert_row (section, "topics_list", "Phishing e-mail", "Phishing e-mail|2|2|50%|");
  assert_row (section, "topics_list", "Following someone", "Following someone through a badge door|1|1|100%|");
  assert_row (section, "topics_list", "A USB stick", "A USB stick found on the ward|1|0|0%|");
  g_assert_cmpuint (n_rows (section, "overdue_list"), ==, 2);
  assert_row (section, "overdue_list", "Omar Farouk", "Omar Farouk|ofarouk|");
  assert_row (section, "overdue_list", "Test Person", "Test Person|aadmin|");
}

/* The last week: the answers of twenty days ago are out. */
static void
assert_one_week (GtkWidget *section)
{
  assert_label (section, "answered_label", "2");
  assert_label (section, "skipped_label", "3");
  assert_label (section, "right_label", "100%");
  assert_label (section, "overdue_label", "2");
  assert_row (section, "users_list", "Mary Morgan", "Mary Morgan|mmorgan|2|1|");
  assert_row (section, "users_list", "Omar Farouk", "Omar Farouk|ofarouk|0|2|");
  assert_row (section, "topics_list", "Phishing e-mail", "Phishing e-mail|1|2|100%|");
  assert_row (section, "topics_list", "A USB stick", "A USB stick found on the ward|0|0|—|never");
}

/* Without its question, so that the figures stay the seeded ones. */
static void
sign_in_without_question (Fixture    *f,
                          const char *username)
{
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
  ward_test_kiosk_pass_factors (f, username);
  ward_test_kiosk_wait_for_state (f, WARD_AUTH_STATE_SIGNED_IN);
  ward_auth_flow_set_awareness_hook (f->flow, ward_awareness_scheduler_due_for_flow,
                                     g_object_ref (ward_kiosk_get_awareness (f->kiosk)), g_object_unref);
}

static void
check_report (Fixture *f)
{
  WardAdminPage *admin = ward_admin_page_new (f->kiosk);
  GtkWidget *section;

  ward_window_add_page (f->window, GTK_WIDGET (admin), "admin");
  sign_in_without_question (f, "aadmin");
  ward_test_kiosk_activate (f, "win.show-admin");
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  ward_admin_page_refresh (admin);
  g_assert_true (ward_admin_page_show_section (admin, "awareness"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  section = ward_admin_page_get_section_widget (admin, "awareness");
  wait_for_section (f, section);
  ward_test_assert_shows (section, "Last 28 days");
  assert_four_weeks (section);
  ward_test_kiosk_screenshot (f, "awareness-report.png");
  scroll_to_end (f, section);
  ward_test_kiosk_screenshot (f, "awareness-report-tables.png");
  scroll_to_start (f, section);

  select_period (f, section, 0);
  ward_test_assert_shows (section, "Last 7 days");
  assert_one_week (section);
  ward_test_kiosk_screenshot (f, "awareness-report-week.png");
  select_period (f, section, 1);
  assert_four_weeks (section);
  ward_test_kiosk_sign_out (f);

  /* A nurse may not see the report: no section, and nothing left on it. */
  sign_in_without_question (f, "nnurse");
  ward_admin_page_refresh (admin);
  g_assert_false (ward_admin_page_section_allowed (admin, "awareness"));
  g_assert_false (ward_admin_page_show_section (admin, "awareness"));
  g_assert_cmpuint (n_rows (section, "users_list"), ==, 0);
  ward_test_kiosk_sign_out (f);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  seed_history (f);
  f->awareness = TRUE;
  ward_test_kiosk_run (f, check_report, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* The shipped prompts, not a site's own. */
  g_unsetenv ("WARDGATE_AWARENESS");
  ward_test_kiosk_init (&argc, &argv);

  ward_test_kiosk_add ("/ui/awareness/report", test_report);

  return g_test_run ();
}
