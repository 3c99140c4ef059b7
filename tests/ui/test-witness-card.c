/* test-witness-card.c: the double check's card against wardgate-devsim: who may check from the store, every refused badge named (and a repeat told apart), what the witness checks, at 1024×768 and 1280×800 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-change.h"
#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "tests/ui/ward-test-devices.h"
#include "tests/ui/ward-test-language.h"
#include "tests/ui/ward-test-layout.h"
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

#define DISABLED_BADGE "04D15AB1"
#define LOCKED_BADGE   "04AA0CCD"
#define UNKNOWN_BADGE  "04DEADBE"

typedef struct
{
  WardTestDevices  d;          /* first: the kiosk's check hands this back */
  int              width;
  int              height;
  char            *localedir;  /* the German catalogue, when the card is read in German */
} Fixture;

/* The device ward's people by the names the card shows, and two charge
 * nurses it must refuse: one disabled, one to be locked out. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;
  WardTestSite *site;
  g_autoptr(GError) error = NULL;

  ward_test_devices_set_up (&f->d, NULL);
  site = f->d.k.site;
  f->width = size != NULL ? size[0] : 1280;
  f->height = size != NULL ? size[1] : 800;
  ward_test_set_window_size (f->width, f->height);
  if (size != NULL && size[2])
    f->localedir = ward_test_language_use ("de");
  ward_test_site_add_person (site, "dgone", "charge-nurse", DISABLED_BADGE, TRUE, TRUE);
  ward_test_site_add_person (site, "llocked", "charge-nurse", LOCKED_BADGE, TRUE, TRUE);
  ward_test_site_rename (site, "nnurse", "Nadia Okafor");
  ward_test_site_rename (site, "tnurse", "Tom Reyes");
  ward_test_site_rename (site, "cnurse", "Grace Lin");
  ward_test_site_rename (site, "bbiomed", "Sam Patel");
  ward_test_site_rename (site, "dgone", "Dana Gone");
  ward_test_site_rename (site, "llocked", "Lee Locked");
  g_assert_true (ward_directory_set_disabled (site->fixture->store, ward_test_site_person (site, "dgone")->user_id,
                                              TRUE, &error));
  g_assert_no_error (error);
  ward_test_devsim_start (&f->d.devsim, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_devices_tear_down (&f->d, NULL);
  ward_test_set_window_size (1280, 800);
  if (f->localedir != NULL)
    ward_test_language_restore (g_steal_pointer (&f->localedir));
}

static GtkWidget *
root (Fixture *f)
{
  return ward_test_kiosk_root (&f->d.k);
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

  if (ward_test_kiosk_xdotool_usable (&f->d.k))
    {
      for (guint attempt = 0; attempt < 3 && !refusal_changed (&change); attempt++)
        ward_test_kiosk_xdotool_type (&f->d.k, keys, 5);
    }
  else
    ward_test_devices_tap_badge (&f->d, badge);
  ward_test_wait_for (refusal_changed, &change);
  gtk_test_widget_wait_for_draw (root (f));
  g_free (change.before);
  g_assert_cmpint (ward_auth_flow_get_state (f->d.k.flow), ==, WARD_AUTH_STATE_SIGNED_IN);
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
    ward_test_kiosk_xdotool_type (&f->d.k, keys, 5);
  ward_test_wait_for (at_key_step, f);
}

/* -- Signing in and preparing the change ---------------------------------------- */

static WardDevicePage *
page (Fixture *f)
{
  return ward_test_devices_page (&f->d);
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
  ward_test_devices_open (&f->d, "pump-1");
  ward_test_wait_for (rate_loaded, f);
  ward_test_devices_type_value (&f->d, "rate_ml_h", "22");
  {
    /* In the language shown: the card is looked at in German too. */
    g_autofree char *note = g_strdup_printf (_("%s before it is sent."), _("A charge nurse must check this change"));

    ward_test_assert_shows (root (f), note);
  }
  ward_test_devices_apply (&f->d);
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

/* Badge, key and code for the nurse who makes the change. */
static void
sign_in (Fixture *f)
{
  ward_test_kiosk_sign_in (&f->d.k, "nnurse", WARD_TEST_NURSE_BADGE);
}

static void
lock_out (Fixture    *f,
          const char *username)
{
  WardTestPerson *person = ward_test_site_person (f->d.k.site, username);
  WardPolicy *policy = ward_kiosk_get_policy (f->d.k.kiosk);
  WardPolicyVerdict verdict = WARD_POLICY_ALLOWED;

  for (guint i = 0; i < WARD_POLICY_MAX_LOCKOUT_THRESHOLD && verdict != WARD_POLICY_LOCKED; i++)
    verdict = ward_policy_record_failure (policy, person->user_id, username, "totp", "wrong-code", NULL, NULL);
  g_assert_cmpint (verdict, ==, WARD_POLICY_LOCKED);
}

/* -- 1. Charge nurses only (the default) -------------------------------------------- */

static void
check_refusals (WardTestDevices *d)
{
  Fixture *f = (Fixture *) d;
  struct { const char *badge; const char *expected; } refusals[] = {
    { WARD_TEST_NURSE_BADGE, "You cannot check your own change: a second person must tap their badge." },
    { WARD_TEST_NURSE_BADGE, "You cannot check your own change: a second person must tap their badge. "
                             "(refused 2 times in a row)" },
    { WARD_TEST_SECOND_NURSE_BADGE, "Tom Reyes cannot check changes: the role Nurse does not hold the "
                                    "double-check permission." },
    { WARD_TEST_SECOND_NURSE_BADGE, "Tom Reyes cannot check changes: the role Nurse does not hold the "
                                    "double-check permission. (refused 2 times in a row)" },
    { WARD_TEST_BIOMED_BADGE, "Sam Patel cannot check changes: the role Biomedical engineer does not hold the "
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
  ward_test_kiosk_screenshot (&f->d.k, "witness-card.png");

  /* Every refusal named, and never the same text twice in a row. */
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *shown = tap_refused (f, refusals[i].badge);

      g_assert_cmpstr (shown, ==, refusals[i].expected);
      g_assert_cmpstr (shown, !=, previous);
      g_free (previous);
      previous = g_steal_pointer (&shown);
      if (i == 2)
        ward_test_kiosk_screenshot (&f->d.k, "witness-card-refused.png");
    }

  /* Grace Lin, a charge nurse: her badge, then her key; sent. */
  ward_soft_key_set_auto_touch (ward_test_site_person (f->d.k.site, "cnurse")->key, FALSE);
  ward_test_site_insert_key (f->d.k.site, ward_test_site_person (f->d.k.site, "cnurse")->key);
  tap_accepted (f, WARD_TEST_CHARGE_BADGE);
  ward_test_assert_shows (root (f), "Grace Lin: touch your security key");
  ward_soft_key_touch (ward_test_site_person (f->d.k.site, "cnurse")->key);
  ward_test_wait_for (page_idle, f);
  records = ward_device_changes_list_recent (f->d.k.site->fixture->store, "pump-1", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->witness_username, ==, "cnurse");
  g_assert_cmpstr (record->reason, ==, "Prescribed by the doctor for this patient");
  g_assert_cmpfloat (record->new_value, ==, 22.0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  ward_test_devices_run (&f->d, check_refusals);
}

/* -- 2. The site lets nurses check too: the words follow ------------------------------ */

static void
check_nurses_may (WardTestDevices *d)
{
  Fixture *f = (Fixture *) d;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_permit (f->d.k.site->fixture->store, "nurse", WARD_PERMISSION_HIGH_ALERT, &error));
  g_assert_no_error (error);
  sign_in (f);
  ward_test_devices_open (&f->d, "pump-1");
  ward_test_wait_for (rate_loaded, f);
  ward_test_devices_type_value (&f->d, "rate_ml_h", "12");
  ward_test_assert_shows (root (f), "A second person must check this change before it is sent.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (f)), "device.apply", NULL));
  ward_test_wait_for (card_open, f);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows (root (f), "A second person must check this change");
  ward_test_assert_shows (root (f), "Who may check: Nurse, Charge nurse");
  ward_test_assert_shows (root (f), "No reason was needed: the value is within the usual range.");
  ward_test_kiosk_screenshot (&f->d.k, "witness-card-nurses.png");

  /* Tom Reyes, a nurse, is now accepted. */
  ward_soft_key_set_auto_touch (ward_test_site_person (f->d.k.site, "tnurse")->key, FALSE);
  ward_test_site_insert_key (f->d.k.site, ward_test_site_person (f->d.k.site, "tnurse")->key);
  tap_accepted (f, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_assert_shows (root (f), "Tom Reyes: touch your security key");
}

static void
test_nurses_may (Fixture       *f,
                 gconstpointer  data)
{
  ward_test_devices_run (&f->d, check_nurses_may);
}

/* -- 3. The card with everything on it fits the small bedside screens --------------------- */

/* The card stands clear of the window's edges: a card that touches them
 * reads as part of the page behind, not as a step to finish. */
#define CARD_MARGIN 16

static void
check_fits (WardTestDevices *d)
{
  Fixture *f = (Fixture *) d;
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
  refused = tap_refused (f, WARD_TEST_SECOND_NURSE_BADGE);
  g_assert_nonnull (strstr (refused, "Tom Reyes"));
  ward_test_wait_for_transitions (root (f));
  ward_test_kiosk_screenshot (&f->d.k, file);
  ward_test_assert_placeholders_whole (root (f));
  g_assert_cmpint (gtk_widget_get_width (root (f)), ==, f->width);
  g_assert_cmpint (gtk_widget_get_height (root (f)), ==, f->height);
  problems = ward_test_layout_problems (root (f), where);
  overlay = ward_test_find_widget (root (f), WARD_TYPE_WITNESS_OVERLAY);
  g_assert_nonnull (overlay);
  card = ward_test_find_with_class (overlay, "device-overlay-card");
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
  ward_test_devices_run (&f->d, check_fits);
}

int
main (int   argc,
      char *argv[])
{
  /* Width, height, and German (1) or English. */
  static const int sizes[][3] = { { 1024, 768, 0 }, { 1280, 800, 0 }, { 1024, 768, 1 }, { 1280, 800, 1 } };

  ward_test_kiosk_init_on_bus (&argc, &argv);

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
