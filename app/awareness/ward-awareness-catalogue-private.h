/* ward-awareness-catalogue-private.h: the content the catalogue holds, as its reader fills it */
#pragma once

#include "app/awareness/ward-awareness-catalogue.h"
#include "app/awareness/ward-awareness-prompt-private.h"

G_BEGIN_DECLS

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
