/* ward-stmt-args-private.h: statements run with their parameters and rows read into their records, given as lists (data/ only) */
#pragma once

#include "data/ward-stmt-private.h"

G_BEGIN_DECLS

/* A statement's parameters and a row's columns given as lists, so a store
 * module states its SQL and its row mapping and nothing else. Parameters
 * are bound as ?1, ?2, … and columns read as 0, 1, … in list order; the
 * macros keep the C types checked (a gint64 field cannot be read as text).
 * WARD_ARGS and WARD_COLUMNS end their lists with the WARD_VALUE_END mark. */
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

G_END_DECLS
