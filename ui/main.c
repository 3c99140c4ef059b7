/* main.c: the entry point of wardgate, the bedside staff-access kiosk */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "data/ward-audit.h"
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

  /* Audit events go to the journal with their structured fields, for the
   * SIEM; everything else is logged as usual. */
  g_log_set_writer_func (ward_audit_log_writer, NULL, NULL);

  app = ward_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
