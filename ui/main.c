/* main.c: the entry point of wardgate, the bedside staff-access kiosk */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "app/ward-kiosk-store.h"
#include "ui/ward-application.h"
#include "ui/ward-language.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WardApplication) app = NULL;

  /* The stylesheet paints a dark page, so stock widgets (entries, buttons)
   * are drawn from GTK's dark theme. Named before GTK opens the display,
   * that theme is the only one parsed; switched to later (the
   * prefer-dark setting) it would be parsed after the light one, a second
   * parse on the way to the first frame. A theme given from outside (a
   * site's high-contrast one, say) still wins. */
  g_setenv ("GTK_THEME", "Default:dark", FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ward_language_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();

  ward_kiosk_store_init_logging ();

  app = ward_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
