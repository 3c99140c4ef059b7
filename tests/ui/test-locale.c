/* test-locale.c: switching the kiosk's language on the lock screen: the build's translations, dates and numbers in that language, device names translated */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tests/common/ward-test-devsim.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/ward-language.h"
#include "ui/ward-lock-page.h"

#define NURSE_BADGE "04A1B2C3"

typedef struct
{
  const char *code;
  const char *native_name;
  const char *date_part;    /* the fixed test day, 28 November 2026, in the lock screen's date */
  const char *pump;         /* "Infusion pump" */
  const char *rate;         /* the pump's 10.0 mL/h rate as shown */
} Language;

static const Language languages[] = {
  { "de", "Deutsch", "Samstag, 28. November 2026", "Infusionspumpe", "10,0" },
  { "fr", "Français", "samedi 28 novembre 2026", "Pompe à perfusion", "10,0" },
  { "es", "Español", "sábado, 28 de noviembre de 2026", "Bomba de infusión", "10,0" },
};

typedef struct
{
  const Language *language;
  WardTestSite   *site;
  WardTestDevsim  devsim;
  WardApplication *app;
  WardWindow     *first_window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->language = data;
  ward_test_configure_site_with ("Bed 12", "[devices]\ngateway-bus = session\n");
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_devsim_init (&f->devsim);
  ward_test_devsim_start (&f->devsim, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_devsim_clear (&f->devsim);
  ward_test_site_free (f->site);
  ward_language_apply ("en");
}

static WardWindow *
window (Fixture *f)
{
  return WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
}

static gboolean
window_rebuilt (gpointer data)
{
  Fixture *f = data;

  return window (f) != NULL && window (f) != f->first_window && gtk_widget_get_mapped (GTK_WIDGET (window (f)));
}

static gboolean
shows_date (gpointer data)
{
  Fixture *f = data;

  return ward_test_find_label (GTK_WIDGET (window (f)), f->language->date_part, TRUE) != NULL;
}

static WardDevicesSection *
devices_section (Fixture *f)
{
  return WARD_DEVICES_SECTION (ward_test_find_widget (GTK_WIDGET (window (f)), WARD_TYPE_DEVICES_SECTION));
}

static gboolean
pump_card_ready (gpointer data)
{
  WardDevicesSection *section = devices_section (data);

  return section != NULL && g_strcmp0 (ward_devices_section_get_state (section), "cards") == 0
      && ward_devices_section_get_card (section, "pump-1") != NULL;
}

static gboolean
pump_rate_shown (gpointer data)
{
  Fixture *f = data;
  GtkStack *stack = GTK_STACK (ward_test_find_widget (GTK_WIDGET (window (f)), GTK_TYPE_STACK));
  GtkWidget *page = gtk_stack_get_child_by_name (stack, "device");

  return page != NULL && !ward_device_page_is_busy (WARD_DEVICE_PAGE (page))
      && ward_test_find_label (page, f->language->rate, TRUE) != NULL;
}

static void
walk (WardApplication *app,
      gpointer         data)
{
  Fixture *f = data;
  GtkWidget *dropdown;
  WardWindow *first;
  g_autofree char *shot = NULL;

  f->app = app;
  ward_test_xinput_require (GTK_WIDGET (window (f)));
  g_assert_cmpstr (ward_language_get_current (), ==, "en");
  ward_test_assert_shows_part (GTK_WIDGET (window (f)), "Saturday 28 November 2026");

  /* The language menu, by pointer, as a person at the kiosk chooses. */
  first = window (f);
  dropdown = ward_test_find_widget (GTK_WIDGET (window (f)), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (dropdown);
  ward_test_xinput_click (dropdown);
  ward_test_spin (300);
  ward_test_xinput_click (GTK_WIDGET (ward_test_find_label (dropdown, f->language->native_name, FALSE)));
  /* The window is built again in the language; it shows the ward's fake
   * day, as the first one did. */
  f->first_window = first;
  ward_test_wait_for (window_rebuilt, f);
  ward_lock_page_set_clock (ward_window_get_lock_page (window (f)), f->site->fixture->clock);
  ward_test_wait_for (shows_date, f);
  g_assert_cmpstr (ward_language_get_current (), ==, f->language->code);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window (f)));
  shot = g_strdup_printf ("locale-lock-%s.png", f->language->code);
  g_free (ward_test_save_screenshot (GTK_WIDGET (window (f)), shot));

  /* Signed in: the device named in the language, its value with the
   * language's decimal mark. */
  ward_test_use_site_keys (ward_application_get_kiosk (app), f->site);
  ward_auth_flow_set_awareness_hook (ward_kiosk_get_flow (ward_application_get_kiosk (app)), NULL, NULL, NULL);
  ward_test_xinput_sign_in (window (f), f->site, "nnurse", NURSE_BADGE);
  ward_test_wait_for (pump_card_ready, f);
  ward_test_spin (500);
  ward_test_assert_shows (GTK_WIDGET (window (f)), f->language->pump);
  ward_test_assert_hides (GTK_WIDGET (window (f)), "Infusion pump");
  ward_test_xinput_click (ward_device_card_get_button (WARD_DEVICE_CARD (
    ward_devices_section_get_card (devices_section (f), "pump-1"))));
  ward_test_wait_for (pump_rate_shown, f);
  ward_test_spin (300);
  ward_test_assert_shows (GTK_WIDGET (window (f)), f->language->pump);
  g_assert_null (ward_test_find_label (GTK_WIDGET (window (f)), "10.0", TRUE));
  g_free (shot);
  shot = g_strdup_printf ("locale-pump-%s.png", f->language->code);
  g_free (ward_test_save_screenshot (GTK_WIDGET (window (f)), shot));
}

static void
test_switch (Fixture       *f,
             gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk, f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_unsetenv ("LANGUAGE");
  ward_test_isolate_kiosk ();

  /* As the kiosk's main() does, uninstalled: the catalogues compiled in
   * the build folder, found through WARDGATE_LOCALEDIR. */
  setlocale (LC_ALL, "");
  g_assert_cmpstr (ward_language_get_localedir (), !=, LOCALEDIR);
  bindtextdomain (GETTEXT_PACKAGE, ward_language_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();
  gtk_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/locale/switch/%s", languages[i].code);

      g_test_add (path, Fixture, &languages[i], fixture_set_up, test_switch, fixture_tear_down);
    }
  return g_test_run ();
}
