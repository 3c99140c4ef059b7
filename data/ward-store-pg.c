/* ward-store-pg.c: the shared backend: one PostgreSQL server (libpq) for every kiosk of a hospital */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "data/ward-migrations.h"
#include "data/ward-schema-pg.h"
#include "data/ward-store-location.h"
#include "data/ward-store-pg.h"

/* Type OIDs of the server's catalogue (pg_type.h is not a client header). */
#define BYTEA_OID   17
#define INT8_OID    20
#define TEXT_OID    25
#define FLOAT8_OID  701

typedef struct
{
  WardBackend  parent;
  PGconn      *conn;
  char        *conninfo;
  char        *sqlstate;
  char        *detail;
  gboolean     unreachable;
  gint64       changes;
  gint64       retry_after_us;   /* monotonic; 0: try at once */
  guint        generation;       /* of the connection: prepared statements die with it */
  guint        next_name;
} PgBackend;

/* A server that timed out (rather than refusing at once) is not asked
 * again for a while: the kiosk checks its session every second, and must
 * not freeze 2 s each time while the network is down. */
#define SLOW_FAILURE_US   (500 * G_TIME_SPAN_MILLISECOND)
#define RETRY_PAUSE_US    (5 * G_USEC_PER_SEC)

typedef struct
{
  WardStmt     parent;
  char        *sql;
  int          n_params;
  char       **values;
  int         *lengths;
  int         *formats;
  Oid         *types;
  PGresult    *result;
  int          row;
  GPtrArray   *blobs;     /* per column of the current row, decoded */
  guint        runs;
  char        *name;      /* prepared on the server under this name … */
  Oid         *prepared_types;
  guint        prepared_generation;   /* … on this connection (0: not prepared) */
} PgStmt;

#define PG(backend) ((PgBackend *) (backend))
#define PGSTMT(s)   ((PgStmt *) (s))

static void
remember_result (PgBackend      *self,
                 const PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (self->conn);

  g_free (self->sqlstate);
  g_free (self->detail);
  self->sqlstate = g_strdup (state != NULL ? state : "");
  self->detail = g_strdup (message != NULL ? message : "");
  self->unreachable = PQstatus (self->conn) != CONNECTION_OK
                   || g_str_has_prefix (self->sqlstate, "08")
                   || g_str_has_prefix (self->sqlstate, "57P");
  /* The server's own words may quote values: debug log only. */
  g_debug ("PostgreSQL error %s: %s", self->sqlstate, self->detail);
}

static void
set_unreachable (GError **error)
{
  g_set_error_literal (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE,
                       _("Sign-in is unavailable: the kiosk cannot reach the staff database. Call IT."));
}

static void
pg_last_error (WardBackend  *backend,
               GError      **error)
{
  PgBackend *self = PG (backend);
  const char *state = self->sqlstate != NULL ? self->sqlstate : "";
  const char *detail = self->detail != NULL ? self->detail : "";

  if (self->unreachable)
    set_unreachable (error);
  else if (strstr (detail, "wardgate:last-admin") != NULL)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN,
                 _("This is the last active administrator. Make someone else an administrator first."));
  else if (strstr (detail, "wardgate:disabled") != NULL)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_DISABLED,
                 _("This account is disabled. Enable it before enrolling a badge, key or app for it."));
  else if (strstr (detail, "wardgate:audit-sequence") != NULL)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                 _("Audit records are numbered one after another; this one was refused."));
  else if (strstr (detail, "wardgate:immutable") != NULL)
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                 _("Roles and grants are added and removed, never rewritten."));
  else if (g_str_equal (state, "23505"))
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS, _("This already exists."));
  else if (g_str_has_prefix (state, "23") || g_str_equal (state, "P0001"))
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                 _("The change breaks a rule of the database and was not saved."));
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_BUSY,
                 _("The database is busy; nothing was saved. Try again in a moment."));
  else if (g_str_equal (state, "53100"))
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FULL,
                 _("The database server's disk is full, so nothing was saved. Call IT."));
  else if (g_str_equal (state, "42501"))
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_READ_ONLY,
                 _("The database refused this to the kiosk's database role; nothing was saved. Call IT."));
  else
    g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED,
                 _("The database %s failed (%s); nothing was saved."), backend->location, state);
}

static void
pg_free (WardBackend *backend)
{
  PgBackend *self = PG (backend);

  if (self->conn != NULL)
    PQfinish (self->conn);
  g_free (self->conninfo);
  g_free (self->sqlstate);
  g_free (self->detail);
  g_free (backend->location);
  g_free (self);
}

/* `?` and `?N` become `$N`; text in quotes and comments is left alone. */
static char *
translate_placeholders (const char *sql,
                        int        *n_params)
{
  GString *out = g_string_new (NULL);
  int highest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          const char *end = strchr (p + 1, *p);

          if (end == NULL)
            end = p + strlen (p) - 1;
          g_string_append_len (out, p, end - p + 1);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          if (end == NULL)
            break;
          g_string_append_len (out, p, end - p + 1);
          p = end;
        }
      else if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              number = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = highest + 1;
          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p);
    }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

static WardStmt *
pg_prepare (WardBackend  *backend,
            const char   *sql,
            GError      **error)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.backend = backend;
  stmt->sql = translate_placeholders (sql, &stmt->n_params);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->lengths = g_new0 (int, stmt->n_params + 1);
  stmt->formats = g_new0 (int, stmt->n_params + 1);
  stmt->types = g_new0 (Oid, stmt->n_params + 1);
  stmt->row = -1;
  stmt->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return &stmt->parent;
}

static gboolean
check_result (PgBackend  *self,
              PGresult   *result,
              GError    **error)
{
  ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  remember_result (self, result);
  pg_last_error (&self->parent, error);
  return FALSE;
}

static gboolean
pg_exec (WardBackend  *backend,
         const char   *sql,
         GError      **error)
{
  PgBackend *self = PG (backend);
  PGresult *result = PQexec (self->conn, sql);
  gboolean ok = check_result (self, result, error);

  /* COMMIT of a transaction a failed statement had doomed answers
   * "ROLLBACK", not an error: nothing was saved, and the caller must know. */
  if (ok && g_str_equal (sql, "COMMIT") && g_strcmp0 (PQcmdStatus (result), "ROLLBACK") == 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED,
                   _("The database %s undid the change after an error; nothing was saved."), backend->location);
      ok = FALSE;
    }
  PQclear (result);
  return ok;
}

/* READ COMMITTED, no lock of its own: concurrent sign-ins at different
 * beds run side by side. What must not interleave locks itself: a
 * person's counters (pg_lock), the audit chain's head (its row, FOR
 * UPDATE), the last-administrator rules (inside their triggers). */
static gboolean
pg_begin (WardBackend  *backend,
          GError      **error)
{
  return pg_exec (backend, "BEGIN", error);
}

static gboolean
pg_lock (WardBackend  *backend,
         gint64        key,
         GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pg_advisory_xact_lock (%" G_GINT64_FORMAT ")", key);

  return pg_exec (backend, sql, error);
}

static gboolean
pg_in_transaction (WardBackend *backend)
{
  PGTransactionStatusType status = PQtransactionStatus (PG (backend)->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static gint64
pg_changes (WardBackend *backend)
{
  return PG (backend)->changes;
}

static int
pg_schema_version (WardBackend  *backend,
                   GError      **error)
{
  PgBackend *self = PG (backend);
  PGresult *result = PQexec (self->conn,
      "SELECT coalesce ((SELECT version FROM schema_version WHERE id = 1), 0)");
  int version = -1;

  if (check_result (self, result, error))
    version = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return version;
}

static gboolean
pg_set_schema_version (WardBackend  *backend,
                       int           version,
                       GError      **error)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO schema_version (id, version) VALUES (1, %d)"
      " ON CONFLICT (id) DO UPDATE SET version = excluded.version", version);

  return pg_exec (backend, sql, error);
}

/* Kiosks connect as members of wardgate_kiosk: they read and write what a
 * sign-in and a device change need, append to the audit trail, and can
 * neither rewrite it nor touch the schema (they own nothing). */
const char ward_backend_pg_grants_sql[] =
  "DO $$ BEGIN\n"
  "  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'wardgate_kiosk') THEN\n"
  "    GRANT USAGE ON SCHEMA wardgate TO wardgate_kiosk;\n"
  "    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA wardgate TO wardgate_kiosk;\n"
  "    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA wardgate TO wardgate_kiosk;\n"
  "    REVOKE UPDATE, DELETE, TRUNCATE ON wardgate.audit FROM wardgate_kiosk;\n"
  "    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON wardgate.schema_version FROM wardgate_kiosk;\n"
  "    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON wardgate.install FROM wardgate_kiosk;\n"
  "    REVOKE DELETE, TRUNCATE ON wardgate.audit_anchor FROM wardgate_kiosk;\n"
  "    IF to_regclass ('wardgate.schema_seal') IS NOT NULL THEN\n"
  "      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON wardgate.schema_seal FROM wardgate_kiosk;\n"
  "    END IF;\n"
  "  END IF;\n"
  "END $$;\n";

static gboolean
pg_after_migrations (WardBackend  *backend,
                     GError      **error)
{
  return pg_exec (backend, ward_backend_pg_grants_sql, error);
}

static void
ignore_notice (void       *arg,
               const char *message)
{
}

/* Every session names its schema itself, whatever the role's defaults. */
static gboolean
configure_session (PgBackend  *self,
                   GError    **error)
{
  PQsetNoticeProcessor (self->conn, ignore_notice, NULL);
  return pg_exec (&self->parent,
                  "SET search_path TO wardgate; SET TIME ZONE 'UTC'; SET client_min_messages TO warning",
                  error);
}

static gboolean
pg_ensure_connected (WardBackend  *backend,
                     GError      **error)
{
  PgBackend *self = PG (backend);
  gint64 started;

  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  started = g_get_monotonic_time ();
  if (started < self->retry_after_us)
    {
      set_unreachable (error);
      return FALSE;
    }
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_debug ("Reconnecting to %s failed: %s", backend->location, PQerrorMessage (self->conn));
      if (g_get_monotonic_time () - started > SLOW_FAILURE_US)
        self->retry_after_us = g_get_monotonic_time () + RETRY_PAUSE_US;
      set_unreachable (error);
      return FALSE;
    }
  self->retry_after_us = 0;
  self->generation++;
  g_info ("Connected again to the database %s", backend->location);
  return configure_session (self, error);
}

static void
clear_values (PgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->lengths[i] = 0;
      stmt->formats[i] = 0;
      stmt->types[i] = 0;
    }
}

static void
pg_stmt_reset (WardStmt *parent)
{
  PgStmt *stmt = PGSTMT (parent);

  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  g_ptr_array_set_size (stmt->blobs, 0);
  clear_values (stmt);
}

static void
pg_stmt_free (WardStmt *parent)
{
  PgStmt *stmt = PGSTMT (parent);

  pg_stmt_reset (parent);
  g_free (stmt->sql);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt->types);
  g_free (stmt->name);
  g_free (stmt->prepared_types);
  g_ptr_array_unref (stmt->blobs);
  g_free (stmt);
}

/* A statement run again (the cached ones: nearly all) is parsed and
 * planned once per connection, with the parameter types of its first
 * runs; a run with other types (a NULL where a number was) is sent whole. */
static PGresult *
run (PgBackend *self,
     PgStmt    *stmt)
{
  gsize types_size = sizeof (Oid) * (gsize) (stmt->n_params + 1);

  if (++stmt->runs >= 2 && stmt->prepared_generation != self->generation)
    {
      PGresult *prepared;

      if (stmt->name == NULL)
        stmt->name = g_strdup_printf ("ward%u", ++self->next_name);
      prepared = PQprepare (self->conn, stmt->name, stmt->sql, stmt->n_params, stmt->types);
      if (PQresultStatus (prepared) == PGRES_COMMAND_OK)
        {
          g_free (stmt->prepared_types);
          stmt->prepared_types = g_memdup2 (stmt->types, types_size);
          stmt->prepared_generation = self->generation;
        }
      else
        {
          /* Prepared again under a new name next time. */
          g_clear_pointer (&stmt->name, g_free);
          stmt->prepared_generation = 0;
        }
      PQclear (prepared);
    }
  if (stmt->prepared_generation == self->generation && stmt->prepared_generation != 0
      && memcmp (stmt->prepared_types, stmt->types, types_size) == 0)
    return PQexecPrepared (self->conn, stmt->name, stmt->n_params,
                           (const char *const *) stmt->values, stmt->lengths, stmt->formats, 0);
  return PQexecParams (self->conn, stmt->sql, stmt->n_params, stmt->types,
                       (const char *const *) stmt->values, stmt->lengths, stmt->formats, 0);
}

static WardStmtResult
pg_stmt_step (WardStmt *parent)
{
  PgStmt *stmt = PGSTMT (parent);
  PgBackend *self = PG (parent->backend);

  g_ptr_array_set_size (stmt->blobs, 0);
  if (stmt->result == NULL)
    {
      PGresult *result = run (self, stmt);
      ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;

      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          remember_result (self, result);
          PQclear (result);
          return WARD_STMT_ERROR;
        }
      self->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      stmt->result = result;
      stmt->row = -1;
    }
  if (stmt->row + 1 < PQntuples (stmt->result))
    {
      stmt->row++;
      return WARD_STMT_ROW;
    }
  stmt->row = PQntuples (stmt->result);
  return WARD_STMT_DONE;
}

static void
set_value (PgStmt *stmt, int index, char *value, int length, int format, Oid type)
{
  g_return_if_fail (index >= 1 && index <= stmt->n_params);
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->lengths[index - 1] = length;
  stmt->formats[index - 1] = format;
  stmt->types[index - 1] = type;
}

static void
pg_bind_int64 (WardStmt *stmt, int index, gint64 value)
{
  set_value (PGSTMT (stmt), index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0, INT8_OID);
}

static void
pg_bind_double (WardStmt *stmt, int index, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_value (PGSTMT (stmt), index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), 0, 0, FLOAT8_OID);
}

static void
pg_bind_text (WardStmt *stmt, int index, const char *value)
{
  set_value (PGSTMT (stmt), index, g_strdup (value), 0, 0, value != NULL ? TEXT_OID : 0);
}

static void
pg_bind_blob (WardStmt *stmt, int index, gconstpointer value, gsize length)
{
  /* Binary format: no escaping, the bytes go as they are. */
  set_value (PGSTMT (stmt), index, g_memdup2 (length > 0 ? value : "", MAX (length, 1)),
             (int) length, 1, BYTEA_OID);
}

static void
pg_bind_null (WardStmt *stmt, int index)
{
  set_value (PGSTMT (stmt), index, NULL, 0, 0, 0);
}

static gboolean
pg_column_is_null (WardStmt *parent, int column)
{
  PgStmt *stmt = PGSTMT (parent);

  return stmt->result == NULL || stmt->row < 0 || stmt->row >= PQntuples (stmt->result)
      || PQgetisnull (stmt->result, stmt->row, column);
}

static const char *
pg_column_text (WardStmt *parent, int column)
{
  PgStmt *stmt = PGSTMT (parent);

  if (pg_column_is_null (parent, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

static gint64
pg_column_int64 (WardStmt *stmt, int column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0;
  /* Comparisons come back as booleans. */
  if (g_str_equal (text, "t"))
    return 1;
  if (g_str_equal (text, "f"))
    return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (WardStmt *stmt, int column)
{
  const char *text = pg_column_text (stmt, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

/* bytea arrives in its hex text form, \x0a1b…; decoded once per row. */
static GBytes *
column_bytes_of (WardStmt *parent, int column)
{
  PgStmt *stmt = PGSTMT (parent);
  const char *text = pg_column_text (parent, column);
  GBytes *bytes;

  if ((guint) column < stmt->blobs->len && g_ptr_array_index (stmt->blobs, column) != NULL)
    return g_ptr_array_index (stmt->blobs, column);
  if (text == NULL)
    return NULL;
  if (g_str_has_prefix (text, "\\x"))
    {
      gsize n = (strlen (text) - 2) / 2;
      guint8 *data = g_malloc (MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        data[i] = (guint8) (g_ascii_xdigit_value (text[2 + 2 * i]) << 4 | g_ascii_xdigit_value (text[3 + 2 * i]));
      bytes = g_bytes_new_take (data, n);
    }
  else
    bytes = g_bytes_new (text, strlen (text));
  if ((guint) column >= stmt->blobs->len)
    g_ptr_array_set_size (stmt->blobs, column + 1);
  g_ptr_array_index (stmt->blobs, column) = bytes;
  return bytes;
}

static const guint8 *
pg_column_blob (WardStmt *stmt, int column)
{
  GBytes *bytes = column_bytes_of (stmt, column);

  return bytes != NULL ? g_bytes_get_data (bytes, NULL) : NULL;
}

static gsize
pg_column_bytes (WardStmt *stmt, int column)
{
  GBytes *bytes = column_bytes_of (stmt, column);

  return bytes != NULL ? g_bytes_get_size (bytes) : 0;
}

static const WardBackendClass pg_class = {
  .name = "postgresql",
  .migrations = WARD_MIGRATIONS_PG,
  .free = pg_free,
  .prepare = pg_prepare,
  .exec = pg_exec,
  .begin = pg_begin,
  .lock = pg_lock,
  .in_transaction = pg_in_transaction,
  .last_error = pg_last_error,
  .changes = pg_changes,
  .schema_version = pg_schema_version,
  .set_schema_version = pg_set_schema_version,
  .after_migrations = pg_after_migrations,
  .ensure_connected = pg_ensure_connected,
  .describe_schema = ward_schema_describe_pg,
  .expected_schema = NULL,
  .stmt_free = pg_stmt_free,
  .stmt_reset = pg_stmt_reset,
  .stmt_step = pg_stmt_step,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_blob = pg_bind_blob,
  .bind_null = pg_bind_null,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_blob = pg_column_blob,
  .column_bytes = pg_column_bytes,
};

/* The SQL that prepares an empty database for Wardgate: the kiosks' group
 * role and the schema. Run by `wardgate-admin init`, or printed for a DBA. */
const char ward_backend_pg_setup_sql[] =
  "DO $$ BEGIN\n"
  "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wardgate_kiosk') THEN\n"
  "    CREATE ROLE wardgate_kiosk NOLOGIN;\n"
  "  END IF;\n"
  "END $$;\n"
  "CREATE SCHEMA IF NOT EXISTS wardgate;\n"
  "REVOKE CREATE ON SCHEMA wardgate FROM PUBLIC;\n"
  "CREATE TABLE IF NOT EXISTS wardgate.schema_version (\n"
  "  id      INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  version INTEGER NOT NULL\n"
  ");\n";

static gboolean
query_true (PgBackend   *self,
            const char  *sql,
            gboolean    *value,
            GError     **error)
{
  PGresult *result = PQexec (self->conn, sql);
  gboolean ok = check_result (self, result, error);

  if (ok)
    *value = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);
  return ok;
}

/* Set up means initialised by `wardgate-admin init`, not only given the
 * schema: a DBA may have run the printed SQL, and init then finishes. */
static gboolean
schema_exists (PgBackend  *self,
               gboolean   *exists,
               gboolean   *initialised,
               GError    **error)
{
  *initialised = FALSE;
  if (!query_true (self, "SELECT to_regclass ('wardgate.schema_version') IS NOT NULL", exists, error))
    return FALSE;
  if (!*exists)
    return TRUE;
  return query_true (self, "SELECT to_regclass ('wardgate.install') IS NOT NULL", initialised, error)
      && (!*initialised || query_true (self, "SELECT EXISTS (SELECT 1 FROM wardgate.install)", initialised, error));
}

WardBackend *
ward_backend_pg_open (const char  *conninfo,
                      gboolean     create,
                      GError     **error)
{
  /* Ours first: what the location says wins. connect_timeout bounds how
   * long a kiosk waits for a server that is gone (the nurse is told within
   * 3 s); keepalives notice a connection that silently died. */
  const char *keywords[] = { "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                             "keepalives_count", "tcp_user_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "2", "1", "10", "2", "2", "3000", "wardgate", conninfo, NULL };
  PgBackend *self = g_new0 (PgBackend, 1);
  gboolean exists = FALSE, initialised = FALSE;

  self->parent.klass = &pg_class;
  self->generation = 1;
  self->parent.location = ward_store_location_display (conninfo);
  self->parent.shared = TRUE;
  self->conninfo = g_strdup (conninfo);
  self->conn = PQconnectdbParams (keywords, values, 1);

  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_debug ("Cannot connect to %s: %s", self->parent.location, PQerrorMessage (self->conn));
      set_unreachable (error);
      pg_free (&self->parent);
      return NULL;
    }
  if (!schema_exists (self, &exists, &initialised, error))
    {
      pg_free (&self->parent);
      return NULL;
    }
  if (!initialised && !create)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                   _("There is no Wardgate database at %s. Run “wardgate-admin init” first."),
                   self->parent.location);
      pg_free (&self->parent);
      return NULL;
    }
  if ((!exists && !pg_exec (&self->parent, ward_backend_pg_setup_sql, error))
      || !configure_session (self, error))
    {
      g_prefix_error (error, "%s ", _("Setting up the database failed:"));
      pg_free (&self->parent);
      return NULL;
    }
  return &self->parent;
}
