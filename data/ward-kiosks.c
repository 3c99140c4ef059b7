/* ward-kiosks.c: the kiosks that use a store, as their audit records show them */
#include "config.h"

#include <json-glib/json-glib.h>

#include "data/ward-audit.h"
#include "data/ward-kiosks.h"
#include "data/ward-stmt-private.h"

void
ward_kiosk_record_free (WardKioskRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kiosk_id);
  g_free (record->version);
  g_free (record);
}

gboolean
ward_kiosks_record_start (WardStore  *store,
                          GError    **error)
{
  g_autofree char *schema = g_strdup_printf ("%d", ward_store_get_schema_version (store));
  g_autofree char *details = ward_audit_details ("schema", schema, "version", PACKAGE_VERSION, NULL);

  return ward_audit_append (store, WARD_AUDIT_KIOSK_STARTED, ward_store_get_kiosk_id (store), NULL,
                            details, FALSE, error);
}

static void
read_start (WardKioskRecord *record,
            const char      *details)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (details == NULL || !json_parser_load_from_data (parser, details, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  record->schema_version = (int) g_ascii_strtoll (json_object_get_string_member_with_default (object, "schema", "0"),
                                                  NULL, 10);
  record->version = g_strdup (json_object_get_string_member_with_default (object, "version", NULL));
}

static WardKioskRecord *
kiosk_from_row (WardStmt *stmt)
{
  WardKioskRecord *record = g_new0 (WardKioskRecord, 1);

  record->kiosk_id = ward_stmt_dup_text (stmt, 0);
  record->last_contact_us = ward_stmt_column_int64 (stmt, 1);
  record->n_records = ward_stmt_column_int64 (stmt, 2);
  read_start (record, ward_stmt_column_text (stmt, 3));
  return record;
}

GPtrArray *
ward_kiosks_list (WardStore  *store,
                  GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT a.kiosk_id, max (a.at_us), count(*),"
      " (SELECT s.details FROM audit s WHERE s.event = 'kiosk.started' AND s.kiosk_id = a.kiosk_id"
      "   ORDER BY s.seq DESC LIMIT 1)"
      " FROM audit a GROUP BY a.kiosk_id ORDER BY a.kiosk_id", error);

  if (stmt == NULL)
    return NULL;
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) kiosk_from_row,
                                  (GDestroyNotify) ward_kiosk_record_free, error);
}
