/* ward-admin-cli-awareness.c: wardgate-admin commands for security-awareness results */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli-private.h"
#include "app/awareness/ward-awareness-report.h"
#include "app/awareness/ward-awareness-scheduler.h"

/* Without --since a report covers the last four weeks: long enough to see
 * every rota pattern, short enough to show who is falling behind now. */
#define DEFAULT_PERIOD_DAYS 28

/* YYYY-MM-DD, as midnight local time: the date an administrator means. */
static gboolean
parse_since (const char  *text,
             gint64      *since,
             GError     **error)
{
  g_autoptr(GDateTime) date = NULL;
  guint year = 0, month = 0, day = 0;
  char end = '\0';

  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    date = g_date_time_new_local ((int) year, (int) month, (int) day, 0, 0, 0);
  if (date == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--since takes a date written as YYYY-MM-DD, for example 2026-11-01."));
      return FALSE;
    }
  *since = g_date_time_to_unix (date);
  return TRUE;
}

static gboolean
report_period (Cli     *cli,
               gint64  *since,
               gint64  *until,
               GError **error)
{
  /* Past the current second, so an answer given just now is counted. */
  *until = ward_clock_get_now (ward_store_get_clock (cli->store)) + 1;
  if (cli->since == NULL)
    {
      *since = *until - 1 - (gint64) DEFAULT_PERIOD_DAYS * 24 * 3600;
      return TRUE;
    }
  return parse_since (cli->since, since, error);
}

int
ward_admin_cmd_awareness_report (Cli   *cli,
                                 char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue = NULL;
  g_autoptr(WardAwarenessReport) report = NULL;
  g_autofree char *text = NULL;
  gint64 since = 0, until = 0;

  if (!report_period (cli, &since, &until, &error))
    return ward_admin_cli_fail_with (error);

  /* The titles come from the content; the figures stand without it. */
  catalogue = ward_awareness_catalogue_new_default (&error);
  if (catalogue == NULL)
    {
      g_warning ("Awareness content unavailable, topics shown by id: %s", error->message);
      g_clear_error (&error);
    }

  report = ward_awareness_report_build (cli->store, cli->actor, catalogue, since, until,
                                        ward_site_config_get_awareness_interval_hours (cli->config), &error);
  if (report == NULL)
    return ward_admin_cli_fail_with (error);

  text = cli->csv ? ward_awareness_report_to_csv (report) : ward_awareness_report_to_text (report);
  g_print ("%s", text);
  return WARD_ADMIN_EXIT_OK;
}
