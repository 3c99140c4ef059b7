/* test-admin.c: the administration screens driven as staff would: enrolment, permissions, roles, locks, audit */
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
#include "tests/common/ward-test-site.h"
#include "tests/ui/ward-test-screenshot.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"
#include "ui/admin/ward-roles-section.h"

#define NEW_BADGE "04C0FFEE42"

typedef struct
{
  WardTestSite  *site;
  WardKiosk     *kiosk;
  WardSoftKey   *reader_key;   /* the key the kiosk's reader holds */
  GtkWindow     *window;
  WardAdminPage *page;
  guint          went_home;
} Fixture;

/* -- Finding and driving widgets ---------------------------------------- */

static GtkWidget *
find_by_id (GtkWidget  *root,
            const char *id)
{
  if (GTK_IS_BUILDABLE (root) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get (GtkWidget  *root,
     const char *id)
{
  GtkWidget *widget = find_by_id (root, id);

  if (widget == NULL)
    g_error ("No widget “%s” on the screen", id);
  return widget;
}

/* Only what a person can see counts: drawable, so not on a hidden page. */
static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_shows (GtkWidget  *root,
              const char *text)
{
  if (find_text (root, text) == NULL)
    g_error ("The screen shows nothing containing “%s”", text);
}

static void
assert_hides (GtkWidget  *root,
              const char *text)
{
  if (find_text (root, text) != NULL)
    g_error ("The screen shows “%s” but should not", text);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A tap: the button must be on screen and usable, as for a person. */
static void
tap (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin ();
}

static void
tap_id (GtkWidget  *root,
        const char *id)
{
  tap (get (root, id));
}

static void
tap_label (GtkWidget  *root,
           const char *label)
{
  GtkWidget *button = find_button (root, label);

  if (button == NULL)
    g_error ("No button “%s” on the screen", label);
  tap (button);
}

static void
type_into (GtkWidget  *root,
           const char *id,
           const char *text)
{
  GtkWidget *entry = get (root, id);

  g_assert_true (gtk_widget_is_drawable (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  spin ();
}

static GtkWidget *
section (Fixture    *f,
         const char *name)
{
  return ward_admin_page_get_section_widget (f->page, name);
}

static void
open_section (Fixture    *f,
              const char *name)
{
  g_assert_true (ward_admin_page_show_section (f->page, name));
  spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = NULL;

  spin ();
  path = ward_test_save_screenshot (GTK_WIDGET (f->window), name);
  /* Everything fits the bedside screen: nothing has pushed the window
   * wider or taller than 1280×800 (a window never shrinks back). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 1280);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, 800);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- The kiosk and who stands at it ---------------------------------------- */

/* Runs in the key operation's worker thread; the test changes the key only
 * while no operation runs. */
static fido_dev_t *
open_reader_key (gpointer   user_data,
                 GError   **error)
{
  Fixture *f = user_data;

  if (f->reader_key == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE, "No security key found.");
      return NULL;
    }
  return ward_soft_key_open_device (f->reader_key, error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  WardKioskSettings settings = {
    .relying_party_id = "wardgate.test",
    .site_name = "Test ward",
    .limits = WARD_SESSION_LIMITS_DEFAULT,
  };
  WardFidoKey *fido;

  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "aadmin", "admin", "04D4E5F6", TRUE, TRUE);
  ward_test_site_add_person (f->site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  ward_test_site_add_person (f->site, "ccharge", "charge-nurse", "04778899", TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);

  f->kiosk = ward_kiosk_new (f->site->fixture->store, &settings);
  fido = ward_key_factor_get_fido_key (ward_kiosk_get_keys (f->kiosk));
  ward_fido_key_set_opener (fido, open_reader_key, f, NULL);
  ward_fido_key_set_timeout_ms (fido, 5000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  spin ();
  g_clear_object (&f->kiosk);
  g_clear_object (&f->reader_key);
  ward_test_site_free (f->site);
}

static gboolean
key_settled (gpointer data)
{
  return !ward_auth_flow_get_key_busy (data);
}

static void
sign_in_with (Fixture     *f,
              const char  *badge,
              WardSoftKey *key,
              GBytes      *secret)
{
  WardAuthFlow *flow = ward_kiosk_get_flow (f->kiosk);
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  g_autofree char *code = NULL;

  g_set_object (&f->reader_key, key);
  ward_auth_flow_badge (flow, badge);
  g_assert_cmpstr (ward_auth_flow_get_message (flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_wait_for (key_settled, flow);
  g_assert_cmpstr (ward_auth_flow_get_message (flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_CODE);
  code = ward_totp_code_at (secret, &params, ward_clock_get_now (f->site->fixture->clock), NULL);
  ward_auth_flow_submit_code (flow, code);
  if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_AWARENESS)
    ward_auth_flow_awareness_done (flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);
}

static void
sign_in (Fixture    *f,
         const char *username)
{
  WardTestPerson *person = ward_test_site_person (f->site, username);

  sign_in_with (f, person->badge, person->key, person->secret);
}

static void
go_home (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  ((Fixture *) user_data)->went_home++;
}

/* The page in a bare window the size of the bedside screen, with the
 * window's "win.show-home" action, as the kiosk window provides it. */
static void
show_page (Fixture *f)
{
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) home = g_simple_action_new ("show-home", NULL);

  g_signal_connect (home, "activate", G_CALLBACK (go_home), f);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (home));

  f->page = ward_admin_page_new (f->kiosk);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (f->window), "ward-kiosk");
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (win));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  ward_admin_page_refresh (f->page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  spin ();
}

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
  spin ();
}

static void
enrol_key (GtkWidget   *enrolment,
           Fixture     *f,
           WardSoftKey *key,
           const char  *expected,
           const char  *screenshot_name)
{
  GtkWidget *message = get (enrolment, "key_message");

  ward_soft_key_set_auto_touch (key, FALSE);
  g_set_object (&f->reader_key, key);
  tap_id (enrolment, "key_button");
  g_assert_true (gtk_widget_get_visible (get (enrolment, "key_spinner")));
  g_assert_false (gtk_widget_get_sensitive (get (enrolment, "key_button")));
  assert_shows (enrolment, "Touch it now");
  if (screenshot_name != NULL)
    screenshot (f, screenshot_name);
  touch_until_answered (key, message);
  g_assert_false (gtk_widget_get_visible (get (enrolment, "key_spinner")));
  assert_shows (enrolment, expected);
  ward_soft_key_set_auto_touch (key, TRUE);
}

static void
type_code (GtkWidget  *enrolment,
           const char *code)
{
  for (const char *digit = code; *digit != '\0'; digit++)
    {
      char label[2] = { *digit, '\0' };

      tap_label (enrolment, label);
    }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get (enrolment, "code_entry"))), ==, code);
}

/* -- 1. A new person enrolled entirely at the kiosk, then signing in ------- */

static void
add_new_person (Fixture *f)
{
  GtkWidget *users = section (f, "users");
  GtkCheckButton *nurse_role;

  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "users");
  assert_shows (users, "Staff accounts");
  screenshot (f, "admin-users.png");

  tap_id (users, "add_button");
  type_into (users, "username_entry", "jbloggs");
  type_into (users, "full_name_entry", "Joe Bloggs");
  nurse_role = find_check (get (users, "role_box"), "Nurse");
  g_assert_nonnull (nurse_role);
  gtk_check_button_set_active (nurse_role, TRUE);
  screenshot (f, "admin-user-add.png");
  tap_id (users, "confirm_add_button");
}

static GBytes *
enrol_app (Fixture   *f,
           GtkWidget *enrolment)
{
  g_autofree char *shown = NULL;
  g_autofree char *png = NULL;
  g_autofree char *code = NULL;
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  GtkWidget *qr = get (enrolment, "qr_view");
  GBytes *secret;

  assert_shows (enrolment, "Step 3 of 3");
  tap_id (enrolment, "show_qr_button");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_false (ward_qr_view_is_empty (WARD_QR_VIEW (qr)));
  g_assert_cmpint (gtk_widget_get_width (qr), >=, 300);
  g_assert_cmpint (gtk_widget_get_height (qr), >=, 300);
  screenshot (f, "admin-enrolment-qr.png");

  shown = g_strdup (gtk_label_get_text (GTK_LABEL (get (enrolment, "secret_label"))));
  png = ward_test_screenshot_path ("admin-enrolment-qr.png");
  assert_qr_scans (png, shown);
  secret = decode_secret (shown);

  /* A wrong code first: refused in words, nothing confirmed. */
  type_code (enrolment, "000000");
  tap_id (enrolment, "confirm_code_button");
  assert_shows (enrolment, "That code is not right");

  code = ward_totp_code_at (secret, &params, ward_clock_get_now (f->site->fixture->clock), NULL);
  type_code (enrolment, code);
  tap_id (enrolment, "confirm_code_button");
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

  sign_in (f, "aadmin");
  show_page (f);
  add_new_person (f);

  /* Straight on to the badge, with the account named. */
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "enrolment");
  enrolment = section (f, "enrolment");
  assert_shows (enrolment, "Account “jbloggs” added for Joe Bloggs.");
  assert_shows (enrolment, "Joe Bloggs (jbloggs)");
  assert_shows (enrolment, "Tap their badge on the reader");
  screenshot (f, "admin-enrolment-badge.png");
  g_assert_true (ward_admin_page_wants_badge (f->page));
  g_assert_true (ward_admin_page_badge_read (f->page, NEW_BADGE));
  assert_shows (enrolment, "Badge enrolled for Joe Bloggs (jbloggs).");
  g_assert_false (ward_admin_page_wants_badge (f->page));
  g_assert_false (ward_admin_page_badge_read (f->page, "04000001"));
  tap_label (enrolment, "Next: security key");

  enrol_key (enrolment, f, main_key, "Security key enrolled.", "admin-enrolment-key-waiting.png");
  screenshot (f, "admin-enrolment-key.png");
  enrol_key (enrolment, f, backup_key, "Backup key enrolled.", NULL);
  tap_label (enrolment, "Next: authenticator app");

  secret = enrol_app (f, enrolment);
  assert_shows (enrolment, "Enrolment finished for Joe Bloggs (jbloggs)");
  assert_shows (enrolment, "Security keys: 2 enrolled");
  assert_shows (enrolment, "Authenticator app: set up");
  /* The secret is off the screen once confirmed. */
  g_assert_true (ward_qr_view_is_empty (WARD_QR_VIEW (get (enrolment, "qr_view"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (enrolment, "secret_label"))), ==, "");
  screenshot (f, "admin-enrolment-done.png");

  /* The new nurse walks up a little later and signs in with her backup key. */
  ward_auth_flow_sign_out (ward_kiosk_get_flow (f->kiosk));
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  sign_in_with (f, NEW_BADGE, backup_key, secret);
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

  sign_in (f, "nnurse");
  show_page (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_false (ward_admin_page_section_allowed (f->page, names[i]));
      g_assert_false (ward_admin_page_show_section (f->page, names[i]));
      g_assert_false (gtk_widget_is_drawable (section (f, names[i])));
    }
  g_assert_null (ward_admin_page_get_section (f->page));
  assert_shows (GTK_WIDGET (f->page), "Nothing to administer");
  assert_hides (GTK_WIDGET (f->page), "Staff accounts");
  g_assert_false (ward_admin_page_badge_read (f->page, NEW_BADGE));
  screenshot (f, "admin-nothing.png");

  /* Back goes home through the window's action. */
  tap_id (GTK_WIDGET (f->page), "back_button");
  g_assert_cmpuint (f->went_home, ==, 1);

  assert_nurse_refused (f, ward_kiosk_get_actor (f->kiosk));
}

static void
test_charge_nurse_sections (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *enrolment;

  sign_in (f, "ccharge");
  show_page (f);
  g_assert_true (ward_admin_page_section_allowed (f->page, "enrolment"));
  g_assert_true (ward_admin_page_section_allowed (f->page, "locked"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "users"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "roles"));
  g_assert_false (ward_admin_page_section_allowed (f->page, "audit"));
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "enrolment");

  /* She enrols by user name; she cannot read the account behind it. */
  enrolment = section (f, "enrolment");
  type_into (enrolment, "who_entry", "nnurse");
  tap_id (enrolment, "start_button");
  assert_shows (enrolment, "Tap their badge on the reader");
  g_assert_true (ward_admin_page_badge_read (f->page, NEW_BADGE));
  assert_shows (enrolment, "Badge enrolled for nnurse.");
  screenshot (f, "admin-charge-nurse.png");
}

/* -- Users: search, detail, disable with a confirmation ------------------- */

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *text)
{
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (find_text (GTK_WIDGET (row), text) != NULL)
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

  sign_in (f, "aadmin");
  show_page (f);
  users = section (f, "users");
  list = GTK_LIST_BOX (get (users, "users_list"));
  type_into (users, "search_entry", "nnurse");
  g_signal_emit_by_name (get (users, "search_entry"), "search-changed");
  spin ();
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  row = find_row (list, "nnurse");
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  spin ();

  assert_shows (users, "Sign-in credentials");
  assert_shows (users, "nnurse");
  assert_shows (users, "1 enrolled");
  assert_shows (users, "Set up");
  assert_shows (users, "Not locked");
  g_assert_true (gtk_check_button_get_active (find_check (get (users, "roles_box"), "Nurse")));
  screenshot (f, "admin-user-detail.png");

  tap_id (users, "disable_button");
  assert_shows (users, "Disable the account of Test Person?");
  screenshot (f, "admin-user-disable.png");
  tap_id (users, "keep_button");
  g_assert_false (gtk_widget_get_visible (get (users, "confirm_scrim")));
  record = ward_directory_find_user (ward_kiosk_get_store (f->kiosk), "nnurse", NULL);
  g_assert_false (record->disabled);
  g_clear_pointer (&record, ward_user_record_free);

  tap_id (users, "disable_button");
  tap_id (users, "confirm_disable_button");
  record = ward_directory_find_user (ward_kiosk_get_store (f->kiosk), "nnurse", NULL);
  g_assert_true (record->disabled);
  assert_shows (users, "The account is disabled");
  assert_shows (users, "Account disabled");
  g_assert_false (gtk_widget_get_visible (get (users, "disable_button")));
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
  sign_in (f, "aadmin");
  show_page (f);
  users = section (f, "users");
  list = GTK_LIST_BOX (get (users, "users_list"));
  type_into (users, "search_entry", "nnurse");
  g_signal_emit_by_name (get (users, "search_entry"), "search-changed");
  spin ();
  g_signal_emit_by_name (list, "row-activated", find_row (list, "nnurse"));
  spin ();

  assert_shows (users, "From the hospital directory (uid=nnurse,ou=people,dc=hospital,dc=test)");
  assert_shows (users, "the roles Nurse in the directory");
  nurse = find_check (get (users, "roles_box"), "Nurse");
  g_assert_true (gtk_check_button_get_active (nurse));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (nurse)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_check (get (users, "roles_box"), "Biomedical engineer"))));
  g_assert_false (gtk_widget_get_visible (get (users, "disable_button")));
  g_assert_true (gtk_widget_get_visible (get (users, "enrol_button")));
  screenshot (f, "admin-user-from-directory.png");
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

  sign_in (f, "aadmin");
  show_page (f);
  open_section (f, "roles");
  roles = WARD_ROLES_SECTION (section (f, "roles"));

  check = ward_roles_section_get_check (roles, "nurse", "audit.view");
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (role_has (f, "nurse", "audit.view"));
  assert_shows (GTK_WIDGET (roles), "Nurse may now: Read and verify the audit trail.");
  gtk_check_button_set_active (check, FALSE);
  g_assert_false (role_has (f, "nurse", "audit.view"));
  assert_shows (GTK_WIDGET (roles), "Nurse may no longer: Read and verify the audit trail.");

  /* Nobody could ever grant a role again: refused, in words, box back. */
  check = ward_roles_section_get_check (roles, "admin", "roles.manage");
  g_assert_true (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, FALSE);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (role_has (f, "admin", "roles.manage"));
  assert_shows (GTK_WIDGET (roles), "This is the last active administrator.");
  screenshot (f, "admin-roles.png");
}

/* -- 4. Locked accounts, the audit chain, break-glass review ------------- */

static void
lock_out (Fixture    *f,
          const char *username)
{
  WardTestPerson *person = ward_test_site_person (f->site, username);
  WardPolicy *policy = ward_kiosk_get_policy (f->kiosk);
  WardPolicyVerdict verdict = WARD_POLICY_ALLOWED;

  for (guint i = 0; i < WARD_POLICY_MAX_LOCKOUT_THRESHOLD && verdict != WARD_POLICY_LOCKED; i++)
    verdict = ward_policy_record_failure (policy, person->user_id, username, "totp", "wrong-code", NULL, NULL);
  g_assert_cmpint (verdict, ==, WARD_POLICY_LOCKED);
}

static void
test_locked_accounts (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *locked;
  g_autoptr(GPtrArray) still = NULL;

  lock_out (f, "nnurse");
  sign_in (f, "aadmin");
  show_page (f);
  open_section (f, "locked");
  locked = section (f, "locked");
  assert_shows (locked, "nnurse");
  assert_shows (locked, "failed app code attempts");
  screenshot (f, "admin-locked.png");

  tap_label (locked, "Unlock");
  assert_shows (locked, "nnurse is unlocked and can sign in again.");
  assert_shows (locked, "No account is locked.");
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
  sign_in (f, "aadmin");
  show_page (f);
  open_section (f, "audit");
  audit = section (f, "audit");
  assert_shows (audit, "1 emergency session awaits review");
  assert_shows (audit, "Patient in VF");
  assert_shows (audit, "Signed in");

  tap_id (audit, "verify_button");
  assert_shows (audit, "The audit chain is intact: ");
  assert_shows (audit, " records verified.");
  screenshot (f, "admin-audit.png");

  /* Filtered to one kind of event. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get (audit, "type_dropdown")), 1);
  spin ();
  assert_shows (audit, "Signed in");
  assert_hides (audit, "Audit chain verified intact");

  tap_label (audit, "Mark as reviewed");
  assert_hides (audit, "awaits review");
  assert_shows (audit, "Marked as reviewed.");
  waiting = ward_break_glass_review_list (ward_kiosk_get_store (f->kiosk), ward_kiosk_get_actor (f->kiosk), TRUE, NULL);
  g_assert_cmpuint (waiting->len, ==, 0);

  tamper_with_audit (f, 3);
  tap_id (audit, "verify_button");
  assert_shows (audit, "Broken at record 3:");
  screenshot (f, "admin-audit-broken.png");
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  /* What WardApplication sets up: the dark theme, the stylesheet, the icons. */
  g_object_set (gtk_settings_get_default (),
                "gtk-application-prefer-dark-theme", TRUE,
                "gtk-enable-animations", FALSE,
                NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PREFIX "/icons");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  /* The fixed test clock reads the same wherever the tests run. */
  g_setenv ("TZ", "UTC", TRUE);
  /* The kiosk reads the shipped device catalogue; these screens do not
   * use it, but an unreadable one is a (fatal) warning. */
  g_setenv ("WARDGATE_CATALOGUE", WARD_TEST_CATALOGUE, FALSE);
  gtk_test_init (&argc, &argv, NULL);
  load_style ();

  g_test_add ("/ui/admin/enrol-new-person", Fixture, NULL, fixture_set_up, test_enrol_new_person, fixture_tear_down);
  g_test_add ("/ui/admin/nurse-sees-nothing", Fixture, NULL, fixture_set_up, test_nurse_sees_nothing, fixture_tear_down);
  g_test_add ("/ui/admin/charge-nurse-sections", Fixture, NULL, fixture_set_up, test_charge_nurse_sections,
              fixture_tear_down);
  g_test_add ("/ui/admin/user-detail-and-disable", Fixture, NULL, fixture_set_up, test_user_detail_and_disable,
              fixture_tear_down);
  g_test_add ("/ui/admin/user-from-directory", Fixture, NULL, fixture_set_up, test_user_from_directory,
              fixture_tear_down);
  g_test_add ("/ui/admin/roles-matrix", Fixture, NULL, fixture_set_up, test_roles_matrix, fixture_tear_down);
  g_test_add ("/ui/admin/locked-accounts", Fixture, NULL, fixture_set_up, test_locked_accounts, fixture_tear_down);
  g_test_add ("/ui/admin/audit", Fixture, NULL, fixture_set_up, test_audit, fixture_tear_down);

  return g_test_run ();
}
