/* test-admin.c: the administration screens driven as staff would: enrolment at the kiosk, and who sees which section */
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
#include "tests/ui/ward-test-admin.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"
#include "ui/admin/ward-roles-section.h"

#define NEW_BADGE "04C0FFEE42"

typedef WardTestAdmin Fixture;

static GBytes *
decode_secret (const char *shown)
{
  g_autofree char *compact = g_strdup (shown);
  char *raw = NULL;
  size_t raw_len = 0;
  GBytes *secret;
  gsize j = 0;

  for (gsize i = 0; compact[i] != '\0'; i++)
    if (compact[i] != ' ')
      compact[j++] = compact[i];
  compact[j] = '\0';
  g_assert_cmpint (oath_base32_decode (compact, strlen (compact), &raw, &raw_len), ==, OATH_OK);
  secret = g_bytes_new (raw, raw_len);
  free (raw);
  return secret;
}

/* The code must be readable by a phone from the screen: where zbarimg is
 * installed, it reads the screenshot and must find this very secret. */
static void
assert_qr_scans (const char *png,
                 const char *shown_secret)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *out = NULL;
  g_autofree char *compact = NULL;
  g_auto(GStrv) groups = g_strsplit (shown_secret, " ", -1);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { zbarimg, "--nodbus", "-q", "--raw", png, NULL };
  int status = 0;

  if (zbarimg == NULL)
    {
      g_test_message ("zbarimg is not installed: the QR code was not decoded");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  compact = g_strjoinv ("", groups);
  g_assert_true (g_str_has_prefix (out, "otpauth://totp/"));
  g_assert_nonnull (strstr (out, compact));
}

static gboolean
label_has_text (gpointer data)
{
  return gtk_widget_get_visible (data) && *gtk_label_get_text (GTK_LABEL (data)) != '\0';
}

/* The person touches the key only once the screen asks for it. */
static void
touch_until_answered (WardSoftKey *key,
                      GtkWidget   *message)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!label_has_text (message))
    {
      ward_soft_key_touch (key);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
  ward_test_admin_spin ();
}

static void
enrol_key (GtkWidget   *enrolment,
           Fixture     *f,
           WardSoftKey *key,
           const char  *expected,
           const char  *screenshot_name)
{
  GtkWidget *message = ward_test_get_by_id (enrolment, "key_message");

  ward_soft_key_set_auto_touch (key, FALSE);
  g_set_object (&f->reader_key, key);
  ward_test_admin_tap_id (enrolment, "key_button");
  g_assert_true (gtk_widget_get_visible (ward_test_get_by_id (enrolment, "key_spinner")));
  g_assert_false (gtk_widget_get_sensitive (ward_test_get_by_id (enrolment, "key_button")));
  ward_test_admin_assert_shows (enrolment, "Touch it now");
  if (screenshot_name != NULL)
    ward_test_admin_screenshot (f, screenshot_name);
  touch_until_answered (key, message);
  g_assert_false (gtk_widget_get_visible (ward_test_get_by_id (enrolment, "key_spinner")));
  ward_test_admin_assert_shows (enrolment, expected);
  ward_soft_key_set_auto_touch (key, TRUE);
}

static void
type_code (GtkWidget  *enrolment,
           const char *code)
{
  for (const char *digit = code; *digit != '\0'; digit++)
    {
      char label[2] = { *digit, '\0' };

      ward_test_admin_tap_label (enrolment, label);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ward_test_get_by_id (enrolment, "code_entry"))), ==, code);
}

/* -- 1. A new person enrolled entirely at the kiosk, then signing in ------- */

static void
add_new_person (Fixture *f)
{
  GtkWidget *users = ward_test_admin_section (f, "users");
  GtkCheckButton *nurse_role;

  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "users");
  ward_test_admin_assert_shows (users, "Staff accounts");
  ward_test_admin_screenshot (f, "admin-users.png");

  ward_test_admin_tap_id (users, "add_button");
  ward_test_admin_type_into (users, "username_entry", "jbloggs");
  ward_test_admin_type_into (users, "full_name_entry", "Joe Bloggs");
  nurse_role = ward_test_admin_find_check (ward_test_get_by_id (users, "role_box"), "Nurse");
  g_assert_nonnull (nurse_role);
  gtk_check_button_set_active (nurse_role, TRUE);
  ward_test_admin_screenshot (f, "admin-user-add.png");
  ward_test_admin_tap_id (users, "confirm_add_button");
}

static GBytes *
enrol_app (Fixture   *f,
           GtkWidget *enrolment)
{
  g_autofree char *shown = NULL;
  g_autofree char *png = NULL;
  g_autofree char *code = NULL;
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  GtkWidget *qr = ward_test_get_by_id (enrolment, "qr_view");
  GBytes *secret;

  ward_test_admin_assert_shows (enrolment, "Step 3 of 3");
  ward_test_admin_tap_id (enrolment, "show_qr_button");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (ward_qr_view_is_empty (WARD_QR_VIEW (qr)));
  g_assert_cmpint (gtk_widget_get_width (qr), >=, 300);
  g_assert_cmpint (gtk_widget_get_height (qr), >=, 300);
  ward_test_admin_screenshot (f, "admin-enrolment-qr.png");

  shown = g_strdup (gtk_label_get_text (GTK_LABEL (ward_test_get_by_id (enrolment, "secret_label"))));
  png = ward_test_screenshot_path ("admin-enrolment-qr.png");
  assert_qr_scans (png, shown);
  secret = decode_secret (shown);

  /* A wrong code first: refused in words, nothing confirmed. */
  type_code (enrolment, "000000");
  ward_test_admin_tap_id (enrolment, "ok_button");
  ward_test_admin_assert_shows (enrolment, "That code is not right");

  code = ward_totp_code_at (secret, &params, ward_clock_get_now (f->site->fixture->clock), NULL);
  type_code (enrolment, code);
  ward_test_admin_tap_id (enrolment, "ok_button");
  return secret;
}

static void
test_enrol_new_person (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WardSoftKey) main_key = ward_soft_key_new ();
  g_autoptr(WardSoftKey) backup_key = ward_soft_key_new ();
  g_autoptr(GBytes) secret = NULL;
  GtkWidget *enrolment;
  WardSession *session;

  ward_test_admin_sign_in (f, "aadmin");
  ward_test_admin_show_page (f);
  add_new_person (f);

  /* Straight on to the badge, with the account named. */
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "enrolment");
  enrolment = ward_test_admin_section (f, "enrolment");
  ward_test_admin_assert_shows (enrolment, "Account “jbloggs” added for Joe Bloggs.");
  ward_test_admin_assert_shows (enrolment, "Joe Bloggs (jbloggs)");
  ward_test_admin_assert_shows (enrolment, "Tap their badge on the reader");
  ward_test_admin_screenshot (f, "admin-enrolment-badge.png");
  g_assert_true (ward_admin_page_wants_badge (f->page));
  g_assert_true (ward_admin_page_badge_read (f->page, NEW_BADGE));
  ward_test_admin_assert_shows (enrolment, "Badge enrolled for Joe Bloggs (jbloggs).");
  g_assert_false (ward_admin_page_wants_badge (f->page));
  g_assert_false (ward_admin_page_badge_read (f->page, "04000001"));
  ward_test_admin_tap_label (enrolment, "Next: security key");

  enrol_key (enrolment, f, main_key, "Security key enrolled.", "admin-enrolment-key-waiting.png");
  ward_test_admin_screenshot (f, "admin-enrolment-key.png");
  enrol_key (enrolment, f, backup_key, "Backup key enrolled.", NULL);
  ward_test_admin_tap_label (enrolment, "Next: authenticator app");

  secret = enrol_app (f, enrolment);
  ward_test_admin_assert_shows (enrolment, "Enrolment finished for Joe Bloggs (jbloggs)");
  ward_test_admin_assert_shows (enrolment, "Security keys: 2 enrolled");
  ward_test_admin_assert_shows (enrolment, "Authenticator app: set up");
  /* The secret is off the screen once confirmed. */
  g_assert_true (ward_qr_view_is_empty (WARD_QR_VIEW (ward_test_get_by_id (enrolment, "qr_view"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ward_test_get_by_id (enrolment, "secret_label"))), ==, "");
  ward_test_admin_screenshot (f, "admin-enrolment-done.png");

  /* The new nurse walks up a little later and signs in with her backup key. */
  ward_auth_flow_sign_out (ward_kiosk_get_flow (f->kiosk));
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_admin_sign_in_with (f, NEW_BADGE, backup_key, secret);
  session = ward_auth_flow_get_session (ward_kiosk_get_flow (f->kiosk));
  g_assert_cmpstr (ward_session_get_username (session), ==, "jbloggs");
  g_assert_true (ward_session_can (session, "device.adjust"));
  g_assert_false (ward_session_can (session, "users.manage"));

  /* Her admin page shows nothing, and forgot the administrator's work. */
  ward_admin_page_refresh (f->page);
  g_assert_null (ward_admin_page_get_section (f->page));
}

/* -- 2. No permission, no section; and the operations refuse anyway ------- */

static void
assert_not_permitted (GError *error)
{
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
}

static void
assert_nurse_refused (Fixture   *f,
                      WardActor *nurse)
{
  WardAccountAdmin *accounts = ward_kiosk_get_accounts (f->kiosk);
  WardStore *store = ward_kiosk_get_store (f->kiosk);
  const char *roles[] = { "admin", NULL };
  WardAuditFilter filter = { .limit = 10 };
  GError *error = NULL;

  g_assert_false (ward_account_admin_add_user (accounts, nurse, "mmallory", "Mal Lory", roles, &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_false (ward_account_admin_disable_user (accounts, nurse, "aadmin", &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_false (ward_account_admin_permit (accounts, nurse, "nurse", "users.manage", &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_null (ward_account_admin_list_audit (accounts, nurse, &filter, &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_null (ward_account_admin_list_locked (accounts, nurse, &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_false (ward_badge_admin_enroll (ward_kiosk_get_badges (f->kiosk), nurse, "nnurse", NEW_BADGE, &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_null (ward_code_factor_begin_enrolment (ward_kiosk_get_codes (f->kiosk), nurse, "nnurse", "x", &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_false (ward_policy_unlock (ward_kiosk_get_policy (f->kiosk), nurse, "aadmin", &error));
  assert_not_permitted (error);
  g_clear_error (&error);
  g_assert_null (ward_break_glass_review_list (store, nurse, TRUE, &error));
  assert_not_permitted (error);
  g_clear_error (&error);
}

static void
test_nurse_sees_nothing (Fixture       *f,
                         gconstpointer  data)
{
  const char *names[] = { "users", "enrolment", "roles", "locked", "audit" };

  ward_test_admin_sign_in (f, "nnurse");
  ward_test_admin_show_page (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_false (ward_admin_page_section_allowed (f->page, names[i]));
      g_assert_false (ward_admin_page_show_section (f->page, names[i]));
      g_assert_false (gtk_widget_is_drawable (ward_test_admin_section (f, names[i])));
    }
  g_assert_null (ward_admin_page_get_section (f->page));
  ward_test_admin_assert_shows (GTK_WIDGET (f->page), "Nothing to administer");
  ward_test_admin_assert_hides (GTK_WIDGET (f->page), "Staff accounts");
  g_assert_false (ward_admin_page_badge_read (f->page, NEW_BADGE));
  ward_test_admin_screenshot (f, "admin-nothing.png");

  /* Back goes home through the window's action. */
  ward_test_admin_tap_id (GTK_WIDGET (f->page), "back_button");
  g_assert_cmpuint (f->went_home, ==, 1);

  assert_nurse_refused (f, ward_kiosk_get_actor (f->kiosk));
}

static void
test_charge_nurse_sections (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *enrolment;

  ward_test_admin_sign_in (f, "ccharge");
  ward_test_admin_show_page (f);
  g_assert_true (ward_admin_page_section_allowed (f->page, "enrolment"));
  g_assert_true (ward_admin_page_section_allowed (f->page, "locked"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "users"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "roles"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "audit"));
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "enrolment");

  /* She enrols by user name; she cannot read the account behind it. */
  enrolment = ward_test_admin_section (f, "enrolment");
  ward_test_admin_type_into (enrolment, "who_entry", "nnurse");
  ward_test_admin_tap_id (enrolment, "start_button");
  ward_test_admin_assert_shows (enrolment, "Tap their badge on the reader");
  g_assert_true (ward_admin_page_badge_read (f->page, NEW_BADGE));
  ward_test_admin_assert_shows (enrolment, "Badge enrolled for nnurse.");
  ward_test_admin_screenshot (f, "admin-charge-nurse.png");
}

int
main (int   argc,
      char *argv[])
{
  ward_test_admin_init (&argc, &argv);

  ward_test_admin_add ("/ui/admin/enrol-new-person", test_enrol_new_person);
  ward_test_admin_add ("/ui/admin/nurse-sees-nothing", test_nurse_sees_nothing);
  ward_test_admin_add ("/ui/admin/charge-nurse-sections", test_charge_nurse_sections);

  return g_test_run ();
}
