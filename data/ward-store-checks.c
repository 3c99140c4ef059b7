/* ward-store-checks.c: what the store checks before it trusts a database's key */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>

#include "data/ward-audit.h"
#include "data/ward-stmt-private.h"
#include "data/ward-store-checks-private.h"

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

