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

/* Shorthands for a test whose fixture is a WardTestCliSite, each running
 * wardgate-admin on the site's database (see ward-test-cli.h). A scenario's
 * run of commands is a table of WardTestCliStep rows: command, exit status,
 * a phrase of its output. */
#define assert_run(site, command, status, text) \
  ward_test_cli_assert ((site)->db, command, status, text)
#define assert_steps(site, steps) \
  ward_test_cli_assert_steps ((site)->db, steps, G_N_ELEMENTS (steps))
#define assert_audited(site, text) \
  ward_test_cli_assert_audited ((site)->db, text)

void ward_test_cli_site_set_up    (WardTestCliSite *site,
                                   const char      *subdir);
void ward_test_cli_site_tear_down (WardTestCliSite *site);

G_END_DECLS
