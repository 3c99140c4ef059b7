/* test-stmt-args.c: statements run from their parameter lists and rows read into records, on both backends */
#include "config.h"

#include <string.h>

#include "data/ward-stmt-args-private.h"
#include "tests/common/ward-test-store.h"

#define ADD_USER "INSERT INTO users (username, full_name, created_at) VALUES (?, ?, ?) RETURNING id"

typedef struct
{
  char     *username;
  char     *full_name;
  gint64    created_at;
  gboolean  disabled;
} Person;

static void
person_free (Person *person)
{
  g_free (person->username);
  g_free (person->full_name);
  g_free (person);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Person, person_free)

static Person *
person_from_row (WardStmt *stmt)
{
  Person *person = g_new0 (Person, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (WARD_COL_TEXT (&person->username), WARD_COL_TEXT (&person->full_name),
                                              WARD_COL_INT64 (&person->created_at),
                                              WARD_COL_BOOL (&person->disabled)));
  return person;
}

static gint64
add_user (WardStore  *store,
          const char *username,
          gint64      created_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_store_insert_new (store, ADD_USER,
                                     WARD_ARGS (WARD_ARG_TEXT (username), WARD_ARG_TEXT ("Full Name"),
                                                WARD_ARG_INT64 (created_at)),
                                     &error, "taken: %s", username);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A unique key taken again is the caller's sentence; any other failure
 * stays the database's. */
static void
test_insert_new (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_user (fixture->store, "probe", 1234);

  g_assert_cmpint (ward_store_insert_new (fixture->store, ADD_USER,
                                          WARD_ARGS (WARD_ARG_TEXT ("probe"), WARD_ARG_TEXT ("Again"),
                                                     WARD_ARG_INT64 (5)),
                                          &error, "taken: %s", "probe"), ==, 0);
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "taken: probe");
  g_clear_error (&error);

  /* A NULL full name breaks NOT NULL, not uniqueness. */
  g_assert_cmpint (ward_store_insert_new (fixture->store, ADD_USER,
                                          WARD_ARGS (WARD_ARG_TEXT ("other"), WARD_ARG_TEXT_OR_NULL (NULL),
                                                     WARD_ARG_INT64 (5)),
                                          &error, "taken: %s", "other"), ==, 0);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_EXISTS));
  g_assert_cmpint (add_user (fixture->store, "third", 9), >, id);
}

static void
test_read_row (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_user (fixture->store, "probe", 1234);
  g_autofree char *username = NULL;
  gint64 created_at = -1;
  gboolean disabled = TRUE, found = FALSE;

  g_assert_true (ward_store_read_row (fixture->store, "SELECT username, created_at, disabled FROM users WHERE id = ?",
                                      WARD_ARGS (WARD_ARG_INT64 (id)),
                                      WARD_COLUMNS (WARD_COL_TEXT (&username), WARD_COL_INT64 (&created_at),
                                                    WARD_COL_BOOL (&disabled)),
                                      &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpstr (username, ==, "probe");
  g_assert_cmpint (created_at, ==, 1234);
  g_assert_false (disabled);

  /* No row: nothing read, no error. */
  created_at = -1;
  g_assert_true (ward_store_read_row (fixture->store, "SELECT created_at FROM users WHERE id = ?",
                                      WARD_ARGS (WARD_ARG_INT64 (id + 100)),
                                      WARD_COLUMNS (WARD_COL_INT64 (&created_at)), &found, &error));
  g_assert_no_error (error);
  g_assert_false (found);
  g_assert_cmpint (created_at, ==, -1);
}

static void
test_run_changing (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_user (fixture->store, "probe", 1234);
  g_autoptr(Person) person = NULL;

  g_assert_false (ward_store_run_changing (fixture->store, "UPDATE users SET full_name = ? WHERE id = ?",
                                           WARD_ARGS (WARD_ARG_TEXT ("Nobody"), WARD_ARG_INT64 (id + 100)),
                                           WARD_STORE_ERROR_NOT_FOUND, "no such person", &error));
  g_assert_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no such person");
  g_clear_error (&error);

  g_assert_true (ward_store_run_changing (fixture->store, "UPDATE users SET full_name = ?1, disabled = ?2 WHERE id = ?3",
                                          WARD_ARGS (WARD_ARG_TEXT ("Renamed"), WARD_ARG_BOOL (7), WARD_ARG_INT64 (id)),
                                          WARD_STORE_ERROR_NOT_FOUND, "no such person", &error));
  g_assert_no_error (error);
  person = ward_store_find_row (fixture->store, "SELECT username, full_name, created_at, disabled FROM users WHERE id = ?",
                                WARD_ARGS (WARD_ARG_INT64 (id)), (WardStmtRowFunc) person_from_row, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpstr (person->full_name, ==, "Renamed");
  g_assert_true (person->disabled);

  g_assert_null (ward_store_find_row (fixture->store, "SELECT username, full_name, created_at, disabled FROM users"
                                      " WHERE id = ?", WARD_ARGS (WARD_ARG_INT64 (id + 100)),
                                      (WardStmtRowFunc) person_from_row, &error));
  g_assert_no_error (error);
  /* The database's own refusal (NOT NULL) comes back as an error. */
  g_assert_false (ward_store_run (fixture->store, "UPDATE users SET full_name = ? WHERE id = ?",
                                  WARD_ARGS (WARD_ARG_TEXT_OR_NULL (NULL), WARD_ARG_INT64 (id)), &error));
  g_assert_nonnull (error);
}

/* Rows come back in the statement's order, ids as gint64. */
static void
test_collect (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 first = add_user (fixture->store, "probe-b", 20);
  gint64 second = add_user (fixture->store, "probe-a", 10);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) people = NULL;

  ids = ward_store_collect_ids (fixture->store,
                                "SELECT id FROM users WHERE created_at BETWEEN ?1 AND ?2 ORDER BY created_at",
                                WARD_ARGS (WARD_ARG_INT64 (10), WARD_ARG_INT64 (20)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, second);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, first);

  people = ward_store_collect (fixture->store,
                               "SELECT username, full_name, created_at, disabled FROM users"
                               " WHERE created_at >= ?1 AND created_at <= ?2 ORDER BY created_at",
                               WARD_ARGS (WARD_ARG_INT64 (10), WARD_ARG_INT64 (20)),
                               (WardStmtRowFunc) person_from_row, (GDestroyNotify) person_free, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (((Person *) people->pdata[0])->username, ==, "probe-a");
  g_assert_cmpstr (((Person *) people->pdata[1])->username, ==, "probe-b");
}

/* Blobs go in as given and come back as GBytes; an absent value is NULL
 * both ways. */
static void
test_blobs_and_nulls (void)
{
  g_autoptr(WardTestStore) fixture = ward_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 user = add_user (fixture->store, "probe", 1);
  guint8 hash[32];
  g_autoptr(GBytes) read_back = NULL;
  char *reason = (char *) "not read yet";
  gint64 revoked_at = -1;

  for (guint i = 0; i < sizeof hash; i++)
    hash[i] = (guint8) (i * 7);
  g_assert_cmpint (ward_store_insert (fixture->store,
                                      "INSERT INTO badges (user_id, uid_hash, created_at) VALUES (?, ?, ?) RETURNING id",
                                      WARD_ARGS (WARD_ARG_INT64 (user), WARD_ARG_BLOB (hash, sizeof hash),
                                                 WARD_ARG_INT64 (1)), &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (ward_store_read_row (fixture->store, "SELECT uid_hash, coalesce (revoked_at, 0) FROM badges"
                                      " WHERE user_id = ?", WARD_ARGS (WARD_ARG_INT64 (user)),
                                      WARD_COLUMNS (WARD_COL_BYTES (&read_back), WARD_COL_INT64 (&revoked_at)),
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (read_back, NULL), g_bytes_get_size (read_back), hash, sizeof hash);
  g_assert_cmpint (revoked_at, ==, 0);

  g_assert_cmpint (ward_store_insert (fixture->store,
                                      "INSERT INTO sessions (user_id, kiosk_id, kind, reason, started_at,"
                                      " last_activity_at, last_strong_at) VALUES (?1, ?2, 'normal', ?3, ?4, ?4, ?4)"
                                      " RETURNING id",
                                      WARD_ARGS (WARD_ARG_INT64 (user), WARD_ARG_TEXT ("bed-12"),
                                                 WARD_ARG_TEXT_OR_NULL (NULL), WARD_ARG_INT64 (1)), &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (ward_store_read_row (fixture->store, "SELECT reason FROM sessions WHERE user_id = ?",
                                      WARD_ARGS (WARD_ARG_INT64 (user)), WARD_COLUMNS (WARD_COL_TEXT (&reason)),
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_null (reason);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stmt-args/insert-new", test_insert_new);
  g_test_add_func ("/stmt-args/read-row", test_read_row);
  g_test_add_func ("/stmt-args/run-changing", test_run_changing);
  g_test_add_func ("/stmt-args/collect", test_collect);
  g_test_add_func ("/stmt-args/blobs-and-nulls", test_blobs_and_nulls);
  return g_test_run ();
}
