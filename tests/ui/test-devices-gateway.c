/* test-devices-gateway.c: the bedside device screens when devices are offline, the gateway is absent or the catalogue malformed, and what each role sees */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "data/ward-device-changes.h"
#include "tests/ui/ward-test-devices.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/ward-code-page.h"
#include "ui/ward-keypad.h"

/* The kiosk and wardgate-devsim of tests/ui/ward-test-devices.c. */
typedef WardTestDevices Fixture;

/* -- 4. Offline devices ------------------------------------------------------ */

static void
check_offline (Fixture *f)
{
  GtkWidget *card;
  g_autoptr(GPtrArray) records = NULL;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (ward_test_devices_cards_shown, f);
  card = ward_devices_section_get_card (ward_test_devices_section (f), "vent-1");
  g_assert_nonnull (ward_test_find_label (card, "Offline", FALSE));
  g_assert_nonnull (ward_test_find_label (card, "Settings cannot be read while the device is offline.", FALSE));

  ward_test_devices_open (f, "vent-1");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "This device is offline");
  g_assert_false (gtk_widget_get_sensitive (ward_parameter_row_get_plus (ward_test_devices_row (f, "fio2_percent"))));
  g_assert_false (gtk_widget_get_sensitive (ward_parameter_row_get_value_button (ward_test_devices_row (f, "fio2_percent"))));
  ward_test_kiosk_screenshot (&f->k, "device-offline.png");

  /* A device going offline with a change pending: it is not sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.show-home", NULL));
  ward_test_devices_open (f, "pump-1");
  ward_test_click (ward_parameter_row_get_minus (ward_test_devices_row (f, "vtbi_ml")));
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Volume to be infused 250 → 249 mL");
  ward_test_devsim_control ("SetOffline", g_variant_new ("(sb)", "pump-1", TRUE));
  ward_test_devices_wait_for_text (f, "This device is offline: the change cannot be sent.");
  g_assert_false (gtk_widget_is_sensitive (ward_test_find_button (GTK_WIDGET (f->k.window), "Apply")));
  ward_test_devices_apply (f);
  ward_test_spin (300);
  records = ward_test_devices_history (f, "pump-1");
  g_assert_cmpuint (records->len, ==, 0);
  ward_test_kiosk_screenshot (&f->k, "device-offline-pending.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.show-home", NULL));
  ward_test_wait_for (ward_test_devices_cards_shown, f);
  g_assert_nonnull (ward_test_find_label (ward_devices_section_get_card (ward_test_devices_section (f), "pump-1"), "Offline", FALSE));
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  const char *offline[] = { "--offline", "vent-1", NULL };

  ward_test_devsim_start (&f->devsim, NULL, offline);
  ward_test_devices_run (f, check_offline);
}

/* -- 5. No gateway; a malformed catalogue ------------------------------------ */

static gboolean
section_unavailable (gpointer data)
{
  return g_strcmp0 (ward_devices_section_get_state (ward_test_devices_section (data)), "unavailable") == 0;
}

static void
check_gateway_absent (Fixture *f)
{
  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (section_unavailable, f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Devices unavailable");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "cannot be reached from this kiosk just now");
  ward_test_kiosk_screenshot (&f->k, "device-unavailable.png");

  /* The gateway starts: the cards come without anyone touching the screen. */
  ward_test_devsim_start (&f->devsim, NULL, NULL);
  ward_test_wait_for (ward_test_devices_cards_shown, f);
  g_assert_nonnull (ward_devices_section_get_card (ward_test_devices_section (f), "pump-1"));
}

static void
test_gateway_absent (Fixture       *f,
                     gconstpointer  data)
{
  ward_test_devices_run (f, check_gateway_absent);
}

static void
check_catalogue_refused (Fixture *f)
{
  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_wait_for (section_unavailable, f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "The device list of this kiosk could not be loaded, so "
                                                    "devices cannot be adjusted here. Call IT.");
  /* For IT: the file and the line, folded away from the nurse's words. */
  ward_test_assert_it_details (GTK_WIDGET (f->k.window), "broken-catalogue.xml:3:");
  g_assert_null (ward_devices_section_get_card (ward_test_devices_section (f), "pump-1"));
  ward_test_kiosk_screenshot (&f->k, "device-catalogue-refused.png");
}

static void
test_catalogue_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *shipped = g_strdup (g_getenv ("WARDGATE_CATALOGUE"));
  g_autofree char *broken = g_build_filename (f->devsim.state_dir, "broken-catalogue.xml", NULL);
  GLogLevelFlags fatal;

  g_assert_true (g_file_set_contents (broken, "<?xml version=\"1.0\"?>\n<catalogue version=\"1\">\n"
                                              "  <device-class id=\"infusion-pump\" unknown=\"x\">\n"
                                              "  </device-class>\n</catalogue>\n", -1, NULL));
  ward_test_devsim_start (&f->devsim, NULL, NULL);
  g_setenv ("WARDGATE_CATALOGUE", broken, TRUE);
  /* The kiosk warns in its log that the catalogue was refused: expected here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  ward_test_devices_run (f, check_catalogue_refused);
  g_log_set_always_fatal (fatal);
  g_setenv ("WARDGATE_CATALOGUE", shipped, TRUE);
  g_unlink (broken);
}

/* -- 6. What each role sees ------------------------------------------------------- */

static void
check_roles (Fixture *f)
{
  g_autoptr(GPtrArray) records = NULL;

  ward_test_devices_sign_in (f, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_devices_open (f, "monitor-1");
  g_assert_nonnull (ward_device_page_get_row (ward_test_devices_page (f), "hr_low"));
  g_assert_null (ward_device_page_get_row (ward_test_devices_page (f), "alarm_volume"));
  ward_test_assert_hides (GTK_WIDGET (f->k.window), "Alarm volume");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.show-home", NULL));
  ward_test_devices_open (f, "vent-1");
  g_assert_nonnull (ward_device_page_get_row (ward_test_devices_page (f), "peep_cmh2o"));
  g_assert_null (ward_device_page_get_row (ward_test_devices_page (f), "alarm_pressure_high_cmh2o"));
  ward_test_assert_hides (GTK_WIDGET (f->k.window), "High pressure alarm");
  ward_test_devices_sign_out (f);

  ward_test_devices_sign_in (f, "bbiomed", WARD_TEST_BIOMED_BADGE);
  ward_test_devices_open (f, "vent-1");
  g_assert_nonnull (ward_device_page_get_row (ward_test_devices_page (f), "alarm_pressure_high_cmh2o"));
  g_assert_null (ward_device_page_get_row (ward_test_devices_page (f), "peep_cmh2o"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.show-home", NULL));
  ward_test_devices_open (f, "monitor-1");
  g_assert_nonnull (ward_device_page_get_row (ward_test_devices_page (f), "alarm_volume"));
  g_assert_null (ward_device_page_get_row (ward_test_devices_page (f), "hr_low"));
  ward_test_click (ward_parameter_row_get_plus (ward_test_devices_row (f, "alarm_volume")));
  ward_test_devices_apply (f);
  ward_test_devices_wait_for_answer (f);
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Applied");
  ward_test_devices_wait_for_text (f, "Now 6 of 10");
  ward_test_kiosk_screenshot (&f->k, "device-biomed.png");
  ward_test_devices_sign_out (f);

  /* Emergency access: what the break-glass role allows, under its banner. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->k.window), "win.emergency", NULL));
  ward_test_devices_tap_badge (f, WARD_TEST_SECOND_NURSE_BADGE);
  ward_test_click (ward_test_find_button (GTK_WIDGET (f->k.window), "Cardiac arrest"));
  ward_test_kiosk_wait_for_state (&f->k, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_devices_open (f, "pump-1");
  ward_test_assert_shows_part (GTK_WIDGET (f->k.window), "EMERGENCY ACCESS");
  ward_test_assert_shows (GTK_WIDGET (f->k.window), "Emergency access: every change is recorded and reviewed.");
  g_assert_nonnull (ward_device_page_get_row (ward_test_devices_page (f), "rate_ml_h"));
  ward_test_kiosk_screenshot (&f->k, "device-break-glass.png");
}

/* Tests that only start the simulator and run their check. */
static const WardTestDevicesCase cases[] = {
  { "/ui/devices/roles", NULL, check_roles },
};

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  ward_test_devices_add ("/ui/devices/offline", test_offline);
  ward_test_devices_add ("/ui/devices/gateway-absent", test_gateway_absent);
  ward_test_devices_add ("/ui/devices/catalogue-refused", test_catalogue_refused);
  ward_test_devices_add_cases (cases, G_N_ELEMENTS (cases));
  return g_test_run ();
}
