/* ward-awareness-prompt-private.h: the prompt, choice and topic structures, shared with the content reader */
#pragma once

#include "app/awareness/ward-awareness-prompt.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *label;
  char     *explanation;
  guint     label_line;
  guint     explanation_line;
  guint     line;
  gboolean  correct;
} WardAwarenessChoice;

struct _WardAwarenessTopic
{
  char   *id;
  char   *name;
  guint   name_line;
  GStrv   events;
  guint   line;
  guint   n_prompts;
};

struct _WardAwarenessPrompt
{
  gatomicrefcount  ref;
  char            *id;
  char            *topic;
  char            *scenario;
  char            *question;
  guint            scenario_line;
  guint            question_line;
  GStrv            roles;
  GPtrArray       *choices;
  guint            line;
};

G_END_DECLS
