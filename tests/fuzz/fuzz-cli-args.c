/* fuzz-cli-args.c: the command line of wardgate-admin (every word an administrator or a script can type) */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "app/cli/ward-admin-cli.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_WORDS 12

/* No database exists where it looks (and none can be made there), and its
 * input and output go nowhere: only the parsing and the refusals run. */
static void
isolate (void)
{
  static gboolean done;
  int null;

  if (done)
    return;
  done = TRUE;
  g_setenv ("WARDGATE_DB", "/proc/wardgate-fuzz/none/wardgate.db", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  null = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0)
    {
      dup2 (null, STDIN_FILENO);
      dup2 (null, STDOUT_FILENO);
      close (null);
    }
}

/* The words are the input split at NUL bytes. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *start = (const char *) data;
  const char *end = start + size;
  int status;

  isolate ();
  g_ptr_array_add (argv, g_strdup ("wardgate-admin"));
  while (start < end && argv->len < MAX_WORDS)
    {
      const char *nul = memchr (start, 0, (size_t) (end - start));
      const char *stop = nul != NULL ? nul : end;

      g_ptr_array_add (argv, g_strndup (start, (gsize) (stop - start)));
      start = stop + 1;
    }
  g_ptr_array_add (argv, NULL);
  status = ward_admin_cli_run ((int) argv->len - 1, (char **) argv->pdata);
  g_assert_true (status >= 0 && status <= 2);
  return 0;
}
