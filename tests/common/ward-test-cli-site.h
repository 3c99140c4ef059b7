/* ward-test-cli-site.h: the scratch folder a command-line test runs wardgate-admin in, and the database it names */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *db;   /* the database wardgate-admin is given with --db */
  char *key;  /* where its install key goes: beside the database */
} WardTestCliSite;

void ward_test_cli_site_set_up    (WardTestCliSite *site,
                                   const char      *subdir);
void ward_test_cli_site_tear_down (WardTestCliSite *site);

G_END_DECLS
