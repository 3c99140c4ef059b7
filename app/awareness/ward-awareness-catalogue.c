/* ward-awareness-catalogue.c: the security-awareness prompts, loaded and checked from shipped content */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-catalogue-private.h"

struct _WardAwarenessCatalogue
{
  GObject               parent_instance;
  WardAwarenessContent  content;
};

G_DEFINE_FINAL_TYPE (WardAwarenessCatalogue, ward_awareness_catalogue, G_TYPE_OBJECT)

static void
ward_awareness_catalogue_finalize (GObject *object)
{
  _ward_awareness_content_clear (&WARD_AWARENESS_CATALOGUE (object)->content);
  G_OBJECT_CLASS (ward_awareness_catalogue_parent_class)->finalize (object);
}

static void
ward_awareness_catalogue_class_init (WardAwarenessCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_awareness_catalogue_finalize;
}

static void
ward_awareness_catalogue_init (WardAwarenessCatalogue *self)
{
  _ward_awareness_content_init (&self->content);
}

WardAwarenessCatalogue *
ward_awareness_catalogue_new_from_data (const char  *text,
                                        gssize       length,
                                        const char  *name,
                                        GError     **error)
{
  g_autoptr(WardAwarenessCatalogue) self = g_object_new (WARD_TYPE_AWARENESS_CATALOGUE, NULL);

  if (!_ward_awareness_content_read (&self->content, text, length, name, error))
    return NULL;
  return g_steal_pointer (&self);
}

WardAwarenessCatalogue *
ward_awareness_catalogue_new_from_file (const char  *path,
                                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return ward_awareness_catalogue_new_from_data (contents, (gssize) length, path, error);
}

/* The content is compiled in, so the kiosk and its prompts can never be
 * out of step; the variable lets tests and content writers try a file. */
WardAwarenessCatalogue *
ward_awareness_catalogue_new_default (GError **error)
{
  const char *path = g_getenv ("WARDGATE_AWARENESS");
  g_autoptr(GBytes) bytes = NULL;

  if (path != NULL && *path != '\0')
    return ward_awareness_catalogue_new_from_file (path, error);

  bytes = g_resources_lookup_data (WARD_AWARENESS_RESOURCE, 0, error);
  if (bytes == NULL)
    return NULL;
  return ward_awareness_catalogue_new_from_data (g_bytes_get_data (bytes, NULL),
                                                 (gssize) g_bytes_get_size (bytes),
                                                 "resource://" WARD_AWARENESS_RESOURCE, error);
}

GPtrArray *
ward_awareness_catalogue_get_topics (WardAwarenessCatalogue *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), NULL);
  return self->content.topics;
}

GPtrArray *
ward_awareness_catalogue_get_prompts (WardAwarenessCatalogue *self)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), NULL);
  return self->content.prompts;
}

WardAwarenessTopic *
ward_awareness_catalogue_lookup_topic (WardAwarenessCatalogue *self,
                                       const char             *topic_id)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), NULL);
  return topic_id != NULL ? g_hash_table_lookup (self->content.topic_by_id, topic_id) : NULL;
}

WardAwarenessPrompt *
ward_awareness_catalogue_lookup_prompt (WardAwarenessCatalogue *self,
                                        const char             *prompt_id)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), NULL);
  return prompt_id != NULL ? g_hash_table_lookup (self->content.prompt_by_id, prompt_id) : NULL;
}

GPtrArray *
ward_awareness_catalogue_list_for_topic (WardAwarenessCatalogue *self,
                                         const char             *topic_id,
                                         const char *const      *roles)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), list);
  for (guint i = 0; i < self->content.prompts->len; i++)
    {
      WardAwarenessPrompt *prompt = g_ptr_array_index (self->content.prompts, i);

      if (g_strcmp0 (prompt->topic, topic_id) == 0 && ward_awareness_prompt_is_for_roles (prompt, roles))
        g_ptr_array_add (list, prompt);
    }
  return list;
}

static gboolean
event_matches (const char *pattern,
               const char *event,
               const char *reason)
{
  const char *colon = strchr (pattern, ':');

  if (colon == NULL)
    return g_strcmp0 (pattern, event) == 0;
  return event != NULL && strlen (event) == (gsize) (colon - pattern)
         && strncmp (pattern, event, (gsize) (colon - pattern)) == 0
         && g_strcmp0 (colon + 1, reason) == 0;
}

WardAwarenessTopic *
ward_awareness_catalogue_topic_for_event (WardAwarenessCatalogue *self,
                                          const char             *event,
                                          const char             *reason)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), NULL);
  for (guint i = 0; i < self->content.topics->len; i++)
    {
      WardAwarenessTopic *topic = g_ptr_array_index (self->content.topics, i);

      for (guint j = 0; topic->events != NULL && topic->events[j] != NULL; j++)
        if (event_matches (topic->events[j], event, reason))
          return topic;
    }
  return NULL;
}

static void
add_string (GArray     *strings,
            const char *msgid,
            guint       line)
{
  WardAwarenessString string = { msgid, line };

  g_array_append_val (strings, string);
}

GArray *
ward_awareness_catalogue_list_strings (WardAwarenessCatalogue *self)
{
  GArray *strings = g_array_new (FALSE, FALSE, sizeof (WardAwarenessString));

  g_return_val_if_fail (WARD_IS_AWARENESS_CATALOGUE (self), strings);
  for (guint i = 0; i < self->content.topics->len; i++)
    {
      WardAwarenessTopic *topic = g_ptr_array_index (self->content.topics, i);

      add_string (strings, topic->name, topic->name_line);
    }
  for (guint i = 0; i < self->content.prompts->len; i++)
    {
      WardAwarenessPrompt *prompt = g_ptr_array_index (self->content.prompts, i);

      add_string (strings, prompt->scenario, prompt->scenario_line);
      add_string (strings, prompt->question, prompt->question_line);
      for (guint j = 0; j < prompt->choices->len; j++)
        {
          WardAwarenessChoice *choice = g_ptr_array_index (prompt->choices, j);

          add_string (strings, choice->label, choice->label_line);
          add_string (strings, choice->explanation, choice->explanation_line);
        }
    }
  return strings;
}
