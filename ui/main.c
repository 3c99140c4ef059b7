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

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ward_language_init ();

  ward_kiosk_store_init_logging ();

  app = ward_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
