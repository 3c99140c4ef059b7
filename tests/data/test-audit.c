/* test-audit.c: the audit chain: appending, verifying, tampering, concurrency, journal copy */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "data/ward-audit.h"
#include "data/ward-stmt-private.h"
#include "tests/common/ward-test-store.h"

static GPtrArray *journal_ids;  /* MESSAGE_IDs seen by the log writer */
static GPtrArray *journal_fields;  /* when set: every KEY=value of what is logged */

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; journal_fields != NULL && i < n_fields; i++)
    if (fields[i].length < 0)
      g_ptr_array_add (journal_fields, g_strdup_printf ("%s=%s", fields[i].key, (const char *) fields[i].value));
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE_ID") == 0)
      {
        g_ptr_array_add (journal_ids, g_strdup (fields[i].value));
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
append_n (WardStore  *store,
          guint       n,
          const char *actor)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autofree char *details = ward_audit_details ("index", index, NULL);

      gboolean appended = ward_audit_append (store, WARD_AUDIT_USER_ADDED, actor, "someone", details, FALSE, &error);

      g_assert_no_error (error);
      g_assert_true (appended);
    }
}

static gint64
verify (WardStore *store,
        gint64    *n_checked)
{
  g_autoptr(GError) error = NULL;
  gint64 first_bad = -1;

  g_assert_true (ward_audit_verify (store, &first_bad, n_checked, &error));
  g_assert_no_error (error);
  return first_bad;
}

static void
test_chain_verifies (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GPtrArray) records = NULL;
  WardAuditFilter filter = { .limit = 3 };
  gint64 checked = 0;

  append_n (fixture->store, 10, "alice");
  g_assert_cmpint (verify (fixture->store, &checked), ==, 0);
  g_assert_cmpint (checked, ==, 10);

  records = ward_audit_list (fixture->store, &filter, NULL);
  g_assert_cmpuint (records->len, ==, 3);
  /* Newest first, with who, what, where and the details. */
  g_assert_cmpint (((WardAuditRecord *) records->pdata[0])->seq, ==, 10);
  g_assert_cmpstr (((WardAuditRecord *) records->pdata[0])->actor, ==, "alice");
  g_assert_cmpstr (((WardAuditRecord *) records->pdata[0])->kiosk_id, ==, "test-kiosk");
  g_assert_cmpstr (((WardAuditRecord *) records->pdata[0])->details, ==, "{\"index\":\"9\"}");
}

static void
tamper (WardTestStore *fixture,
        const char    *sql)
{
  /* Anyone with file access (or the server's owner role) can drop the
   * append-only triggers; only the chain stands between them and a quiet
   * edit. They are put back exactly as they were: a changed schema alone
   * is refused at open. */
  g_autofree char *sqlite_sql = g_strdup_printf ("DROP TRIGGER audit_append_only_update;"
                                                 "DROP TRIGGER audit_append_only_delete; %s;"
                                                 "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit\n"
                                                 "BEGIN\n"
                                                 "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                                 "END;"
                                                 "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit\n"
                                                 "BEGIN\n"
                                                 "  SELECT RAISE (ABORT, 'audit records are append-only');\n"
                                                 "END;", sql);
  g_autofree char *pg_sql = g_strdup_printf ("ALTER TABLE audit DISABLE TRIGGER USER; %s;"
                                             " ALTER TABLE audit ENABLE TRIGGER USER", sql);

  if (ward_test_backend_is_pg ())
    {
      g_autoptr(GString) pg = g_string_new (pg_sql);

      g_string_replace (pg, "randomblob(32)", "sha256 (random ()::text::bytea)", 0);
      ward_test_store_raw_exec (fixture, NULL, pg->str);
    }
  else
    ward_test_store_raw_exec (fixture, sqlite_sql, NULL);
}

/* @n records appended, the store closed, @sql run on the file as a forger
 * would, and the chain verified after reopening: the first record found
 * broken (and how many verified before it, in @checked). */
static gint64
broken_after_tampering (guint       n,
                        const char *sql,
                        gint64     *checked)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(WardStore) reopened = NULL;

  append_n (fixture->store, n, "alice");
  g_clear_object (&fixture->store);
  tamper (fixture, sql);

  reopened = ward_test_store_reopen (fixture, NULL);
  return verify (reopened, checked);
}

static void
test_triggers_refuse_edits (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;

  append_n (fixture->store, 2, "alice");
  g_assert_false (ward_store_exec (fixture->store, "UPDATE audit SET actor = 'mallory' WHERE seq = 1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ward_store_exec (fixture->store, "DELETE FROM audit WHERE seq = 2", &error));
  g_assert_nonnull (error);
}

static void
test_update_is_found (void)
{
  g_assert_cmpint (broken_after_tampering (20, "UPDATE audit SET actor = 'mallory' WHERE seq = 7", NULL), ==, 7);
}

static void
test_deleted_row_is_found (void)
{
  g_assert_cmpint (broken_after_tampering (20, "DELETE FROM audit WHERE seq = 12", NULL), ==, 12);
}

/* Deleting the newest records leaves an intact chain behind; the anchor
 * beside the database still remembers how far it went. */
static void
test_tail_deletion_is_found (void)
{
  gint64 checked = 0;

  g_assert_cmpint (broken_after_tampering (10, "DELETE FROM audit WHERE seq >= 9", &checked), ==, 9);
  g_assert_cmpint (checked, ==, 8);
}

static void
test_missing_anchor_is_found (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *anchor = g_strconcat (fixture->db_path, ".audit-head", NULL);

  append_n (fixture->store, 3, "alice");
  g_assert_cmpint (verify (fixture->store, NULL), ==, 0);
  if (ward_test_backend_is_pg ())
    ward_test_store_raw_exec (fixture, NULL, "DELETE FROM audit_anchor");
  else
    {
      g_assert_true (g_file_test (anchor, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_unlink (anchor), ==, 0);
    }
  g_assert_cmpint (verify (fixture->store, NULL), ==, 4);
}

/* Rewriting a row and recomputing its hash without the install key (plain
 * SHA-256 as a forger would) still breaks the chain. */
static void
test_rehash_without_key_is_found (void)
{
  g_assert_cmpint (broken_after_tampering (5, "UPDATE audit SET details = '{}', hash = randomblob(32) WHERE seq = 5",
                                           NULL), ==, 5);
}

static void
test_rolled_back_event_leaves_no_trace (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GPtrArray) records = NULL;
  WardAuditFilter filter = { 0 };

  g_ptr_array_set_size (journal_ids, 0);
  g_assert_true (ward_store_begin (fixture->store, NULL));
  g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_ROLE_GRANTED, "alice", "bob", NULL, FALSE, NULL));
  ward_store_rollback (fixture->store);
  g_assert_cmpuint (journal_ids->len, ==, 0);

  g_assert_true (ward_store_begin (fixture->store, NULL));
  g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_ROLE_GRANTED, "alice", "bob", NULL, FALSE, NULL));
  g_assert_cmpuint (journal_ids->len, ==, 0);
  g_assert_true (ward_store_commit (fixture->store, NULL));
  g_assert_cmpuint (journal_ids->len, ==, 1);
  g_assert_cmpstr (journal_ids->pdata[0], ==, ward_audit_event_message_id (WARD_AUDIT_ROLE_GRANTED));

  records = ward_audit_list (fixture->store, &filter, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (verify (fixture->store, NULL), ==, 0);
}

static void
test_message_ids_are_distinct (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < WARD_AUDIT_N_EVENTS; i++)
    {
      const char *id = ward_audit_event_message_id (i);

      g_assert_cmpuint (strlen (id), ==, 32);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      g_assert_nonnull (ward_audit_event_name (i));
    }
}

/* Two processes append 500 events each at the same time: every event
 * lands, in one unbroken chain. */
static void
test_two_processes_append (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GSubprocess) first = ward_test_store_spawn_worker (fixture, "worker-a");
  g_autoptr(GSubprocess) second = ward_test_store_spawn_worker (fixture, "worker-b");
  WardAuditFilter by_a = { .person = "worker-a" }, by_b = { .person = "worker-b" };
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;
  gint64 checked = 0;

  g_assert_true (g_subprocess_wait_check (first, NULL, NULL));
  g_assert_true (g_subprocess_wait_check (second, NULL, NULL));

  g_assert_cmpint (verify (fixture->store, &checked), ==, 0);
  g_assert_cmpint (checked, ==, 1000);
  from_a = ward_audit_list (fixture->store, &by_a, NULL);
  from_b = ward_audit_list (fixture->store, &by_b, NULL);
  g_assert_cmpuint (from_a->len, ==, 500);
  g_assert_cmpuint (from_b->len, ==, 500);
}

/* Item 14 of the hardening review: an event's journal copy carries a
 * priority, an identifier and the record's hash
 * (so "journalctl -p warning" shows alerts and an outside checker sees a
 * chain cut back and regrown). */
static void
test_journal_record_and_catalog (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autofree char *hash_field = NULL;
  g_autoptr(WardStoreStmt) stmt = NULL;
  GString *hex = g_string_new ("WARDGATE_AUDIT_HASH=");

  journal_fields = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (ward_audit_append (fixture->store, WARD_AUDIT_PERMISSION_REFUSED, "alice", NULL, NULL, FALSE, NULL));

  stmt = ward_store_prepare (fixture->store, "SELECT hash FROM audit WHERE seq = 1", NULL);
  g_assert_cmpint (ward_stmt_step (stmt), ==, WARD_STMT_ROW);
  for (gsize i = 0; i < ward_stmt_column_bytes (stmt, 0); i++)
    g_string_append_printf (hex, "%02x", ward_stmt_column_blob (stmt, 0)[i]);
  ward_stmt_reset (stmt);
  hash_field = g_string_free (hex, FALSE);

  g_assert_true (g_ptr_array_find_with_equal_func (journal_fields, "PRIORITY=4", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (journal_fields, "WARDGATE_AUDIT_SEQ=1", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (journal_fields, hash_field, g_str_equal, NULL));
  {
    gboolean identified = FALSE;

    for (guint i = 0; i < journal_fields->len; i++)
      identified |= g_str_has_prefix (journal_fields->pdata[i], "SYSLOG_IDENTIFIER=");
    g_assert_true (identified);
  }
  g_clear_pointer (&journal_fields, g_ptr_array_unref);
}

/* The worker: 500 events appended as @actor. */
static int
append_500 (const char *db_path,
            const char *key_path,
            const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardInstallKey) key = ward_install_key_load (key_path, &error);
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = NULL;

  g_assert_no_error (error);
  store = ward_store_open (db_path, key, clock, actor, WARD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  append_n (store, 500, actor);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  journal_ids = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  ward_test_store_init_with_worker (&argc, &argv, append_500);

  g_test_add_func ("/audit/chain-verifies", test_chain_verifies);
  g_test_add_func ("/audit/triggers-refuse-edits", test_triggers_refuse_edits);
  g_test_add_func ("/audit/update-is-found", test_update_is_found);
  g_test_add_func ("/audit/deleted-row-is-found", test_deleted_row_is_found);
  g_test_add_func ("/audit/rehash-without-key-is-found", test_rehash_without_key_is_found);
  g_test_add_func ("/audit/tail-deletion-is-found", test_tail_deletion_is_found);
  g_test_add_func ("/audit/missing-anchor-is-found", test_missing_anchor_is_found);
  g_test_add_func ("/audit/rolled-back-event-leaves-no-trace", test_rolled_back_event_leaves_no_trace);
  g_test_add_func ("/audit/message-ids-are-distinct", test_message_ids_are_distinct);
  g_test_add_func ("/audit/two-processes-append", test_two_processes_append);
  g_test_add_func ("/audit/14/journal-priority-identifier-hash", test_journal_record_and_catalog);

  return g_test_run ();
}
