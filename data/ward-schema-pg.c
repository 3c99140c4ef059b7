/* ward-schema-pg.c: the schema objects of a PostgreSQL server, as lines of text to compare */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-schema-pg.h"

/* What decides how the server treats Wardgate's rows: the relations of
 * the wardgate schema with their grants and row security, columns,
 * constraints, indexes, views, rules and policies; every trigger on them
 * (with whether it is enabled) and every function in the schema (by a hash
 * of its whole definition); and the database's event triggers, which fire
 * for any schema. Object ids and the catalogue's order are left out: two
 * servers made by the same migrations describe alike. One object is one
 * line (a view's text spans several). */
static const char describe_sql[] =
  "WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = 'wardgate')"
  " SELECT regexp_replace (line, '\\s+', ' ', 'g') AS one_line FROM ("
  "  SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text || ' rls ' || c.relrowsecurity"
  "         || ' forced ' || c.relforcerowsecurity || ' acl ' || coalesce (c.relacl::text, '-')"
  "         || coalesce (': ' || pg_get_indexdef (c.oid), '')"
  "         || CASE WHEN c.relkind = 'v' THEN ': ' || pg_get_viewdef (c.oid) ELSE '' END AS line"
  "    FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM ns)"
  "  UNION ALL"
  "  SELECT 'column ' || c.relname || '.' || a.attname || ': ' || format_type (a.atttypid, a.atttypmod)"
  "         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
  "         || coalesce (' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation"
  "                                       AND a.attcollation <> 100), '')"
  "         || coalesce (' default ' || pg_get_expr (d.adbin, d.adrelid), '')"
  "         || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
  "         || coalesce (' acl ' || a.attacl::text, '')"
  "    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
  "    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
  "   WHERE c.relnamespace = (SELECT oid FROM ns) AND c.relkind IN ('r', 'v', 'p')"
  "     AND a.attnum > 0 AND NOT a.attisdropped"
  "  UNION ALL"
  "  SELECT 'constraint ' || c.relname || '.' || k.conname || ': ' || pg_get_constraintdef (k.oid)"
  "    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
  "   WHERE c.relnamespace = (SELECT oid FROM ns)"
  "  UNION ALL"
  "  SELECT 'trigger ' || c.relname || '.' || t.tgname || ' enabled ' || t.tgenabled::text || ': '"
  "         || pg_get_triggerdef (t.oid)"
  "    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
  "   WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT t.tgisinternal"
  "  UNION ALL"
  "  SELECT 'function ' || p.proname || ' (' || pg_get_function_identity_arguments (p.oid) || ') acl '"
  "         || coalesce (p.proacl::text, '-') || ': '"
  "         || CASE WHEN p.prokind IN ('f', 'p') THEN md5 (pg_get_functiondef (p.oid)) ELSE p.prokind::text END"
  "    FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM ns)"
  "  UNION ALL"
  "  SELECT 'rule ' || r.tablename || '.' || r.rulename || ': ' || r.definition"
  "    FROM pg_rules r WHERE r.schemaname = 'wardgate'"
  "  UNION ALL"
  "  SELECT 'policy ' || p.tablename || '.' || p.policyname || ': ' || p.cmd || ' ' || p.roles::text"
  "         || ' using ' || coalesce (p.qual, '-') || ' check ' || coalesce (p.with_check, '-')"
  "    FROM pg_policies p WHERE p.schemaname = 'wardgate'"
  "  UNION ALL"
  "  SELECT 'type ' || t.typname || ' kind ' || t.typtype::text"
  "    FROM pg_type t WHERE t.typnamespace = (SELECT oid FROM ns) AND t.typrelid = 0 AND t.typelem = 0"
  "  UNION ALL"
  "  SELECT 'event trigger ' || e.evtname || ' on ' || e.evtevent || ' enabled ' || e.evtenabled::text || ': '"
  "         || e.evtfoid::regprocedure::text"
  "    FROM pg_event_trigger e"
  " ) AS objects ORDER BY 1";

GPtrArray *
ward_schema_describe_pg (WardBackend  *backend,
                         GError      **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  WardStmt *stmt = backend->klass->prepare (backend, describe_sql, error);
  WardStmtResult rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = backend->klass->stmt_step (stmt)) == WARD_STMT_ROW)
    g_ptr_array_add (lines, g_strdup (backend->klass->column_text (stmt, 0)));
  if (rc == WARD_STMT_ERROR)
    backend->klass->last_error (backend, error);
  backend->klass->stmt_free (stmt);
  return rc == WARD_STMT_DONE ? g_steal_pointer (&lines) : NULL;
}
