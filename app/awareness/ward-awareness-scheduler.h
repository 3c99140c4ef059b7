/* ward-awareness-scheduler.h: which security-awareness prompt is due at sign-in, and recording the answer */
#pragma once

#include <glib-object.h>

#include "app/awareness/ward-awareness-catalogue.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_AWARENESS_DEFAULT_INTERVAL_HOURS 10
#define WARD_AWARENESS_DEFAULT_MAX_SKIPS      2
/* A wrong answer's topic returns at the first sign-in this long after it. */
#define WARD_AWARENESS_NEXT_SHIFT_HOURS       8

/* Why a prompt is shown; the screen may say so. */
typedef enum
{
  WARD_AWARENESS_REASON_NONE,            /* nothing due */
  WARD_AWARENESS_REASON_FIRST,           /* never answered one */
  WARD_AWARENESS_REASON_INTERVAL,        /* first sign-in of a shift */
  WARD_AWARENESS_REASON_WRONG_ANSWER,    /* the last answer was wrong: same topic again */
  WARD_AWARENESS_REASON_SECURITY_EVENT,  /* something happened on their account */
} WardAwarenessReason;

#define WARD_TYPE_AWARENESS_SCHEDULER (ward_awareness_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessScheduler, ward_awareness_scheduler, WARD, AWARENESS_SCHEDULER, GObject)

WardAwarenessScheduler *ward_awareness_scheduler_new            (WardStore              *store,
                                                                 WardAwarenessCatalogue *catalogue);
WardAwarenessCatalogue *ward_awareness_scheduler_get_catalogue  (WardAwarenessScheduler *self);

/* The interval (1–168 hours, default 10) and the number of "Not now"
 * (0–5, default 2): the site configuration's [awareness] keys, clamped to
 * the same ranges. */
guint                   ward_awareness_scheduler_get_interval_hours (WardAwarenessScheduler *self);
void                    ward_awareness_scheduler_set_interval_hours (WardAwarenessScheduler *self,
                                                                     guint                   hours);
void                    ward_awareness_scheduler_set_max_skips  (WardAwarenessScheduler *self,
                                                                 guint                   max_skips);

/* The prompt due now for this person, or NULL; it changes nothing. roles
 * NULL: the person's roles are read from the directory. */
WardAwarenessPrompt    *ward_awareness_scheduler_pick           (WardAwarenessScheduler *self,
                                                                 gint64                  user_id,
                                                                 const char *const      *roles,
                                                                 gboolean                break_glass);
WardAwarenessPrompt    *ward_awareness_scheduler_pick_with_reason (WardAwarenessScheduler *self,
                                                                 gint64                  user_id,
                                                                 const char *const      *roles,
                                                                 gboolean                break_glass,
                                                                 WardAwarenessReason    *reason);

/* Seconds after a wrong answer before its topic is asked again: the next
 * shift (see the rule in the .c file). */
gint64                  ward_awareness_scheduler_repeat_delay   (WardAwarenessScheduler *self);

/* Whether "Not now" may still be offered to this person. */
gboolean                ward_awareness_scheduler_can_skip       (WardAwarenessScheduler *self,
                                                                 gint64                  user_id);
/* How many more times in a row "Not now" may be used (0: it may not). */
guint                   ward_awareness_scheduler_skips_left     (WardAwarenessScheduler *self,
                                                                 gint64                  user_id);

/* Stores the answer and audits it. explanation: the feedback for that
 * choice, translated, owned by the catalogue. */
gboolean                ward_awareness_scheduler_record_answer  (WardAwarenessScheduler *self,
                                                                 gint64                  user_id,
                                                                 WardAwarenessPrompt    *prompt,
                                                                 const char             *choice_id,
                                                                 gboolean               *correct,
                                                                 const char            **explanation,
                                                                 GError                **error);
/* "Not now": refused with WARD_AWARENESS_ERROR_MUST_ANSWER once the
 * person has put off max-skips prompts in a row. */
gboolean                ward_awareness_scheduler_record_skip    (WardAwarenessScheduler *self,
                                                                 gint64                  user_id,
                                                                 WardAwarenessPrompt    *prompt,
                                                                 GError                **error);

/* A WardAwarenessDueFunc for ward_auth_flow_set_awareness_hook (user_data:
 * the scheduler). It remembers the prompt it found for the screen. */
gboolean                ward_awareness_scheduler_due_for_flow   (gint64                  user_id,
                                                                 gpointer                scheduler);
WardAwarenessPrompt    *ward_awareness_scheduler_get_pending    (WardAwarenessScheduler *self);
gint64                  ward_awareness_scheduler_get_pending_user_id (WardAwarenessScheduler *self);
WardAwarenessReason     ward_awareness_scheduler_get_pending_reason (WardAwarenessScheduler *self);
void                    ward_awareness_scheduler_clear_pending  (WardAwarenessScheduler *self);

G_END_DECLS
