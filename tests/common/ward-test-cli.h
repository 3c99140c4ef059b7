/* ward-test-cli.h: running wardgate-admin as a subprocess and checking what it says */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One command of a scripted scenario: what ward_test_cli_assert() is given. */
typedef struct
{
  const char *command_line;
  int         status;
  const char *text;  /* a phrase the output must hold; NULL: any */
} WardTestCliStep;

/* A step table's rows, named by how wardgate-admin must end: it did what
 * was asked (0), refused or failed (1), or was called wrongly (2). */
#define STEP_SUCCEEDS(command_line, text) { command_line, 0, text }
#define STEP_REFUSED(command_line, text)  { command_line, 1, text }
#define STEP_MISUSED(command_line, text)  { command_line, 2, text }

typedef struct
{
  int   status;
  char *out;
  char *err;
} WardTestCliResult;

void         ward_test_cli_result_clear (WardTestCliResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WardTestCliResult, ward_test_cli_result_clear)

GSubprocess       *ward_test_cli_spawn_with_env (const char         *db_path,
                                                const char         *command_line,
                                                GSubprocessFlags    flags,
                                                const char * const *extra_env);
GSubprocess       *ward_test_cli_spawn  (const char       *db_path,
                                         const char       *command_line,
                                         GSubprocessFlags  flags);
WardTestCliResult  ward_test_cli_run    (const char       *db_path,
                                         const char       *command_line);
void               ward_test_cli_assert (const char       *db_path,
                                         const char       *command_line,
                                         int               expected_status,
                                         const char       *expected_text);

void               ward_test_cli_assert_steps (const char            *db_path,
                                               const WardTestCliStep *steps,
                                               gsize                  n_steps);

void               ward_test_cli_init             (int        *argc,
                                                   char     ***argv);
void               ward_test_cli_bootstrap        (const char *db_path);
void               ward_test_cli_assert_audited   (const char *db_path,
                                                   const char *text);
void               ward_test_cli_assert_intact    (const char *db_path);

gboolean           ward_test_cli_sqlite3          (const char *db_path,
                                                   const char *statements);
void               ward_test_cli_enrol_everything (const char *db_path,
                                                   const char *username);

G_END_DECLS
