/* ward-admin-cli.c: the wardgate-admin command line */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "app/admin/ward-account-admin.h"
#include "app/cli/ward-admin-cli.h"
#include "auth/ward-actor.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-store.h"
#include "data/ward-store-location.h"

#include "app/cli/ward-admin-cli-private.h"

static int cmd_init            (Cli *cli, char **args);
static int cmd_bootstrap_admin (Cli *cli, char **args);
static int cmd_recover_admin   (Cli *cli, char **args);

static const Command commands[] = {
  { "init", "[--print-sql]", 0, OPT_PRINT_SQL,
    N_("Create the database (on a server: the schema and the kiosks' role) and its site key"), cmd_init },
  { "config check", "", 0, 0,
    N_("Check the site configuration as the kiosk would, and show what is in force"), ward_admin_cmd_config_check },
  { "bootstrap-admin", "USER --name \"FULL NAME\"", 1, OPT_NAME,
    N_("Create the first administrator (only while none exists)"), cmd_bootstrap_admin },
  { "recover-admin", "USER", 1, 0,
    N_("Make USER an administrator again when no administrator can sign in (needs the install key)"),
    cmd_recover_admin },
  { "user add", "USER --name \"FULL NAME\" [--role ROLE]…", 1, OPT_AS | OPT_NAME | OPT_ROLE,
    N_("Add a staff account"), ward_admin_cmd_user_add },
  { "user list", "[--search TEXT] [--json]", 0, OPT_AS | OPT_JSON | OPT_SEARCH,
    N_("List staff accounts"), ward_admin_cmd_user_list },
  { "user show", "USER [--json]", 1, OPT_AS | OPT_JSON,
    N_("Show one account"), ward_admin_cmd_user_show },
  { "user disable", "USER", 1, OPT_AS,
    N_("Disable an account"), ward_admin_cmd_user_disable },
  { "user enable", "USER [--keep-credentials]", 1, OPT_AS | OPT_KEEP_CREDENTIALS,
    N_("Enable a disabled account again"), ward_admin_cmd_user_enable },
  { "role list", "[--json]", 0, OPT_AS | OPT_JSON,
    N_("List roles and what they permit"), ward_admin_cmd_role_list },
  { "role grant", "USER ROLE [--keep-credentials]", 2, OPT_AS | OPT_KEEP_CREDENTIALS,
    N_("Give an account a role"), ward_admin_cmd_role_grant },
  { "role revoke", "USER ROLE", 2, OPT_AS,
    N_("Take a role from an account"), ward_admin_cmd_role_revoke },
  { "role permit", "ROLE PERMISSION", 2, OPT_AS,
    N_("Let a role do something"), ward_admin_cmd_role_permit },
  { "role forbid", "ROLE PERMISSION", 2, OPT_AS,
    N_("Stop a role doing something"), ward_admin_cmd_role_forbid },
  { "audit list", "[--limit N] [--json]", 0, OPT_AS | OPT_JSON | OPT_LIMIT,
    N_("Show the newest audit records"), ward_admin_cmd_audit_list },
  { "audit verify", "", 0, OPT_AS,
    N_("Check the audit chain and name the first bad record"), ward_admin_cmd_audit_verify },
  { "kiosk list", "[--json]", 0, OPT_AS | OPT_JSON,
    N_("Every kiosk seen: its last contact and the schema it runs"), ward_admin_cmd_kiosk_list },
  { "badge enroll", "USER (--uid - | --read)", 1, OPT_AS | OPT_UID | OPT_READ,
    N_("Enrol a badge for a person: --uid - reads its number from standard input (kept out of the "
       "process list), --read from a PC/SC reader"), ward_admin_cmd_badge_enroll },
  { "badge revoke", "USER", 1, OPT_AS,
    N_("Revoke a person's badges (lost or replaced card)"), ward_admin_cmd_badge_revoke },
  { "key enroll", "USER [--pin] [--label TEXT]", 1, OPT_AS | OPT_PIN | OPT_LABEL,
    N_("Enrol the FIDO2 security key plugged in now"), ward_admin_cmd_key_enroll },
  { "key list", "USER [--json]", 1, OPT_AS | OPT_JSON,
    N_("List a person's security keys"), ward_admin_cmd_key_list },
  { "key revoke", "USER KEY_ID", 2, OPT_AS,
    N_("Revoke one security key"), ward_admin_cmd_key_revoke },
  { "totp enroll", "USER [--png FILE] [--issuer NAME]", 1, OPT_AS | OPT_PNG | OPT_ISSUER,
    N_("Set up an authenticator app: shows a QR code, then asks for a first code"), ward_admin_cmd_totp_enroll },
  { "totp reset", "USER", 1, OPT_AS,
    N_("Remove a person's authenticator app"), ward_admin_cmd_totp_reset },
  { "unlock", "USER", 1, OPT_AS,
    N_("Clear failed sign-ins and unlock an account"), ward_admin_cmd_unlock },
  { "policy show", "[--json]", 0, OPT_AS | OPT_JSON,
    N_("Show the factors each role needs, and the lockout limit"), ward_admin_cmd_policy_show },
  { "policy set", "ROLE FACTOR…", G_MAXUINT, OPT_AS,
    N_("Set the factors a role needs: badge, key, pin, totp"), ward_admin_cmd_policy_set },
  { "policy lockout", "N", 1, OPT_AS,
    N_("Set how many failures lock an account (3 to 100)"), ward_admin_cmd_policy_lockout },
  { "policy reentry", "ROLE MINUTES", 2, OPT_AS,
    N_("Let a role come back to a locked session with badge and key, without the code, for up to MINUTES "
       "since the last touch (0 turns it off; at most 60)"), ward_admin_cmd_policy_reentry },
  { "break-glass list", "[--all] [--json]", 0, OPT_AS | OPT_ALL | OPT_JSON,
    N_("List emergency sessions awaiting review"), ward_admin_cmd_break_glass_list },
  { "break-glass review", "SESSION_ID NOTE", 2, OPT_AS,
    N_("Mark an emergency session as reviewed, with what you found"), ward_admin_cmd_break_glass_review },
  { "awareness report", "[--since YYYY-MM-DD] [--csv]", 0, OPT_AS | OPT_SINCE | OPT_CSV,
    N_("Security-awareness results per person and topic, and who is overdue"), ward_admin_cmd_awareness_report },
#if WARD_HAVE_DIRECTORY
  { "directory set", "--uri URI --base DN --bind-dn DN --password-file FILE [--user-filter F] [--ca-file PEM] "
    "[--starttls] [--disabled-attribute ATTR]", 0, OPT_AS | OPT_DIRECTORY,
    N_("Take staff from the hospital directory (LDAP / Active Directory)"), ward_admin_cmd_directory_set },
  { "directory map", "GROUP-DN ROLE", 2, OPT_AS,
    N_("Let members of a directory group hold a role"), ward_admin_cmd_directory_map },
  { "directory unmap", "GROUP-DN ROLE", 2, OPT_AS,
    N_("Stop a directory group giving a role"), ward_admin_cmd_directory_unmap },
  { "directory show", "[--json]", 0, OPT_AS | OPT_JSON,
    N_("Show the directory settings and group maps"), ward_admin_cmd_directory_show },
  { "directory sync", "[--dry-run] [--json]", 0, OPT_JSON | OPT_DRY_RUN,
    N_("Bring people, names, active state and mapped roles in from the directory"), ward_admin_cmd_directory_sync },
#endif
};

static void
cli_clear (Cli *cli)
{
  g_free (cli->db_path);
  g_free (cli->key_file);
  g_free (cli->as_user);
  g_free (cli->name);
  g_strfreev (cli->roles);
  g_free (cli->search);
  g_free (cli->uid);
  g_free (cli->label);
  g_free (cli->png);
  g_free (cli->issuer);
  g_free (cli->since);
  g_clear_object (&cli->config);
  g_free (cli->uri);
  g_free (cli->base_dn);
  g_free (cli->bind_dn);
  g_free (cli->password_file);
  g_free (cli->user_filter);
  g_free (cli->ca_file);
  g_free (cli->disabled_attribute);
  g_clear_object (&cli->badges);
  g_clear_object (&cli->keys);
  g_clear_object (&cli->codes);
  g_clear_object (&cli->policy);
  g_clear_object (&cli->actor);
  g_clear_object (&cli->admin);
  g_clear_object (&cli->store);
}

int
ward_admin_cli_fail (const char *message)
{
  g_printerr ("wardgate-admin: %s\n", message);
  return WARD_ADMIN_EXIT_REFUSED;
}

int
ward_admin_cli_fail_with (GError *error)
{
  return ward_admin_cli_fail (error->message);
}

static int
usage_error (const char *message)
{
  g_printerr ("wardgate-admin: %s\n", message);
  g_printerr ("%s\n", _("Try “wardgate-admin --help”."));
  return WARD_ADMIN_EXIT_USAGE;
}

static guint
word_count (const char *words)
{
  g_auto(GStrv) split = g_strsplit (words, " ", -1);

  return g_strv_length (split);
}

/* The command whose words begin the positional arguments, if any. */
static const Command *
find_command (char **positional)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].words, " ", -1);
      guint j;

      for (j = 0; words[j] != NULL; j++)
        if (positional[j] == NULL || g_strcmp0 (positional[j], words[j]) != 0)
          break;
      if (words[j] == NULL)
        return &commands[i];
    }
  return NULL;
}

/* Help asked for goes to standard output; help given after a mistake goes
 * to standard error with the usage error. */
typedef void (*Printer) (const char *format, ...);

static void
print_command_help_to (Printer        print,
                       const Command *command)
{
  print ("%s\n  wardgate-admin [--db PATH] %s%s %s\n\n%s\n",
           _("Usage:"), command->options & OPT_AS ? "--as USER " : "",
           command->words, command->usage, _(command->summary));
  if (command->options & OPT_AS)
    print ("\n%s\n", _("--as USER names the account of the person doing this; it must hold the needed permission."));
}

static void
print_command_help (const Command *command)
{
  print_command_help_to (g_printerr, command);
}

static void
print_help (Printer     print,
            const char *prefix)
{
  print ("%s\n  wardgate-admin [--db PATH] [--as USER] COMMAND…\n\n%s\n",
           _("Usage:"), _("Provision and inspect a Wardgate kiosk database."));
  print ("\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (prefix == NULL || g_str_has_prefix (commands[i].words, prefix))
      print ("  %-18s %-34s %s\n", commands[i].words, commands[i].usage, _(commands[i].summary));
  print ("\n%s\n  --db PATH   %s\n  --key-file FILE %s\n  --as USER   %s\n  --json      %s\n  --help      %s\n  --version   %s\n",
           _("Options:"),
           _("the database: a file, or a PostgreSQL server (postgresql://… or service=NAME); "
             "default: $WARDGATE_DB or ~/.local/share/wardgate/wardgate.db"),
           _("the site key (default: $WARDGATE_KEY_FILE, a systemd credential, beside a database file, "
             "or /etc/wardgate/site.key for a server)"),
           _("the account doing the work; needed by every command that changes or reads accounts"),
           _("machine-readable output for listings"),
           _("show help for a command"),
           _("show the version and exit"));
}

static char *
database_path (Cli *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : ward_store_default_path ();
}

/* --key-file, then WARDGATE_KEY_FILE, a systemd credential, and the
 * default for the location (beside an SQLite file; /etc/wardgate/site.key
 * for a server). */
static char *
key_file_path (Cli        *cli,
               const char *location)
{
  return cli->key_file != NULL ? g_strdup (cli->key_file) : ward_install_key_path_for_database (location);
}

static char *
kiosk_identity (void)
{
  return g_strdup_printf ("cli@%s", g_get_host_name ());
}

static gboolean
open_store (Cli     *cli,
            GError **error)
{
  g_autofree char *path = database_path (cli);
  g_autofree char *key_path = NULL;
  g_autofree char *kiosk_id = kiosk_identity ();
  g_autoptr(WardInstallKey) key = NULL;
  g_autoptr(WardClock) clock = ward_clock_new_system ();

  /* The command line enrols keys for the site's relying party and codes
   * under its name: it takes them from the same protected file. */
  cli->config = ward_site_config_load (error);
  if (cli->config == NULL)
    return FALSE;

  if (!ward_store_location_exists (path, error))
    return FALSE;

  key_path = key_file_path (cli, path);
  key = ward_install_key_load (key_path, error);
  if (key == NULL)
    return FALSE;

  cli->store = ward_store_open (path, key, clock, kiosk_id, WARD_STORE_OPEN_DEFAULT, error);
  if (cli->store == NULL)
    return FALSE;
  cli->admin = ward_account_admin_new (cli->store);
  cli->policy = ward_policy_new (cli->store);
  cli->codes = ward_code_factor_new (cli->store, cli->policy);
  cli->badges = ward_badge_admin_new (cli->store);
  {
    g_autoptr(WardFidoKey) fido = ward_fido_key_new (ward_site_config_get_relying_party_id (cli->config),
                                                     ward_site_config_get_site_name (cli->config));

    cli->keys = ward_key_factor_new (cli->store, cli->policy, fido);
  }
  return TRUE;
}

static char *
account_name (uid_t uid)
{
  struct passwd *entry = getpwuid (uid);

  return entry != NULL ? g_strdup (entry->pw_name) : g_strdup_printf ("uid %u", (guint) uid);
}

/* Who really runs the command: the effective user, and the person who
 * logged in when it differs. The login uid is kept by the kernel for the
 * session (sudo and su do not change it); SUDO_USER is whatever the
 * caller's environment says. */
char *
ward_admin_cli_os_identity (void)
{
  g_autofree char *user = account_name (geteuid ());
  g_autofree char *text = NULL;
  char *end = NULL;
  guint64 login;

  if (g_file_get_contents ("/proc/self/loginuid", &text, NULL, NULL))
    {
      login = g_ascii_strtoull (g_strstrip (text), &end, 10);
      if (end != text && *end == '\0' && login != (guint32) -1 && login != geteuid ())
        {
          g_autofree char *person = account_name ((uid_t) login);

          return g_strdup_printf ("os:%s (login %s)", user, person);
        }
    }
  return g_strdup_printf ("os:%s", user);
}

/* The shape of a user name (ward_account_admin_check_username without the
 * rule against shared names: "--as admin" is worth recording as typed). */
static gboolean
looks_like_user_name (const char *text)
{
  gsize length = strlen (text);

  if (length < 2 || length > 32 || !g_ascii_islower (text[0]))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* An unknown, disabled or locked --as account is refused like a missing
 * permission, and recorded like one. */
static gboolean
resolve_actor (Cli     *cli,
               GError **error)
{
  g_autofree char *details = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean shaped;

  cli->actor = ward_actor_new_for_account (cli->store, cli->as_user, &local_error);
  if (cli->actor != NULL && ward_policy_check_account (cli->policy, ward_actor_get_user_id (cli->actor), NULL)
                            == WARD_POLICY_LOCKED)
    {
      g_clear_object (&cli->actor);
      g_set_error (&local_error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_DISABLED,
                   _("The account “%s” is locked after failed sign-ins; unlock it first."), cli->as_user);
    }
  if (cli->actor != NULL)
    {
      /* --as names an account but proves nothing: the audit also records
       * who really ran the command. */
      g_autofree char *channel = ward_admin_cli_os_identity ();

      ward_actor_set_channel (cli->actor, channel);
      return TRUE;
    }

  /* The audit names accounts: anything else typed after --as is not
   * recorded, neither as the actor nor in the reason (it could be a
   * terminal escape, or pose as "alice via os:root"). */
  shaped = looks_like_user_name (cli->as_user);
  {
    g_autofree char *channel = ward_admin_cli_os_identity ();
    details = ward_audit_details ("reason", shaped ? local_error->message : "not a user name",
                                  "channel", channel, NULL);
  }
  if (!ward_audit_append (cli->store, WARD_AUDIT_PERMISSION_REFUSED, shaped ? cli->as_user : "(not a user name)",
                          NULL, details, FALSE, NULL))
    g_debug ("Could not record the refused --as account");
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
ward_admin_cli_format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

/* json-glib leaves U+001F raw inside strings, which JSON forbids. Outside
 * strings the pretty printer writes only newlines and spaces, so every
 * other control byte is inside a string: escape it there. */
char *
ward_admin_cli_json_escape_controls (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 && *p != '\n')
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

int
ward_admin_cli_print_json_list (GPtrArray           *items,
                                WardAdminCliJsonAdd  add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  ward_admin_cli_print_json (builder);
  return WARD_ADMIN_EXIT_OK;
}

void
ward_admin_cli_json_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
ward_admin_cli_json_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
ward_admin_cli_json_bool (JsonBuilder *builder,
                          const char  *name,
                          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
ward_admin_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autofree char *clean = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  clean = ward_admin_cli_json_escape_controls (text);
  g_print ("%s\n", clean);
}

static int
cmd_init (Cli   *cli,
          char **args)
{
  g_autofree char *path = database_path (cli);
  g_autofree char *key_path = key_file_path (cli, path);
  g_autofree char *kiosk_id = kiosk_identity ();
  g_autofree char *key_dir = g_path_get_dirname (key_path);
  g_autofree char *db_dir = NULL;
  const char *folders[2] = { NULL, NULL };
  g_autofree char *os_actor = g_strdup_printf ("os:%s", g_get_user_name ());
  g_autofree char *shown = ward_store_location_display (path);
  g_autoptr(WardInstallKey) key = NULL;
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean db_existed;
  gboolean key_existed = g_file_test (key_path, G_FILE_TEST_EXISTS);

  /* For a DBA who sets the server up by hand: nothing is connected to. */
  if (cli->print_sql)
    {
      g_autofree char *sql = ward_store_server_setup_sql ();

      g_print ("%s", sql);
      return WARD_ADMIN_EXIT_OK;
    }

  db_existed = ward_store_location_exists (path, &error);
  if (!db_existed && !g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING))
    return ward_admin_cli_fail_with (g_steal_pointer (&error));
  g_clear_error (&error);

  /* A database whose key is lost cannot be trusted or read: never pair it
   * with a new key. */
  if (db_existed && !key_existed)
    {
      g_autofree char *message = g_strdup_printf (
          _("The database %s exists but its install key %s is missing. Restore the key from your backup."),
          shown, key_path);
      return ward_admin_cli_fail (message);
    }

  /* A key with no database beside it was put there by someone: whoever
   * made it knows it, and would hold the new install's secrets. */
  if (key_existed && !db_existed)
    {
      g_autofree char *message = g_strdup_printf (
          _("An install key %s exists without its database; it was not used. Remove it if you made it, "
            "or restore the database it belongs to."), key_path);
      return ward_admin_cli_fail (message);
    }

  /* The key's folder, and a database file's (the key may live elsewhere:
   * --key-file; a server has no folder here). */
  folders[0] = key_dir;
  if (!ward_store_location_is_server (path))
    folders[1] = db_dir = g_path_get_dirname (path);
  for (guint i = 0; i < G_N_ELEMENTS (folders) && folders[i] != NULL; i++)
    {
      GStatBuf st;

      if (g_mkdir_with_parents (folders[i], 0700) != 0)
        {
          g_autofree char *message = g_strdup_printf (_("Cannot create the folder %s."), folders[i]);
          return ward_admin_cli_fail (message);
        }
      /* Others who may write the folder may swap the key or the database. */
      if (g_stat (folders[i], &st) == 0 && (st.st_mode & 0022) != 0 && !(st.st_mode & S_ISVTX))
        {
          g_autofree char *message = g_strdup_printf (
              _("Other users may write to the folder %s; choose a private folder (chmod 700)."), folders[i]);
          return ward_admin_cli_fail (message);
        }
    }

  key = key_existed ? ward_install_key_load (key_path, &error) : ward_install_key_create (key_path, &error);
  if (key == NULL)
    return ward_admin_cli_fail_with (error);

  store = ward_store_open (path, key, clock, kiosk_id, WARD_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return ward_admin_cli_fail_with (error);

  if (!db_existed && !ward_audit_append (store, WARD_AUDIT_STORE_INITIALISED, os_actor, NULL, NULL, FALSE, &error))
    return ward_admin_cli_fail_with (error);

  g_print (db_existed ? _("The database was already set up.\n") : _("Created a new database.\n"));
  g_print (_("Database:    %s\n"), shown);
  g_print (_("Site key:    %s%s\n"), key_path,
           key_existed ? "" : _(" (new: back it up now, apart from the database)"));
  g_print (_("Next: wardgate-admin bootstrap-admin USER --name \"Full Name\"\n"));
  return WARD_ADMIN_EXIT_OK;
}

static int
cmd_bootstrap_admin (Cli   *cli,
                     char **args)
{
  g_autofree char *identity = ward_admin_cli_os_identity ();
  g_autoptr(WardActor) os_actor = ward_actor_new_bootstrap (identity + strlen ("os:"));
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_bootstrap (cli->admin, os_actor, args[0], cli->name, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Created the administrator “%s”. Enrol their badge, key and code next.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

static int
cmd_recover_admin (Cli   *cli,
                   char **args)
{
  g_autofree char *identity = ward_admin_cli_os_identity ();
  g_autoptr(WardActor) os_actor = ward_actor_new_bootstrap (identity + strlen ("os:"));
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_recover (cli->admin, os_actor, args[0], &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("“%s” is an administrator again, enabled and unlocked. Enrol their badge, key and code next "
             "(wardgate-admin --as %s badge enroll %s --uid -).\n"), args[0], args[0], args[0]);
  return WARD_ADMIN_EXIT_OK;
}

static CliOption
options_given (Cli *cli)
{
  return (cli->name != NULL ? OPT_NAME : 0)
       | (cli->roles != NULL ? OPT_ROLE : 0)
       | (cli->json ? OPT_JSON : 0)
       | (cli->limit != -1 ? OPT_LIMIT : 0)
       | (cli->as_user != NULL ? OPT_AS : 0)
       | (cli->search != NULL ? OPT_SEARCH : 0)
       | (cli->uid != NULL ? OPT_UID : 0)
       | (cli->read_badge ? OPT_READ : 0)
       | (cli->pin ? OPT_PIN : 0)
       | (cli->label != NULL ? OPT_LABEL : 0)
       | (cli->png != NULL ? OPT_PNG : 0)
       | (cli->issuer != NULL ? OPT_ISSUER : 0)
       | (cli->all ? OPT_ALL : 0)
       | (cli->since != NULL ? OPT_SINCE : 0)
       | (cli->csv ? OPT_CSV : 0)
       | (cli->uri != NULL || cli->base_dn != NULL || cli->bind_dn != NULL || cli->password_file != NULL
          || cli->user_filter != NULL || cli->ca_file != NULL || cli->disabled_attribute != NULL
          || cli->starttls || cli->insecure ? OPT_DIRECTORY : 0)
       | (cli->dry_run ? OPT_DRY_RUN : 0)
       | (cli->keep_credentials ? OPT_KEEP_CREDENTIALS : 0)
       | (cli->print_sql ? OPT_PRINT_SQL : 0);
}

static int
run_command (Cli            *cli,
             const Command  *command,
             char          **args)
{
  g_autoptr(GError) error = NULL;
  CliOption extra = options_given (cli) & ~command->options;

  if (command->n_args == G_MAXUINT ? g_strv_length (args) < 2 : g_strv_length (args) != command->n_args)
    {
      print_command_help (command);
      return usage_error (_("Wrong number of arguments."));
    }
  if (extra != 0)
    return usage_error (_("An option was given that this command does not take."));
  if ((command->options & OPT_NAME) && cli->name == NULL)
    return usage_error (_("This command needs --name \"FULL NAME\"."));
  if ((command->options & OPT_AS) && cli->as_user == NULL)
    return usage_error (_("This command needs --as USER: the account of the person doing it."));

  /* Neither needs a database: one makes it, the other reads /etc. */
  if (command->run == cmd_init || command->run == ward_admin_cmd_config_check)
    return command->run (cli, args);

  if (!open_store (cli, &error))
    return ward_admin_cli_fail_with (error);
  if ((command->options & OPT_AS) && !resolve_actor (cli, &error))
    return ward_admin_cli_fail_with (error);
  return command->run (cli, args);
}

static gboolean
parse_options (Cli      *cli,
               char   ***argv,
               GError  **error)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &cli->db_path, NULL, NULL },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->key_file, NULL, NULL },
    { "print-sql", 0, 0, G_OPTION_ARG_NONE, &cli->print_sql, NULL, NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &cli->as_user, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &cli->help, NULL, NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli->version, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &cli->name, NULL, NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cli->roles, NULL, NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &cli->search, NULL, NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &cli->limit, NULL, NULL },
    { "uid", 0, 0, G_OPTION_ARG_STRING, &cli->uid, NULL, NULL },
    { "read", 0, 0, G_OPTION_ARG_NONE, &cli->read_badge, NULL, NULL },
    { "pin", 0, 0, G_OPTION_ARG_NONE, &cli->pin, NULL, NULL },
    { "label", 0, 0, G_OPTION_ARG_STRING, &cli->label, NULL, NULL },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &cli->png, NULL, NULL },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &cli->issuer, NULL, NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &cli->all, NULL, NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &cli->since, NULL, NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &cli->csv, NULL, NULL },
    { "uri", 0, 0, G_OPTION_ARG_STRING, &cli->uri, NULL, NULL },
    { "base", 0, 0, G_OPTION_ARG_STRING, &cli->base_dn, NULL, NULL },
    { "bind-dn", 0, 0, G_OPTION_ARG_STRING, &cli->bind_dn, NULL, NULL },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->password_file, NULL, NULL },
    { "user-filter", 0, 0, G_OPTION_ARG_STRING, &cli->user_filter, NULL, NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->ca_file, NULL, NULL },
    { "disabled-attribute", 0, 0, G_OPTION_ARG_STRING, &cli->disabled_attribute, NULL, NULL },
    { "starttls", 0, 0, G_OPTION_ARG_NONE, &cli->starttls, NULL, NULL },
    { "insecure-for-testing", 0, 0, G_OPTION_ARG_NONE, &cli->insecure, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &cli->dry_run, NULL, NULL },
    { "keep-credentials", 0, 0, G_OPTION_ARG_NONE, &cli->keep_credentials, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  /* Help is per command and written here; GOption's would list every
   * command's options at once. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse_strv (context, argv, error);
}

int
ward_admin_cli_run (int    argc,
                    char **argv)
{
  Cli cli = { .limit = -1 };
  g_auto(GStrv) args = g_strdupv (argv);
  g_autoptr(GError) error = NULL;
  const Command *command;
  int status;

  if (!parse_options (&cli, &args, &error))
    {
      status = usage_error (error->message);
      goto out;
    }

  if (cli.version)
    {
      g_print ("wardgate-admin %s\n", PACKAGE_VERSION);
      status = WARD_ADMIN_EXIT_OK;
      goto out;
    }

  command = args[1] != NULL ? find_command (args + 1) : NULL;
  if (cli.help || args[1] == NULL)
    {
      Printer print = cli.help ? (Printer) g_print : (Printer) g_printerr;

      if (command != NULL)
        print_command_help_to (print, command);
      else
        print_help (print, args[1]);
      status = cli.help ? WARD_ADMIN_EXIT_OK : WARD_ADMIN_EXIT_USAGE;
      goto out;
    }
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), args[1]);
      status = usage_error (message);
      goto out;
    }
  if (cli.limit != -1 && (cli.limit < 1 || cli.limit > 100000))
    {
      status = usage_error (_("--limit takes a number from 1 to 100000."));
      goto out;
    }

  status = run_command (&cli, command, args + 1 + word_count (command->words));

out:
  cli_clear (&cli);
  return status;
}
