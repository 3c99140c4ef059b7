/* ward-store.c: opening a store of either backend: choosing the backend, migrating, checking what it holds */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "data/ward-audit.h"
#include "data/ward-migrations.h"
#include "data/ward-row-guard-private.h"
#include "data/ward-schema-private.h"
#include "data/ward-store.h"
#include "data/ward-store-backend.h"
#include "data/ward-store-checks-private.h"
#include "data/ward-store-location.h"
#include "data/ward-store-pg.h"
#include "data/ward-store-sqlite.h"

char *
ward_store_default_path (void)
{
  const char *from_env = g_getenv ("WARDGATE_DB");

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);
  return g_build_filename (g_get_user_data_dir (), "wardgate", "wardgate.db", NULL);
}

int
ward_store_latest_schema_version (void)
{
  return ward_migrations_latest (WARD_MIGRATIONS_SQLITE);
}

static gboolean
apply_migration (WardStore   *self,
                 const char  *name,
                 int          number,
                 GError     **error)
{
  WardBackend *backend = ward_store_get_backend (self);
  g_autofree char *text = ward_migrations_sql (backend->klass->migrations, name, error);
  int current;

  if (text == NULL)
    return FALSE;

  if (!ward_store_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the lock. */
  if (!ward_store_lock (self, WARD_STORE_LOCK_MIGRATION, 0, error))
    {
      ward_store_rollback (self);
      return FALSE;
    }
  current = backend->klass->schema_version (backend, NULL);
  if (current >= number)
    return ward_store_commit (self, error);

  /* The rows a migration inserts (grants, default policy) get their MAC in
   * the same transaction; afterwards an unsealed row is nobody's. The
   * schema's own description is sealed likewise where the backend keeps
   * one (a server has no build-time copy of it to compare with). */
  if (!ward_store_exec (self, text, error)
      || !backend->klass->set_schema_version (backend, number, error)
      || !backend->klass->after_migrations (backend, error)
      || (number == ward_store_latest_schema_version ()
          && (!ward_row_guard_seal_unsealed (self, error)
              || !ward_schema_seal (self, error))))
    {
      g_prefix_error (error, _("Updating the database to schema %d failed: "), number);
      ward_store_rollback (self);
      return FALSE;
    }
  g_info ("Database %s migrated to schema %d", backend->location, number);
  return ward_store_commit (self, error);
}

static gboolean
migrate (WardStore  *self,
         GError    **error)
{
  WardBackend *backend = ward_store_get_backend (self);
  g_autoptr(GPtrArray) names = ward_migrations_list (backend->klass->migrations);
  int current = backend->klass->schema_version (backend, error);

  if (current < 0)
    return FALSE;
  if (current > ward_store_latest_schema_version ())
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer Wardgate (schema %d, this one knows %d); "
                     "update Wardgate instead. The database was left untouched."),
                   backend->location, current, ward_store_latest_schema_version ());
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      int number = (int) g_ascii_strtoll (name, NULL, 10);

      if (number > current && !apply_migration (self, name, number, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_install (WardStore  *self,
                GError    **error)
{
  g_autofree char *install_id = g_uuid_string_random ();
  g_autoptr(WardStoreStmt) known = ward_store_prepare (self, "SELECT count(*) FROM install", error);
  g_autoptr(WardStoreStmt) stmt = NULL;

  /* Only the first opening writes: a kiosk's database role may not. */
  if (known == NULL || ward_stmt_step (known) != WARD_STMT_ROW)
    {
      if (known != NULL)
        ward_store_set_error (self, 0, error);
      return FALSE;
    }
  if (ward_stmt_column_int64 (known, 0) > 0)
    return TRUE;
  stmt = ward_store_prepare (self,
      "INSERT INTO install (id, install_id, created_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_text (stmt, 1, install_id);
  ward_stmt_bind_int64 (stmt, 2, ward_store_now (self));
  return ward_store_step_done (self, stmt, error);
}

gboolean
ward_store_location_exists (const char  *location,
                            GError     **error)
{
  WardBackend *backend;

  if (!ward_store_location_check (location, error))
    return FALSE;
  if (!ward_store_location_is_server (location))
    {
      if (g_file_test (location, G_FILE_TEST_EXISTS))
        return TRUE;
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                   _("There is no Wardgate database at %s. Run “wardgate-admin init” first."), location);
      return FALSE;
    }
  backend = ward_backend_pg_open (location, FALSE, error);
  if (backend == NULL)
    return FALSE;
  backend->klass->free (backend);
  return TRUE;
}

char *
ward_store_server_setup_sql (void)
{
  g_autoptr(GPtrArray) names = ward_migrations_list (WARD_MIGRATIONS_PG);
  GString *sql = g_string_new ("-- Wardgate: PostgreSQL set-up, run once by the database owner.\nBEGIN;\n");

  g_string_append (sql, ward_backend_pg_setup_sql);
  g_string_append (sql, "SET search_path TO wardgate;\n");
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *text = ward_migrations_sql (WARD_MIGRATIONS_PG, name, NULL);

      g_string_append_printf (sql, "\n-- %s\n", name);
      g_string_append (sql, text);
    }
  g_string_append_printf (sql, "\nINSERT INTO schema_version (id, version) VALUES (1, %d);\n",
                          ward_store_latest_schema_version ());
  g_string_append (sql, ward_backend_pg_grants_sql);
  g_string_append (sql, "\nCOMMIT;\n");
  return g_string_free (sql, FALSE);
}

WardStore *
ward_store_open (const char          *location,
                 WardInstallKey      *key,
                 WardClock           *clock,
                 const char          *kiosk_id,
                 WardStoreOpenFlags   flags,
                 GError             **error)
{
  g_autoptr(WardStore) self = NULL;
  gboolean create = (flags & WARD_STORE_OPEN_CREATE) != 0;
  WardBackend *backend;
  int initial_version;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (WARD_IS_INSTALL_KEY (key), NULL);
  g_return_val_if_fail (WARD_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (kiosk_id != NULL && *kiosk_id != '\0', NULL);

  if (!ward_store_location_check (location, error))
    return NULL;
  backend = ward_store_location_is_server (location)
          ? ward_backend_pg_open (location, create, error)
          : ward_backend_sqlite_open (location, create, error);
  if (backend == NULL)
    return NULL;

  self = ward_store_new_for_backend (backend, key, clock, kiosk_id);

  initial_version = backend->klass->schema_version (backend, error);
  if (initial_version < 0)
    return NULL;
  /* An upgrade seals rows with the key: it must be this database's key,
   * which the key check value cannot tell yet in an older schema. */
  if (initial_version > 0 && initial_version < ward_store_latest_schema_version ()
      && !ward_audit_key_opens_chain (self))
    {
      ward_store_set_wrong_key_error (self, error);
      return NULL;
    }
  if (!migrate (self, error)
      || !ward_schema_check (self, create, error)
      || !record_install (self, error)
      || !ward_store_check_install_key (self, error))
    return NULL;
  if (initial_version == 0)
    ward_audit_anchor_genesis (self);

  return g_steal_pointer (&self);
}
