/* test-hardening.c: the attacks of the hardening review, run with wardgate-admin and sqlite3, each refused */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tests/common/ward-test-cli.h"
#include "tests/common/ward-test-cli-site.h"

typedef WardTestCliSite Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ward_test_cli_site_set_up (fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ward_test_cli_site_tear_down (fixture);
}

/* The attacker's tool: the sqlite3 shell on the file, with no key. */
static gboolean
sqlite3_shell (Fixture    *fixture,
               const char *statements)
{
  return ward_test_cli_sqlite3 (fixture->db, statements);
}

#define APPEND_ONLY_TRIGGERS \
  "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n" \
  "BEGIN\n" \
  "  SELECT RAISE (ABORT, 'audit records are append-only');\n" \
  "END;" \
  "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit\n" \
  "BEGIN\n" \
  "  SELECT RAISE (ABORT, 'audit records are append-only');\n" \
  "END;"

static void
set_up_ward (Fixture *fixture)
{
  ward_test_cli_bootstrap (fixture->db);
  ward_test_cli_enrol_everything (fixture->db, "alice");
  assert_run (fixture, "--as alice user add bwong --name \"Ben Wong\" --role admin", 0, NULL);
  assert_run (fixture, "--as alice user add glin --name \"Grace Lin\" --role charge-nurse", 0, NULL);
  assert_run (fixture, "--as alice user add nokafor --name \"Nadia Okafor\" --role nurse", 0, NULL);
}

/* Item 1: a disabled administrator still outranks a charge nurse, and a
 * disabled account takes no credential from anyone. */
static void
test_disabled_admin_takeover (Fixture       *fixture,
                              gconstpointer  data)
{
  set_up_ward (fixture);
  assert_run (fixture, "--as alice user disable bwong", 0, "Disabled");
  assert_run (fixture, "--as glin badge enroll bwong --uid 0A0B0C0D", 1, "You cannot change the sign-in credentials of");
  assert_run (fixture, "--as glin totp enroll bwong", 1, "You cannot change the sign-in credentials of");
  assert_run (fixture, "--as glin key list bwong", 1, NULL);
  /* Not even an administrator, and not behind the application's back. */
  assert_run (fixture, "--as alice badge enroll bwong --uid 0A0B0C0D", 1, "disabled");
  assert_run (fixture, "--as alice totp enroll bwong", 1, "disabled");
  g_assert_false (sqlite3_shell (fixture, "INSERT INTO badges (user_id, uid_hash, created_at)"
                                          " SELECT id, randomblob (32), 0 FROM users WHERE username = 'bwong'"));
  assert_run (fixture, "--as alice user enable bwong", 0, "Enabled");
  ward_test_cli_assert_intact (fixture->db);
}

/* Item 1: credentials a charge nurse put on a role-less account do not
 * become an administrator's when the account is made one. */
static void
test_roleless_account_granted_admin (Fixture       *fixture,
                                     gconstpointer  data)
{
  set_up_ward (fixture);
  assert_run (fixture, "--as alice user add dkim --name \"Dana Kim\"", 0, NULL);
  assert_run (fixture, "--as glin badge enroll dkim --uid 0D0D0D0D", 0, "Enrolled");
  assert_run (fixture, "--as alice role grant dkim admin", 1, "badge");
  assert_run (fixture, "--as alice role grant dkim admin", 1, "enrolled by glin");
  assert_run (fixture, "--as alice user show dkim", 0, NULL);
  /* A role within the enroller's own rank needs no confirmation. */
  assert_run (fixture, "--as alice role grant dkim nurse", 0, "now has the role");
  /* Confirmed after checking with the person: done, and audited so. */
  assert_run (fixture, "--as alice role grant dkim admin --keep-credentials", 0, "now has the role");
  ward_test_cli_assert_audited (fixture->db, "kept_credentials");

  /* The same when an account is enabled with credentials nobody vouches for. */
  ward_test_cli_enrol_everything (fixture->db, "nokafor");
  assert_run (fixture, "--as alice user disable nokafor", 0, NULL);
  assert_run (fixture, "--as alice user enable nokafor", 1, "--keep-credentials");
  assert_run (fixture, "--as alice user enable nokafor --keep-credentials", 0, "Enabled");
}

/* Item 2a: cut the newest records off, then let new ones regrow the chain
 * past where the anchor says it reached. */
static void
test_tail_deleted_then_regrown (Fixture       *fixture,
                                gconstpointer  data)
{
  set_up_ward (fixture);
  ward_test_cli_assert_intact (fixture->db);
  g_assert_true (sqlite3_shell (fixture, "DROP TRIGGER audit_append_only_delete;"
                                         "DELETE FROM audit WHERE seq >= (SELECT max (seq) - 2 FROM audit);"
                                         "DROP TRIGGER audit_append_only_update;" APPEND_ONLY_TRIGGERS));
  for (guint i = 0; i < 5; i++)
    assert_run (fixture, "--as alice user add eve --name \"Eve Adams\" --role nurse", 1, "lost records");
  assert_run (fixture, "--as alice audit verify", 1, "broken at record");
}

/* Item 2a: a missing anchor is never made again from what the database says. */
static void
test_anchor_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *anchor = g_strconcat (fixture->db, ".audit-head", NULL);

  set_up_ward (fixture);
  g_assert_cmpint (g_unlink (anchor), ==, 0);
  assert_run (fixture, "--as alice user add eve --name \"Eve Adams\" --role nurse", 1, "lost records");
  g_assert_false (g_file_test (anchor, G_FILE_TEST_EXISTS));
  assert_run (fixture, "--as alice audit verify", 1, "broken at record");
}

/* Item 2b: a trigger that deletes chosen new rows as they arrive. */
static void
test_planted_trigger (Fixture       *fixture,
                      gconstpointer  data)
{
  set_up_ward (fixture);
  g_assert_true (sqlite3_shell (fixture, "DROP TRIGGER audit_append_only_delete;"
                                         "CREATE TRIGGER hide AFTER INSERT ON audit"
                                         " WHEN NEW.event = 'role.granted'"
                                         " BEGIN DELETE FROM audit WHERE seq = NEW.seq; END;"));
  assert_run (fixture, "--as alice role grant nokafor charge-nurse", 1, "altered outside Wardgate");
  assert_run (fixture, "--as alice audit verify", 1, "altered outside Wardgate");
  /* A view or an index is as foreign as a trigger. */
  g_assert_true (sqlite3_shell (fixture, "DROP TRIGGER hide;"
                                         "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit\n"
                                         "BEGIN\n"
                                         "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                         "END;"));
  ward_test_cli_assert_intact (fixture->db);
  g_assert_true (sqlite3_shell (fixture, "CREATE VIEW people AS SELECT username FROM users"));
  assert_run (fixture, "--as alice audit verify", 1, "altered outside Wardgate");
}

/* Item 2c: a record numbered 0 made verify say "intact: 0 records". */
static void
test_seq_zero (Fixture       *fixture,
               gconstpointer  data)
{
  set_up_ward (fixture);
  g_assert_false (sqlite3_shell (fixture, "INSERT INTO audit (seq, at_us, event, actor, kiosk_id, prev_hash, hash)"
                                          " VALUES (0, 0, 'x', 'x', 'x', zeroblob (32), zeroblob (32))"));
  g_assert_false (sqlite3_shell (fixture, "INSERT INTO audit (seq, at_us, event, actor, kiosk_id, prev_hash, hash)"
                                          " VALUES (-5, 0, 'x', 'x', 'x', zeroblob (32), zeroblob (32))"));
  /* With the guard removed and put back exactly around the insert. */
  g_assert_true (sqlite3_shell (fixture,
      "DROP TRIGGER audit_sequence;"
      "INSERT INTO audit (seq, at_us, event, actor, kiosk_id, prev_hash, hash)"
      " VALUES (0, 0, 'x', 'x', 'x', zeroblob (32), zeroblob (32));"
      "CREATE TRIGGER audit_sequence BEFORE INSERT ON audit\n"
      "  WHEN NEW.seq IS NULL OR NEW.seq <> coalesce ((SELECT max (seq) FROM audit), 0) + 1\n"
      "BEGIN\n"
      "  SELECT RAISE (ABORT, 'wardgate:audit-sequence');\n"
      "END;"));
  assert_run (fixture, "--as alice audit verify", 1, "broken at record 1:");
}

/* wardgate-admin with words that g_shell_parse_argv cannot carry (control
 * characters) and extra environment. */
static WardTestCliResult
run_argv (Fixture            *fixture,
          const char *const  *env,
          const char *const  *words,
          const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  WardTestCliResult result = { 0 };

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("WARDGATE_ADMIN"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->db);
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) words[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                                &result.out, &result.err, &error));
  g_assert_no_error (error);
  result.status = g_subprocess_get_exit_status (process);
  return result;
}

/* What an outside reader of the JSON does: Python's json.load. */
static void
assert_json_loads (const char *text)
{
  const char *argv[] = { "python3", "-c", "import json, sys; json.load(sys.stdin)", NULL };
  g_autoptr(GSubprocess) python = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, NULL);

  g_assert_nonnull (python);
  g_assert_true (g_subprocess_communicate_utf8 (python, text, NULL, NULL, NULL, NULL));
  g_assert_true (g_subprocess_get_successful (python));
}

static gboolean
has_control_byte (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      return TRUE;
  return FALSE;
}

/* Item 6: SUDO_USER is the caller's word; the audit takes the kernel's. */
static void
test_sudo_user_spoofed (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *env[] = { "SUDO_USER", "mallory", NULL };
  const char *words[] = { "--as", "alice", "user", "add", "eve", "--name", "Eve Adams", NULL };
  const char *list[] = { "--as", "alice", "audit", "list", "--json", NULL };

  set_up_ward (fixture);
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, env, words, NULL);
    g_assert_cmpint (result.status, ==, 0);
  }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, list, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_null (strstr (result.out, "mallory"));
    g_assert_nonnull (strstr (result.out, "alice via os:"));
  }
}

/* Item 6: an unknown --as is not stored as typed, and nothing stored can
 * reach a terminal or a JSON reader raw. */
static void
test_audit_listing_injected (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *spoof[] = { "--as", "\033[2K\ralice via os:mallory\037", "audit", "list", NULL };
  const char *list[] = { "--as", "alice", "audit", "list", "--limit", "200", NULL };
  const char *list_json[] = { "--as", "alice", "audit", "list", "--limit", "200", "--json", NULL };
  const char *bg_list[] = { "--as", "alice", "break-glass", "list", NULL };
  const char *bg_json[] = { "--as", "alice", "break-glass", "list", "--json", NULL };

  set_up_ward (fixture);
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, spoof, NULL);
    g_assert_cmpint (result.status, ==, 1);
  }
  /* An emergency reason stored before input was checked. */
  g_assert_true (sqlite3_shell (fixture,
      "INSERT INTO sessions (user_id, kiosk_id, kind, reason, started_at, last_activity_at, last_strong_at)"
      " SELECT id, 'bed-12', 'break-glass', 'Arrest' || char (27) || '[2J' || char (31) || ' in bed 12', 1, 1, 1"
      "   FROM users WHERE username = 'nokafor'"));
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, list, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_false (has_control_byte (result.out));
    g_assert_null (strstr (result.out, "os:mallory"));
    g_assert_nonnull (strstr (result.out, "(not a user name)"));
  }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, list_json, NULL);
    g_assert_cmpint (result.status, ==, 0);
    assert_json_loads (result.out);
  }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, bg_list, NULL);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_false (has_control_byte (result.out));
    g_assert_nonnull (strstr (result.out, "Arrest\\x1b[2J\\x1f in bed 12"));
  }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, bg_json, NULL);
    g_assert_cmpint (result.status, ==, 0);
    assert_json_loads (result.out);
  }
}

/* Item 13: names shown to witnesses cannot hide or reorder what they say. */
static void
test_names_with_hidden_characters (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *bidi[] = { "--as", "alice", "user", "add", "eve", "--name", "Eve \u202enosmadA", NULL };
  const char *zero_width[] = { "--as", "alice", "user", "add", "eve", "--name", "Eve\u200b Adams", NULL };
  const char *control[] = { "--as", "alice", "user", "add", "eve", "--name", "Eve\037Adams", NULL };
  const char *decomposed[] = { "--as", "alice", "user", "add", "zoe", "--name", "Zoe\xcc\x81 Martin", NULL };
  const char *show[] = { "--as", "alice", "user", "show", "zoe", "--json", NULL };

  set_up_ward (fixture);
  for (guint i = 0; i < 3; i++)
    {
      const char *const *words = i == 0 ? bidi : i == 1 ? zero_width : control;
      g_auto(WardTestCliResult) result = run_argv (fixture, NULL, words, NULL);

      g_assert_cmpint (result.status, ==, 1);
      g_assert_nonnull (strstr (result.err, "invisible"));
    }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, decomposed, NULL);
    g_assert_cmpint (result.status, ==, 0);
  }
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, show, NULL);
    g_assert_cmpint (result.status, ==, 0);
    /* One precomposed é (U+00E9), not e and a combining accent. */
    g_assert_nonnull (strstr (result.out, "Zo\xc3\xa9 Martin"));
  }
}

static char *
site_file (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Item 5: init must not adopt what another local user put in place. */
static void
test_init_adopts_planted_files (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *key = site_file (fixture, "wardgate.key");
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *other_db = g_build_filename (other_dir, "wardgate.db", NULL);
  g_autofree char *other_key = g_build_filename (other_dir, "wardgate.key", NULL);
  g_autofree char *planted = NULL;
  gsize length = 0;

  /* A lone key, made by someone else's init elsewhere and copied in. */
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  ward_test_cli_assert (other_db, "init", 0, NULL);
  g_assert_true (g_file_get_contents (other_key, &planted, &length, NULL));
  g_assert_true (g_file_set_contents_full (key, planted, (gssize) length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  assert_run (fixture, "init", 1, "without its database");
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
  g_unlink (key);

  /* A folder others may write to. */
  g_assert_cmpint (g_chmod (fixture->dir, 0777), ==, 0);
  assert_run (fixture, "init", 1, "Other users may write");
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

  /* Group bits are stripped from the database, not only the world's. */
  ward_test_cli_bootstrap (fixture->db);
  g_assert_cmpint (g_chmod (fixture->db, 0660), ==, 0);
  assert_run (fixture, "--as alice user list", 0, NULL);
  g_assert_cmpuint (file_mode (fixture->db) & 0077, ==, 0);

  /* A database folder made writable to others later is refused at open. */
  g_assert_cmpint (g_chmod (fixture->dir, 0775), ==, 0);
  assert_run (fixture, "--as alice user list", 1, "Other users may replace files");
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

  /* Key or database owned by another user (root can hand them over). */
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (key, 65534, 65534), ==, 0);
      assert_run (fixture, "--as alice user list", 1, "belongs to another user");
      g_assert_cmpint (chown (key, 0, 0), ==, 0);
      g_assert_cmpint (chown (fixture->db, 65534, 65534), ==, 0);
      assert_run (fixture, "--as alice user list", 1, "belongs to another user");
      g_assert_cmpint (chown (fixture->db, 0, 0), ==, 0);
    }
  else
    g_test_message ("Not root: files of another user cannot be made here; that part was not run");
  ward_test_cli_assert_intact (fixture->db);
}

/* Item 11: another install's key opens nothing (before, writes went on and
 * broke the chain). */
static void
test_wrong_install_key (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *key = site_file (fixture, "wardgate.key");
  g_autofree char *other_dir = g_build_filename (fixture->dir, "other", NULL);
  g_autofree char *other_db = g_build_filename (other_dir, "wardgate.db", NULL);
  g_autofree char *other_key = g_build_filename (other_dir, "wardgate.key", NULL);
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;
  gsize right_length = 0, wrong_length = 0;

  set_up_ward (fixture);
  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  ward_test_cli_assert (other_db, "init", 0, NULL);
  g_assert_true (g_file_get_contents (key, &right, &right_length, NULL));
  g_assert_true (g_file_get_contents (other_key, &wrong, &wrong_length, NULL));
  g_assert_true (g_file_set_contents_full (key, wrong, (gssize) wrong_length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  assert_run (fixture, "--as alice user add eve --name \"Eve Adams\" --role nurse", 1, "not the key of the database");
  assert_run (fixture, "--as alice audit verify", 1, "not the key of the database");

  g_assert_true (g_file_set_contents_full (key, right, (gssize) right_length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  ward_test_cli_assert_intact (fixture->db);
}

/* Item 9: a ':' in the issuer crashed "totp enroll" (and the kiosk's
 * enrolment screen, through the same code factor). */
static void
test_colon_in_issuer (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *words[] = { "--as", "alice", "totp", "enroll", "nokafor", "--issuer", "St: Mary's", NULL };

  set_up_ward (fixture);
  {
    g_auto(WardTestCliResult) result = run_argv (fixture, NULL, words, NULL);

    /* Shown, then refused only because no first code was typed. */
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.out, "otpauth://totp/St%3A%20Mary%27s:nokafor?"));
    g_assert_nonnull (strstr (result.out, "&issuer=St%3A%20Mary%27s&"));
    g_assert_nonnull (strstr (result.err, "No code was typed"));
  }
}

/* Item 12: the badge number stays out of the process list. */
static void
test_badge_number_in_process_list (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize length = 0;

  set_up_ward (fixture);
  assert_run (fixture, "badge enroll --help", 0, "--uid -");
  process = ward_test_cli_spawn (fixture->db, "--as alice badge enroll nokafor --uid -",
                                 G_SUBPROCESS_FLAGS_STDIN_PIPE);
  cmdline_path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (process));
  /* While it waits for the number, everyone can read its command line. */
  g_assert_true (g_file_get_contents (cmdline_path, &cmdline, &length, NULL));
  for (gsize i = 0; i < length; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  g_assert_null (strstr (cmdline, "0C0FFEE0"));
  g_assert_true (g_subprocess_communicate_utf8 (process, "0C0FFEE0\n", NULL, &out, &err, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "Enrolled a badge"));
  assert_run (fixture, "--as alice badge enroll glin --uid 0c:0f:fe:e0", 1, "already enrolled");
}

/* Item 10: the last administrator who can sign in is not taken away by a
 * revoked badge, key or app, a forbidden permission or a stricter policy. */
static void
test_last_usable_admin_kept (Fixture       *fixture,
                             gconstpointer  data)
{
  set_up_ward (fixture);
  /* alice can sign in (badge, key, app); bwong is an administrator on paper. */
  assert_run (fixture, "--as alice badge revoke alice", 1, "no administrator could sign in");
  assert_run (fixture, "--as alice key revoke alice 1", 1, "no administrator could sign in");
  assert_run (fixture, "--as alice totp reset alice", 1, "no administrator could sign in");
  /* glin manages roles too, but cannot sign in: the database's own count
   * of administrators is satisfied, the kiosk would not be. */
  assert_run (fixture, "--as alice role permit charge-nurse roles.manage", 0, NULL);
  assert_run (fixture, "--as alice role forbid admin roles.manage", 1, "no administrator could sign in");
  assert_run (fixture, "--as alice policy lockout 5", 0, NULL);
  /* Once bwong can sign in too, alice's own credentials may go. */
  ward_test_cli_enrol_everything (fixture->db, "bwong");
  assert_run (fixture, "--as alice totp reset alice", 0, NULL);
  ward_test_cli_assert_intact (fixture->db);
}

/* Item 4: every administrator locked out was unrecoverable without
 * editing the database; the owner who holds the install key recovers. */
static void
test_every_admin_locked (Fixture       *fixture,
                         gconstpointer  data)
{
  set_up_ward (fixture);
  assert_run (fixture, "recover-admin alice", 1, "can still sign in");
  g_assert_true (sqlite3_shell (fixture,
      "INSERT INTO auth_failures (user_id, factor, consecutive, last_failure_at, locked_at)"
      " SELECT id, 'key', 10, 1, 1 FROM users WHERE username IN ('alice', 'bwong')"));
  assert_run (fixture, "--as alice unlock alice", 1, "locked");
  assert_run (fixture, "--as bwong unlock alice", 1, "locked");
  assert_run (fixture, "recover-admin alice", 0, "administrator again");
  assert_run (fixture, "--as alice user list", 0, "alice");
  ward_test_cli_assert_audited (fixture->db, "admin.recovered");
  assert_run (fixture, "recover-admin alice", 1, "can still sign in");
  ward_test_cli_assert_intact (fixture->db);
}

/* Item 3: access-control state written with plain SQL decides nothing. */
static void
test_access_rows_forged (Fixture       *fixture,
                         gconstpointer  data)
{
  set_up_ward (fixture);
  /* A nurse made administrator. */
  g_assert_true (sqlite3_shell (fixture,
      "INSERT INTO user_roles (user_id, role_id, granted_at, granted_by)"
      " SELECT u.id, r.id, 0, 'alice' FROM users u, roles r WHERE u.username = 'nokafor' AND r.name = 'admin'"));
  assert_run (fixture, "--as nokafor user add eve --name \"Eve Adams\"", 1, "users.manage");
  assert_run (fixture, "--as nokafor role grant nokafor admin", 1, "roles.manage");
  /* A role given a permission it does not have. */
  g_assert_true (sqlite3_shell (fixture,
      "INSERT INTO role_permissions (role_id, permission_id) SELECT r.id, p.id FROM roles r, permissions p"
      " WHERE r.name = 'nurse' AND p.name = 'audit.view'"));
  assert_run (fixture, "--as nokafor audit list", 1, "audit.view");
  /* The administrators' policy made weaker than the nurses': the row is not
   * used, the strictest policy is. */
  g_assert_true (sqlite3_shell (fixture,
      "UPDATE factor_policy SET needs_key = 0, needs_totp = 0 WHERE role_id = (SELECT id FROM roles WHERE name = 'admin')"));
  assert_run (fixture, "--as alice policy show", 0, "admin          badge+key+pin+totp");
  /* A lockout limit of a million. */
  g_assert_true (sqlite3_shell (fixture, "UPDATE policy_settings SET value = 1000000 WHERE name = 'lockout-threshold'"));
  assert_run (fixture, "--as alice policy show", 0, "Lockout after 10 ");
  /* A disabled account enabled again with SQL stays disabled. */
  assert_run (fixture, "--as alice user disable glin", 0, NULL);
  g_assert_true (sqlite3_shell (fixture, "UPDATE users SET disabled = 0 WHERE username = 'glin'"));
  assert_run (fixture, "--as glin badge enroll nokafor --uid 0A0B0C0D", 1, "disabled");
  /* Each refusal names the table and row for the alert. */
  {
    g_auto(WardTestCliResult) result = ward_test_cli_run (fixture->db, "--as nokafor user add eve --name Eve");

    g_assert_nonnull (strstr (result.err, "Refused a row of user_roles (user_id="));
  }
  /* Rewritten by Wardgate, they count again. */
  assert_run (fixture, "--as alice policy set admin badge key totp", 0, NULL);
  assert_run (fixture, "--as alice policy show", 0, "admin          badge+key+totp");
  ward_test_cli_assert_intact (fixture->db);
}

int
main (int    argc,
      char **argv)
{
  ward_test_cli_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hardening/1/disabled-admin-takeover", test_disabled_admin_takeover);
  ADD ("/hardening/1/roleless-account-granted-admin", test_roleless_account_granted_admin);
  ADD ("/hardening/2a/tail-deleted-then-regrown", test_tail_deleted_then_regrown);
  ADD ("/hardening/2a/anchor-removed", test_anchor_removed);
  ADD ("/hardening/2b/planted-trigger", test_planted_trigger);
  ADD ("/hardening/2c/seq-zero", test_seq_zero);
  ADD ("/hardening/6/sudo-user-spoofed", test_sudo_user_spoofed);
  ADD ("/hardening/6/audit-listing-injected", test_audit_listing_injected);
  ADD ("/hardening/13/names-with-hidden-characters", test_names_with_hidden_characters);
  ADD ("/hardening/5/init-adopts-planted-files", test_init_adopts_planted_files);
  ADD ("/hardening/11/wrong-install-key", test_wrong_install_key);
  ADD ("/hardening/9/colon-in-issuer", test_colon_in_issuer);
  ADD ("/hardening/12/badge-number-in-process-list", test_badge_number_in_process_list);
  ADD ("/hardening/10/last-usable-admin-kept", test_last_usable_admin_kept);
  ADD ("/hardening/3/access-rows-forged", test_access_rows_forged);
  ADD ("/hardening/4/every-admin-locked", test_every_admin_locked);
#undef ADD

  return g_test_run ();
}
