/* test-charge-nurse.c: a charge nurse at the administration screens: enrolment that stays within what she sees, unlocking only whom she may, refusals in words for her, people by name */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/admin/ward-locked-people.h"
#include "tests/common/ward-test-flow.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"

#define ADMIN_BADGE  "04D4E5F6"
#define NURSE_BADGE  "04A1B2C3"
#define CHARGE_BADGE "04778899"
#define NURSE2_BADGE "04112233"

typedef struct
{
  WardTestSite *site;
  WardWindow   *window;
  WardKiosk    *kiosk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_configure_site ("Bed 12");
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "amorgan", "admin", ADMIN_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "nokafor", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "glin", "charge-nurse", CHARGE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "treyes", "nurse", NURSE2_BADGE, TRUE, TRUE);
  ward_test_site_rename (f->site, "amorgan", "Alex Morgan");
  ward_test_site_rename (f->site, "nokafor", "Nadia Okafor");
  ward_test_site_rename (f->site, "glin", "Grace Lin");
  ward_test_site_rename (f->site, "treyes", "Tom Reyes");
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_site_free (f->site);
}

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->window);
}

static void
start (Fixture         *f,
       WardApplication *app)
{
  f->window = ward_test_xinput_kiosk_ready (app, f->site);
  f->kiosk = ward_application_get_kiosk (app);
}

static WardAdminPage *
open_admin (Fixture *f)
{
  ward_test_xinput_click (ward_test_find_button (root (f), "Administration"));
  g_assert_cmpstr (ward_window_get_visible_page (f->window), ==, "admin");
  /* Past the pages' cross-fade: only what stays on screen counts. */
  ward_test_spin (600);
  gtk_test_widget_wait_for_draw (root (f));
  return WARD_ADMIN_PAGE (ward_test_find_widget (root (f), WARD_TYPE_ADMIN_PAGE));
}

/* The row of the locked list that names @text. */
static GtkWidget *
locked_row (WardAdminPage *page,
            const char    *text)
{
  GtkWidget *section = ward_admin_page_get_section_widget (page, "locked");
  GtkLabel *label = ward_test_find_label (section, text, FALSE);
  GtkWidget *widget = GTK_WIDGET (label);

  if (label == NULL)
    g_error ("The locked list does not show “%s”", text);
  while (widget != NULL && !GTK_IS_LIST_BOX_ROW (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
find_unlock (GtkWidget *row)
{
  GtkLabel *label = ward_test_find_label (row, "Unlock", FALSE);

  return label != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON) : NULL;
}

static gboolean
is_locked_in (WardStore  *store,
              WardActor  *admin,
              const char *username)
{
  g_autoptr(GPtrArray) people = ward_locked_people_list (store, admin, NULL);
  gboolean found = FALSE;

  g_assert_nonnull (people);
  for (guint i = 0; i < people->len; i++)
    found |= g_str_equal (((WardLockedPerson *) people->pdata[i])->username, username);
  return found;
}

static gboolean
is_locked (Fixture    *f,
           const char *username)
{
  return is_locked_in (ward_kiosk_get_store (f->kiosk), f->site->enroller, username);
}

/* -- The enrolment page points only where she can go ------------------------ */

static void
walk_enrolment (WardApplication *app,
                gpointer         data)
{
  Fixture *f = data;
  WardAdminPage *page;
  GtkWidget *enrolment;

  start (f, app);
  ward_test_xinput_sign_in (f->window, f->site, "glin", CHARGE_BADGE);
  page = open_admin (f);
  g_assert_cmpstr (ward_admin_page_get_section (page), ==, "enrolment");
  g_assert_false (ward_admin_page_section_allowed (page, "users"));
  enrolment = ward_admin_page_get_section_widget (page, "enrolment");
  /* Nothing on her screen names a section she does not have. */
  ward_test_assert_shows_part (enrolment, "type their user name");
  g_assert_null (ward_test_find_label (root (f), "Staff accounts", TRUE));
  g_assert_null (ward_test_find_label (root (f), "Roles and permissions", TRUE));
  g_assert_null (ward_test_find_label (root (f), "Audit trail", TRUE));
  g_free (ward_test_save_screenshot (root (f), "charge-nurse-enrolment.png"));

  /* An administrator's account: her badge tap is refused, in words for her. */
  ward_test_xinput_click (ward_test_find_widget (enrolment, GTK_TYPE_ENTRY));
  ward_test_xinput_type (root (f), "amorgan", 120);
  ward_test_xinput_click (ward_test_find_button (enrolment, "Start"));
  ward_test_assert_shows (enrolment, "Tap their badge on the reader");
  g_assert_true (ward_admin_page_wants_badge (page));
  for (guint attempt = 0; attempt < 3 && ward_admin_page_wants_badge (page)
       && ward_test_find_label (enrolment, "You cannot", TRUE) == NULL; attempt++)
    ward_test_xinput_type (root (f), "04ABCDEF01\n", 5);
  ward_test_assert_shows (enrolment,
                          "You cannot change the sign-in credentials of Alex Morgan: "
                          "only an administrator can do that for administrators.");
  g_assert_null (ward_test_find_label (root (f), "glin", TRUE));
  g_free (ward_test_save_screenshot (root (f), "charge-nurse-enrolment-refused.png"));
}

static void
test_enrolment (Fixture       *f,
                gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk_enrolment, f);
}

/* An administrator at the same screen still gets the way to Staff accounts. */
static void
walk_enrolment_admin (WardApplication *app,
                      gpointer         data)
{
  Fixture *f = data;
  WardAdminPage *page;

  start (f, app);
  ward_test_xinput_sign_in (f->window, f->site, "amorgan", ADMIN_BADGE);
  page = open_admin (f);
  ward_test_xinput_choose_section (root (f), "Enrol badge, key, app");
  g_assert_cmpstr (ward_admin_page_get_section (page), ==, "enrolment");
  ward_test_assert_shows_part (ward_admin_page_get_section_widget (page, "enrolment"), "under Staff accounts");
}

static void
test_enrolment_admin (Fixture       *f,
                      gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk_enrolment_admin, f);
}

/* -- Locked accounts: people by name, Unlock only where she may ------------- */

static void
walk_locked (WardApplication *app,
             gpointer         data)
{
  Fixture *f = data;
  WardAdminPage *page;
  GtkWidget *section;
  GtkWidget *row;

  start (f, app);
  ward_test_xinput_sign_in (f->window, f->site, "glin", CHARGE_BADGE);
  page = open_admin (f);
  ward_test_xinput_choose_section (root (f), "Locked accounts");
  g_assert_cmpstr (ward_admin_page_get_section (page), ==, "locked");
  section = ward_admin_page_get_section_widget (page, "locked");

  /* People, by full name; the user name beneath. */
  row = locked_row (page, "Alex Morgan");
  g_assert_nonnull (ward_test_find_label (row, "amorgan", FALSE));
  g_assert_null (find_unlock (row));
  ward_test_assert_shows (row, "Only an administrator can unlock this account.");
  row = locked_row (page, "Nadia Okafor");
  g_assert_nonnull (ward_test_find_label (row, "nokafor", FALSE));
  g_assert_nonnull (find_unlock (row));
  g_free (ward_test_save_screenshot (root (f), "charge-nurse-locked.png"));

  /* She unlocks the nurse: named as a person. */
  ward_test_xinput_click (find_unlock (row));
  ward_test_assert_shows (section, "Nadia Okafor is unlocked and can sign in again.");
  g_assert_false (is_locked (f, "nokafor"));

  /* Tom is offered; an administrator makes him one before she presses
   * Unlock: the operation itself refuses, and says so in words for her. */
  row = locked_row (page, "Tom Reyes");
  g_assert_nonnull (find_unlock (row));
  {
    g_autoptr(GError) error = NULL;

    ward_account_admin_grant_role_with (ward_kiosk_get_accounts (f->kiosk), f->site->enroller, "treyes", "admin",
                                        WARD_ACCOUNT_ADMIN_KEEP_CREDENTIALS, &error);
    g_assert_no_error (error);
  }
  ward_test_xinput_click (find_unlock (row));
  ward_test_assert_shows (section, "You cannot unlock Tom Reyes: only an administrator can unlock administrators.");
  g_assert_null (ward_test_find_label (section, "glin", TRUE));
  g_assert_true (is_locked (f, "treyes"));
  g_assert_true (is_locked (f, "amorgan"));
  g_free (ward_test_save_screenshot (root (f), "charge-nurse-unlock-refused.png"));
}

static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  ward_test_site_lock_out (f->site, f->site->policy, "amorgan");
  ward_test_site_lock_out (f->site, f->site->policy, "nokafor");
  ward_test_site_lock_out (f->site, f->site->policy, "treyes");
  ward_test_run_kiosk (f->site, FALSE, walk_locked, f);
}

/* -- The check stays where the operation runs ---------------------------------- */

static void
test_unlock_checked_in_app (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(WardActor) glin = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;

  ward_test_site_lock_out (f->site, f->site->policy, "amorgan");
  ward_test_site_lock_out (f->site, f->site->policy, "nokafor");
  glin = ward_actor_new_for_account (f->site->fixture->store, "glin", &error);
  g_assert_no_error (error);

  /* Whatever a screen offers, the unlock refuses, naming the person. */
  g_assert_false (ward_policy_unlock (f->site->policy, glin, "amorgan", &error));
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==,
                   "You cannot unlock Alex Morgan: only an administrator can unlock administrators.");
  g_clear_error (&error);
  g_assert_true (is_locked_in (f->site->fixture->store, f->site->enroller, "amorgan"));

  /* The list's preview agrees with the operation. */
  people = ward_locked_people_list (f->site->fixture->store, glin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  for (guint i = 0; i < people->len; i++)
    {
      WardLockedPerson *person = people->pdata[i];

      g_assert_cmpint (person->may_unlock, ==, g_str_equal (person->username, "nokafor"));
      g_assert_cmpstr (person->full_name, ==,
                       g_str_equal (person->username, "nokafor") ? "Nadia Okafor" : "Alex Morgan");
    }
  g_assert_true (ward_policy_unlock (f->site->policy, glin, "nokafor", &error));
  g_assert_no_error (error);

  /* A nurse sees no list at all. */
  {
    g_autoptr(WardActor) nurse = ward_actor_new_for_account (f->site->fixture->store, "treyes", NULL);

    g_assert_null (ward_locked_people_list (f->site->fixture->store, nurse, &error));
    g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
    g_assert_null (strstr (error->message, "treyes"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  ward_test_isolate_kiosk ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/charge-nurse/unlock-checked-in-app", Fixture, NULL, fixture_set_up, test_unlock_checked_in_app,
              fixture_tear_down);
  g_test_add ("/ui/charge-nurse/enrolment", Fixture, NULL, fixture_set_up, test_enrolment, fixture_tear_down);
  g_test_add ("/ui/charge-nurse/enrolment-admin", Fixture, NULL, fixture_set_up, test_enrolment_admin,
              fixture_tear_down);
  g_test_add ("/ui/charge-nurse/locked", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);
  return g_test_run ();
}
