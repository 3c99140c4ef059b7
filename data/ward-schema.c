/* ward-schema.c: the schema the migrations must leave behind, checked at every opening */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "data/ward-audit.h"
#include "data/ward-schema-private.h"
#include "data/ward-store-backend.h"
#include "data/ward-store-checks-private.h"

static char *
joined (GPtrArray *lines)
{
  GString *text = g_string_new ("wardgate-schema-v1\n");

  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (text, g_ptr_array_index (lines, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
schema_mac (WardStore  *store,
            const char *text,
            guint8      out[WARD_INSTALL_KEY_MAC_LEN])
{
  ward_install_key_row_mac (ward_store_get_key (store), "schema_seal", text, strlen (text), out);
}

/* A server has no copy of the schema to compare with but itself: the
 * description is sealed under the site key when the migrations (or init)
 * made it, and a writer without the key cannot seal another. */
gboolean
ward_schema_seal (WardStore  *store,
                  GError    **error)
{
  WardBackend *backend = ward_store_get_backend (store);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;
  g_autoptr(WardStoreStmt) stmt = NULL;
  guint8 mac[WARD_INSTALL_KEY_MAC_LEN];

  if (backend->klass->expected_schema != NULL)
    return TRUE;
  lines = backend->klass->describe_schema (backend, error);
  if (lines == NULL)
    return FALSE;
  text = joined (lines);
  schema_mac (store, text, mac);
  stmt = ward_store_prepare (store,
      "INSERT INTO schema_seal (id, description, mac) VALUES (1, ?1, ?2)"
      " ON CONFLICT (id) DO UPDATE SET description = excluded.description, mac = excluded.mac", error);
  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, text);
  ward_stmt_bind_blob (stmt, 2, mac, sizeof mac);
  return ward_store_step_done (store, stmt, error);
}

static void
set_not_ours (WardStore   *store,
              const char  *object,
              GError     **error)
{
  g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
               _("The database %s has been altered outside Wardgate (%s), so it was not used. "
                 "Restore it from a backup and tell IT security."), ward_store_get_path (store), object);
}

/* FALSE only when the database holds a check value of another key. */
static gboolean
key_matches_check_value (WardStore *store)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, "SELECT key_check FROM install WHERE id = 1", NULL);
  guint8 check[WARD_INSTALL_KEY_MAC_LEN];

  if (stmt == NULL || ward_stmt_step (stmt) != WARD_STMT_ROW || ward_stmt_column_is_null (stmt, 0))
    return TRUE;
  ward_install_key_check_value (ward_store_get_key (store), check);
  return ward_stmt_column_bytes (stmt, 0) == sizeof check
         && CRYPTO_memcmp (ward_stmt_column_blob (stmt, 0), check, sizeof check) == 0;
}

/* The sealed description; NULL with @error set when there is none (and
 * @missing TRUE) or it does not verify under the key. */
static GPtrArray *
sealed_schema (WardStore  *store,
               gboolean   *missing,
               GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, "SELECT description, mac FROM schema_seal WHERE id = 1", error);
  guint8 mac[WARD_INSTALL_KEY_MAC_LEN];
  g_auto(GStrv) lines = NULL;
  GPtrArray *found;
  WardStmtResult rc;

  *missing = FALSE;
  if (stmt == NULL)
    return NULL;
  /* Another key cannot verify the seal either: say which is wrong. */
  if (!key_matches_check_value (store))
    {
      ward_store_set_wrong_key_error (store, error);
      return NULL;
    }
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ERROR)
    {
      ward_store_set_error (store, 0, error);
      return NULL;
    }
  if (rc == WARD_STMT_DONE)
    {
      *missing = TRUE;
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                   _("The database %s has no sealed schema yet; run “wardgate-admin init” with the site key "
                     "once the schema is in place."), ward_store_get_path (store));
      return NULL;
    }
  schema_mac (store, ward_stmt_column_text (stmt, 0), mac);
  if (ward_stmt_column_bytes (stmt, 1) != sizeof mac
      || CRYPTO_memcmp (ward_stmt_column_blob (stmt, 1), mac, sizeof mac) != 0)
    {
      set_not_ours (store, "schema_seal", error);
      return NULL;
    }
  lines = g_strsplit (ward_stmt_column_text (stmt, 0), "\n", -1);
  found = g_ptr_array_new_with_free_func (g_free);
  /* The first line is the format's name, the last is empty. */
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (found, g_strdup (lines[i]));
  return found;
}

/* A planted trigger (one that deletes new audit rows, say), view, function
 * or index changes what the database does behind every check made above
 * it: the database must hold exactly the objects its migrations made. */
gboolean
ward_schema_check (WardStore  *store,
                   gboolean    adopt,
                   GError    **error)
{
  WardBackend *backend = ward_store_get_backend (store);
  const char *path = ward_store_get_path (store);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) actual = NULL;

  if (backend->klass->expected_schema != NULL)
    expected = backend->klass->expected_schema (error);
  else
    {
      g_autoptr(GError) local_error = NULL;
      gboolean missing = FALSE;

      expected = sealed_schema (store, &missing, &local_error);
      if (expected == NULL && missing && adopt)
        {
          g_info ("Sealing the schema of %s, which was made without the site key", path);
          return ward_schema_seal (store, error);
        }
      if (expected == NULL)
        {
          if (!missing && local_error->domain == WARD_STORE_ERROR && local_error->code == WARD_STORE_ERROR_TAMPERED)
            g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                              "MESSAGE_ID", ward_audit_alert_message_id (WARD_AUDIT_ALERT_SCHEMA_ALTERED),
                              "PRIORITY", "2",
                              "WARDGATE_SCHEMA_OBJECT", "schema_seal",
                              "MESSAGE", "Database %s holds a schema description that the site key did not seal",
                              path);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (expected == NULL)
    return FALSE;
  actual = backend->klass->describe_schema (backend, NULL);
  if (actual == NULL)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged. Restore it from a backup."), path);
      return FALSE;
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      /* First what was added or rewritten, then what was removed. */
      GPtrArray *from = pass == 0 ? actual : expected;
      GPtrArray *against = pass == 0 ? expected : actual;

      for (guint i = 0; i < from->len; i++)
        {
          const char *line = g_ptr_array_index (from, i);
          g_autofree char *object = NULL;

          if (g_ptr_array_find_with_equal_func (against, line, g_str_equal, NULL))
            continue;
          /* The object's name only: its SQL may quote values. */
          object = g_strndup (line, strcspn (line, ":"));
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                            "MESSAGE_ID", ward_audit_alert_message_id (WARD_AUDIT_ALERT_SCHEMA_ALTERED),
                            "PRIORITY", "2",
                            "WARDGATE_SCHEMA_OBJECT", object,
                            "MESSAGE", "Database %s has a schema that its migrations did not make (%s %s)",
                            path, pass == 0 ? "unexpected" : "missing", object);
          set_not_ours (store, object, error);
          return FALSE;
        }
    }
  return TRUE;
}
