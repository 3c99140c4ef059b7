/* ward-audit-anchor.c: the MAC'd record of the audit chain's newest row, kept beside the database */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <openssl/crypto.h>

#include "data/ward-audit-anchor-private.h"
#include "data/ward-hex.h"
#include "data/ward-stmt-private.h"

#define HEAD_MAGIC "wardgate-audit-head-v1"

/* The newest record's number and hash, MAC'd under the install key, kept
 * beside the database: deleting the newest rows (which leaves an intact
 * chain behind) does not go unnoticed, and without the key the anchor
 * cannot be rewritten to match. It sits beside the real file, not beside
 * a symbolic link to it: one database, one anchor. */
char *
ward_audit_anchor_path (WardStore *store)
{
  const char *path = ward_store_get_path (store);
  g_autofree char *resolved = realpath (path, NULL);

  return g_strconcat (resolved != NULL ? resolved : path, ".audit-head", NULL);
}

static void
anchor_mac (WardStore    *store,
            gint64        seq,
            const guint8 *hash,
            guint8        out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autofree char *text = g_strdup_printf (HEAD_MAGIC "\n%" G_GINT64_FORMAT "\n", seq);

  ward_install_key_audit_mac (ward_store_get_key (store), hash, WARD_INSTALL_KEY_MAC_LEN, text, strlen (text), out);
}

/* On a server there is no file beside the database, and every kiosk must
 * see the same anchor: it is the row audit_anchor, moved in the transaction
 * that appends (ward_audit_anchor_hold, _move). Only a holder of the site
 * key can forge its MAC. */
static WardAuditAnchorState
read_shared (WardStore *store,
             gint64    *seq,
             guint8     hash[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, "SELECT seq, hash, mac FROM audit_anchor WHERE id = 1", NULL);
  guint8 mac[WARD_INSTALL_KEY_MAC_LEN];
  WardStmtResult rc;

  if (stmt == NULL)
    return WARD_AUDIT_ANCHOR_FORGED;
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_DONE)
    return WARD_AUDIT_ANCHOR_MISSING;
  if (rc != WARD_STMT_ROW || ward_stmt_column_bytes (stmt, 1) != WARD_INSTALL_KEY_MAC_LEN
      || ward_stmt_column_bytes (stmt, 2) != WARD_INSTALL_KEY_MAC_LEN)
    return WARD_AUDIT_ANCHOR_FORGED;
  *seq = ward_stmt_column_int64 (stmt, 0);
  memcpy (hash, ward_stmt_column_blob (stmt, 1), WARD_INSTALL_KEY_MAC_LEN);
  anchor_mac (store, *seq, hash, mac);
  return CRYPTO_memcmp (mac, ward_stmt_column_blob (stmt, 2), sizeof mac) == 0 ? WARD_AUDIT_ANCHOR_OK
                                                                                : WARD_AUDIT_ANCHOR_FORGED;
}

/* On a server, appenders from every kiosk take turns at the chain head
 * only: the anchor's row is locked from before the last record is read
 * until the appending transaction ends. Nothing else of the hospital waits
 * for it. SQLite's BEGIN IMMEDIATE already holds the whole file. */
gboolean
ward_audit_anchor_hold (WardStore  *store,
                        GError    **error)
{
  g_autoptr(WardStoreStmt) stmt = NULL;

  if (!ward_store_is_shared (store))
    return TRUE;
  stmt = ward_store_prepare (store, "SELECT seq FROM audit_anchor WHERE id = 1 FOR UPDATE", error);
  return stmt != NULL && ward_store_step_done (store, stmt, error);
}

/* On a server the anchor moves with the record, in the same transaction. */
gboolean
ward_audit_anchor_move (WardStore     *store,
                        gint64         seq,
                        const guint8  *hash,
                        GError       **error)
{
  g_autoptr(WardStoreStmt) stmt = NULL;
  guint8 mac[WARD_INSTALL_KEY_MAC_LEN];

  if (!ward_store_is_shared (store))
    return TRUE;
  stmt = ward_store_prepare (store,
      "INSERT INTO audit_anchor (id, seq, hash, mac) VALUES (1, ?1, ?2, ?3)"
      " ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac"
      " WHERE audit_anchor.seq <= excluded.seq", error);
  if (stmt == NULL)
    return FALSE;
  anchor_mac (store, seq, hash, mac);
  ward_stmt_bind_int64 (stmt, 1, seq);
  ward_stmt_bind_blob (stmt, 2, hash, WARD_INSTALL_KEY_MAC_LEN);
  ward_stmt_bind_blob (stmt, 3, mac, sizeof mac);
  return ward_store_step_done (store, stmt, error);
}

/* MISSING only when there is no file at all; anything there that does not
 * verify under the key is FORGED. */
WardAuditAnchorState
ward_audit_anchor_read (WardStore *store,
                        gint64    *seq,
                        guint8     hash[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autofree char *path = ward_audit_anchor_path (store);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint8 stored_mac[WARD_INSTALL_KEY_MAC_LEN], mac[WARD_INSTALL_KEY_MAC_LEN];
  char *end = NULL;

  *seq = 0;
  if (ward_store_is_shared (store))
    return read_shared (store, seq, hash);
  if (!g_file_get_contents (path, &contents, NULL, &error))
    return g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? WARD_AUDIT_ANCHOR_MISSING
                                                                      : WARD_AUDIT_ANCHOR_FORGED;
  lines = g_strsplit (contents, "\n", -1);
  if (g_strv_length (lines) < 4 || !g_str_equal (lines[0], HEAD_MAGIC)
      || !ward_hex_decode (lines[2], hash, WARD_INSTALL_KEY_MAC_LEN)
      || !ward_hex_decode (lines[3], stored_mac, WARD_INSTALL_KEY_MAC_LEN))
    return WARD_AUDIT_ANCHOR_FORGED;
  *seq = g_ascii_strtoll (lines[1], &end, 10);
  if (end == lines[1] || *end != '\0' || *seq < 0)
    return WARD_AUDIT_ANCHOR_FORGED;
  anchor_mac (store, *seq, hash, mac);
  return CRYPTO_memcmp (mac, stored_mac, sizeof mac) == 0 ? WARD_AUDIT_ANCHOR_OK : WARD_AUDIT_ANCHOR_FORGED;
}

/* Called after the append committed (and with seq 0 and a zero hash when
 * the database is created, so that an anchor exists before the first
 * record: a missing one then always means a removed one, even while the
 * first appender has committed but not yet written it). Several processes
 * append: the anchor only ever moves forward. */
void
ward_audit_anchor_write (WardStore    *store,
                         gint64        seq,
                         const guint8 *hash)
{
  g_autofree char *path = ward_audit_anchor_path (store);
  g_autofree char *hash_text = NULL;
  g_autofree char *mac_text = NULL;
  g_autofree char *contents = NULL;
  guint8 current_hash[WARD_INSTALL_KEY_MAC_LEN], mac[WARD_INSTALL_KEY_MAC_LEN];
  gint64 current = 0;

  if (ward_store_is_shared (store))
    {
      if (seq == 0 && !ward_audit_anchor_move (store, 0, hash, NULL))
        g_warning ("Could not record the audit anchor of %s", ward_store_get_path (store));
      return;
    }
  if (ward_audit_anchor_read (store, &current, current_hash) == WARD_AUDIT_ANCHOR_OK && current >= seq
      && !(seq == 0 && current == 0))
    return;
  anchor_mac (store, seq, hash, mac);
  hash_text = ward_hex_encode (hash, WARD_INSTALL_KEY_MAC_LEN);
  mac_text = ward_hex_encode (mac, WARD_INSTALL_KEY_MAC_LEN);
  contents = g_strdup_printf (HEAD_MAGIC "\n%" G_GINT64_FORMAT "\n%s\n%s\n", seq, hash_text, mac_text);
  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_warning ("Could not update the audit anchor %s", path);
}
