/* ward-store-checks.c: what the store checks before it trusts a database: its owner, its folder, its key */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/crypto.h>

#include "data/ward-audit.h"
#include "data/ward-store-private.h"

/* A database another local user planted (or can rewrite) is not ours: the
 * kiosk and the command line would trust its accounts and grants. */
gboolean
ward_store_check_owner (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st, dir_st;

  if (g_stat (path, &st) != 0 || g_stat (dir, &dir_st) != 0)
    return TRUE;   /* inspect_existing says why it cannot be read */
  if (st.st_uid != geteuid () && st.st_uid != 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                   _("The database %s belongs to another user; it was not used."), path);
      return FALSE;
    }
  if ((dir_st.st_mode & 0022) != 0 && !(dir_st.st_mode & S_ISVTX))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                   _("Other users may replace files in the folder %s; the database was not used. "
                     "Restrict it with “chmod 700”."), dir);
      return FALSE;
    }
  return TRUE;
}

void
ward_store_set_wrong_key_error (WardStore  *self,
                     GError    **error)
{
  g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_WRONG_KEY,
               _("The install key %s is not the key of the database %s; nothing was changed. "
                 "Use the key that was made with this database (restore it from the backup)."),
               ward_install_key_get_path (ward_store_get_key (self)), ward_store_get_path (self));
}

/* A wrong key would be accepted silently and every write with it would
 * break the chain or seal secrets nobody can open. The check value is
 * adopted once, when the database has none yet (new, or from before it was
 * kept), and only if the key opens the audit chain's first record. */
gboolean
ward_store_check_install_key (WardStore  *self,
                   GError    **error)
{
  g_autoptr(WardStoreStmt) read = ward_store_prepare (self, "SELECT key_check FROM install WHERE id = 1", error);
  guint8 check[WARD_INSTALL_KEY_MAC_LEN];
  int rc;

  if (read == NULL)
    return FALSE;
  ward_install_key_check_value (ward_store_get_key (self), check);
  rc = ward_stmt_step (read);
  if (rc == WARD_STMT_ROW && !ward_stmt_column_is_null (read, 0))
    {
      if (ward_stmt_column_bytes (read, 0) == sizeof check
          && CRYPTO_memcmp (ward_stmt_column_blob (read, 0), check, sizeof check) == 0)
        return TRUE;
      goto wrong_key;
    }
  if (rc != WARD_STMT_ROW && rc != WARD_STMT_DONE)
    {
      ward_store_set_error (self, rc, error);
      return FALSE;
    }
  ward_stmt_reset (read);
  if (!ward_audit_key_opens_chain (self))
    goto wrong_key;
  {
    g_autoptr(WardStoreStmt) adopt = ward_store_prepare (self,
        "UPDATE install SET key_check = ? WHERE id = 1 AND key_check IS NULL", error);

    if (adopt == NULL)
      return FALSE;
    ward_stmt_bind_blob (adopt, 1, check, sizeof check);
    return ward_store_step_done (self, adopt, error);
  }

wrong_key:
  ward_store_set_wrong_key_error (self, error);
  return FALSE;
}

