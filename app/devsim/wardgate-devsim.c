/* wardgate-devsim.c: a simulated bedside device gateway for demos and tests; never for clinical use */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "app/devices/ward-dbus-device-link.h"
#include "app/devsim/ward-device-simulator.h"

typedef struct
{
  char                 *bed;
  char                 *state_dir;
  char                **offline;
  char                **refuse;
  int                   delay_ms;
  gboolean              system_bus;
  gboolean              replace;
  gboolean              version;
  WardDeviceSimulator  *simulator;
  GMainLoop            *loop;
  int                   status;
} DevSim;

static void
on_bus_acquired (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  DevSim *sim = user_data;
  g_autoptr(GError) error = NULL;

  if (!ward_device_simulator_export (sim->simulator, connection, &error))
    {
      g_warning ("Could not export the device gateway: %s", error->message);
      sim->status = EXIT_FAILURE;
      g_main_loop_quit (sim->loop);
    }
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  DevSim *sim = user_data;

  g_message ("Simulated device gateway for %s running as %s", sim->bed, name);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  DevSim *sim = user_data;

  if (connection == NULL)
    g_warning ("No %s bus to serve devices on", sim->system_bus ? "system" : "session");
  else
    g_warning ("%s is owned by another gateway (use --replace to take it over)", name);
  sim->status = EXIT_FAILURE;
  g_main_loop_quit (sim->loop);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  DevSim *sim = user_data;

  g_message ("Stopping the simulated device gateway");
  g_main_loop_quit (sim->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
_devsim_parse (DevSim   *sim,
               int      *argc,
               char   ***argv,
               GError  **error)
{
  const GOptionEntry entries[] = {
    { "bed", 0, 0, G_OPTION_ARG_STRING, &sim->bed, "The bed the devices are at (default “Bed 12”)", "NAME" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &sim->state_dir, "Keep device settings between runs in DIR/devices.ini", "DIR" },
    { "offline", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sim->offline, "Start with device ID unreachable (repeatable)", "ID" },
    { "refuse", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sim->refuse, "Device ID refuses every change (repeatable)", "ID" },
    { "delay", 0, 0, G_OPTION_ARG_INT, &sim->delay_ms, "Devices answer changes after MS milliseconds", "MS" },
    { "system", 0, 0, G_OPTION_ARG_NONE, &sim->system_bus, "Serve on the system bus, not the session bus", NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &sim->replace, "Replace a gateway already running", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &sim->version, "Show the version and exit", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— simulated bedside devices for Wardgate");

  g_option_context_set_summary (context, "Owns io.github.wardgate.DeviceGateway1 with an infusion pump, "
                                         "a ventilator and a patient monitor. For demos and tests only.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (sim->delay_ms < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--delay cannot be negative");
      return FALSE;
    }
  return TRUE;
}

static gboolean
_devsim_configure (DevSim  *sim,
                   GError **error)
{
  for (guint i = 0; sim->offline != NULL && sim->offline[i] != NULL; i++)
    if (!ward_device_simulator_set_offline (sim->simulator, sim->offline[i], TRUE, error))
      return FALSE;
  for (guint i = 0; sim->refuse != NULL && sim->refuse[i] != NULL; i++)
    if (!ward_device_simulator_set_refuse_all (sim->simulator, sim->refuse[i], TRUE, error))
      return FALSE;
  if (sim->delay_ms > 0)
    ward_device_simulator_set_delay (sim->simulator, (guint) sim->delay_ms);
  return TRUE;
}

static int
_devsim_run (DevSim *sim)
{
  GBusNameOwnerFlags flags = G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT;
  guint owner_id, term_id, int_id;

  if (sim->replace)
    flags |= G_BUS_NAME_OWNER_FLAGS_REPLACE;
  sim->loop = g_main_loop_new (NULL, FALSE);
  owner_id = g_bus_own_name (sim->system_bus ? G_BUS_TYPE_SYSTEM : G_BUS_TYPE_SESSION,
                             WARD_GATEWAY_BUS_NAME, flags,
                             on_bus_acquired, on_name_acquired, on_name_lost, sim, NULL);
  term_id = g_unix_signal_add (SIGTERM, on_quit_signal, sim);
  int_id = g_unix_signal_add (SIGINT, on_quit_signal, sim);
  g_main_loop_run (sim->loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_bus_unown_name (owner_id);
  ward_device_simulator_unexport (sim->simulator);
  g_main_loop_unref (sim->loop);
  return sim->status;
}

int
main (int   argc,
      char *argv[])
{
  DevSim sim = { .status = EXIT_SUCCESS };
  g_autoptr(GError) error = NULL;
  int status = EXIT_FAILURE;

  setlocale (LC_ALL, "");
  if (!_devsim_parse (&sim, &argc, &argv, &error))
    {
      g_printerr ("wardgate-devsim: %s\n", error->message);
      return 2;
    }
  if (sim.version)
    {
      g_print ("wardgate-devsim %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (sim.bed == NULL)
    sim.bed = g_strdup ("Bed 12");
  sim.simulator = ward_device_simulator_new (sim.bed, sim.state_dir, &error);
  if (sim.simulator != NULL && _devsim_configure (&sim, &error))
    status = _devsim_run (&sim);
  else
    g_printerr ("wardgate-devsim: %s\n", error->message);

  g_clear_object (&sim.simulator);
  g_free (sim.bed);
  g_free (sim.state_dir);
  g_strfreev (sim.offline);
  g_strfreev (sim.refuse);
  return status;
}
