/* ward-admin-cli-accounts.c: wardgate-admin's user, role and audit commands */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli-private.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-text.h"

static void
add_string_array (JsonBuilder  *builder,
                  const char   *member,
                  char        **values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_user_json (JsonBuilder    *builder,
               WardUserRecord *user)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (user->created_at);
  g_autofree char *created_text = g_date_time_format_iso8601 (created);

  json_builder_begin_object (builder);
  ward_admin_cli_json_string (builder, "username", user->username);
  ward_admin_cli_json_string (builder, "full_name", user->full_name);
  ward_admin_cli_json_bool (builder, "disabled", user->disabled);
  ward_admin_cli_json_string (builder, "created", created_text);
  add_string_array (builder, "roles", user->roles);
  json_builder_end_object (builder);
}

int
ward_admin_cmd_user_add (Cli   *cli,
              char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_add_user (cli->admin, cli->actor, args[0], cli->name,
                                    (const char *const *) cli->roles, &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Added “%s”.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_user_list (Cli   *cli,
               char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ward_account_admin_list_users (cli->admin, cli->actor, cli->search, &error);

  if (users == NULL)
    return ward_admin_cli_fail_with (error);

  if (cli->json)
    return ward_admin_cli_print_json_list (users, (WardAdminCliJsonAdd) add_user_json);

  g_print ("%-20s %-30s %-9s %s\n", _("USER"), _("NAME"), _("STATUS"), _("ROLES"));
  for (guint i = 0; i < users->len; i++)
    {
      WardUserRecord *user = g_ptr_array_index (users, i);
      g_autofree char *roles = g_strjoinv (",", user->roles);

      g_print ("%-20s %-30s %-9s %s\n", user->username, user->full_name,
               user->disabled ? _("disabled") : _("active"), roles);
    }
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_user_show (Cli   *cli,
               char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardUserRecord) user = ward_account_admin_show_user (cli->admin, cli->actor, args[0], &error);
  g_autofree char *created = NULL;
  g_autofree char *roles = NULL;

  if (user == NULL)
    return ward_admin_cli_fail_with (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_user_json (builder, user);
      ward_admin_cli_print_json (builder);
      return WARD_ADMIN_EXIT_OK;
    }

  created = ward_admin_cli_format_time (user->created_at);
  roles = g_strjoinv (", ", user->roles);
  g_print (_("User:     %s\nName:     %s\nStatus:   %s\nRoles:    %s\nCreated:  %s\n"),
           user->username, user->full_name, user->disabled ? _("disabled") : _("active"),
           *roles ? roles : _("(none)"), created);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_user_disable (Cli   *cli,
                  char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_disable_user (cli->admin, cli->actor, args[0], &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Disabled “%s”. They can no longer sign in.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

/* Confirms credentials enrolled by people with fewer rights than the
 * account is about to have. */
static WardAccountAdminFlags
keep_flags (Cli *cli)
{
  return cli->keep_credentials ? WARD_ACCOUNT_ADMIN_KEEP_CREDENTIALS : 0;
}

int
ward_admin_cmd_user_enable (Cli   *cli,
                 char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_enable_user (cli->admin, cli->actor, args[0], keep_flags (cli), &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("Enabled “%s” again.\n"), args[0]);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_role_list (Cli   *cli,
               char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = ward_account_admin_list_roles (cli->admin, cli->actor, &error);

  if (roles == NULL)
    return ward_admin_cli_fail_with (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < roles->len; i++)
        {
          WardRoleRecord *role = g_ptr_array_index (roles, i);

          json_builder_begin_object (builder);
          ward_admin_cli_json_string (builder, "name", role->name);
          ward_admin_cli_json_string (builder, "description", role->description);
          ward_admin_cli_json_int (builder, "active_members", role->n_members);
          add_string_array (builder, "permissions", role->permissions);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ward_admin_cli_print_json (builder);
      return WARD_ADMIN_EXIT_OK;
    }

  for (guint i = 0; i < roles->len; i++)
    {
      WardRoleRecord *role = g_ptr_array_index (roles, i);
      g_autofree char *permissions = g_strjoinv (", ", role->permissions);

      g_print ("%s (%u)\n  %s\n  %s\n", role->name, role->n_members, role->description,
               *permissions ? permissions : _("(nothing)"));
    }
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_role_grant (Cli   *cli,
                char **args)
{
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_grant_role_with (cli->admin, cli->actor, args[0], args[1], keep_flags (cli), &error))
    return ward_admin_cli_fail_with (error);
  g_print (_("“%s” now has the role “%s”.\n"), args[0], args[1]);
  return WARD_ADMIN_EXIT_OK;
}

typedef gboolean (*PairChange) (WardAccountAdmin  *admin,
                                WardActor         *actor,
                                const char        *first,
                                const char        *second,
                                GError           **error);

/* A change naming two things (an account and its role, a role and its
 * permission), then what was done, said with @done_format. */
static int change_pair (Cli         *cli,
                        char       **args,
                        PairChange   change,
                        const char  *done_format,
                        ...) G_GNUC_PRINTF (4, 5);

static int
change_pair (Cli         *cli,
             char       **args,
             PairChange   change,
             const char  *done_format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  va_list format_args;

  if (!change (cli->admin, cli->actor, args[0], args[1], &error))
    return ward_admin_cli_fail_with (error);
  va_start (format_args, done_format);
  done = g_strdup_vprintf (done_format, format_args);
  va_end (format_args);
  g_print ("%s", done);
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_role_revoke (Cli   *cli,
                 char **args)
{
  return change_pair (cli, args, ward_account_admin_revoke_role, _("“%s” no longer has the role “%s”.\n"),
                      args[0], args[1]);
}

int
ward_admin_cmd_role_permit (Cli   *cli,
                 char **args)
{
  return change_pair (cli, args, ward_account_admin_permit, _("The role “%s” now has “%s”.\n"),
                      args[0], args[1]);
}

int
ward_admin_cmd_role_forbid (Cli   *cli,
                 char **args)
{
  return change_pair (cli, args, ward_account_admin_forbid, _("The role “%s” no longer has “%s”.\n"),
                      args[0], args[1]);
}

static void
add_audit_json (JsonBuilder     *builder,
                WardAuditRecord *record)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (record->at_us / G_USEC_PER_SEC);
  g_autofree char *at_text = g_date_time_format_iso8601 (at);
  g_autoptr(JsonNode) details = json_from_string (record->details, NULL);

  json_builder_begin_object (builder);
  ward_admin_cli_json_int (builder, "seq", record->seq);
  ward_admin_cli_json_string (builder, "time", at_text);
  ward_admin_cli_json_string (builder, "event", record->event);
  ward_admin_cli_json_string (builder, "actor", record->actor);
  ward_admin_cli_json_string (builder, "subject", record->subject);
  ward_admin_cli_json_string (builder, "kiosk", record->kiosk_id);
  ward_admin_cli_json_bool (builder, "flagged", record->flagged);
  json_builder_set_member_name (builder, "details");
  if (details != NULL)
    json_builder_add_value (builder, g_steal_pointer (&details));
  else
    json_builder_add_string_value (builder, record->details);
  json_builder_end_object (builder);
}

int
ward_admin_cmd_audit_list (Cli   *cli,
                char **args)
{
  WardAuditFilter filter = { .limit = cli->limit > 0 ? (guint) cli->limit : 50 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ward_account_admin_list_audit (cli->admin, cli->actor, &filter, &error);

  if (records == NULL)
    return ward_admin_cli_fail_with (error);

  if (cli->json)
    return ward_admin_cli_print_json_list (records, (WardAdminCliJsonAdd) add_audit_json);

  for (guint i = 0; i < records->len; i++)
    {
      WardAuditRecord *record = g_ptr_array_index (records, i);
      g_autofree char *at = ward_admin_cli_format_time (record->at_us / G_USEC_PER_SEC);

      /* Stored text goes to a terminal: escaped, never acted on. */
      g_autofree char *event = ward_text_printable (record->event);
      g_autofree char *actor = ward_text_printable (record->actor);
      g_autofree char *subject = ward_text_printable (record->subject);
      g_autofree char *details = ward_text_printable (record->details);

      g_print ("%6" G_GINT64_FORMAT "  %s  %-22s %-16s %-16s %s%s\n", record->seq, at, event,
               actor, subject, details, record->flagged ? "  [REVIEW]" : "");
    }
  return WARD_ADMIN_EXIT_OK;
}

int
ward_admin_cmd_audit_verify (Cli   *cli,
                  char **args)
{
  WardAuditVerdict verdict = { 0 };
  g_autoptr(GError) error = NULL;

  if (!ward_account_admin_verify_audit (cli->admin, cli->actor, &verdict, &error))
    return ward_admin_cli_fail_with (error);

  if (!verdict.intact)
    {
      g_autofree char *kiosk = ward_audit_record_kiosk (cli->store, verdict.first_bad_seq);
      g_autofree char *message = kiosk != NULL
        ? g_strdup_printf (_("The audit chain is broken at record %lld: it (written by kiosk %s) or a record "
                             "before it was changed or removed outside Wardgate."),
                           (long long) verdict.first_bad_seq, kiosk)
        : g_strdup_printf (_("The audit chain is broken at record %lld: it or a record before it was changed "
                             "or removed outside Wardgate."),
                           (long long) verdict.first_bad_seq);
      return ward_admin_cli_fail (message);
    }
  g_print (_("The audit chain is intact: %lld records verified.\n"), (long long) verdict.n_checked);
  return WARD_ADMIN_EXIT_OK;
}
