/* ward-awareness-scheduler.c: which security-awareness prompt is due at sign-in, and recording the answer */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-audit.h"
#include "data/ward-awareness-store.h"
#include "data/ward-directory.h"

#define MAX_INTERVAL_HOURS 168
#define MAX_SKIPS_LIMIT    5
/* Security events looked at per kind since the last answer: enough for a
 * lockout's worth of failures, small enough to stay quick at sign-in. */
#define EVENTS_PER_KIND    100

struct _WardAwarenessScheduler
{
  GObject                 parent_instance;
  WardStore              *store;
  WardAwarenessCatalogue *catalogue;
  guint                   interval_hours;
  guint                   max_skips;
  WardAwarenessPrompt    *pending;
  gint64                  pending_user_id;
  WardAwarenessReason     pending_reason;
};

G_DEFINE_FINAL_TYPE (WardAwarenessScheduler, ward_awareness_scheduler, G_TYPE_OBJECT)

static void
ward_awareness_scheduler_finalize (GObject *object)
{
  WardAwarenessScheduler *self = WARD_AWARENESS_SCHEDULER (object);

  g_clear_pointer (&self->pending, ward_awareness_prompt_unref);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ward_awareness_scheduler_parent_class)->finalize (object);
}

static void
ward_awareness_scheduler_class_init (WardAwarenessSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ward_awareness_scheduler_finalize;
}

static void
ward_awareness_scheduler_init (WardAwarenessScheduler *self)
{
  self->interval_hours = WARD_AWARENESS_DEFAULT_INTERVAL_HOURS;
  self->max_skips = WARD_AWARENESS_DEFAULT_MAX_SKIPS;
}

WardAwarenessScheduler *
ward_awareness_scheduler_new (WardStore              *store,
                              WardAwarenessCatalogue *catalogue)
{
  WardAwarenessScheduler *self = g_object_new (WARD_TYPE_AWARENESS_SCHEDULER, NULL);

  g_return_val_if_fail (WARD_IS_STORE (store), self);
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (catalogue), self);
  self->store = g_object_ref (store);
  self->catalogue = g_object_ref (catalogue);
  return self;
}

WardAwarenessCatalogue *
ward_awareness_scheduler_get_catalogue (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), NULL);
  return self->catalogue;
}

guint
ward_awareness_scheduler_get_interval_hours (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), WARD_AWARENESS_DEFAULT_INTERVAL_HOURS);
  return self->interval_hours;
}

void
ward_awareness_scheduler_set_interval_hours (WardAwarenessScheduler *self,
                                             guint                   hours)
{
  g_return_if_fail (WARD_IS_AWARENESS_SCHEDULER (self));
  hours = CLAMP (hours, 1, MAX_INTERVAL_HOURS);
  self->interval_hours = hours;
}

void
ward_awareness_scheduler_set_max_skips (WardAwarenessScheduler *self,
                                        guint                   max_skips)
{
  g_return_if_fail (WARD_IS_AWARENESS_SCHEDULER (self));
  max_skips = MIN (max_skips, MAX_SKIPS_LIMIT);
  self->max_skips = max_skips;
}

static gint64
now (WardAwarenessScheduler *self)
{
  return ward_clock_get_now (ward_store_get_clock (self->store));
}

/* Choosing. */

static gboolean
topic_has_prompt (WardAwarenessScheduler *self,
                  const char             *topic_id,
                  const char *const      *roles)
{
  g_autoptr(GPtrArray) prompts = ward_awareness_catalogue_list_for_topic (self->catalogue, topic_id, roles);

  return prompts->len > 0;
}

/* The topic seen least recently; never seen comes first, in file order. */
static const char *
rotation_topic (WardAwarenessScheduler       *self,
                const WardAwarenessUserState *state,
                const char *const            *roles)
{
  GPtrArray *topics = ward_awareness_catalogue_get_topics (self->catalogue);
  const char *best = NULL;
  gint64 best_seen = G_MAXINT64;

  for (guint i = 0; i < topics->len; i++)
    {
      const char *id = ward_awareness_topic_get_id (g_ptr_array_index (topics, i));
      gint64 seen = ward_awareness_user_state_seen (state->topic_seen, id);

      if (seen < best_seen && topic_has_prompt (self, id, roles))
        {
          best = id;
          best_seen = seen;
        }
    }
  return best;
}

/* Within a topic, the prompt answered least recently. avoid is the prompt
 * just answered wrongly: the topic comes back with another one if there is. */
static WardAwarenessPrompt *
choose_prompt (WardAwarenessScheduler       *self,
               const char                   *topic_id,
               const WardAwarenessUserState *state,
               const char *const            *roles,
               const char                   *avoid)
{
  g_autoptr(GPtrArray) prompts = ward_awareness_catalogue_list_for_topic (self->catalogue, topic_id, roles);
  WardAwarenessPrompt *best = NULL;
  gint64 best_seen = G_MAXINT64;

  for (guint i = 0; i < prompts->len; i++)
    {
      WardAwarenessPrompt *prompt = g_ptr_array_index (prompts, i);
      const char *id = ward_awareness_prompt_get_id (prompt);
      gint64 seen = ward_awareness_user_state_seen (state->prompt_seen, id);

      if (prompts->len > 1 && g_strcmp0 (id, avoid) == 0)
        continue;
      if (seen < best_seen)
        {
          best = prompt;
          best_seen = seen;
        }
    }
  return best != NULL ? ward_awareness_prompt_ref (best) : NULL;
}

static char *
details_reason (const char *details)
{
  g_autoptr(JsonNode) node = json_from_string (details, NULL);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (object == NULL || !json_object_has_member (object, "reason"))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, "reason", ""));
}

/* The audit seq of the person's latest answer: events after it are news. */
static gint64
last_answer_seq (WardAwarenessScheduler *self,
                 const char             *username,
                 gint64                  since_us)
{
  WardAuditFilter filter = { .event = "awareness.answered", .person = username, .since_us = since_us, .limit = 1 };
  g_autoptr(GPtrArray) records = ward_audit_list (self->store, &filter, NULL);

  if (records == NULL || records->len == 0)
    return 0;
  return ((WardAuditRecord *) g_ptr_array_index (records, 0))->seq;
}

static void
collect_event_names (WardAwarenessScheduler *self,
                     GHashTable             *names)
{
  GPtrArray *topics = ward_awareness_catalogue_get_topics (self->catalogue);

  for (guint i = 0; i < topics->len; i++)
    {
      const char *const *events = ward_awareness_topic_get_events (g_ptr_array_index (topics, i));

      for (guint j = 0; events != NULL && events[j] != NULL; j++)
        {
          const char *colon = strchr (events[j], ':');

          g_hash_table_add (names, colon != NULL ? g_strndup (events[j], (gsize) (colon - events[j]))
                                                 : g_strdup (events[j]));
        }
    }
}

/* Among records of one event kind newer than *best_seq, the newest that
 * the content maps to a topic this person has prompts for. */
static void
newest_event_topic (WardAwarenessScheduler  *self,
                    const char              *event,
                    const char              *username,
                    const char *const       *roles,
                    gint64                   since_us,
                    gint64                  *best_seq,
                    const char             **best_topic)
{
  WardAuditFilter filter = { .event = event, .person = username, .since_us = since_us, .limit = EVENTS_PER_KIND };
  g_autoptr(GPtrArray) records = ward_audit_list (self->store, &filter, NULL);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      WardAuditRecord *record = g_ptr_array_index (records, i);
      g_autofree char *reason = NULL;
      WardAwarenessTopic *topic;

      if (record->seq <= *best_seq)
        break;
      reason = details_reason (record->details);
      topic = ward_awareness_catalogue_topic_for_event (self->catalogue, record->event, reason);
      if (topic != NULL && topic_has_prompt (self, ward_awareness_topic_get_id (topic), roles))
        {
          *best_seq = record->seq;
          *best_topic = ward_awareness_topic_get_id (topic);
        }
    }
}

/* A lockout, a replayed code or an unknown key on the person's own account
 * since their last answer brings the topic the content relates to it. */
static const char *
security_event_topic (WardAwarenessScheduler       *self,
                      const char                   *username,
                      const WardAwarenessUserState *state,
                      const char *const            *roles)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 since_us = state->last_answered_at * G_USEC_PER_SEC;
  gint64 best_seq = last_answer_seq (self, username, since_us);
  const char *best_topic = NULL;
  GHashTableIter iter;
  gpointer name;

  collect_event_names (self, names);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    newest_event_topic (self, name, username, roles, since_us, &best_seq, &best_topic);
  return best_topic;
}

/* When a wrong answer's topic comes back. Not at the very next sign-in: a
 * nurse who signs in again ten minutes later, in the middle of her work,
 * would meet the same lesson twice in one shift and learn only to click
 * through it. It waits for the next shift, taken as the first sign-in at
 * least WARD_AWARENESS_NEXT_SHIFT_HOURS (8 h: the shortest shift pattern
 * of a ward, and longer than any break within one) after the wrong
 * answer; never later than the regular interval, so a site that asks
 * more often than every 8 h keeps the repeat at least as soon as its
 * ordinary prompts. */
gint64
ward_awareness_scheduler_repeat_delay (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), WARD_AWARENESS_NEXT_SHIFT_HOURS * 3600);
  return (gint64) MIN (self->interval_hours, WARD_AWARENESS_NEXT_SHIFT_HOURS) * 3600;
}

static const char *
due_topic (WardAwarenessScheduler       *self,
           const char                   *username,
           const WardAwarenessUserState *state,
           const char *const            *roles,
           WardAwarenessReason          *reason)
{
  const char *topic = security_event_topic (self, username, state, roles);
  gint64 interval = (gint64) self->interval_hours * 3600;

  if (topic != NULL)
    *reason = WARD_AWARENESS_REASON_SECURITY_EVENT;
  else if (state->last_answer_id != 0 && !state->last_correct
           && now (self) - state->last_answered_at < ward_awareness_scheduler_repeat_delay (self))
    *reason = WARD_AWARENESS_REASON_NONE;
  else if (state->last_answer_id != 0 && !state->last_correct
           && topic_has_prompt (self, state->last_topic, roles))
    {
      *reason = WARD_AWARENESS_REASON_WRONG_ANSWER;
      topic = state->last_topic;
    }
  else if (state->last_answer_id == 0)
    *reason = WARD_AWARENESS_REASON_FIRST;
  else if (now (self) - state->last_answered_at >= interval)
    *reason = WARD_AWARENESS_REASON_INTERVAL;
  else
    *reason = WARD_AWARENESS_REASON_NONE;

  if (topic == NULL && *reason != WARD_AWARENESS_REASON_NONE)
    topic = rotation_topic (self, state, roles);
  return topic;
}

WardAwarenessPrompt *
ward_awareness_scheduler_pick_with_reason (WardAwarenessScheduler *self,
                                           gint64                  user_id,
                                           const char *const      *roles,
                                           gboolean                break_glass,
                                           WardAwarenessReason    *reason)
{
  g_autoptr(WardUserRecord) user = NULL;
  g_autoptr(WardAwarenessUserState) state = NULL;
  g_autoptr(GError) error = NULL;
  WardAwarenessReason why = WARD_AWARENESS_REASON_NONE;
  const char *topic;

  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), NULL);
  if (reason != NULL)
    *reason = WARD_AWARENESS_REASON_NONE;

  /* An emergency is never the moment for a lesson. */
  if (break_glass)
    return NULL;

  user = ward_directory_get_user (self->store, user_id, &error);
  if (user != NULL)
    state = ward_awareness_store_user_state (self->store, user_id, &error);
  if (state == NULL)
    {
      /* Training must never stand between a nurse and the kiosk. */
      g_warning ("Awareness prompt skipped for user %" G_GINT64_FORMAT ": %s", user_id,
                 error != NULL ? error->message : "no such account");
      return NULL;
    }

  if (roles == NULL)
    roles = (const char *const *) user->roles;
  topic = due_topic (self, user->username, state, roles, &why);
  if (topic == NULL)
    return NULL;
  if (reason != NULL)
    *reason = why;
  return choose_prompt (self, topic, state, roles,
                        why == WARD_AWARENESS_REASON_WRONG_ANSWER ? state->last_prompt : NULL);
}

WardAwarenessPrompt *
ward_awareness_scheduler_pick (WardAwarenessScheduler *self,
                               gint64                  user_id,
                               const char *const      *roles,
                               gboolean                break_glass)
{
  return ward_awareness_scheduler_pick_with_reason (self, user_id, roles, break_glass, NULL);
}

/* Recording. */

static guint
consecutive_skips (WardAwarenessScheduler  *self,
                   gint64                   user_id,
                   GError                 **error)
{
  g_autoptr(WardAwarenessUserState) state = ward_awareness_store_user_state (self->store, user_id, error);

  return state != NULL ? state->consecutive_skips : G_MAXUINT;
}

gboolean
ward_awareness_scheduler_can_skip (WardAwarenessScheduler *self,
                                   gint64                  user_id)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), FALSE);
  return consecutive_skips (self, user_id, NULL) < self->max_skips;
}

/* An unreadable state counts as none left: the card then asks for the
 * answer, which is always recorded if the store works at all. */
guint
ward_awareness_scheduler_skips_left (WardAwarenessScheduler *self,
                                     gint64                  user_id)
{
  guint used;

  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), 0);
  used = consecutive_skips (self, user_id, NULL);
  return used < self->max_skips ? self->max_skips - used : 0;
}

static char *
username_for (WardAwarenessScheduler  *self,
              gint64                   user_id,
              GError                 **error)
{
  g_autoptr(WardUserRecord) user = ward_directory_get_user (self->store, user_id, error);

  return user != NULL ? g_strdup (user->username) : NULL;
}

/* The row and its audit record are written together or not at all. */
static gboolean
store_and_audit (WardAwarenessScheduler  *self,
                 gint64                   user_id,
                 const char              *username,
                 WardAwarenessPrompt     *prompt,
                 const char              *choice_id,
                 gboolean                 correct,
                 const char              *details,
                 GError                 **error)
{
  WardAuditEvent event = choice_id != NULL ? WARD_AUDIT_AWARENESS_ANSWERED : WARD_AUDIT_AWARENESS_SKIPPED;

  if (ward_awareness_store_record (self->store, user_id, ward_awareness_prompt_get_id (prompt),
                                   ward_awareness_prompt_get_topic (prompt), choice_id, correct, error) == 0
      || !ward_audit_append (self->store, event, username, username, details, FALSE, error))
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  return ward_store_commit (self->store, error);
}

static void
forget_pending (WardAwarenessScheduler *self,
                gint64                  user_id)
{
  if (self->pending_user_id == user_id)
    ward_awareness_scheduler_clear_pending (self);
}

gboolean
ward_awareness_scheduler_record_answer (WardAwarenessScheduler  *self,
                                        gint64                   user_id,
                                        WardAwarenessPrompt     *prompt,
                                        const char              *choice_id,
                                        gboolean                *correct,
                                        const char             **explanation,
                                        GError                 **error)
{
  g_autofree char *username = NULL;
  g_autofree char *details = NULL;
  int index;
  gboolean right;

  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (prompt != NULL, FALSE);

  index = choice_id != NULL ? ward_awareness_prompt_find_choice (prompt, choice_id) : -1;
  if (index < 0)
    {
      g_set_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_UNKNOWN,
                   _("That answer is not one of this question’s choices."));
      return FALSE;
    }
  username = username_for (self, user_id, error);
  if (username == NULL)
    return FALSE;

  right = ward_awareness_prompt_get_choice_correct (prompt, (guint) index);
  details = ward_audit_details ("prompt", ward_awareness_prompt_get_id (prompt),
                                "topic", ward_awareness_prompt_get_topic (prompt),
                                "choice", choice_id, "correct", right ? "yes" : "no", NULL);
  if (!ward_store_begin (self->store, error)
      || !store_and_audit (self, user_id, username, prompt, choice_id, right, details, error))
    return FALSE;

  forget_pending (self, user_id);
  if (correct != NULL)
    *correct = right;
  if (explanation != NULL)
    *explanation = ward_awareness_prompt_get_choice_explanation (prompt, (guint) index);
  return TRUE;
}

gboolean
ward_awareness_scheduler_record_skip (WardAwarenessScheduler  *self,
                                      gint64                   user_id,
                                      WardAwarenessPrompt     *prompt,
                                      GError                 **error)
{
  g_autofree char *username = NULL;
  g_autofree char *details = NULL;
  g_autofree char *count = NULL;
  guint skips;

  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), FALSE);
  g_return_val_if_fail (prompt != NULL, FALSE);

  username = username_for (self, user_id, error);
  if (username == NULL)
    return FALSE;

  /* Counted inside the write lock: two kiosks cannot both grant the last skip. */
  if (!ward_store_begin (self->store, error))
    return FALSE;
  skips = consecutive_skips (self, user_id, error);
  if (skips == G_MAXUINT)
    {
      ward_store_rollback (self->store);
      return FALSE;
    }
  if (skips >= self->max_skips)
    {
      ward_store_rollback (self->store);
      g_set_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_MUST_ANSWER,
                   _("This question cannot be put off again. Please answer it now: it takes less than a minute."));
      return FALSE;
    }

  count = g_strdup_printf ("%u", skips + 1);
  details = ward_audit_details ("prompt", ward_awareness_prompt_get_id (prompt),
                                "topic", ward_awareness_prompt_get_topic (prompt),
                                "skips_in_a_row", count, NULL);
  if (!store_and_audit (self, user_id, username, prompt, NULL, FALSE, details, error))
    return FALSE;
  forget_pending (self, user_id);
  return TRUE;
}

/* The sign-in flow's hook. */

gboolean
ward_awareness_scheduler_due_for_flow (gint64   user_id,
                                       gpointer scheduler)
{
  WardAwarenessScheduler *self = scheduler;
  WardAwarenessReason reason = WARD_AWARENESS_REASON_NONE;
  WardAwarenessPrompt *prompt;

  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), FALSE);

  /* The flow asks only after the factors of a normal sign-in. */
  prompt = ward_awareness_scheduler_pick_with_reason (self, user_id, NULL, FALSE, &reason);
  ward_awareness_scheduler_clear_pending (self);
  if (prompt == NULL)
    return FALSE;
  self->pending = prompt;
  self->pending_user_id = user_id;
  self->pending_reason = reason;
  return TRUE;
}

WardAwarenessPrompt *
ward_awareness_scheduler_get_pending (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), NULL);
  return self->pending;
}

gint64
ward_awareness_scheduler_get_pending_user_id (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), 0);
  return self->pending_user_id;
}

WardAwarenessReason
ward_awareness_scheduler_get_pending_reason (WardAwarenessScheduler *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_SCHEDULER (self), WARD_AWARENESS_REASON_NONE);
  return self->pending_reason;
}

void
ward_awareness_scheduler_clear_pending (WardAwarenessScheduler *self)
{
  g_return_if_fail (WARD_IS_AWARENESS_SCHEDULER (self));
  g_clear_pointer (&self->pending, ward_awareness_prompt_unref);
  self->pending_user_id = 0;
  self->pending_reason = WARD_AWARENESS_REASON_NONE;
}
