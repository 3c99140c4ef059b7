/* ward-test-cli.c: running wardgate-admin as a subprocess and checking what it says */
#include "config.h"

#include <string.h>

#include "tests/common/ward-test-cli.h"

void
ward_test_cli_result_clear (WardTestCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

/* wardgate-admin --db DB followed by the words of the command line; a word
 * in double quotes may hold spaces. $WARDGATE_ADMIN names the program.
 * @extra_env holds NAME, VALUE pairs for the child alone: setting them in
 * this process would race the threads GLib already runs here. */
GSubprocess *
ward_test_cli_spawn_with_env (const char         *db_path,
                              const char         *command_line,
                              GSubprocessFlags    flags,
                              const char * const *extra_env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (g_getenv ("WARDGATE_ADMIN"));
  if (*command_line == '\0')
    words = g_new0 (char *, 1);
  else
    g_assert_true (g_shell_parse_argv (command_line, NULL, &words, NULL));

  g_ptr_array_add (argv, g_strdup (g_getenv ("WARDGATE_ADMIN")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db_path));
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (words[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, extra_env[i], extra_env[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

GSubprocess *
ward_test_cli_spawn (const char       *db_path,
                     const char       *command_line,
                     GSubprocessFlags  flags)
{
  return ward_test_cli_spawn_with_env (db_path, command_line, flags, NULL);
}

/* Standard input is empty: a command that asks for input gets none. */
WardTestCliResult
ward_test_cli_run (const char *db_path,
                   const char *command_line)
{
  g_autoptr(GSubprocess) process = ward_test_cli_spawn (db_path, command_line, G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GError) error = NULL;
  WardTestCliResult result = { 0 };

  g_assert_true (g_subprocess_communicate_utf8 (process, "", NULL, &result.out, &result.err, &error));
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  return result;
}

/* The exit code, and a phrase a person would look for: on standard output
 * for a success, on standard error for a refusal or a usage error. */
void
ward_test_cli_assert (const char *db_path,
                      const char *command_line,
                      int         expected_status,
                      const char *expected_text)
{
  g_auto(WardTestCliResult) result = ward_test_cli_run (db_path, command_line);
  const char *where = expected_status == 0 ? result.out : result.err;

  if (result.status != expected_status || (expected_text != NULL && strstr (where, expected_text) == NULL))
    g_error ("“wardgate-admin %s” exited %d (expected %d)\nstdout: %s\nstderr: %s\nexpected text: %s",
             command_line, result.status, expected_status, result.out, result.err, expected_text);
}

/* Each step in turn, stopping at the first that does not end as written. */
void
ward_test_cli_assert_steps (const char            *db_path,
                            const WardTestCliStep *steps,
                            gsize                  n_steps)
{
  for (gsize i = 0; i < n_steps; i++)
    ward_test_cli_assert (db_path, steps[i].command_line, steps[i].status, steps[i].text);
}

/* Every command-line test runs the program meson names: without it each
 * test would fail later, and less clearly. */
void
ward_test_cli_init (int    *argc,
                    char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_assert_nonnull (g_getenv ("WARDGATE_ADMIN"));
}

/* A new site and its first administrator, alice, whom the tests act as. */
void
ward_test_cli_bootstrap (const char *db_path)
{
  ward_test_cli_assert (db_path, "init", 0, NULL);
  ward_test_cli_assert (db_path, "bootstrap-admin alice --name \"Alice Admin\"", 0, NULL);
}

/* The audit trail, as the tests' first administrator (alice) lists it,
 * holds @text: an event's name, or one of its details. */
void
ward_test_cli_assert_audited (const char *db_path,
                              const char *text)
{
  ward_test_cli_assert (db_path, "--as alice audit list --json", 0, text);
}

/* Every record of the audit trail verifies, as alice checks it. */
void
ward_test_cli_assert_intact (const char *db_path)
{
  ward_test_cli_assert (db_path, "--as alice audit verify", 0, "intact");
}

/* The sqlite3 shell on the file, with no key: what anyone who can read
 * the file can do. FALSE when the database refused the statements. */
gboolean
ward_test_cli_sqlite3 (const char *db_path,
                       const char *statements)
{
  const char *argv[] = { "sqlite3", "-bail", db_path, statements, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("sqlite3 refused: %s", err);
      return FALSE;
    }
  return TRUE;
}

/* Stands in for enrolment at the kiosk: rows as a key and a confirmed app
 * would leave them (no real key here), and a badge through wardgate-admin,
 * as alice (a badge row written with SQL is refused). */
void
ward_test_cli_enrol_everything (const char *db_path,
                                const char *username)
{
  static guint n_badges;
  g_autofree char *badge = g_strdup_printf ("--as alice badge enroll %s --uid 0E%06X", username, ++n_badges);
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO fido_credentials (user_id, credential_id, cose_alg, public_key, rp_id, created_at)"
      "  SELECT id, randomblob (32), -7, randomblob (64), 'wardgate.local', 0 FROM users WHERE username = '%1$s';"
      "INSERT INTO totp_secrets (user_id, sealed_secret, confirmed_at, created_at)"
      "  SELECT id, randomblob (49), 1, 0 FROM users WHERE username = '%1$s';", username);

  g_assert_true (ward_test_cli_sqlite3 (db_path, sql));
  ward_test_cli_assert (db_path, badge, 0, "Enrolled");
}
