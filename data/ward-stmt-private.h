/* ward-stmt-private.h: the backend-neutral statement API shared by the modules of data/ only */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

/* A prepared statement of either backend. SQL is written once, with `?` or
 * `?N` placeholders, in the subset both SQLite and PostgreSQL understand
 * (ON CONFLICT, RETURNING, coalesce, COLLATE NOCASE); the backend
 * translates the placeholders. */
typedef struct _WardStmt WardStmt;

typedef enum
{
  WARD_STMT_ERROR = -1,
  WARD_STMT_DONE  = 0,
  WARD_STMT_ROW   = 1,
} WardStmtResult;

WardStmt      *ward_store_prepare        (WardStore   *self,
                                          const char  *sql,
                                          GError     **error);
gboolean       ward_store_exec           (WardStore   *self,
                                          const char  *sql,
                                          GError     **error);
gboolean       ward_store_step_done      (WardStore   *self,
                                          WardStmt    *stmt,
                                          GError     **error);
/* For an INSERT … RETURNING id: the new row's id, 0 with @error set. */
gint64         ward_store_step_returning_id (WardStore *self,
                                             WardStmt  *stmt,
                                             GError   **error);
/* The error of the statement that last failed on this connection. */
void           ward_store_set_error      (WardStore   *self,
                                          int          rc,
                                          GError     **error);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
gint64         ward_store_changes        (WardStore   *self);
gboolean       ward_store_require_changed (WardStore  *self,
                                           int         code,
                                           const char *message,
                                           GError    **error);
void           ward_store_defer_until_commit (WardStore      *self,
                                              GDestroyNotify  run,
                                              gpointer        data,
                                              GDestroyNotify  destroy);
/* Now, by the store's clock (a test may set it): the time rows are
 * stamped with. */
gint64         ward_store_now            (WardStore   *self);
/* TRUE on the shared server: modules whose anchors live beside an SQLite
 * file keep them in the database instead. */
gboolean       ward_store_is_shared      (WardStore   *self);

/* For a SELECT that must find its row: TRUE on it; none is the caller's
 * error (@missing_code, a sentence saying what is missing). */
gboolean       ward_store_step_row       (WardStore   *self,
                                          WardStmt    *stmt,
                                          GError     **error,
                                          int          missing_code,
                                          const char  *missing_format,
                                          ...) G_GNUC_PRINTF (5, 6);
/* Makes the record of @stmt's current row. */
typedef gpointer (*WardStmtRowFunc) (WardStmt *stmt);
/* Steps @stmt to its end and collects, in order, what @from_row makes of
 * each row, in an array that frees them with @free_record; NULL with
 * @error set when the database fails. */
GPtrArray     *ward_store_collect_rows   (WardStore       *self,
                                          WardStmt        *stmt,
                                          WardStmtRowFunc  from_row,
                                          GDestroyNotify   free_record,
                                          GError         **error);

/* A statement used once (its text names rows by value): not cached, freed
 * by the caller with ward_stmt_free(). */
WardStmt      *ward_store_prepare_uncached (WardStore  *self,
                                            const char *sql,
                                            GError    **error);
void           ward_stmt_free            (WardStmt    *stmt);
/* @text as an SQL string literal, for the few statements built as text. */
char          *ward_store_quote          (const char  *text);

WardStmtResult ward_stmt_step            (WardStmt    *stmt);
void           ward_stmt_reset           (WardStmt    *stmt);

/* Parameters are numbered from 1; an unbound parameter is NULL. Text and
 * blobs are copied. */
void           ward_stmt_bind_int64      (WardStmt    *stmt,
                                          int          index,
                                          gint64       value);
void           ward_stmt_bind_double     (WardStmt    *stmt,
                                          int          index,
                                          double       value);
void           ward_stmt_bind_text       (WardStmt    *stmt,
                                          int          index,
                                          const char  *value);
void           ward_stmt_bind_blob       (WardStmt    *stmt,
                                          int          index,
                                          gconstpointer value,
                                          gsize        length);
void           ward_stmt_bind_null       (WardStmt    *stmt,
                                          int          index);
/* NULL when @value is NULL. */
void           ward_stmt_bind_text_or_null (WardStmt  *stmt,
                                            int        index,
                                            const char *value);
/* A row id, or NULL for 0: nobody (the machine's owner at bootstrap, or
 * someone from before it was kept). */
void           ward_stmt_bind_id         (WardStmt    *stmt,
                                          int          index,
                                          gint64       id);

/* Columns are numbered from 0, valid until the next step or reset. */
gboolean       ward_stmt_column_is_null  (WardStmt    *stmt,
                                          int          column);
gint64         ward_stmt_column_int64    (WardStmt    *stmt,
                                          int          column);
int            ward_stmt_column_int      (WardStmt    *stmt,
                                          int          column);
double         ward_stmt_column_double   (WardStmt    *stmt,
                                          int          column);
const char    *ward_stmt_column_text     (WardStmt    *stmt,
                                          int          column);
const guint8  *ward_stmt_column_blob     (WardStmt    *stmt,
                                          int          column);
gsize          ward_stmt_column_bytes    (WardStmt    *stmt,
                                          int          column);
/* A copy of the text, NULL for NULL. */
char          *ward_stmt_dup_text        (WardStmt    *stmt,
                                          int          column);

/* Statements are cached and reset by the caller with this cleanup. */
static inline void
ward_store_stmt_reset (WardStmt *stmt)
{
  if (stmt != NULL)
    ward_stmt_reset (stmt);
}
typedef WardStmt WardStoreStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardStoreStmt, ward_store_stmt_reset)

G_END_DECLS
