/* ward-admin-cli-directory.c: wardgate-admin directory set, map, unmap, show and sync */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "app/cli/ward-admin-cli-private.h"
#include "app/directory/ward-directory-admin.h"
#include "app/directory/ward-directory-sync.h"

/* The password is read from a file, never from the command line (where
 * ps and the shell history would show it). */
static GBytes *
read_password (const char  *path,
               GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf info;
  gsize length = 0;
  GBytes *password;

  if (g_stat (path, &info) != 0 || !g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("The password file %s cannot be read."), path);
      return NULL;
    }
  if ((info.st_mode & S_IROTH) != 0)
    {
      explicit_bzero (contents, length);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_PERM,
                   _("Anyone on this computer can read the password file %s. Make it private first "
                     "(chmod 600)."), path);
      return NULL;
    }
  /* One line: the newline an editor adds is not part of the password. */
  if (length > 0 && contents[length - 1] == '\n')
    length--;
  if (length > 0 && contents[length - 1] == '\r')
    length--;
  password = g_bytes_new (contents, length);
  explicit_bzero (contents, length);
  return password;
}

int
ward_admin_cmd_directory_set (Cli   *cli,
                              char **args)
{
  g_autoptr(WardDirectoryAdmin) directory = ward_directory_admin_new (cli->store);
  g_autoptr(GBytes) password = NULL;
  g_autoptr(GError) error = NULL;
  WardLdapSettings settings = {
    .uri = cli->uri, .base_dn = cli->base_dn, .bind_dn = cli->bind_dn, .user_filter = cli->user_filter,
    .ca_file = cli->ca_file, .disabled_attribute = cli->disabled_attribute,
    .starttls = cli->starttls, .insecure = cli->insecure,
  };

  if (cli->uri == NULL || cli->base_dn == NULL || cli->bind_dn == NULL || cli->password_file == NULL)
    {
      g_printerr ("wardgate-admin: %s\n", _("“directory set” needs --uri, --base, --bind-dn and --password-file."));
      return WARD_ADMIN_EXIT_USAGE;
    }
  password = read_password (cli->password_file, &error);
  if (password == NULL)
    return ward_admin_cli_fail_with (error);
  if (!ward_directory_admin_configure (directory, cli->actor, &settings, password, &error))
    return ward_admin_cli_fail_with (error);
  if (cli->insecure)
    g_printerr ("wardgate-admin: %s\n",
                _("Warning: the directory will be read without encryption. This is for tests only."));
  g_print (_("The hospital directory is set up: %s. Map groups to roles with “directory map”, then run "
             "“directory sync”.\n"), cli->uri);
  return WARD_ADMIN_EXIT_OK;
}

static int
change_map (Cli      *cli,
            char    **args,
            gboolean  map)
{
  g_autoptr(WardDirectoryAdmin) directory = ward_directory_admin_new (cli->store);
  g_autoptr(GError) error = NULL;
  gboolean ok = map ? ward_directory_admin_map (directory, cli->actor, args[0], args[1], &error)
                    : ward_directory_admin_unmap (directory, cli->actor, args[0], args[1], &error);

  if (!ok)
    return ward_admin_cli_fail_with (error);
  if (map)
    g_print (_("Members of %s will hold the role “%s” after the next sync.\n"), args[0], args[1]);
  else
    g_print (_("%s no longer gives the role “%s”; those who hold it keep it until it is revoked.\n"),
             args[0], args[1]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_directory_map (Cli   *cli,
                              char **args)
{
  return change_map (cli, args, TRUE);
}

int
ward_admin_cmd_directory_unmap (Cli   *cli,
                                char **args)
{
  return change_map (cli, args, FALSE);
}


/* Labels are translated, so their column is as wide as the longest one
 * in characters (printf pads by bytes, which breaks on "ü" or "é"). */
static void
print_aligned (const char *rows[][2],
               gsize       n_rows)
{
  glong width = 0;

  for (gsize i = 0; i < n_rows; i++)
    width = MAX (width, g_utf8_strlen (rows[i][0], -1));
  for (gsize i = 0; i < n_rows; i++)
    {
      g_autofree char *padding = g_strnfill (width - g_utf8_strlen (rows[i][0], -1), ' ');

      g_print ("%s%s %s\n", rows[i][0], padding, rows[i][1] != NULL ? rows[i][1] : "");
    }
}

int
ward_admin_cmd_directory_show (Cli   *cli,
                               char **args)
{
  g_autoptr(WardDirectoryAdmin) directory = ward_directory_admin_new (cli->store);
  g_autoptr(GPtrArray) maps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WardLdapSettings) settings = ward_directory_admin_show (directory, cli->actor, &maps, &error);

  if (settings == NULL)
    return ward_admin_cli_fail_with (error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      ward_admin_cli_json_string (builder, "uri", settings->uri);
      ward_admin_cli_json_string (builder, "base", settings->base_dn);
      ward_admin_cli_json_string (builder, "bind_dn", settings->bind_dn);
      ward_admin_cli_json_string (builder, "user_filter", settings->user_filter);
      ward_admin_cli_json_string (builder, "ca_file", settings->ca_file);
      ward_admin_cli_json_bool (builder, "starttls", settings->starttls);
      ward_admin_cli_json_bool (builder, "insecure", settings->insecure);
      json_builder_set_member_name (builder, "maps");
      json_builder_begin_array (builder);
      for (guint i = 0; i < maps->len; i++)
        {
          WardLdapRoleMap *map = g_ptr_array_index (maps, i);

          json_builder_begin_object (builder);
          ward_admin_cli_json_string (builder, "group", map->group_dn);
          ward_admin_cli_json_string (builder, "role", map->role);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ward_admin_cli_print_json (builder);
      return WARD_ADMIN_EXIT_OK;
    }
  {
    const char *rows[][2] = {
      { _("Address:"), settings->uri },
      { _("Base:"), settings->base_dn },
      { _("Bind account:"), settings->bind_dn },
      { _("Password:"), _("(sealed)") },
      { _("User filter:"), settings->user_filter },
      { _("CA file:"), settings->ca_file != NULL ? settings->ca_file : _("(system)") },
      { _("Encryption:"), settings->insecure ? _("none (testing only)")
                          : settings->starttls ? "StartTLS" : "LDAPS" },
    };

    print_aligned (rows, G_N_ELEMENTS (rows));
  }
  g_print ("\n%s\n", maps->len > 0 ? _("Groups and the roles they give:") : _("No group gives a role yet."));
  for (guint i = 0; i < maps->len; i++)
    {
      WardLdapRoleMap *map = g_ptr_array_index (maps, i);

      g_print ("  %-14s %s\n", map->role, map->group_dn);
    }
  return WARD_ADMIN_EXIT_OK;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
print_result_json (const WardDirectorySyncResult *result,
                   gboolean                       dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ward_admin_cli_json_bool (builder, "dry_run", dry_run);
  ward_admin_cli_json_bool (builder, "applied", result->applied);
  ward_admin_cli_json_int (builder, "people", result->n_people);
  ward_admin_cli_json_int (builder, "pages", result->n_pages);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->changes->len; i++)
    {
      WardDirectoryChange *change = g_ptr_array_index (result->changes, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "change", ward_directory_change_kind_name (change->kind));
      add_string_member (builder, "user", change->username);
      add_string_member (builder, "dn", change->dn);
      add_string_member (builder, "full_name", change->full_name);
      add_string_member (builder, "old_name", change->old_name);
      add_string_member (builder, "role", change->role);
      add_string_member (builder, "group", change->group_dn);
      add_string_member (builder, "why", change->why);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->skipped->len; i++)
    {
      WardDirectorySkip *skip = g_ptr_array_index (result->skipped, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "login", skip->login);
      add_string_member (builder, "dn", skip->dn);
      add_string_member (builder, "reason", skip->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ward_admin_cli_print_json (builder);
}

/* Run by a person or by the timer (wardgate-directory-sync.service): the
 * audit names the directory as the actor and the OS account that ran it. */
int
ward_admin_cmd_directory_sync (Cli   *cli,
                               char **args)
{
  g_autoptr(WardDirectorySync) sync = ward_directory_sync_new (cli->store);
  g_autoptr(WardDirectorySyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_by = ward_admin_cli_os_identity ();

  result = ward_directory_sync_run (sync, cli->dry_run, run_by, &error);
  if (result == NULL)
    return ward_admin_cli_fail_with (error);
  if (cli->json)
    {
      print_result_json (result, cli->dry_run);
      return WARD_ADMIN_EXIT_OK;
    }
  g_print (ngettext ("Read %u person from the directory", "Read %u people from the directory", result->n_people),
           result->n_people);
  g_print (ngettext (" (%u page).\n", " (%u pages).\n", result->n_pages), result->n_pages);
  for (guint i = 0; i < result->changes->len; i++)
    {
      g_autofree char *line = ward_directory_change_describe (g_ptr_array_index (result->changes, i));

      g_print ("  %s\n", line);
    }
  for (guint i = 0; i < result->skipped->len; i++)
    {
      WardDirectorySkip *skip = g_ptr_array_index (result->skipped, i);

      g_print (_("  skipped %s: %s\n"), skip->login != NULL ? skip->login : skip->dn, skip->reason);
    }
  if (cli->dry_run)
    g_print (ngettext ("Dry run: %u change would be made; nothing was written.\n",
                       "Dry run: %u changes would be made; nothing was written.\n", result->changes->len),
             result->changes->len);
  else if (result->changes->len == 0)
    g_print ("%s\n", _("Already up to date: nothing changed."));
  else
    g_print (ngettext ("Applied %u change.\n", "Applied %u changes.\n", result->changes->len),
             result->changes->len);
  return WARD_ADMIN_EXIT_OK;
}
