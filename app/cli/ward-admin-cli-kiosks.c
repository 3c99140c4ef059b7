/* ward-admin-cli-kiosks.c: wardgate-admin kiosk list */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/cli/ward-admin-cli-private.h"
#include "auth/ward-actor.h"
#include "data/ward-kiosks.h"

int
ward_admin_cmd_kiosk_list (Cli   *cli,
                           char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kiosks = NULL;

  /* Where people signed in is part of the audit trail. */
  if (!ward_actor_require (cli->actor, cli->store, "audit.view", "kiosk list", &error))
    return ward_admin_cli_fail_with (error);
  kiosks = ward_kiosks_list (cli->store, &error);
  if (kiosks == NULL)
    return ward_admin_cli_fail_with (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < kiosks->len; i++)
        {
          WardKioskRecord *kiosk = g_ptr_array_index (kiosks, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kiosk");
          json_builder_add_string_value (builder, kiosk->kiosk_id);
          json_builder_set_member_name (builder, "last_contact_us");
          json_builder_add_int_value (builder, kiosk->last_contact_us);
          json_builder_set_member_name (builder, "records");
          json_builder_add_int_value (builder, kiosk->n_records);
          json_builder_set_member_name (builder, "schema");
          json_builder_add_int_value (builder, kiosk->schema_version);
          json_builder_set_member_name (builder, "version");
          if (kiosk->version != NULL)
            json_builder_add_string_value (builder, kiosk->version);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ward_admin_cli_print_json (builder);
      return WARD_ADMIN_EXIT_OK;
    }

  if (kiosks->len == 0)
    g_print ("%s\n", _("No kiosk has written to this database yet."));
  for (guint i = 0; i < kiosks->len; i++)
    {
      WardKioskRecord *kiosk = g_ptr_array_index (kiosks, i);
      g_autofree char *at = ward_admin_cli_format_time (kiosk->last_contact_us / G_USEC_PER_SEC);
      g_autofree char *schema = kiosk->schema_version > 0 ? g_strdup_printf (_("schema %d"), kiosk->schema_version)
                                                          : g_strdup (_("schema not reported"));

      g_autofree char *records = g_strdup_printf ("%" G_GINT64_FORMAT, kiosk->n_records);

      g_print (_("%-24s last contact %s  %s  %s records\n"), kiosk->kiosk_id, at, schema, records);
    }
  return WARD_ADMIN_EXIT_OK;
}
