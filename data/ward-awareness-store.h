/* ward-awareness-store.h: security-awareness answers and skips as stored, and the figures read back */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  gint64    user_id;
  char     *username;
  char     *full_name;
  char     *prompt_id;
  char     *topic;
  char     *choice;         /* NULL when skipped */
  gboolean  correct;
  gboolean  skipped;
  gint64    answered_at;
} WardAwarenessAnswer;

/* What the scheduler needs about one person, read at once. Recency is the
 * order rows were written in (their id), so two answers in the same
 * second, or a clock stepped back, still have a clear order. */
typedef struct
{
  gint64      last_answered_at;   /* 0: never answered (skips do not count) */
  gint64      last_answer_id;     /* 0: never */
  char       *last_prompt;        /* of the last answer, or NULL */
  char       *last_topic;
  gboolean    last_correct;
  guint       consecutive_skips;  /* skips since the last answer */
  GHashTable *topic_seen;         /* topic id → GINT64 row id of its last answer */
  GHashTable *prompt_seen;        /* prompt id → row id of its last answer */
} WardAwarenessUserState;

/* Someone who signed in (normally, not break-glass) during a period. */
typedef struct
{
  gint64  user_id;
  char   *username;
  char   *full_name;
  gint64  last_signed_in;
  gint64  last_answered_at;       /* 0: never answered before the period's end */
} WardAwarenessSignIn;

void                    ward_awareness_answer_free      (WardAwarenessAnswer    *answer);
void                    ward_awareness_user_state_free  (WardAwarenessUserState *state);
void                    ward_awareness_sign_in_free     (WardAwarenessSignIn    *sign_in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAwarenessAnswer, ward_awareness_answer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAwarenessUserState, ward_awareness_user_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAwarenessSignIn, ward_awareness_sign_in_free)

/* Looks up a row id in the state's tables: 0 when never answered. */
gint64                  ward_awareness_user_state_seen  (GHashTable             *seen,
                                                         const char             *key);

/* choice NULL records a skip ("not now"). Time comes from the store's clock. */
gint64                  ward_awareness_store_record     (WardStore   *store,
                                                         gint64       user_id,
                                                         const char  *prompt_id,
                                                         const char  *topic,
                                                         const char  *choice,
                                                         gboolean     correct,
                                                         GError     **error);
WardAwarenessUserState *ward_awareness_store_user_state (WardStore   *store,
                                                         gint64       user_id,
                                                         GError     **error);
/* Answers and skips with since <= answered_at < until, by user then time. */
GPtrArray              *ward_awareness_store_history    (WardStore   *store,
                                                         gint64       since,
                                                         gint64       until,
                                                         GError     **error);
/* Active accounts with a normal sign-in in the period, by user name. */
GPtrArray              *ward_awareness_store_signed_in  (WardStore   *store,
                                                         gint64       since,
                                                         gint64       until,
                                                         GError     **error);

G_END_DECLS
