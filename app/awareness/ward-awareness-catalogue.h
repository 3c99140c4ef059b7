/* ward-awareness-catalogue.h: the security-awareness prompts, loaded and checked from shipped content */
#pragma once

#include <glib-object.h>

#include "app/awareness/ward-awareness-prompt.h"

G_BEGIN_DECLS

/* The content compiled into the data GResource. */
#define WARD_AWARENESS_RESOURCE "/io/github/wardgate/Wardgate/awareness/prompts.xml"

#define WARD_TYPE_AWARENESS_CATALOGUE (ward_awareness_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessCatalogue, ward_awareness_catalogue, WARD, AWARENESS_CATALOGUE, GObject)

/* $WARDGATE_AWARENESS when set (a file), else the built-in content. */
WardAwarenessCatalogue *ward_awareness_catalogue_new_default  (GError     **error);
WardAwarenessCatalogue *ward_awareness_catalogue_new_from_file (const char *path,
                                                               GError    **error);
WardAwarenessCatalogue *ward_awareness_catalogue_new_from_data (const char *text,
                                                               gssize      length,
                                                               const char *name,
                                                               GError    **error);

/* In file order. */
GPtrArray              *ward_awareness_catalogue_get_topics   (WardAwarenessCatalogue *self);
GPtrArray              *ward_awareness_catalogue_get_prompts  (WardAwarenessCatalogue *self);
WardAwarenessTopic     *ward_awareness_catalogue_lookup_topic (WardAwarenessCatalogue *self,
                                                               const char             *topic_id);
WardAwarenessPrompt    *ward_awareness_catalogue_lookup_prompt (WardAwarenessCatalogue *self,
                                                               const char             *prompt_id);
/* The prompts of a topic that people with these roles may see (NULL roles:
 * only prompts meant for everyone). Free the array; it holds no references. */
GPtrArray              *ward_awareness_catalogue_list_for_topic (WardAwarenessCatalogue *self,
                                                               const char             *topic_id,
                                                               const char *const      *roles);
/* The topic an audit event on someone's account brings, or NULL. */
WardAwarenessTopic     *ward_awareness_catalogue_topic_for_event (WardAwarenessCatalogue *self,
                                                               const char             *event,
                                                               const char             *reason);
/* Every translatable string, untranslated: an array of WardAwarenessString. */
GArray                 *ward_awareness_catalogue_list_strings (WardAwarenessCatalogue *self);

G_END_DECLS
