/* ward-awareness-prompt.c: one security-awareness prompt and its topic, as read from the content */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-prompt-private.h"

G_DEFINE_QUARK (ward-awareness-error-quark, ward_awareness_error)

WardAwarenessPrompt *
ward_awareness_prompt_ref (WardAwarenessPrompt *prompt)
{
  g_return_val_if_fail (prompt != NULL, NULL);
  g_atomic_ref_count_inc (&prompt->ref);
  return prompt;
}

void
ward_awareness_prompt_unref (WardAwarenessPrompt *prompt)
{
  if (prompt == NULL || !g_atomic_ref_count_dec (&prompt->ref))
    return;
  g_free (prompt->id);
  g_free (prompt->topic);
  g_free (prompt->scenario);
  g_free (prompt->question);
  g_strfreev (prompt->roles);
  g_ptr_array_unref (prompt->choices);
  g_free (prompt);
}

G_DEFINE_BOXED_TYPE (WardAwarenessPrompt, ward_awareness_prompt,
                     ward_awareness_prompt_ref, ward_awareness_prompt_unref)

/* Accessors. Text goes through gettext here, so a locale switched at run
 * time (the kiosk's language button) takes effect at the next prompt. */

static const char *
translate (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

static WardAwarenessChoice *
choice_at (WardAwarenessPrompt *prompt,
           guint                index)
{
  g_return_val_if_fail (prompt != NULL && index < prompt->choices->len, NULL);
  return g_ptr_array_index (prompt->choices, index);
}

const char *
ward_awareness_prompt_get_id (WardAwarenessPrompt *prompt)
{
  return prompt->id;
}

const char *
ward_awareness_prompt_get_topic (WardAwarenessPrompt *prompt)
{
  return prompt->topic;
}

const char *
ward_awareness_prompt_get_scenario (WardAwarenessPrompt *prompt)
{
  return translate (prompt->scenario);
}

const char *
ward_awareness_prompt_get_question (WardAwarenessPrompt *prompt)
{
  return translate (prompt->question);
}

const char *const *
ward_awareness_prompt_get_roles (WardAwarenessPrompt *prompt)
{
  return (const char *const *) prompt->roles;
}

gboolean
ward_awareness_prompt_is_for_roles (WardAwarenessPrompt *prompt,
                                    const char *const   *roles)
{
  if (prompt->roles == NULL)
    return TRUE;
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (g_strv_contains ((const char *const *) prompt->roles, roles[i]))
      return TRUE;
  return FALSE;
}

guint
ward_awareness_prompt_get_n_choices (WardAwarenessPrompt *prompt)
{
  return prompt->choices->len;
}

const char *
ward_awareness_prompt_get_choice_id (WardAwarenessPrompt *prompt,
                                     guint                index)
{
  WardAwarenessChoice *choice = choice_at (prompt, index);

  return choice != NULL ? choice->id : NULL;
}

const char *
ward_awareness_prompt_get_choice_label (WardAwarenessPrompt *prompt,
                                        guint                index)
{
  WardAwarenessChoice *choice = choice_at (prompt, index);

  return choice != NULL ? translate (choice->label) : NULL;
}

const char *
ward_awareness_prompt_get_choice_explanation (WardAwarenessPrompt *prompt,
                                              guint                index)
{
  WardAwarenessChoice *choice = choice_at (prompt, index);

  return choice != NULL ? translate (choice->explanation) : NULL;
}

gboolean
ward_awareness_prompt_get_choice_correct (WardAwarenessPrompt *prompt,
                                          guint                index)
{
  WardAwarenessChoice *choice = choice_at (prompt, index);

  return choice != NULL && choice->correct;
}

int
ward_awareness_prompt_find_choice (WardAwarenessPrompt *prompt,
                                   const char          *choice_id)
{
  for (guint i = 0; i < prompt->choices->len; i++)
    if (g_strcmp0 (choice_at (prompt, i)->id, choice_id) == 0)
      return (int) i;
  return -1;
}

const char *
ward_awareness_topic_get_id (WardAwarenessTopic *topic)
{
  return topic->id;
}

const char *
ward_awareness_topic_get_name (WardAwarenessTopic *topic)
{
  return translate (topic->name);
}

const char *const *
ward_awareness_topic_get_events (WardAwarenessTopic *topic)
{
  return (const char *const *) topic->events;
}
