/* ward-admin-cli-config.c: wardgate-admin config check: the site file as the kiosk would take it */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli-private.h"

/* Run before restarting a kiosk after editing its site file: the same
 * checks the kiosk makes, as the user this runs as, and then what is in
 * force, defaults included. Needs no database. */
int
ward_admin_cmd_config_check (Cli   *cli,
                             char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = ward_site_config_load (&error);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  if (config == NULL)
    return ward_admin_cli_fail_with (error);

  if (ward_site_config_get_path (config) != NULL)
    /* Translators: %s is the site configuration file's path. */
    g_print (_("# The site configuration %s is valid. In force:\n"), ward_site_config_get_path (config));
  else
    {
      path = ward_site_config_default_path (NULL);
      /* Translators: %s is where the site configuration file would be. */
      g_print (_("# There is no site configuration at %s: the defaults are in force.\n"), path);
    }
  text = ward_site_config_to_data (config);
  fputs (text, stdout);
  return WARD_ADMIN_EXIT_OK;
}
