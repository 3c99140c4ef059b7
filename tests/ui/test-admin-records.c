/* test-admin-records.c: the administration screens driven as staff would: people, roles, locked accounts, the audit trail */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtk/gtk.h>
#include <liboath/oath.h>
#include <sqlite3.h>

#include "app/admin/ward-break-glass-review.h"
#include "app/ward-kiosk.h"
#include "data/ward-directory.h"
#include "data/ward-ldap-settings.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-flow.h"
#include "tests/ui/ward-test-admin.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"
#include "ui/admin/ward-review-panel.h"
#include "ui/admin/ward-roles-section.h"

typedef WardTestAdmin Fixture;

/* -- Users: search, detail, disable with a confirmation ------------------- */

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *text)
{
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (ward_test_admin_find_text (GTK_WIDGET (row), text) != NULL)
        return row;
    }
  return NULL;
}

static void
test_user_detail_and_disable (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *users;
  GtkListBox *list;
  GtkListBoxRow *row;
  g_autoptr(WardUserRecord) record = NULL;

  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  users = ward_test_admin_section (f, "users");
  list = GTK_LIST_BOX (ward_test_get_by_id (users, "users_list"));
  ward_test_admin_type_into (users, "search_entry", "nnurse");
  g_signal_emit_by_name (ward_test_get_by_id (users, "search_entry"), "search-changed");
  ward_test_admin_spin ();
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  row = find_row (list, "nnurse");
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  ward_test_admin_spin ();

  ward_test_admin_assert_shows (users, "Sign-in credentials");
  ward_test_admin_assert_shows (users, "nnurse");
  ward_test_admin_assert_shows (users, "1 enrolled");
  ward_test_admin_assert_shows (users, "Set up");
  ward_test_admin_assert_shows (users, "Not locked");
  g_assert_true (gtk_check_button_get_active (ward_test_admin_find_check (ward_test_get_by_id (users, "roles_box"), "Nurse")));
  ward_test_admin_screenshot (f, "admin-user-detail.png");

  ward_test_admin_tap_id (users, "disable_button");
  ward_test_admin_assert_shows (users, "Disable the account of Test Person?");
  ward_test_admin_screenshot (f, "admin-user-disable.png");
  ward_test_admin_tap_id (users, "keep_button");
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (users, "disable_confirm")));
  record = ward_directory_find_user (ward_kiosk_get_store (f->kiosk), "nnurse", NULL);
  g_assert_false (record->disabled);
  g_clear_pointer (&record, ward_user_record_free);

  ward_test_admin_tap_id (users, "disable_button");
  ward_test_admin_tap_id (users, "confirm_disable_button");
  record = ward_directory_find_user (ward_kiosk_get_store (f->kiosk), "nnurse", NULL);
  g_assert_true (record->disabled);
  ward_test_admin_assert_shows (users, "The account is disabled");
  ward_test_admin_assert_shows (users, "Account disabled");
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (users, "disable_button")));
}

/* A person from the hospital directory: the screen says so, and what is
 * the directory's cannot be changed here. */
static void
test_user_from_directory (Fixture       *f,
                          gconstpointer  data)
{
  WardStore *store = ward_kiosk_get_store (f->kiosk);
  g_autoptr(WardUserRecord) record = ward_directory_find_user (store, "nnurse", NULL);
  GtkWidget *users;
  GtkListBox *list;
  GtkCheckButton *nurse;

  g_assert_true (ward_ldap_settings_link_account (store, record->id, "uid=nnurse,ou=people,dc=hospital,dc=test",
                                                  NULL));
  g_assert_true (ward_ldap_settings_map (store, "cn=icu-nurses,ou=groups,dc=hospital,dc=test", "nurse", "test",
                                         NULL));
  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  users = ward_test_admin_section (f, "users");
  list = GTK_LIST_BOX (ward_test_get_by_id (users, "users_list"));
  ward_test_admin_type_into (users, "search_entry", "nnurse");
  g_signal_emit_by_name (ward_test_get_by_id (users, "search_entry"), "search-changed");
  ward_test_admin_spin ();
  g_signal_emit_by_name (list, "row-activated", find_row (list, "nnurse"));
  ward_test_admin_spin ();

  ward_test_admin_assert_shows (users, "From the hospital directory (uid=nnurse,ou=people,dc=hospital,dc=test)");
  ward_test_admin_assert_shows (users, "the roles Nurse in the directory");
  nurse = ward_test_admin_find_check (ward_test_get_by_id (users, "roles_box"), "Nurse");
  g_assert_true (gtk_check_button_get_active (nurse));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (nurse)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ward_test_admin_find_check (ward_test_get_by_id (users, "roles_box"), "Biomedical engineer"))));
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (users, "disable_button")));
  g_assert_true (gtk_widget_get_visible (ward_test_get_by_id (users, "enrol_button")));
  ward_test_admin_screenshot (f, "admin-user-from-directory.png");
}

/* -- 3. The roles table, and the last-administrator rule ------------------- */

static gboolean
role_has (Fixture    *f,
          const char *role,
          const char *permission)
{
  g_autoptr(GPtrArray) roles = ward_directory_list_roles (ward_kiosk_get_store (f->kiosk), NULL);

  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *record = roles->pdata[i];

      if (g_str_equal (record->name, role))
        return g_strv_contains ((const char *const *) record->permissions, permission);
    }
  g_assert_not_reached ();
}

static void
test_roles_matrix (Fixture       *f,
                   gconstpointer  data)
{
  WardRolesSection *roles;
  GtkCheckButton *check;

  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  ward_test_admin_open_section (f, "roles");
  roles = WARD_ROLES_SECTION (ward_test_admin_section (f, "roles"));

  check = ward_roles_section_get_check (roles, "nurse", "audit.view");
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (role_has (f, "nurse", "audit.view"));
  ward_test_admin_assert_shows (GTK_WIDGET (roles), "Nurse may now: Read and verify the audit trail.");
  gtk_check_button_set_active (check, FALSE);
  g_assert_false (role_has (f, "nurse", "audit.view"));
  ward_test_admin_assert_shows (GTK_WIDGET (roles), "Nurse may no longer: Read and verify the audit trail.");

  /* Nobody could ever grant a role again: refused, in words, box back. */
  check = ward_roles_section_get_check (roles, "admin", "roles.manage");
  g_assert_true (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, FALSE);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (role_has (f, "admin", "roles.manage"));
  ward_test_admin_assert_shows (GTK_WIDGET (roles), "This is the last active administrator.");
  ward_test_admin_screenshot (f, "admin-roles.png");
}

/* Giving a role at creation is granting it: someone who may add people
 * but not manage roles is offered no role, and the form says nothing of
 * roles; an administrator is offered them all. */
static void
test_add_offers_roles_only_to_role_managers (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *users;

  g_assert_true (ward_directory_permit (ward_kiosk_get_store (f->kiosk), "nurse", "users.manage", &error));
  g_assert_no_error (error);
  ward_test_admin_sign_in (f, "nnurse");
  ward_test_admin_show_page (f);
  users = ward_test_admin_section (f, "users");
  ward_test_admin_tap_id (users, "add_button");
  ward_test_admin_assert_shows (users, "Add a person");
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (users, "role_caption")));
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (users, "role_box")));
  g_assert_null (gtk_widget_get_first_child (ward_test_get_by_id (users, "role_box")));

  ward_test_admin_tap_id (users, "cancel_add_button");
  ward_auth_flow_sign_out (ward_kiosk_get_flow (f->kiosk));
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_admin_sign_in (f, "aadmin");
  ward_admin_page_refresh (f->page);
  ward_test_admin_tap_id (users, "add_button");
  g_assert_true (gtk_widget_get_visible (ward_test_get_by_id (users, "role_caption")));
  g_assert_nonnull (ward_test_admin_find_check (ward_test_get_by_id (users, "role_box"), "Administrator"));
}

/* -- 4. Locked accounts, the audit chain, break-glass review ------------- */

static void
test_locked_accounts (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *locked;
  g_autoptr(GPtrArray) still = NULL;

  ward_test_site_lock_out (f->site, ward_kiosk_get_policy (f->kiosk), "nnurse");
  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  ward_test_admin_open_section (f, "locked");
  locked = ward_test_admin_section (f, "locked");
  ward_test_admin_assert_shows (locked, "nnurse");
  ward_test_admin_assert_shows (locked, "failed app code attempts");
  ward_test_admin_screenshot (f, "admin-locked.png");

  ward_test_admin_tap_label (locked, "Unlock");
  ward_test_admin_assert_shows (locked, "Test Person is unlocked and can sign in again.");
  ward_test_admin_assert_shows (locked, "No account is locked.");
  still = ward_account_admin_list_locked (ward_kiosk_get_accounts (f->kiosk), ward_kiosk_get_actor (f->kiosk), NULL);
  g_assert_cmpuint (still->len, ==, 0);
}

static void
tamper_with_audit (Fixture *f,
                   gint64   seq)
{
  g_autofree char *sql = g_strdup_printf ("DROP TRIGGER audit_append_only_update;"
                                          "UPDATE audit SET actor = 'mallory' WHERE seq = %" G_GINT64_FORMAT ";"
                                          "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n"
                                          "BEGIN\n"
                                          "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                          "END;", seq);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->site->fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
open_emergency_session (Fixture *f)
{
  WardStore *store = ward_kiosk_get_store (f->kiosk);
  g_autoptr(GError) error = NULL;
  gint64 id = ward_sessions_open (store, ward_test_site_person (f->site, "nnurse")->user_id, "break-glass",
                                  "Patient in VF, key left in the locker", &error);

  g_assert_no_error (error);
  ward_clock_advance (f->site->fixture->clock, 9 * 60 * G_USEC_PER_SEC);
  g_assert_true (ward_sessions_close (store, id, "signed-out", &error));
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) waiting = NULL;
  GtkWidget *audit;

  open_emergency_session (f);
  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  ward_test_admin_open_section (f, "audit");
  audit = ward_test_admin_section (f, "audit");
  ward_test_admin_assert_shows (audit, "1 emergency session awaits review");
  ward_test_admin_tap_label (audit, "Show");
  ward_test_admin_assert_shows (audit, "Patient in VF");
  ward_test_admin_assert_shows (audit, "Hide");
  ward_test_admin_assert_shows (audit, "Signed in");

  ward_test_admin_tap_id (audit, "verify_button");
  ward_test_admin_assert_shows (audit, "The audit chain is intact: ");
  ward_test_admin_assert_shows (audit, " records verified.");
  ward_test_admin_screenshot (f, "admin-audit.png");

  /* Filtered to one kind of event. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ward_test_get_by_id (audit, "type_dropdown")), 1);
  ward_test_admin_spin ();
  ward_test_admin_assert_shows (audit, "Signed in");
  ward_test_admin_assert_hides (audit, "Audit chain verified intact");

  /* The review takes a note (the whole walk is in test-emergency-review.c):
   * the session's own "Review", in the list the card's button opened. */
  ward_test_admin_tap_label (ward_test_find_by_id (audit, "sessions_list"), "Review");
  gtk_editable_set_text (GTK_EDITABLE (ward_review_panel_get_note_entry (WARD_REVIEW_PANEL (
    gtk_widget_get_last_child (audit)))), "Checked with the ward: justified");
  ward_test_admin_tap_label (audit, "Mark as reviewed");
  ward_test_admin_assert_hides (audit, "awaits review");
  ward_test_admin_assert_shows (audit, "Marked as reviewed.");
  waiting = ward_break_glass_review_list (ward_kiosk_get_store (f->kiosk), ward_kiosk_get_actor (f->kiosk), TRUE, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);

  tamper_with_audit (f, 3);
  ward_test_admin_tap_id (audit, "verify_button");
  ward_test_admin_assert_shows (audit, "Broken at record 3:");
  ward_test_admin_screenshot (f, "admin-audit-broken.png");
}

int
main (int   argc,
      char *argv[])
{
  ward_test_admin_init (&argc, &argv);

  ward_test_admin_add ("/ui/admin/user-detail-and-disable", test_user_detail_and_disable);
  ward_test_admin_add ("/ui/admin/user-from-directory", test_user_from_directory);
  ward_test_admin_add ("/ui/admin/add-offers-roles-only-to-role-managers", test_add_offers_roles_only_to_role_managers);
  ward_test_admin_add ("/ui/admin/roles-matrix", test_roles_matrix);
  ward_test_admin_add ("/ui/admin/locked-accounts", test_locked_accounts);
  ward_test_admin_add ("/ui/admin/audit", test_audit);

  return g_test_run ();
}
