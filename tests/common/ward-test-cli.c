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
 * in double quotes may hold spaces. $WARDGATE_ADMIN names the program. */
GSubprocess *
ward_test_cli_spawn (const char       *db_path,
                     const char       *command_line,
                     GSubprocessFlags  flags)
{
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

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               flags | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
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
