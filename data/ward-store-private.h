/* ward-store-private.h: SQLite access shared by the modules of data/ only */
#pragma once

#include <sqlite3.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

sqlite3_stmt *ward_store_prepare        (WardStore   *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      ward_store_exec           (WardStore   *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      ward_store_step_done      (WardStore     *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
void          ward_store_set_error      (WardStore   *self,
                                         int          rc,
                                         GError     **error);
sqlite3      *ward_store_get_handle     (WardStore   *self);
gboolean      ward_store_require_changed (WardStore  *self,
                                          int         code,
                                          const char *message,
                                          GError    **error);
void          ward_store_defer_until_commit (WardStore      *self,
                                             GDestroyNotify  run,
                                             gpointer        data,
                                             GDestroyNotify  destroy);

gboolean      ward_store_check_owner    (const char  *path,
                                         GError     **error);
gboolean      ward_store_check_install_key (WardStore *self,
                                            GError   **error);
void          ward_store_set_wrong_key_error (WardStore *self,
                                              GError   **error);

/* Statements are cached and reset by the caller with this cleanup. */
static inline void
ward_store_stmt_reset (sqlite3_stmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}
typedef sqlite3_stmt WardStoreStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardStoreStmt, ward_store_stmt_reset)

G_END_DECLS
