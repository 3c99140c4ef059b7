/* ward-awareness-catalogue-private.h: the prompt structures shared by the catalogue and its reader */
#pragma once

#include "app/awareness/ward-awareness-catalogue.h"

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

/* Everything read from one content file. */
typedef struct
{
  GPtrArray  *topics;        /* WardAwarenessTopic, in file order */
  GPtrArray  *prompts;       /* WardAwarenessPrompt, in file order */
  GHashTable *topic_by_id;
  GHashTable *prompt_by_id;
} WardAwarenessContent;

void      _ward_awareness_content_init  (WardAwarenessContent  *content);
void      _ward_awareness_content_clear (WardAwarenessContent  *content);
gboolean  _ward_awareness_content_read  (WardAwarenessContent  *content,
                                         const char            *text,
                                         gssize                 length,
                                         const char            *name,
                                         GError               **error);

G_END_DECLS
