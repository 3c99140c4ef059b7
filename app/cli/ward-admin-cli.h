/* ward-admin-cli.h: the wardgate-admin command line */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WARD_ADMIN_EXIT_OK      = 0,
  WARD_ADMIN_EXIT_REFUSED = 1,
  WARD_ADMIN_EXIT_USAGE   = 2,
} WardAdminExit;

int ward_admin_cli_run (int    argc,
                        char **argv);

G_END_DECLS
