/* ward-awareness-store.c: security-awareness answers and skips as stored, and the figures read back */
#include "config.h"

#include "data/ward-awareness-store.h"
#include "data/ward-stmt-private.h"

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
  gint64 new_id;
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "INSERT INTO awareness_answers (user_id, prompt_id, topic, choice, correct, skipped, answered_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", error);

  if (stmt == NULL)
    return 0;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  ward_stmt_bind_text (stmt, 2, prompt_id);
  ward_stmt_bind_text (stmt, 3, topic);
  if (choice != NULL)
    ward_stmt_bind_text (stmt, 4, choice);
  else
    ward_stmt_bind_null (stmt, 4);
  ward_stmt_bind_int64 (stmt, 5, choice != NULL && correct ? 1 : 0);
  ward_stmt_bind_int64 (stmt, 6, choice == NULL ? 1 : 0);
  ward_stmt_bind_int64 (stmt, 7, ward_clock_get_now (ward_store_get_clock (store)));
  if ((new_id = ward_store_step_returning_id (store, stmt, error)) == 0)
    return 0;
  return new_id;
}

static gboolean
read_last_answer (WardStore              *store,
                  gint64                  user_id,
                  WardAwarenessUserState *state,
                  GError                **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT id, answered_at, prompt_id, topic, correct FROM awareness_answers"
      " WHERE user_id = ? AND skipped = 0 ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  rc = ward_stmt_step (stmt);
  if (rc == WARD_STMT_ROW)
    {
      state->last_answer_id = ward_stmt_column_int64 (stmt, 0);
      state->last_answered_at = ward_stmt_column_int64 (stmt, 1);
      state->last_prompt = ward_stmt_dup_text (stmt, 2);
      state->last_topic = ward_stmt_dup_text (stmt, 3);
      state->last_correct = ward_stmt_column_int (stmt, 4) != 0;
      return TRUE;
    }
  if (rc == WARD_STMT_DONE)
    return TRUE;
  ward_store_set_error (store, rc, error);
  return FALSE;
}

static gboolean
read_skips (WardStore              *store,
            gint64                  user_id,
            WardAwarenessUserState *state,
            GError                **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT count(*) FROM awareness_answers WHERE user_id = ? AND skipped = 1 AND id > ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  ward_stmt_bind_int64 (stmt, 2, state->last_answer_id);
  rc = ward_stmt_step (stmt);
  if (rc != WARD_STMT_ROW)
    {
      ward_store_set_error (store, rc, error);
      return FALSE;
    }
  state->consecutive_skips = (guint) ward_stmt_column_int (stmt, 0);
  return TRUE;
}

/* The SQL differs only in the grouped column, which cannot be bound. */
static GHashTable *
read_seen (WardStore   *store,
           gint64       user_id,
           const char  *sql,
           GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, user_id);
  while ((rc = ward_stmt_step (stmt)) == WARD_STMT_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = ward_stmt_column_int64 (stmt, 1);
      g_hash_table_insert (seen, ward_stmt_dup_text (stmt, 0), id);
    }
  if (rc != WARD_STMT_DONE)
    {
      ward_store_set_error (store, rc, error);
      return NULL;
    }
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
  WardAwarenessAnswer *answer = g_new0 (WardAwarenessAnswer, 1);

  answer->id = ward_stmt_column_int64 (stmt, 0);
  answer->user_id = ward_stmt_column_int64 (stmt, 1);
  answer->username = ward_stmt_dup_text (stmt, 2);
  answer->full_name = ward_stmt_dup_text (stmt, 3);
  answer->prompt_id = ward_stmt_dup_text (stmt, 4);
  answer->topic = ward_stmt_dup_text (stmt, 5);
  answer->choice = ward_stmt_dup_text (stmt, 6);
  answer->correct = ward_stmt_column_int (stmt, 7) != 0;
  answer->skipped = ward_stmt_column_int (stmt, 8) != 0;
  answer->answered_at = ward_stmt_column_int64 (stmt, 9);
  return answer;
}

GPtrArray *
ward_awareness_store_history (WardStore   *store,
                              gint64       since,
                              gint64       until,
                              GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT a.id, a.user_id, u.username, u.full_name, a.prompt_id, a.topic, a.choice, a.correct,"
      " a.skipped, a.answered_at FROM awareness_answers a JOIN users u ON u.id = a.user_id"
      " WHERE a.answered_at >= ? AND a.answered_at < ?"
      " ORDER BY u.username COLLATE NOCASE, a.id", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, since);
  ward_stmt_bind_int64 (stmt, 2, until);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) answer_from_row,
                                  (GDestroyNotify) ward_awareness_answer_free, error);
}

static WardAwarenessSignIn *
sign_in_from_row (WardStmt     *stmt)
{
  WardAwarenessSignIn *sign_in = g_new0 (WardAwarenessSignIn, 1);

  sign_in->user_id = ward_stmt_column_int64 (stmt, 0);
  sign_in->username = ward_stmt_dup_text (stmt, 1);
  sign_in->full_name = ward_stmt_dup_text (stmt, 2);
  sign_in->last_signed_in = ward_stmt_column_int64 (stmt, 3);
  sign_in->last_answered_at = ward_stmt_column_int64 (stmt, 4);
  return sign_in;
}

GPtrArray *
ward_awareness_store_signed_in (WardStore   *store,
                                gint64       since,
                                gint64       until,
                                GError     **error)
{
  g_autoptr(WardStoreStmt) stmt = ward_store_prepare (store,
      "SELECT u.id, u.username, u.full_name, max(s.started_at),"
      " (SELECT max(a.answered_at) FROM awareness_answers a"
      "   WHERE a.user_id = u.id AND a.skipped = 0 AND a.answered_at < ?2)"
      " FROM users u JOIN sessions s ON s.user_id = u.id"
      " WHERE u.disabled = 0 AND s.kind = 'normal' AND s.started_at >= ?1 AND s.started_at < ?2"
      " GROUP BY u.id ORDER BY u.username COLLATE NOCASE", error);

  if (stmt == NULL)
    return NULL;
  ward_stmt_bind_int64 (stmt, 1, since);
  ward_stmt_bind_int64 (stmt, 2, until);
  return ward_store_collect_rows (store, stmt, (WardStmtRowFunc) sign_in_from_row,
                                  (GDestroyNotify) ward_awareness_sign_in_free, error);
}
