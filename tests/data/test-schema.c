/* test-schema.c: a database holding objects its migrations did not make is refused, on either backend */
#include "config.h"

#include <string.h>

#include "data/ward-schema-description.h"
#include "data/ward-store-sqlite.h"
#include "data/ward-store.h"
#include "tests/common/ward-test-store.h"

/* Plants @sqlite_sql or @pg_sql with the database owner's rights, checks
 * the next opening is refused naming @object, then undoes it with
 * @sqlite_undo / @pg_undo and checks the database is accepted again. */
static void
assert_refused_until_undone (WardTestStore *fixture,
                             const char    *sqlite_sql,
                             const char    *pg_sql,
                             const char    *sqlite_undo,
                             const char    *pg_undo,
                             const char    *object)
{
  g_autoptr(WardStore) store = NULL;
  g_autoptr(GError) error = NULL;

  ward_test_store_raw_exec (fixture, sqlite_sql, pg_sql);
  store = ward_test_store_reopen (fixture, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "altered outside Wardgate"));
  if (object != NULL && strstr (error->message, object) == NULL)
    g_error ("“%s” does not name %s", error->message, object);
  g_clear_error (&error);

  ward_test_store_raw_exec (fixture, sqlite_undo, pg_undo);
  store = ward_test_store_reopen (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* A trigger that quietly deletes new audit rows, with its function. */
static void
test_planted_trigger (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();

  g_clear_object (&fixture->store);
  assert_refused_until_undone (fixture,
      "CREATE TRIGGER hide AFTER INSERT ON audit BEGIN DELETE FROM audit WHERE seq = NEW.seq; END;",
      "CREATE FUNCTION hide () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
      "CREATE TRIGGER hide BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION hide ()",
      "DROP TRIGGER hide",
      "DROP TRIGGER hide ON audit; DROP FUNCTION hide ()",
      "hide");
}

/* A view or an index is as foreign as a trigger. */
static void
test_planted_view_and_index (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();

  g_clear_object (&fixture->store);
  assert_refused_until_undone (fixture,
      "CREATE VIEW people AS SELECT username FROM users",
      "CREATE VIEW people AS SELECT username FROM users",
      "DROP VIEW people", "DROP VIEW people", "people");
  assert_refused_until_undone (fixture,
      "CREATE INDEX audit_actor ON audit (actor)",
      "CREATE INDEX audit_actor ON audit (actor)",
      "DROP INDEX audit_actor", "DROP INDEX audit_actor", "audit_actor");
}

/* Guards switched off or rewritten in place: the object is still there
 * under its name, but does something else. */
static void
test_guard_disabled_or_rewritten (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();

  g_clear_object (&fixture->store);
  assert_refused_until_undone (fixture,
      "DROP TRIGGER audit_append_only_update;"
      "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT 1; END;",
      "ALTER TABLE audit DISABLE TRIGGER audit_append_only_update",
      "DROP TRIGGER audit_append_only_update;"
      "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n"
      "BEGIN\n"
      "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
      "END;",
      "ALTER TABLE audit ENABLE TRIGGER audit_append_only_update",
      "audit_append_only_update");
  if (!ward_test_backend_is_pg ())
    return;
  /* On a server: the function behind a guard, and the grants. */
  {
    g_autofree char *original = NULL;
    g_autofree char *restore = NULL;

    assert_refused_until_undone (fixture, NULL,
        "CREATE OR REPLACE FUNCTION audit_append_only () RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN RETURN NEW; END $$",
        NULL,
        "CREATE OR REPLACE FUNCTION audit_append_only () RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'integrity_constraint_violation';\n"
        "END $$",
        "audit_append_only");
    assert_refused_until_undone (fixture, NULL,
        "GRANT UPDATE, DELETE ON audit TO wardgate_kiosk",
        NULL,
        "REVOKE UPDATE, DELETE ON audit FROM wardgate_kiosk",
        "relation audit");
    assert_refused_until_undone (fixture, NULL,
        "CREATE FUNCTION wardgate_watch () RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
        "CREATE EVENT TRIGGER wardgate_watch ON ddl_command_start EXECUTE FUNCTION wardgate_watch ()",
        NULL,
        "DROP EVENT TRIGGER wardgate_watch; DROP FUNCTION wardgate_watch ()",
        "wardgate_watch");
  }
}

/* On a server the expected schema is a description sealed under the site
 * key: rewriting it (to cover a planted object) or removing it is refused,
 * and only `init` with the key seals a schema that has none. */
static void
test_sealed_description_guarded (void)
{
  g_autoptr(WardTestStore) fixture = NULL;
  g_autoptr(WardStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!ward_test_backend_is_pg ())
    {
      g_test_skip ("an SQLite file is compared with the migrations run in memory, not with a sealed copy");
      return;
    }
  fixture = ward_test_store_new ();
  g_clear_object (&fixture->store);
  assert_refused_until_undone (fixture, NULL,
      "CREATE VIEW people AS SELECT username FROM users;"
      "UPDATE schema_seal SET description = description || E'relation people kind v\\n'",
      NULL,
      "DROP VIEW people; UPDATE schema_seal SET description = left (description, -length (E'relation people kind v\\n'))",
      "schema_seal");

  ward_test_store_raw_exec (fixture, NULL, "DELETE FROM schema_seal");
  store = ward_test_store_reopen (fixture, &error);
  g_assert_null (store);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "no sealed schema"));
  g_clear_error (&error);
  store = ward_store_open (fixture->db_path, fixture->key, fixture->clock, "test-kiosk",
                           WARD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = ward_test_store_reopen (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* The SQLite schema every database is compared with is worked out when
 * Wardgate is built: it must be exactly what the migrations make now, and
 * name the guards (a stale or empty description would accept a database
 * without them). */
static void
test_built_in_description (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) built_in = ward_schema_built_in (WARD_SCHEMA_SQLITE_DESCRIPTION, &error);
  g_autoptr(GPtrArray) made = NULL;
  gboolean has_guard = FALSE;

  g_assert_no_error (error);
  made = ward_backend_sqlite_describe_migrations (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (built_in->len, >, 0);
  g_assert_cmpuint (built_in->len, ==, made->len);
  for (guint i = 0; i < made->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (built_in, i), ==, g_ptr_array_index (made, i));
      has_guard |= g_str_has_prefix (g_ptr_array_index (made, i), "trigger audit_append_only_update on audit: ");
    }
  g_assert_true (has_guard);

  /* A build without it compares with nothing: refused, never "no rules". */
  g_assert_null (ward_schema_built_in (WARD_SCHEMA_SQLITE_DESCRIPTION ".missing", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/planted-trigger", test_planted_trigger);
  g_test_add_func ("/schema/planted-view-and-index", test_planted_view_and_index);
  g_test_add_func ("/schema/guard-disabled-or-rewritten", test_guard_disabled_or_rewritten);
  g_test_add_func ("/schema/sealed-description-guarded", test_sealed_description_guarded);
  g_test_add_func ("/schema/built-in-description", test_built_in_description);
  return g_test_run ();
}
