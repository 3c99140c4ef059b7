/* ward-awareness-prompt.h: one security-awareness prompt and its topic, as read from the content */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARD_AWARENESS_ERROR (ward_awareness_error_quark ())

typedef enum
{
  WARD_AWARENESS_ERROR_INVALID,       /* the content file is malformed */
  WARD_AWARENESS_ERROR_UNKNOWN,       /* no such prompt or choice */
  WARD_AWARENESS_ERROR_MUST_ANSWER,   /* "not now" used up: answer this time */
} WardAwarenessError;

typedef struct _WardAwarenessTopic  WardAwarenessTopic;
typedef struct _WardAwarenessPrompt WardAwarenessPrompt;

/* One untranslated string with where it was written, for content checks. */
typedef struct
{
  const char *msgid;
  guint       line;
} WardAwarenessString;

#define WARD_TYPE_AWARENESS_PROMPT (ward_awareness_prompt_get_type ())
GType                ward_awareness_prompt_get_type        (void) G_GNUC_CONST;
WardAwarenessPrompt *ward_awareness_prompt_ref             (WardAwarenessPrompt *prompt);
void                 ward_awareness_prompt_unref           (WardAwarenessPrompt *prompt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAwarenessPrompt, ward_awareness_prompt_unref)

/* Prompts: ids and flags as written, text translated for the current locale. */
const char          *ward_awareness_prompt_get_id          (WardAwarenessPrompt *prompt);
const char          *ward_awareness_prompt_get_topic       (WardAwarenessPrompt *prompt);
const char          *ward_awareness_prompt_get_scenario    (WardAwarenessPrompt *prompt);
const char          *ward_awareness_prompt_get_question    (WardAwarenessPrompt *prompt);
const char *const   *ward_awareness_prompt_get_roles       (WardAwarenessPrompt *prompt);
gboolean             ward_awareness_prompt_is_for_roles    (WardAwarenessPrompt *prompt,
                                                            const char *const   *roles);
guint                ward_awareness_prompt_get_n_choices   (WardAwarenessPrompt *prompt);
const char          *ward_awareness_prompt_get_choice_id   (WardAwarenessPrompt *prompt,
                                                            guint                index);
const char          *ward_awareness_prompt_get_choice_label (WardAwarenessPrompt *prompt,
                                                            guint                index);
const char          *ward_awareness_prompt_get_choice_explanation (WardAwarenessPrompt *prompt,
                                                            guint                index);
gboolean             ward_awareness_prompt_get_choice_correct (WardAwarenessPrompt *prompt,
                                                            guint                index);
/* The index of a choice id, or -1. */
int                  ward_awareness_prompt_find_choice     (WardAwarenessPrompt *prompt,
                                                            const char          *choice_id);

const char          *ward_awareness_topic_get_id           (WardAwarenessTopic  *topic);
const char          *ward_awareness_topic_get_name         (WardAwarenessTopic  *topic);
const char *const   *ward_awareness_topic_get_events       (WardAwarenessTopic  *topic);

GQuark               ward_awareness_error_quark            (void);

G_END_DECLS
