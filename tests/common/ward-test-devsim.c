/* ward-test-devsim.c: wardgate-devsim run for a test, on the test's own session bus */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "app/devices/ward-dbus-device-link.h"
#include "tests/common/ward-test-devsim.h"

void
ward_test_devsim_init (WardTestDevsim *devsim)
{
  devsim->state_dir = g_dir_make_tmp ("wardgate-devsim-XXXXXX", NULL);
  g_assert_nonnull (devsim->state_dir);
  devsim->process = NULL;
}

/* A test that aborts never reaches its teardown: the simulator goes with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* @state: a devices.ini to start from, or NULL for the defaults (or for
 * what an earlier run left); @extra: more options, NULL-terminated. */
void
ward_test_devsim_start (WardTestDevsim     *devsim,
                        const char         *state,
                        const char * const *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (state != NULL)
    {
      g_autofree char *path = g_build_filename (devsim->state_dir, "devices.ini", NULL);

      g_assert_true (g_file_set_contents (path, state, -1, NULL));
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("WARDGATE_DEVSIM"));
  g_ptr_array_add (argv, (gpointer) "--state");
  g_ptr_array_add (argv, devsim->state_dir);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  devsim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
}

/* Stops it and checks that it stopped cleanly: SIGTERM is a clean stop,
 * not a crash. */
void
ward_test_devsim_stop (WardTestDevsim *devsim)
{
  g_autoptr(GError) error = NULL;

  if (devsim->process == NULL)
    return;
  g_subprocess_send_signal (devsim->process, SIGTERM);
  g_subprocess_wait (devsim->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (devsim->process));
  g_assert_cmpint (g_subprocess_get_exit_status (devsim->process), ==, 0);
  g_clear_object (&devsim->process);
}

/* Ends a simulator still running, whatever state the test left it in,
 * and removes its state. */
void
ward_test_devsim_clear (WardTestDevsim *devsim)
{
  g_autofree char *state = g_build_filename (devsim->state_dir, "devices.ini", NULL);

  if (devsim->process != NULL)
    {
      g_subprocess_send_signal (devsim->process, SIGTERM);
      g_subprocess_wait (devsim->process, NULL, NULL);
      g_clear_object (&devsim->process);
    }
  g_unlink (state);
  g_rmdir (devsim->state_dir);
  g_clear_pointer (&devsim->state_dir, g_free);
}

/* A call on the simulator's own control interface (take a device
 * offline, make it refuse, …). */
void
ward_test_devsim_control (const char *method,
                          GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, WARD_GATEWAY_BUS_NAME, WARD_GATEWAY_OBJECT_PATH,
                                       "io.github.wardgate.DeviceSimulator1", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}
