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

/* A statement's parameters and a row's columns given as lists, so a store
 * module states its SQL and its row mapping and nothing else. Parameters
 * are bound as ?1, ?2, … and columns read as 0, 1, … in list order; the
 * macros keep the C types checked (a gint64 field cannot be read as text).
 * Lists end with WARD_END, which WARD_ARGS and WARD_COLUMNS add. */
typedef enum
{
  WARD_VALUE_END = 0,
  WARD_VALUE_INT64,
  WARD_VALUE_INT,
  WARD_VALUE_BOOL,
  WARD_VALUE_DOUBLE,
  WARD_VALUE_TEXT,
  WARD_VALUE_TEXT_OR_NULL,
  WARD_VALUE_ID,
  WARD_VALUE_BLOB,
  WARD_VALUE_BYTES,
  WARD_VALUE_DOUBLE_OR_NULL,
} WardValueKind;

typedef struct
{
  WardValueKind kind;
  gint64        number;
  double        real;
  const char   *text;
  gconstpointer data;
  gsize         size;
  GBytes       *bytes;
} WardArg;

#define WARD_ARGS(...)            ((const WardArg[]) { __VA_ARGS__, { .kind = WARD_VALUE_END } })
#define WARD_NO_ARGS              ((const WardArg[]) { { .kind = WARD_VALUE_END } })
#define WARD_ARG_INT64(v)         { .kind = WARD_VALUE_INT64, .number = (gint64) (v) }
#define WARD_ARG_BOOL(v)          { .kind = WARD_VALUE_INT64, .number = (v) ? 1 : 0 }
#define WARD_ARG_DOUBLE(v)        { .kind = WARD_VALUE_DOUBLE, .real = (v) }
/* @v when @present, else NULL. */
#define WARD_ARG_DOUBLE_IF(present, v) { .kind = WARD_VALUE_DOUBLE_OR_NULL, .number = (present) ? 1 : 0, .real = (v) }
#define WARD_ARG_TEXT(v)          { .kind = WARD_VALUE_TEXT, .text = (v) }
#define WARD_ARG_TEXT_OR_NULL(v)  { .kind = WARD_VALUE_TEXT_OR_NULL, .text = (v) }
/* A row id, or NULL for 0 (see ward_stmt_bind_id). */
#define WARD_ARG_ID(v)            { .kind = WARD_VALUE_ID, .number = (gint64) (v) }
#define WARD_ARG_BLOB(p, n)       { .kind = WARD_VALUE_BLOB, .data = (p), .size = (n) }
/* NULL for a NULL GBytes. */
#define WARD_ARG_BYTES(b)         { .kind = WARD_VALUE_BYTES, .bytes = (b) }

typedef struct
{
  WardValueKind kind;
  gpointer      target;
} WardColumn;

/* Each column macro passes its pointer through one of these, so the
 * compiler checks that the field has the column's C type. */
static inline gpointer ward_column_int64_target (gint64 *target)   { return target; }
static inline gpointer ward_column_int_target   (int *target)      { return target; }
static inline gpointer ward_column_bool_target  (gboolean *target) { return target; }
static inline gpointer ward_column_double_target (double *target)  { return target; }
static inline gpointer ward_column_text_target  (char **target)    { return target; }
static inline gpointer ward_column_bytes_target (GBytes **target)  { return target; }

#define WARD_COLUMNS(...)         ((const WardColumn[]) { __VA_ARGS__, { WARD_VALUE_END, NULL } })
/* For a row whose being there is the answer. */
#define WARD_NO_COLUMNS           ((const WardColumn[]) { { WARD_VALUE_END, NULL } })
#define WARD_COL_INT64(p)         { WARD_VALUE_INT64, ward_column_int64_target (p) }
#define WARD_COL_INT(p)           { WARD_VALUE_INT, ward_column_int_target (p) }
/* Non-zero is TRUE. */
#define WARD_COL_BOOL(p)          { WARD_VALUE_BOOL, ward_column_bool_target (p) }
#define WARD_COL_DOUBLE(p)        { WARD_VALUE_DOUBLE, ward_column_double_target (p) }
/* A copy, NULL for NULL. */
#define WARD_COL_TEXT(p)          { WARD_VALUE_TEXT, ward_column_text_target (p) }
/* A new GBytes, NULL for NULL. */
#define WARD_COL_BYTES(p)         { WARD_VALUE_BYTES, ward_column_bytes_target (p) }

void           ward_stmt_bind_args       (WardStmt          *stmt,
                                          const WardArg     *args);
void           ward_stmt_read_columns    (WardStmt          *stmt,
                                          const WardColumn  *columns);
/* The cached statement for @sql with @args bound, for the caller to step
 * (and reset, with g_autoptr(WardStoreStmt)); NULL with @error set. */
WardStmt      *ward_store_query          (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          GError           **error);
/* Runs an INSERT, UPDATE or DELETE with @args. */
gboolean       ward_store_run            (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          GError           **error);
/* The same, for one that must touch a row: none touched is the caller's
 * error (@code, @message). */
gboolean       ward_store_run_changing   (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          int                code,
                                          const char        *message,
                                          GError           **error);
/* Runs an INSERT … RETURNING with @args: the first column of the one row
 * it returns (the new row's id, a counter), 0 with @error set. */
gint64         ward_store_insert         (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          GError           **error);
/* The same, for a row that must be new: a unique key already taken is
 * the caller's sentence (WARD_STORE_ERROR_EXISTS, @exists_format). */
gint64         ward_store_insert_new     (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          GError           **error,
                                          const char        *exists_format,
                                          ...) G_GNUC_PRINTF (5, 6);
/* Every row of a SELECT with @args, as ward_store_collect_rows makes them. */
GPtrArray     *ward_store_collect        (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          WardStmtRowFunc    from_row,
                                          GDestroyNotify     free_record,
                                          GError           **error);
/* For a SELECT of at most one row: @columns read from it when there is
 * one (*@found says whether, when not NULL; nothing is read when there is
 * none). FALSE with @error set only when the database fails. */
gboolean       ward_store_read_row       (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          const WardColumn  *columns,
                                          gboolean          *found,
                                          GError           **error);
/* The first column of every row of a SELECT with @args, as gint64 ids in
 * order; NULL with @error set when the database fails. */
GArray        *ward_store_collect_ids    (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          GError           **error);
/* For a SELECT of at most one row: what @from_row makes of it; NULL when
 * there is none, or when the database fails (then with @error set). */
gpointer       ward_store_find_row       (WardStore         *self,
                                          const char        *sql,
                                          const WardArg     *args,
                                          WardStmtRowFunc    from_row,
                                          GError           **error);
/* Calls @func on each row of @stmt; FALSE with @error set when the
 * database fails. */
typedef void (*WardStmtEachFunc) (WardStmt *stmt, gpointer data);
gboolean       ward_store_each_row       (WardStore         *self,
                                          WardStmt          *stmt,
                                          WardStmtEachFunc   func,
                                          gpointer           data,
                                          GError           **error);

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
