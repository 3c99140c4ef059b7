/* ward-awareness-store.c: security-awareness answers and skips as stored, and the figures read back */
#include "config.h"

#include "data/ward-awareness-store.h"
#include "data/ward-stmt-args-private.h"

void
ward_awareness_answer_free (WardAwarenessAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->username);
  g_free (answer->full_name);
  g_free (answer->prompt_id);
  g_free (answer->topic);
  g_free (answer->choice);
  g_free (answer);
}

void
ward_awareness_user_state_free (WardAwarenessUserState *state)
{
  if (state == NULL)
    return;
  g_free (state->last_prompt);
  g_free (state->last_topic);
  g_clear_pointer (&state->topic_seen, g_hash_table_unref);
  g_clear_pointer (&state->prompt_seen, g_hash_table_unref);
  g_free (state);
}

void
ward_awareness_sign_in_free (WardAwarenessSignIn *sign_in)
{
  if (sign_in == NULL)
    return;
  g_free (sign_in->username);
  g_free (sign_in->full_name);
  g_free (sign_in);
}

gint64
ward_awareness_user_state_seen (GHashTable *seen,
                                const char *key)
{
  gint64 *id = seen != NULL && key != NULL ? g_hash_table_lookup (seen, key) : NULL;

  return id != NULL ? *id : 0;
}

gint64
ward_awareness_store_record (WardStore   *store,
                             gint64       user_id,
                             const char  *prompt_id,
                             const char  *topic,
                             const char  *choice,
                             gboolean     correct,
                             GError     **error)
{
  /* No choice is a skip. */
  return ward_store_insert (store,
      "INSERT INTO awareness_answers (user_id, prompt_id, topic, choice, correct, skipped, answered_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_TEXT (prompt_id), WARD_ARG_TEXT (topic),
                 WARD_ARG_TEXT_OR_NULL (choice), WARD_ARG_BOOL (choice != NULL && correct),
                 WARD_ARG_BOOL (choice == NULL), WARD_ARG_INT64 (ward_store_now (store))),
      error);
}

static gboolean
read_last_answer (WardStore              *store,
                  gint64                  user_id,
                  WardAwarenessUserState *state,
                  GError                **error)
{
  return ward_store_read_row (store,
      "SELECT id, answered_at, prompt_id, topic, correct FROM awareness_answers"
      " WHERE user_id = ? AND skipped = 0 ORDER BY id DESC LIMIT 1",
      WARD_ARGS (WARD_ARG_INT64 (user_id)),
      WARD_COLUMNS (WARD_COL_INT64 (&state->last_answer_id), WARD_COL_INT64 (&state->last_answered_at),
                    WARD_COL_TEXT (&state->last_prompt), WARD_COL_TEXT (&state->last_topic),
                    WARD_COL_BOOL (&state->last_correct)),
      NULL, error);
}

static gboolean
read_skips (WardStore              *store,
            gint64                  user_id,
            WardAwarenessUserState *state,
            GError                **error)
{
  int skips = 0;

  if (!ward_store_read_row (store,
                            "SELECT count(*) FROM awareness_answers WHERE user_id = ? AND skipped = 1 AND id > ?",
                            WARD_ARGS (WARD_ARG_INT64 (user_id), WARD_ARG_INT64 (state->last_answer_id)),
                            WARD_COLUMNS (WARD_COL_INT (&skips)), NULL, error))
    return FALSE;
  state->consecutive_skips = (guint) skips;
  return TRUE;
}

static void
add_seen (WardStmt *stmt,
          gpointer  seen)
{
  gint64 *id = g_new (gint64, 1);

  *id = ward_stmt_column_int64 (stmt, 1);
  g_hash_table_insert (seen, ward_stmt_dup_text (stmt, 0), id);
}

/* The SQL differs only in the grouped column, which cannot be bound. */
static GHashTable *
read_seen (WardStore   *store,
           gint64       user_id,
           const char  *sql,
           GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(WardStoreStmt) stmt = ward_store_query (store, sql, WARD_ARGS (WARD_ARG_INT64 (user_id)), error);

  if (stmt == NULL || !ward_store_each_row (store, stmt, add_seen, seen, error))
    return NULL;
  return g_steal_pointer (&seen);
}

WardAwarenessUserState *
ward_awareness_store_user_state (WardStore   *store,
                                 gint64       user_id,
                                 GError     **error)
{
  g_autoptr(WardAwarenessUserState) state = g_new0 (WardAwarenessUserState, 1);

  if (!read_last_answer (store, user_id, state, error) || !read_skips (store, user_id, state, error))
    return NULL;
  state->topic_seen = read_seen (store, user_id,
      "SELECT topic, max(id) FROM awareness_answers WHERE user_id = ? AND skipped = 0 GROUP BY topic", error);
  if (state->topic_seen == NULL)
    return NULL;
  state->prompt_seen = read_seen (store, user_id,
      "SELECT prompt_id, max(id) FROM awareness_answers WHERE user_id = ? AND skipped = 0 GROUP BY prompt_id", error);
  if (state->prompt_seen == NULL)
    return NULL;
  return g_steal_pointer (&state);
}

static WardAwarenessAnswer *
answer_from_row (WardStmt     *stmt)
{
  WardAwarenessAnswer *a = g_new0 (WardAwarenessAnswer, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&a->id), WARD_COL_INT64 (&a->user_id), WARD_COL_TEXT (&a->username),
      WARD_COL_TEXT (&a->full_name), WARD_COL_TEXT (&a->prompt_id), WARD_COL_TEXT (&a->topic),
      WARD_COL_TEXT (&a->choice), WARD_COL_BOOL (&a->correct), WARD_COL_BOOL (&a->skipped),
      WARD_COL_INT64 (&a->answered_at)));
  return a;
}

GPtrArray *
ward_awareness_store_history (WardStore   *store,
                              gint64       since,
                              gint64       until,
                              GError     **error)
{
  return ward_store_collect (store,
      "SELECT a.id, a.user_id, u.username, u.full_name, a.prompt_id, a.topic, a.choice, a.correct,"
      " a.skipped, a.answered_at FROM awareness_answers a JOIN users u ON u.id = a.user_id"
      " WHERE a.answered_at >= ? AND a.answered_at < ?"
      " ORDER BY u.username COLLATE NOCASE, a.id",
      WARD_ARGS (WARD_ARG_INT64 (since), WARD_ARG_INT64 (until)),
      (WardStmtRowFunc) answer_from_row, (GDestroyNotify) ward_awareness_answer_free, error);
}

static WardAwarenessSignIn *
sign_in_from_row (WardStmt     *stmt)
{
  WardAwarenessSignIn *sign_in = g_new0 (WardAwarenessSignIn, 1);

  ward_stmt_read_columns (stmt, WARD_COLUMNS (
      WARD_COL_INT64 (&sign_in->user_id), WARD_COL_TEXT (&sign_in->username), WARD_COL_TEXT (&sign_in->full_name),
      WARD_COL_INT64 (&sign_in->last_signed_in), WARD_COL_INT64 (&sign_in->last_answered_at)));
  return sign_in;
}

GPtrArray *
ward_awareness_store_signed_in (WardStore   *store,
                                gint64       since,
                                gint64       until,
                                GError     **error)
{
  return ward_store_collect (store,
      "SELECT u.id, u.username, u.full_name, max(s.started_at),"
      " (SELECT max(a.answered_at) FROM awareness_answers a"
      "   WHERE a.user_id = u.id AND a.skipped = 0 AND a.answered_at < ?2)"
      " FROM users u JOIN sessions s ON s.user_id = u.id"
      " WHERE u.disabled = 0 AND s.kind = 'normal' AND s.started_at >= ?1 AND s.started_at < ?2"
      " GROUP BY u.id ORDER BY u.username COLLATE NOCASE",
      WARD_ARGS (WARD_ARG_INT64 (since), WARD_ARG_INT64 (until)),
      (WardStmtRowFunc) sign_in_from_row, (GDestroyNotify) ward_awareness_sign_in_free, error);
}
