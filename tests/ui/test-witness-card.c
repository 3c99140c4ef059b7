/* test-witness-card.c: the double check's card against wardgate-devsim: who may check from the store, every refused badge named (and a repeat told apart), what the witness checks, at 1024×768 and 1280×800 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "app/devices/ward-device-change.h"
#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "tests/ui/ward-test-keys.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/devices/ward-witness-overlay.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"

#define NURSE_BADGE    "04A1B2C3"
#define TOM_BADGE      "04778899"
#define CHARGE_BADGE   "04C0FFEE"
#define BIOMED_BADGE   "04B10ED0"
#define DISABLED_BADGE "04D15AB1"
#define LOCKED_BADGE   "04AA0CCD"
#define UNKNOWN_BADGE  "04DEADBE"

typedef struct _Fixture Fixture;
typedef void (*FixtureCheck) (Fixture *f);

struct _Fixture
{
  WardTestSite    *site;
  char            *state_dir;
  GSubprocess     *devsim;
  WardWindow      *window;
  WardKiosk       *kiosk;
  WardAuthFlow    *flow;
  FixtureCheck     check;
  int              width;
  int              height;
  char            *localedir;   /* the German catalogue, when the card is read in German */
};

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
devsim_start (Fixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  const char *argv[] = { g_getenv ("WARDGATE_DEVSIM"), "--state", f->state_dir, NULL };
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->devsim = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
}

static void
rename_person (Fixture    *f,
               const char *username,
               const char *full_name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_set_full_name (f->site->fixture->store, ward_test_site_person (f->site, username)->user_id,
                                               full_name, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;
  g_autoptr(GError) error = NULL;

  ward_test_configure_site_with ("Bed 12", "[devices]\ngateway-bus = session\n");
  f->width = size != NULL ? size[0] : 1280;
  f->height = size != NULL ? size[1] : 800;
  ward_test_set_window_size (f->width, f->height);
  if (size != NULL && size[2])
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "language", "de");
      f->localedir = ward_test_compile_german (g_getenv ("WARDGATE_DE_PO"));
      bindtextdomain (GETTEXT_PACKAGE, f->localedir);
    }
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "treyes", "nurse", TOM_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "glin", "charge-nurse", CHARGE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "spatel", "biomed", BIOMED_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "dgone", "charge-nurse", DISABLED_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->site, "llocked", "charge-nurse", LOCKED_BADGE, TRUE, TRUE);
  rename_person (f, "nnurse", "Nadia Okafor");
  rename_person (f, "treyes", "Tom Reyes");
  rename_person (f, "glin", "Grace Lin");
  rename_person (f, "spatel", "Sam Patel");
  rename_person (f, "dgone", "Dana Gone");
  rename_person (f, "llocked", "Lee Locked");
  g_assert_true (ward_directory_set_disabled (f->site->fixture->store, ward_test_site_person (f->site, "dgone")->user_id,
                                              TRUE, &error));
  g_assert_no_error (error);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  f->state_dir = g_dir_make_tmp ("wardgate-devsim-XXXXXX", NULL);
  g_assert_nonnull (f->state_dir);
  devsim_start (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->state_dir, "devices.ini", NULL);

  g_subprocess_send_signal (f->devsim, SIGTERM);
  g_subprocess_wait (f->devsim, NULL, NULL);
  g_clear_object (&f->devsim);
  g_unlink (state);
  g_rmdir (f->state_dir);
  g_free (f->state_dir);
  ward_test_site_free (f->site);
  if (f->localedir != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "language", "en");
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      ward_test_remove_german (f->localedir);
      g_clear_pointer (&f->localedir, g_free);
      ward_language_apply ("en");
    }
}

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->window);
}

static void
kiosk_ready (WardApplication *app,
             gpointer         data)
{
  Fixture *f = data;

  f->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  f->kiosk = ward_application_get_kiosk (app);
  f->flow = ward_kiosk_get_flow (f->kiosk);
  ward_test_use_site_keys (f->kiosk, f->site);
  ward_auth_flow_set_awareness_hook (f->flow, NULL, NULL, NULL);
  f->check (f);
}

static void
run_kiosk (Fixture      *f,
           FixtureCheck  check)
{
  f->check = check;
  ward_test_run_kiosk (f->site, FALSE, kiosk_ready, f);
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *path = NULL;

  gtk_test_widget_wait_for_draw (root (f));
  path = ward_test_save_screenshot (root (f), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- Badges, typed as a reader types them -------------------------------------- */

static WardWitnessOverlay *
overlay (Fixture *f)
{
  GtkWidget *found = ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY);

  g_assert_nonnull (found);
  return WARD_WITNESS_OVERLAY (found);
}

/* The refusal line of the card (its only label with the "alert" role),
 * or NULL while there is none. */
static const char *
find_alert (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ALERT)
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_alert (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
refusal_text (Fixture *f)
{
  return find_alert (GTK_WIDGET (overlay (f)));
}

typedef struct
{
  Fixture *f;
  char    *before;
} Change;

static gboolean
refusal_changed (gpointer data)
{
  Change *change = data;
  const char *now = refusal_text (change->f);

  return now != NULL && g_strcmp0 (now, change->before) != 0;
}

/* The badge's keys through the X server at a reader's pace (or, without
 * one, into the window's capture); waits until the card's refusal line
 * changes, and returns it. */
static char *
tap_refused (Fixture    *f,
             const char *badge)
{
  Change change = { f, g_strdup (refusal_text (f)) };
  g_autofree char *keys = g_strconcat (badge, "\n", NULL);

  if (ward_test_keys_real (GTK_WINDOW (f->window)))
    {
      for (guint attempt = 0; attempt < 3 && !refusal_changed (&change); attempt++)
        ward_test_keys_type (GTK_WINDOW (f->window), keys, 5);
    }
  else
    {
      WardBadgeCapture *capture = ward_window_get_badge_capture (f->window);
      static guint32 time_ms = 100000;

      time_ms += 10000;
      for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
        ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
      ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms);
    }
  ward_test_wait_for (refusal_changed, &change);
  gtk_test_widget_wait_for_draw (root (f));
  g_free (change.before);
  g_assert_cmpint (ward_auth_flow_get_state (f->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_witness_overlay_get_stage (overlay (f)), ==, WARD_WITNESS_STAGE_BADGE);
  return g_strdup (refusal_text (f));
}

static gboolean
at_key_step (gpointer data)
{
  Fixture *f = data;
  GtkWidget *found = ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY);

  return found != NULL && ward_witness_overlay_get_stage (WARD_WITNESS_OVERLAY (found)) == WARD_WITNESS_STAGE_KEY;
}

static void
tap_accepted (Fixture    *f,
              const char *badge)
{
  g_autofree char *keys = g_strconcat (badge, "\n", NULL);

  for (guint attempt = 0; attempt < 3 && !at_key_step (f); attempt++)
    ward_test_keys_type (GTK_WINDOW (f->window), keys, 5);
  ward_test_wait_for (at_key_step, f);
}

/* -- Signing in and preparing the change ---------------------------------------- */

static gboolean
flow_at_code (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_CODE && !ward_auth_flow_get_key_busy (data);
}

static gboolean
flow_signed_in (gpointer data)
{
  return ward_auth_flow_get_state (data) == WARD_AUTH_STATE_SIGNED_IN;
}

static void
sign_in (Fixture *f)
{
  WardTestPerson *person = ward_test_site_person (f->site, "nnurse");
  g_autofree char *code = NULL;

  ward_soft_key_set_auto_touch (person->key, TRUE);
  ward_test_site_insert_key (f->site, person->key);
  ward_auth_flow_badge (f->flow, person->badge);
  ward_test_wait_for (flow_at_code, f->flow);
  code = ward_test_site_app_code (f->site, "nnurse", 0);
  ward_auth_flow_submit_code (f->flow, code);
  ward_test_wait_for (flow_signed_in, f->flow);
  gtk_test_widget_wait_for_draw (root (f));
}

static WardDevicePage *
page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (ward_test_find_widget (root (f), GTK_TYPE_STACK));

  return WARD_DEVICE_PAGE (gtk_stack_get_child_by_name (stack, "device"));
}

static gboolean
cards_with_values (gpointer data)
{
  Fixture *f = data;
  GtkWidget *s = ward_test_find_widget (root (f), WARD_TYPE_DEVICES_SECTION);

  return s != NULL && g_strcmp0 (ward_devices_section_get_state (WARD_DEVICES_SECTION (s)), "cards") == 0
      && ward_test_find_label (s, _("Reading the settings…"), FALSE) == NULL;
}

static gboolean
rate_loaded (gpointer data)
{
  return ward_device_page_get_row (page (data), "rate_ml_h") != NULL;
}

static gboolean
card_open (gpointer data)
{
  Fixture *f = data;
  GtkWidget *found = ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY);

  return found != NULL && gtk_widget_get_visible (found);
}

/* Heparin from 10 to 22 mL/h: above the usual 20, within the limit of
 * 25; the first reason offered is picked. */
static void
prepare_unusual_heparin (Fixture *f)
{
  WardValueEntry *entry;
  WardKeypad *keypad;
  GtkWidget *card;

  ward_test_wait_for (cards_with_values, f);
  card = ward_devices_section_get_card (WARD_DEVICES_SECTION (ward_test_find_widget (root (f),
                                                                                    WARD_TYPE_DEVICES_SECTION)),
                                        "pump-1");
  ward_test_click (ward_device_card_get_button (WARD_DEVICE_CARD (card)));
  ward_test_wait_for (rate_loaded, f);
  entry = ward_device_page_get_value_entry (page (f));
  keypad = ward_value_entry_get_keypad (entry);
  ward_test_click (ward_parameter_row_get_value_button (ward_device_page_get_row (page (f), "rate_ml_h")));
  ward_test_click (ward_keypad_get_button (keypad, "2"));
  ward_test_click (ward_keypad_get_button (keypad, "2"));
  ward_test_click (ward_keypad_get_button (keypad, "ok"));
  {
    /* In the language shown: the card is looked at in German too. */
    g_autofree char *note = g_strdup_printf (_("%s before it is sent."), _("A charge nurse must check this change"));

    ward_test_assert_shows (root (f), note);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.apply", NULL));
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_click (ward_device_page_get_reason_button (page (f), 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.apply", NULL));
  ward_test_wait_for (card_open, f);
  /* The witness reads the device by the name the page gives it, in the
   * language shown ("Infusionspumpe"), not the gateway's English word. */
  ward_test_assert_shows (ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY), _("Infusion pump"));
  ward_test_spin (200);
  gtk_test_widget_wait_for_draw (root (f));
}

static gboolean
page_idle (gpointer data)
{
  Fixture *f = data;

  return !card_open (f) && !ward_device_page_is_busy (page (f));
}

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

/* -- 1. Charge nurses only (the default) -------------------------------------------- */

static void
check_refusals (Fixture *f)
{
  struct { const char *badge; const char *expected; } refusals[] = {
    { NURSE_BADGE, "You cannot check your own change: a second person must tap their badge." },
    { NURSE_BADGE, "You cannot check your own change: a second person must tap their badge. "
                   "(refused 2 times in a row)" },
    { TOM_BADGE, "Tom Reyes cannot check changes: the role Nurse does not hold the double-check permission." },
    { TOM_BADGE, "Tom Reyes cannot check changes: the role Nurse does not hold the double-check permission. "
                 "(refused 2 times in a row)" },
    { BIOMED_BADGE, "Sam Patel cannot check changes: the role Biomedical engineer does not hold the "
                    "double-check permission." },
    { DISABLED_BADGE, "Dana Gone cannot check this change: the account is disabled." },
    { LOCKED_BADGE, "Lee Locked cannot check this change: the account is locked after failed sign-ins." },
    { UNKNOWN_BADGE, "This badge is not recognised." },
    { UNKNOWN_BADGE, "This badge is not recognised. (refused 2 times in a row)" },
  };
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const WardSettingChangeRecord *record;
  g_autoptr(GError) error = NULL;

  lock_out (f, "llocked");
  sign_in (f);
  prepare_unusual_heparin (f);

  /* Who may check, from the store; what she checks. */
  ward_test_assert_shows (root (f), "A charge nurse must check this change");
  ward_test_assert_hides (root (f), "Who may check");
  ward_test_assert_shows (root (f), "Infusion pump");
  ward_test_assert_shows (root (f), "Heparin 100 units/mL\nRate: 10.0 → 22.0 mL/h");
  ward_test_assert_shows (root (f), "Outside the usual range: 22.0 mL/h is above the usual maximum of 20.0 mL/h.");
  ward_test_assert_shows (root (f), "Reason given: “Prescribed by the doctor for this patient”");
  ward_test_assert_shows (root (f), "Second person: tap your badge");
  ward_test_assert_hides (root (f), "A second nurse must check this change");
  screenshot (f, "witness-card.png");

  /* Every refusal named, and never the same text twice in a row. */
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *shown = tap_refused (f, refusals[i].badge);

      g_assert_cmpstr (shown, ==, refusals[i].expected);
      g_assert_cmpstr (shown, !=, previous);
      g_free (previous);
      previous = g_steal_pointer (&shown);
      if (i == 2)
        screenshot (f, "witness-card-refused.png");
    }

  /* Grace Lin, a charge nurse: her badge, then her key; sent. */
  ward_soft_key_set_auto_touch (ward_test_site_person (f->site, "glin")->key, FALSE);
  ward_test_site_insert_key (f->site, ward_test_site_person (f->site, "glin")->key);
  tap_accepted (f, CHARGE_BADGE);
  ward_test_assert_shows (root (f), "Grace Lin: touch your security key");
  ward_soft_key_touch (ward_test_site_person (f->site, "glin")->key);
  ward_test_wait_for (page_idle, f);
  records = ward_device_changes_list_recent (f->site->fixture->store, "pump-1", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->witness_username, ==, "glin");
  g_assert_cmpstr (record->reason, ==, "Prescribed by the doctor for this patient");
  g_assert_cmpfloat (record->new_value, ==, 22.0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  run_kiosk (f, check_refusals);
}

/* -- 2. The site lets nurses check too: the words follow ------------------------------ */

static void
check_nurses_may (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_permit (f->site->fixture->store, "nurse", WARD_PERMISSION_HIGH_ALERT, &error));
  g_assert_no_error (error);
  sign_in (f);
  ward_test_wait_for (cards_with_values, f);
  ward_test_click (ward_device_card_get_button (WARD_DEVICE_CARD (ward_devices_section_get_card (
    WARD_DEVICES_SECTION (ward_test_find_widget (root (f), WARD_TYPE_DEVICES_SECTION)), "pump-1"))));
  ward_test_wait_for (rate_loaded, f);
  ward_test_click (ward_parameter_row_get_value_button (ward_device_page_get_row (page (f), "rate_ml_h")));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (ward_device_page_get_value_entry (page (f))), "1"));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (ward_device_page_get_value_entry (page (f))), "2"));
  ward_test_click (ward_keypad_get_button (ward_value_entry_get_keypad (ward_device_page_get_value_entry (page (f))), "ok"));
  ward_test_assert_shows (root (f), "A second person must check this change before it is sent.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.apply", NULL));
  ward_test_wait_for (card_open, f);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "A second person must check this change");
  ward_test_assert_shows (root (f), "Who may check: Nurse, Charge nurse");
  ward_test_assert_shows (root (f), "No reason was needed: the value is within the usual range.");
  screenshot (f, "witness-card-nurses.png");

  /* Tom Reyes, a nurse, is now accepted. */
  ward_soft_key_set_auto_touch (ward_test_site_person (f->site, "treyes")->key, FALSE);
  ward_test_site_insert_key (f->site, ward_test_site_person (f->site, "treyes")->key);
  tap_accepted (f, TOM_BADGE);
  ward_test_assert_shows (root (f), "Tom Reyes: touch your security key");
}

static void
test_nurses_may (Fixture       *f,
                 gconstpointer  data)
{
  run_kiosk (f, check_nurses_may);
}

/* -- 3. The card with everything on it fits the small bedside screens --------------------- */

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The card stands clear of the window's edges: a card that touches them
 * reads as part of the page behind, not as a step to finish. */
#define CARD_MARGIN 16

static void
check_fits (Fixture *f)
{
  g_autofree char *where = g_strdup_printf ("witness-card-%dx%d%s", f->width, f->height,
                                            f->localedir != NULL ? "-de" : "");
  g_autofree char *file = g_strdup_printf ("layout-%s.png", where);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *refused = NULL;
  GtkWidget *overlay;
  GtkWidget *card;
  graphene_rect_t bounds;

  sign_in (f);
  prepare_unusual_heparin (f);
  refused = tap_refused (f, TOM_BADGE);
  g_assert_nonnull (strstr (refused, "Tom Reyes"));
  screenshot (f, file);
  g_assert_cmpint (gtk_widget_get_width (root (f)), ==, f->width);
  g_assert_cmpint (gtk_widget_get_height (root (f)), ==, f->height);
  problems = ward_test_layout_problems (root (f), where);
  overlay = ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY);
  g_assert_nonnull (overlay);
  card = find_with_class (overlay, "device-overlay-card");
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_compute_bounds (card, root (f), &bounds));
  g_test_message ("%s: card at x %.0f…%.0f, y %.0f…%.0f", where, bounds.origin.x,
                  bounds.origin.x + bounds.size.width, bounds.origin.y, bounds.origin.y + bounds.size.height);
  if (bounds.origin.x < CARD_MARGIN || bounds.origin.y < CARD_MARGIN
      || bounds.origin.x + bounds.size.width > f->width - CARD_MARGIN
      || bounds.origin.y + bounds.size.height > f->height - CARD_MARGIN)
    g_ptr_array_add (problems, g_strdup_printf ("%s: the card (x %.0f…%.0f, y %.0f…%.0f) is within %d px of the "
                                                "window's edge", where, bounds.origin.x,
                                                bounds.origin.x + bounds.size.width, bounds.origin.y,
                                                bounds.origin.y + bounds.size.height, CARD_MARGIN));
  if (problems->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (problems, NULL);
      all = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_error ("%s does not fit:\n  %s", where, all);
    }
}

static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  run_kiosk (f, check_fits);
}

int
main (int   argc,
      char *argv[])
{
  /* Width, height, and German (1) or English. */
  static const int sizes[][3] = { { 1024, 768, 0 }, { 1280, 800, 0 }, { 1024, 768, 1 }, { 1280, 800, 1 } };

  g_setenv ("LANGUAGE", "C", TRUE);
  /* The texts in UTF-8, whichever language the card is read in. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/witness-card/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/ui/witness-card/nurses-may", Fixture, NULL, fixture_set_up, test_nurses_may, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/witness-card/fits/%dx%d%s", sizes[i][0], sizes[i][1],
                                               sizes[i][2] ? "/de" : "");

      g_test_add (path, Fixture, sizes[i], fixture_set_up, test_fits, fixture_tear_down);
    }
  return g_test_run ();
}
