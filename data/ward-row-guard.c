/* ward-row-guard.c: the rows that decide who may do what carry a MAC under the install key */
#include "config.h"

#include <string.h>

#include <openssl/crypto.h>

#include "data/ward-audit.h"
#include "data/ward-hex.h"
#include "data/ward-row-guard-private.h"

/* Someone with write access to the database file but not the key could
 * otherwise make a nurse an administrator, weaken the administrators'
 * sign-in policy or move a badge, and the audit chain would not notice
 * (it covers events, not state). The MAC covers the columns that decide;
 * the text it is computed over is built here, above the SQL, so another
 * store backend computes the same. */
typedef struct
{
  const char *name;
  const char *columns;   /* the MAC'd columns; the first n_keys identify the row */
  const char *types;     /* per column: I integer, T text, B blob (as the schema declares) */
  guint       n_columns;
  guint       n_keys;
} GuardInfo;

static const GuardInfo guards[WARD_GUARD_N_TABLES] = {
  [WARD_GUARD_USERS] = { "users", "id, username, disabled", "ITI", 3, 1 },
  [WARD_GUARD_USER_ROLES] = { "user_roles", "user_id, role_id", "II", 2, 2 },
  [WARD_GUARD_ROLE_PERMISSIONS] = { "role_permissions", "role_id, permission_id", "II", 2, 2 },
  [WARD_GUARD_FACTOR_POLICY] = { "factor_policy", "role_id, needs_badge, needs_key, needs_totp, needs_uv", "IIIII", 5, 1 },
  [WARD_GUARD_POLICY_SETTINGS] = { "policy_settings", "name, value", "TI", 2, 1 },
  [WARD_GUARD_BADGES] = { "badges", "id, user_id, uid_hash, revoked_at", "IIBI", 4, 1 },
  [WARD_GUARD_REENTRY_POLICY] = { "reentry_policy", "role_id, minutes", "II", 2, 1 },
};

static const char *const key_names[WARD_GUARD_N_TABLES][2] = {
  [WARD_GUARD_USERS] = { "id", NULL },
  [WARD_GUARD_USER_ROLES] = { "user_id", "role_id" },
  [WARD_GUARD_ROLE_PERMISSIONS] = { "role_id", "permission_id" },
  [WARD_GUARD_FACTOR_POLICY] = { "role_id", NULL },
  [WARD_GUARD_POLICY_SETTINGS] = { "name", NULL },
  [WARD_GUARD_BADGES] = { "id", NULL },
  [WARD_GUARD_REENTRY_POLICY] = { "role_id", NULL },
};

/* Each value with its type and length: no two different rows read alike.
 * The type is the one the schema declares (both backends store it so); a
 * value planted with another type reads as something no sealed row holds,
 * or, where it converts to one, is still compared by SQL as the other type
 * and so grants nothing. */
static GString *
canonical (WardGuardTable  table,
           WardStmt       *stmt,
           int             first)
{
  GString *text = g_string_new ("wardgate-row-v1\n");

  g_string_append_printf (text, "%s\n", guards[table].name);
  for (guint i = 0; i < guards[table].n_columns; i++)
    {
      int column = first + (int) i;

      if (ward_stmt_column_is_null (stmt, column))
        {
          g_string_append (text, "N\n");
          continue;
        }
      switch (guards[table].types[i])
        {
        case 'I':
          g_string_append_printf (text, "I%" G_GINT64_FORMAT "\n", ward_stmt_column_int64 (stmt, column));
          break;
        case 'B':
          {
            const guint8 *bytes = ward_stmt_column_blob (stmt, column);
            gsize length = ward_stmt_column_bytes (stmt, column);
            g_autofree char *hex = ward_hex_encode (bytes, length);

            g_string_append_printf (text, "B%" G_GSIZE_FORMAT ":%s\n", length, hex);
          }
          break;
        default:
          {
            const char *value = ward_stmt_column_text (stmt, column);
            gsize length = ward_stmt_column_bytes (stmt, column);

            g_string_append_printf (text, "T%" G_GSIZE_FORMAT ":", length);
            g_string_append_len (text, value, (gssize) length);
            g_string_append_c (text, '\n');
          }
          break;
        }
    }
  return text;
}

static void
row_mac (WardStore       *store,
         WardGuardTable   table,
         WardStmt        *stmt,
         int              first,
         guint8           out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autoptr(GString) text = canonical (table, stmt, first);

  ward_install_key_row_mac (ward_store_get_key (store), guards[table].name, text->str, text->len, out);
}

static char *
describe_key (WardGuardTable  table,
              WardStmt       *stmt,
              int             first)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < guards[table].n_keys; i++)
    g_string_append_printf (key, "%s%s=%s", i > 0 ? " " : "", key_names[table][i],
                            ward_stmt_column_text (stmt, first + (int) i));
  return g_string_free (key, FALSE);
}

/* TRUE when the row at @first (its columns, then row_mac) is as Wardgate
 * wrote it. A row that is not is treated by the caller as absent (no grant,
 * no badge) or as the strictest value, and is reported here. */
gboolean
ward_row_guard_check (WardStore      *store,
                      WardGuardTable  table,
                      WardStmt       *stmt,
                      int             first_column)
{
  int mac_column = first_column + (int) guards[table].n_columns;
  guint8 expected[WARD_INSTALL_KEY_MAC_LEN];
  g_autofree char *key = NULL;

  if (ward_stmt_column_is_null (stmt, first_column))
    return FALSE;   /* the outer side of a LEFT JOIN: no row */
  row_mac (store, table, stmt, first_column, expected);
  if (ward_stmt_column_bytes (stmt, mac_column) == WARD_INSTALL_KEY_MAC_LEN
      && CRYPTO_memcmp (ward_stmt_column_blob (stmt, mac_column), expected, sizeof expected) == 0)
    return TRUE;

  key = describe_key (table, stmt, first_column);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE_ID", ward_audit_alert_message_id (WARD_AUDIT_ALERT_ROW_FORGED),
                    "PRIORITY", "2",
                    "WARDGATE_TABLE", guards[table].name,
                    "WARDGATE_ROW", key,
                    "MESSAGE", "Refused a row of %s (%s) that Wardgate did not write: it was changed outside Wardgate",
                    guards[table].name, key);
  return FALSE;
}

/* Recomputes the MAC of the rows @where selects (an SQL condition on the
 * table's own columns; text in it must be quoted with %Q). Every write of a
 * guarded row calls this for exactly the rows it wrote. */
gboolean
ward_row_guard_seal (WardStore       *store,
                     WardGuardTable   table,
                     const char      *where,
                     GError         **error)
{
  const GuardInfo *info = &guards[table];
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s", info->columns, info->name, where);
  g_autoptr(GString) update_sql = g_string_new (NULL);
  WardStmt *select = NULL;
  WardStmt *update = NULL;
  WardStmtResult rc = WARD_STMT_ERROR;

  g_string_printf (update_sql, "UPDATE %s SET row_mac = ?1 WHERE ", info->name);
  for (guint i = 0; i < info->n_keys; i++)
    g_string_append_printf (update_sql, "%s%s = ?%u", i > 0 ? " AND " : "", key_names[table][i], i + 2);

  /* The SELECT names rows by value: prepared for this call only, not
   * kept in the statement cache. */
  select = ward_store_prepare_uncached (store, select_sql, error);
  if (select != NULL)
    update = ward_store_prepare (store, update_sql->str, error);
  if (select == NULL || update == NULL)
    {
      g_clear_pointer (&select, ward_stmt_free);
      return FALSE;
    }
  while ((rc = ward_stmt_step (select)) == WARD_STMT_ROW)
    {
      guint8 mac[WARD_INSTALL_KEY_MAC_LEN];

      row_mac (store, table, select, 0, mac);
      ward_stmt_bind_blob (update, 1, mac, sizeof mac);
      for (guint i = 0; i < info->n_keys; i++)
        {
          if (info->types[i] == 'I')
            ward_stmt_bind_int64 (update, (int) i + 2, ward_stmt_column_int64 (select, (int) i));
          else
            ward_stmt_bind_text (update, (int) i + 2, ward_stmt_column_text (select, (int) i));
        }
      rc = ward_stmt_step (update);
      if (rc == WARD_STMT_ERROR)
        ward_store_set_error (store, 0, error);
      ward_stmt_reset (update);
      if (rc == WARD_STMT_ERROR)
        break;
    }
  if (rc == WARD_STMT_ERROR && (error == NULL || *error == NULL))
    ward_store_set_error (store, 0, error);
  ward_stmt_free (select);
  return rc != WARD_STMT_ERROR;
}

/* Only right after this process applied a migration: the rows the
 * migration itself inserted (roles' grants, default policy) get their MAC.
 * At any other time an unsealed row is someone else's and stays refused. */
gboolean
ward_row_guard_seal_unsealed (WardStore  *store,
                              GError    **error)
{
  for (guint i = 0; i < WARD_GUARD_N_TABLES; i++)
    if (!ward_row_guard_seal (store, i, "row_mac IS NULL", error))
      return FALSE;
  return TRUE;
}
