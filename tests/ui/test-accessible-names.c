/* test-accessible-names.c: every screen and panel tells a screen reader what it is, in English and in German */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gtk/gtk.h>

#include "tests/ui/ward-test-language.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/devices/ward-step-up-overlay.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/devices/ward-witness-overlay.h"
#include "ui/ward-awareness-page.h"
#include "ui/ward-break-glass-page.h"
#include "ui/ward-code-page.h"
#include "ui/ward-demo-strip.h"
#include "ui/ward-home-page.h"
#include "ui/ward-idle-warning.h"
#include "ui/ward-key-page.h"
#include "ui/ward-keypad.h"
#include "ui/ward-language.h"
#include "ui/ward-lock-page.h"
#include "ui/ward-session-bar.h"
#include "ui/ward-tap-over-card.h"

typedef struct
{
  GType     (*get_type) (void);
  const char *english;
  const char *german;
} Named;

/* The name a screen reader announces when the part takes the screen or
 * the focus moves into it. */
static const Named named[] = {
  { ward_lock_page_get_type, "Kiosk locked", "Terminal gesperrt" },
  { ward_key_page_get_type, "Security key", "Sicherheitsschlüssel" },
  { ward_code_page_get_type, "Authenticator code", "Authenticator-Code" },
  { ward_keypad_get_type, "Number keypad", "Ziffernblock" },
  { ward_awareness_page_get_type, "Security awareness", "Sicherheitsschulung" },
  { ward_break_glass_page_get_type, "Emergency access", "Notfallzugang" },
  { ward_home_page_get_type, "Home", "Startseite" },
  { ward_session_bar_get_type, "Signed-in person", "Angemeldete Person" },
  { ward_idle_warning_get_type, "Still there?", "Noch da?" },
  { ward_tap_over_card_get_type, "End emergency access?", "Notfallzugang beenden?" },
  { ward_devices_section_get_type, "Devices", "Geräte" },
  { ward_device_page_get_type, "Device", "Gerät" },
  { ward_value_entry_get_type, "Type a value", "Wert eingeben" },
  { ward_step_up_overlay_get_type, "Touch your key again", "Schlüssel erneut berühren" },
  { ward_witness_overlay_get_type, "A second person must check this change",
    "Eine zweite Person muss diese Änderung gegenprüfen" },
#if WARD_DEMO_BUILD
  { ward_demo_strip_get_type, "Demo helpers", "Demo-Hilfen" },
#endif
};

static void
check_names (gboolean german)
{
  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (named[i].get_type (), NULL));
      const char *expected = german ? named[i].german : named[i].english;
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

      if (mismatch != NULL)
        g_error ("%s is announced as %s, not “%s”", G_OBJECT_TYPE_NAME (widget), mismatch, expected);
      g_object_unref (widget);
    }
}

static void
test_english (void)
{
  check_names (FALSE);
}

static void
test_german (void)
{
  char *localedir = ward_test_language_use ("de");

  ward_language_apply ("de");
  check_names (TRUE);
  ward_test_language_restore (localedir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* As the kiosk does: translations as UTF-8, whatever the test's locale. */
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/ui/accessible-names/english", test_english);
  g_test_add_func ("/ui/accessible-names/german", test_german);

  return g_test_run ();
}
