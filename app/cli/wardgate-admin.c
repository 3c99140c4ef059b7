/* wardgate-admin.c: entry point of the provisioning command line */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli.h"
#include "data/ward-audit.h"
#include "data/ward-install-key.h"

int
main (int    argc,
      char **argv)
{
  /* No core dump: it would hold the install key's derived keys, and the
   * secret of an app being enrolled. */
  ward_install_key_protect_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_log_set_writer_func (ward_audit_log_writer, NULL, NULL);
  return ward_admin_cli_run (argc, argv);
}
