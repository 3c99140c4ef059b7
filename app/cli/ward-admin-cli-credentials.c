/* ward-admin-cli-credentials.c: wardgate-admin commands for badges, keys, codes, lockout and policy */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli-private.h"
#include "app/admin/ward-break-glass-review.h"
#include "auth/ward-reentry-policy.h"
#include "auth/ward-qr-code.h"
#include "data/ward-credentials.h"
#include "data/ward-hex.h"
#include "data/ward-policy-store.h"
#include "data/ward-text.h"
#if WARD_HAVE_PCSC
#include "auth/ward-pcsc-reader.h"
#endif

#define BADGE_READ_TIMEOUT_S 30

/* A string that is wiped before it is freed. */
typedef char WardSecretText;

typedef struct
{
  GMainLoop *loop;
  char      *uid;
  char      *problem;
} BadgeRead;

#if WARD_HAVE_PCSC
static void
card_present_cb (WardPcscReader *reader,
                 const char     *uid,
                 const char     *reader_name,
                 BadgeRead      *read)
{
  read->uid = g_strdup (uid);
  g_main_loop_quit (read->loop);
}

static void
reader_error_cb (WardPcscReader *reader,
                 const char     *message,
                 BadgeRead      *read)
{
  g_free (read->problem);
  read->problem = g_strdup (message);
}

static gboolean
read_timed_out (gpointer data)
{
  g_main_loop_quit (((BadgeRead *) data)->loop);
  return G_SOURCE_REMOVE;
}
#endif

/* Waits for a card on any PC/SC reader and returns its UID. */
static char *
read_badge (GError **error)
{
#if WARD_HAVE_PCSC
  g_autoptr(WardPcscReader) reader = ward_pcsc_reader_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BadgeRead read = { .loop = loop };
  guint timeout;

  g_signal_connect (reader, "card-present", G_CALLBACK (card_present_cb), &read);
  g_signal_connect (reader, "error", G_CALLBACK (reader_error_cb), &read);
  if (!ward_pcsc_reader_start (reader, error))
    return NULL;
  g_print (_("Hold the badge on the reader…\n"));
  timeout = g_timeout_add_seconds (BADGE_READ_TIMEOUT_S, read_timed_out, &read);
  g_main_loop_run (loop);
  g_source_remove_by_user_data (&read);
  (void) timeout;
  ward_pcsc_reader_stop (reader);

  if (read.uid == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s",
                 read.problem != NULL ? read.problem : _("No badge was read within 30 seconds."));
  g_free (read.problem);
  return read.uid;
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This build cannot read PC/SC badge readers; give the number with --uid."));
  return NULL;
#endif
}

static char *read_secret_line (const char *prompt);

int
ward_admin_cmd_badge_enroll (Cli   *cli,
                             char **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  if ((cli->uid == NULL) == (cli->read_badge == FALSE))
    return ward_admin_cli_fail (_("Give the badge number with --uid - (then type it), or use --read to read it "
                                  "from a reader."));
  /* A number on the command line shows in the process list to every user
   * of the machine: "-" takes it from standard input instead. */
  if (g_strcmp0 (cli->uid, "-") == 0)
    {
      uid = read_secret_line (_("Badge number: "));
      if (uid == NULL || *uid == '\0')
        return ward_admin_cli_fail (_("No badge number was given."));
    }
  else if (cli->uid != NULL)
    {
      g_printerr ("%s\n", _("Note: a badge number after --uid is visible to other users in the process list; "
                             "use --uid - and type it, or --read."));
      uid = g_strdup (cli->uid);
    }
  else
    uid = read_badge (&error);
  if (uid == NULL)
    return ward_admin_cli_fail_with (error);

  if (!ward_badge_admin_enroll (cli->badges, cli->actor, args[0], uid, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Enrolled a badge for “%s”.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_badge_revoke (Cli   *cli,
                             char **args)
{
  g_autoptr(GError) error = NULL;
  guint revoked = ward_badge_admin_revoke (cli->badges, cli->actor, args[0], &error);

  if (revoked == 0)
    return ward_admin_cli_fail_with (error);
  g_print (ngettext ("Revoked %u badge of “%s”.\n", "Revoked %u badges of “%s”.\n", revoked), revoked, args[0]);
  return WARD_ADMIN_EXIT_OK;
}

/* Reads a line from standard input without echo when it is a terminal. */
static void
free_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardSecretText, free_secret)

static char *
read_secret_line (const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[128];
  char *line;
  char *result;

  if (prompt != NULL)
    g_printerr ("%s", prompt);
  if (tty && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }
  result = line != NULL ? g_strstrip (g_strdup (line)) : NULL;
  /* A PIN or a code must not linger on the stack. */
  explicit_bzero (buffer, sizeof buffer);
  return result;
}

typedef struct
{
  GMainLoop *loop;
  gint64     key_id;
  GError    *error;
} KeyEnrolment;

static void
key_enrolled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KeyEnrolment *enrolment = user_data;

  enrolment->key_id = ward_key_factor_enroll_finish (WARD_KEY_FACTOR (source), result, &enrolment->error);
  g_main_loop_quit (enrolment->loop);
}

int
ward_admin_cmd_key_enroll (Cli   *cli,
                           char **args)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(WardSecretText) pin = NULL;
  KeyEnrolment enrolment = { .loop = loop };
  int status;

  if (cli->pin)
    {
      pin = read_secret_line (_("Security key PIN: "));
      if (pin == NULL || *pin == '\0')
        return ward_admin_cli_fail (_("No PIN was given."));
    }

  g_print (_("Touch the security key when it blinks…\n"));
  ward_key_factor_enroll_async (cli->keys, cli->actor, args[0], cli->label, pin, NULL, key_enrolled_cb, &enrolment);
  g_main_loop_run (loop);

  if (enrolment.key_id == 0)
    {
      status = ward_admin_cli_fail_with (enrolment.error);
      g_clear_error (&enrolment.error);
      return status;
    }
  g_print (_("Enrolled security key %lld for “%s”.\n"), (long long) enrolment.key_id, args[0]);
  return WARD_ADMIN_EXIT_OK;
}

static char *
hex_prefix (GBytes *bytes,
            gsize   count)
{
  gsize size = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return ward_hex_encode (data, MIN (size, count));
}

static void
add_key_json (JsonBuilder   *builder,
              WardKeyRecord *key)
{
  g_autofree char *aaguid = hex_prefix (key->aaguid, 16);

  json_builder_begin_object (builder);
  ward_admin_cli_json_int (builder, "id", key->id);
  ward_admin_cli_json_string (builder, "label", key->label);
  ward_admin_cli_json_string (builder, "aaguid", aaguid);
  ward_admin_cli_json_int (builder, "sign_count", key->sign_count);
  ward_admin_cli_json_int (builder, "created", key->created_at);
  ward_admin_cli_json_int (builder, "last_used", key->last_used_at);
  ward_admin_cli_json_bool (builder, "revoked", key->revoked_at != 0);
  json_builder_end_object (builder);
}

int
ward_admin_cmd_key_list (Cli   *cli,
                         char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = ward_key_factor_list_keys (cli->keys, cli->actor, args[0], &error);

  if (keys == NULL)
    return ward_admin_cli_fail_with (error);
  if (cli->json)
    return ward_admin_cli_print_json_list (keys, (WardAdminCliJsonAdd) add_key_json);

  if (keys->len == 0)
    g_print (_("“%s” has no security key.\n"), args[0]);
  for (guint i = 0; i < keys->len; i++)
    {
      WardKeyRecord *key = g_ptr_array_index (keys, i);
      g_autofree char *created = ward_admin_cli_format_time (key->created_at);
      g_autofree char *used = key->last_used_at != 0 ? ward_admin_cli_format_time (key->last_used_at)
                                                     : g_strdup (_("never"));

      g_print ("%4" G_GINT64_FORMAT "  %-16s %s  %s %s  %s\n", key->id, key->label, created,
               _("last used"), used, key->revoked_at != 0 ? _("REVOKED") : _("active"));
    }
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_key_revoke (Cli   *cli,
                           char **args)
{
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 key_id = g_ascii_strtoll (args[1], &end, 10);

  if (end == args[1] || *end != '\0' || key_id <= 0)
    return ward_admin_cli_fail (_("KEY_ID is the number shown by “key list”."));
  if (!ward_key_factor_revoke (cli->keys, cli->actor, args[0], key_id, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Revoked security key %lld of “%s”.\n"), (long long) key_id, args[0]);
  return WARD_ADMIN_EXIT_OK;
}

static int
show_qr_code (Cli        *cli,
              const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardQrCode) code = uri != NULL ? ward_qr_code_new (uri, &error) : NULL;
  g_autofree char *drawing = NULL;

  if (code == NULL)
    return error != NULL ? ward_admin_cli_fail_with (error)
                         : ward_admin_cli_fail (_("The QR code could not be made."));
  drawing = ward_qr_code_to_terminal (code);
  g_print ("%s\n", drawing);
  if (cli->png != NULL)
    {
      if (!ward_qr_code_save_png (code, cli->png, 8, &error))
        return ward_admin_cli_fail_with (error);
      g_print (_("The QR code is also in %s (it holds the secret: delete it after use).\n"), cli->png);
    }
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_totp_enroll (Cli   *cli,
                            char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  const char *issuer = cli->issuer != NULL ? cli->issuer : ward_site_config_get_totp_issuer (cli->config);
  g_autoptr(WardSecretText) code = NULL;
  int status;

  enrolment = ward_code_factor_begin_enrolment (cli->codes, cli->actor, args[0], issuer, &error);
  if (enrolment == NULL)
    return ward_admin_cli_fail_with (error);

  g_print (_("Scan this with the authenticator app on the person's phone:\n"));
  g_print ("%s\n", enrolment->otpauth_uri);
  status = show_qr_code (cli, enrolment->otpauth_uri);
  if (status != WARD_ADMIN_EXIT_OK)
    return status;

  code = read_secret_line (_("Type the code the app shows now: "));
  if (code == NULL || *code == '\0')
    return ward_admin_cli_fail (_("No code was typed; the app is not set up. Run the command again."));
  if (!ward_code_factor_confirm_enrolment (cli->codes, cli->actor, args[0], code, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("The authenticator app of “%s” is set up.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_totp_reset (Cli   *cli,
                           char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_code_factor_reset (cli->codes, cli->actor, args[0], &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Removed the authenticator app of “%s”. Enrol a new one before they next sign in.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_unlock (Cli   *cli,
                       char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_policy_unlock (cli->policy, cli->actor, args[0], &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Unlocked “%s”.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_policy_show (Cli   *cli,
                            char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint threshold = ward_policy_get_lockout_threshold (cli->policy);

  if (!ward_actor_require (cli->actor, cli->store, "roles.manage", "policy show", &error))
    return ward_admin_cli_fail_with (error);
  roles = ward_directory_list_roles (cli->store, &error);
  if (roles == NULL)
    return ward_admin_cli_fail_with (error);

  json_builder_begin_object (builder);
  ward_admin_cli_json_int (builder, "lockout_threshold", threshold);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_object (builder);
  if (!cli->json)
    g_print (_("Lockout after %u failed tries; delays from the 3rd: 30 s, doubling, at most 15 min.\n"), threshold);
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);
      WardFactors factors = 0;
      g_autofree char *names = NULL;

      if (!ward_policy_store_get_role_factors (cli->store, role->name, &factors, &error))
        return ward_admin_cli_fail_with (error);
      names = ward_policy_factors_to_string (factors);
      json_builder_set_member_name (builder, role->name);
      json_builder_add_string_value (builder, names);
      if (!cli->json)
        g_print ("  %-14s %s\n", role->name, names);
    }
  json_builder_end_object (builder);
  /* Kept apart from "roles" so that readers of the factors are not broken. */
  json_builder_set_member_name (builder, "reentry_minutes");
  json_builder_begin_object (builder);
  if (!cli->json)
    g_print (_("Back to a locked session with badge and key, without the code (minutes since the last touch):\n"));
  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);
      guint minutes = 0;

      if (!ward_reentry_store_get_role_minutes (cli->store, role->name, &minutes, &error))
        return ward_admin_cli_fail_with (error);
      ward_admin_cli_json_int (builder, role->name, minutes);
      if (!cli->json && minutes > 0)
        g_print (_("  %-14s %u min\n"), role->name, minutes);
      else if (!cli->json)
        g_print (_("  %-14s off\n"), role->name);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  if (cli->json)
    ward_admin_cli_print_json (builder);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_policy_set (Cli   *cli,
                           char **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  WardFactors factors = 0;

  if (!ward_policy_factors_from_strv ((const char *const *) args + 1, &factors, &error)
      || !ward_policy_set_role_factors (cli->policy, cli->actor, args[0], factors, &error))
    return ward_admin_cli_fail_with (error);
  names = ward_policy_factors_to_string (factors);
  g_print (_("The role “%s” now signs in with %s.\n"), args[0], names);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_policy_lockout (Cli   *cli,
                               char **args)
{
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 threshold = g_ascii_strtoll (args[0], &end, 10);

  if (end == args[0] || *end != '\0' || threshold < 0 || threshold > G_MAXUINT)
    return ward_admin_cli_fail (_("Give the number of failures, from 3 to 100."));
  if (!ward_policy_set_lockout_threshold (cli->policy, cli->actor, (guint) threshold, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Accounts now lock after %u failed tries.\n"), (guint) threshold);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_policy_reentry (Cli   *cli,
                               char **args)
{
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 minutes = g_ascii_strtoll (args[1], &end, 10);

  if (end == args[1] || *end != '\0' || minutes < 0 || minutes > WARD_REENTRY_MAX_MINUTES)
    return ward_admin_cli_fail (_("Give the minutes, from 0 (off) to 60."));
  if (!ward_reentry_policy_set_role_minutes (cli->store, cli->actor, args[0], (guint) minutes, &error))
    return ward_admin_cli_fail_with (error);
  if (minutes == 0)
    g_print (_("The role “%s” now signs in again with every factor after the screen locks.\n"), args[0]);
  else
    g_print (ngettext ("The role “%s” may now come back with badge and key within %u minute of the last touch.\n",
                       "The role “%s” may now come back with badge and key within %u minutes of the last touch.\n",
                       minutes),
             args[0], (guint) minutes);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_break_glass_list (Cli   *cli,
                                 char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = ward_break_glass_review_list (cli->store, cli->actor, !cli->all, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (sessions == NULL)
    return ward_admin_cli_fail_with (error);
  if (sessions->len == 0 && !cli->json)
    g_print (_("No emergency sessions await review.\n"));

  json_builder_begin_array (builder);
  for (guint i = 0; i < sessions->len; i++)
    {
      WardSessionRecord *session = g_ptr_array_index (sessions, i);
      g_autofree char *started = ward_admin_cli_format_time (session->started_at);

      json_builder_begin_object (builder);
      ward_admin_cli_json_int (builder, "id", session->id);
      ward_admin_cli_json_string (builder, "user", session->username);
      ward_admin_cli_json_string (builder, "reason", session->reason);
      ward_admin_cli_json_int (builder, "started", session->started_at);
      ward_admin_cli_json_bool (builder, "reviewed", session->reviewed_at != 0);
      json_builder_end_object (builder);
      if (!cli->json)
        {
          g_autofree char *username = ward_text_printable (session->username);
          g_autofree char *reason = ward_text_printable (session->reason);

          g_print ("%4" G_GINT64_FORMAT "  %s  %-16s %s%s\n", session->id, started, username,
                   reason, session->reviewed_at != 0 ? _("  (reviewed)") : "");
        }
    }
  json_builder_end_array (builder);
  if (cli->json)
    ward_admin_cli_print_json (builder);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_break_glass_review (Cli   *cli,
                                   char **args)
{
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 session_id = g_ascii_strtoll (args[0], &end, 10);

  if (end == args[0] || *end != '\0' || session_id <= 0)
    return ward_admin_cli_fail (_("SESSION_ID is the number shown by “break-glass list”."));
  if (!ward_break_glass_review_mark (cli->store, cli->actor, session_id, args[1], &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Emergency session %lld is marked as reviewed.\n"), (long long) session_id);
  return WARD_ADMIN_EXIT_OK;
}
