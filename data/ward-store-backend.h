/* ward-store-backend.h: what an SQL engine provides to WardStore (SQLite, PostgreSQL) */
#pragma once

#include "data/ward-stmt-private.h"

G_BEGIN_DECLS

typedef struct _WardBackend      WardBackend;
typedef struct _WardBackendClass WardBackendClass;

struct _WardBackendClass
{
  const char *name;
  /* Resource folder of this dialect's numbered migrations. */
  const char *migrations;

  void           (*free)            (WardBackend *self);
  WardStmt      *(*prepare)         (WardBackend *self, const char *sql, GError **error);
  gboolean       (*exec)            (WardBackend *self, const char *sql, GError **error);
  /* The outermost transaction. SQLite: the file's write lock at once, which
   * covers every read-then-write step; a server: nothing more than a
   * transaction (each step takes what it needs: ward_store_lock, rows). */
  gboolean       (*begin)           (WardBackend *self, GError **error);
  /* Holds @key until the transaction ends (nothing where begin already
   * holds the whole database). */
  gboolean       (*lock)            (WardBackend *self, gint64 key, GError **error);
  gboolean       (*in_transaction)  (WardBackend *self);
  void           (*last_error)      (WardBackend *self, GError **error);
  gint64         (*changes)         (WardBackend *self);
  /* -1 with @error set when it cannot be read. */
  int            (*schema_version)  (WardBackend *self, GError **error);
  gboolean       (*set_schema_version) (WardBackend *self, int version, GError **error);
  /* Run after every migration, in the same transaction (grants). */
  gboolean       (*after_migrations) (WardBackend *self, GError **error);
  /* Called before a statement or transaction outside any transaction: a
   * server connection that dropped is opened again here. */
  gboolean       (*ensure_connected) (WardBackend *self, GError **error);
  /* Every schema object as one line of text, sorted (see ward-schema.c). */
  GPtrArray     *(*describe_schema)  (WardBackend *self, GError **error);
  /* What the migrations make in an empty database of this engine, when it
   * can be built here (SQLite: in memory); NULL when only a description
   * sealed at migration time can say it (a server). */
  GPtrArray     *(*expected_schema)  (GError **error);

  void           (*stmt_free)       (WardStmt *stmt);
  void           (*stmt_reset)      (WardStmt *stmt);
  WardStmtResult (*stmt_step)       (WardStmt *stmt);
  void           (*bind_int64)      (WardStmt *stmt, int index, gint64 value);
  void           (*bind_double)     (WardStmt *stmt, int index, double value);
  void           (*bind_text)       (WardStmt *stmt, int index, const char *value);
  void           (*bind_blob)       (WardStmt *stmt, int index, gconstpointer value, gsize length);
  void           (*bind_null)       (WardStmt *stmt, int index);
  gboolean       (*column_is_null)  (WardStmt *stmt, int column);
  gint64         (*column_int64)    (WardStmt *stmt, int column);
  double         (*column_double)   (WardStmt *stmt, int column);
  const char    *(*column_text)     (WardStmt *stmt, int column);
  const guint8  *(*column_blob)     (WardStmt *stmt, int column);
  gsize          (*column_bytes)    (WardStmt *stmt, int column);
};

struct _WardBackend
{
  const WardBackendClass *klass;
  char                   *location;   /* as shown to people: never a password */
  gboolean                shared;
};

struct _WardStmt
{
  WardBackend *backend;
};

/* A store over @backend, which it takes; ward_store_open migrates and
 * checks it before anyone else sees it. */
WardStore   *ward_store_new_for_backend (WardBackend    *backend,
                                         WardInstallKey *key,
                                         WardClock      *clock,
                                         const char     *kiosk_id);
WardBackend *ward_store_get_backend     (WardStore      *store);

G_END_DECLS
