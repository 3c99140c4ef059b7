/* ward-awareness-catalogue-reader.c: reading and checking the awareness content file (GMarkup) */
#include "config.h"

#include <string.h>

#include "app/awareness/ward-awareness-catalogue-private.h"
#include "app/ward-markup-nesting.h"

#define MIN_CHOICES 2
#define MAX_CHOICES 4
#define MAX_ID_LENGTH 64

static void
choice_free (WardAwarenessChoice *choice)
{
  g_free (choice->id);
  g_free (choice->label);
  g_free (choice->explanation);
  g_free (choice);
}

static void
topic_free (WardAwarenessTopic *topic)
{
  g_free (topic->id);
  g_free (topic->name);
  g_strfreev (topic->events);
  g_free (topic);
}

static WardAwarenessPrompt *
prompt_new (void)
{
  WardAwarenessPrompt *prompt = g_new0 (WardAwarenessPrompt, 1);

  g_atomic_ref_count_init (&prompt->ref);
  prompt->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  return prompt;
}

/* Parsing: one pass with GMarkup, checks as each element closes. */

typedef struct
{
  const char             *name;
  WardAwarenessContent   *content;
  WardAwarenessTopic     *topic;
  WardAwarenessPrompt    *prompt;
  WardAwarenessChoice    *choice;
  GString                *text;
  guint                   text_line;
} Parser;

static guint
current_line (GMarkupParseContext *context)
{
  int line = 0;

  g_markup_parse_context_get_position (context, &line, NULL);
  return (guint) line;
}

/* For content writers and the content test, in English like a log line:
 * a nurse never meets a malformed file, the kiosk ships a checked one. */
static void G_GNUC_PRINTF (4, 5)
set_invalid (GError    **error,
             const char *name,
             guint       line,
             const char *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_INVALID,
               "%s:%u: %s", name, line, reason);
}

/* Ids end up in the database and in reports: keep them plain. */
static gboolean
is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length == 0 || length > MAX_ID_LENGTH || id[0] == '-' || id[length - 1] == '-')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_id (GMarkupParseContext *context,
          Parser              *parser,
          const char          *what,
          const char          *id,
          GError             **error)
{
  if (is_valid_id (id))
    return TRUE;
  set_invalid (error, parser->name, current_line (context),
               "%s id “%s” must be lower-case letters, digits and hyphens", what, id);
  return FALSE;
}

/* An id for a new entry of @by_id: well formed and not yet used. */
static gboolean
check_new_id (GMarkupParseContext *context,
              Parser              *parser,
              const char          *what,
              const char          *id,
              GHashTable          *by_id,
              GError             **error)
{
  if (!check_id (context, parser, what, id, error))
    return FALSE;
  if (!g_hash_table_contains (by_id, id))
    return TRUE;
  set_invalid (error, parser->name, current_line (context), "%s id “%s” is used twice", what, id);
  return FALSE;
}

/* The same whitespace rule as xgettext's ITS "normalize": runs collapse to
 * one space and the ends are trimmed, so the msgid found here is the one
 * in the .pot. */
static char *
normalize_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
start_awareness (GMarkupParseContext  *context,
                 Parser               *parser,
                 const char          **names,
                 const char          **values,
                 GError              **error)
{
  const char *version = NULL;

  if (!g_markup_collect_attributes ("awareness", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "version", &version,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;
  if (g_strcmp0 (version, "1") == 0)
    return TRUE;
  set_invalid (error, parser->name, current_line (context),
               "version “%s” is not supported (this build reads version 1)", version);
  return FALSE;
}

static GStrv
split_words (const char *text)
{
  g_autofree char *normal = normalize_space (text != NULL ? text : "");

  return *normal != '\0' ? g_strsplit (normal, " ", -1) : NULL;
}

static gboolean
start_topic (GMarkupParseContext  *context,
             Parser               *parser,
             const char          **names,
             const char          **values,
             GError              **error)
{
  const char *id = NULL, *events = NULL;
  WardAwarenessTopic *topic;

  if (!g_markup_collect_attributes ("topic", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "on-events", &events,
                                    G_MARKUP_COLLECT_INVALID)
      || !check_new_id (context, parser, "topic", id, parser->content->topic_by_id, error))
    return FALSE;

  topic = g_new0 (WardAwarenessTopic, 1);
  topic->id = g_strdup (id);
  topic->events = split_words (events);
  topic->line = current_line (context);
  g_ptr_array_add (parser->content->topics, topic);
  g_hash_table_insert (parser->content->topic_by_id, topic->id, topic);
  parser->topic = topic;
  return TRUE;
}

static gboolean
check_roles (GMarkupParseContext  *context,
             Parser               *parser,
             GStrv                 roles,
             GError              **error)
{
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (!check_id (context, parser, "role", roles[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
start_prompt (GMarkupParseContext  *context,
              Parser               *parser,
              const char          **names,
              const char          **values,
              GError              **error)
{
  const char *id = NULL, *topic = NULL, *roles = NULL;
  WardAwarenessPrompt *prompt;

  if (!g_markup_collect_attributes ("prompt", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "topic", &topic,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "roles", &roles,
                                    G_MARKUP_COLLECT_INVALID)
      || !check_new_id (context, parser, "prompt", id, parser->content->prompt_by_id, error))
    return FALSE;

  prompt = prompt_new ();
  prompt->id = g_strdup (id);
  prompt->topic = g_strdup (topic);
  prompt->roles = split_words (roles);
  prompt->line = current_line (context);
  g_ptr_array_add (parser->content->prompts, prompt);
  g_hash_table_insert (parser->content->prompt_by_id, prompt->id, prompt);
  parser->prompt = prompt;
  return check_roles (context, parser, prompt->roles, error);
}

static gboolean
start_choice (GMarkupParseContext  *context,
              Parser               *parser,
              const char          **names,
              const char          **values,
              GError              **error)
{
  const char *id = NULL, *correct = NULL;
  WardAwarenessChoice *choice;

  if (!g_markup_collect_attributes ("choice", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "correct", &correct,
                                    G_MARKUP_COLLECT_INVALID)
      || !check_id (context, parser, "choice", id, error))
    return FALSE;
  if (ward_awareness_prompt_find_choice (parser->prompt, id) >= 0)
    {
      set_invalid (error, parser->name, current_line (context),
                   "choice id “%s” is used twice in prompt “%s”", id, parser->prompt->id);
      return FALSE;
    }
  if (g_strcmp0 (correct, "yes") != 0 && g_strcmp0 (correct, "no") != 0)
    {
      set_invalid (error, parser->name, current_line (context), "correct must be “yes” or “no”");
      return FALSE;
    }

  choice = g_new0 (WardAwarenessChoice, 1);
  choice->id = g_strdup (id);
  choice->correct = g_str_equal (correct, "yes");
  choice->line = current_line (context);
  g_ptr_array_add (parser->prompt->choices, choice);
  parser->choice = choice;
  return TRUE;
}

static gboolean
start_text (GMarkupParseContext  *context,
            Parser               *parser,
            const char           *element,
            const char          **names,
            GError              **error)
{
  if (names[0] != NULL)
    {
      set_invalid (error, parser->name, current_line (context),
                   "<%s> takes no attributes", element);
      return FALSE;
    }
  parser->text = g_string_new (NULL);
  parser->text_line = current_line (context);
  return TRUE;
}

/* Which element may appear inside which: anything else is a mistake in
 * the content (often a typo) and is refused rather than ignored. */
static const WardMarkupNesting allowed[] = {
  { "awareness", NULL },
  { "topic", "awareness" },
  { "name", "topic" },
  { "prompt", "awareness" },
  { "scenario", "prompt" },
  { "question", "prompt" },
  { "choice", "prompt" },
  { "label", "choice" },
  { "explanation", "choice" },
};

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parser *parser = user_data;
  const char *parent = NULL;

  /* Unknown or misplaced, the writer fixes it the same way: one sentence for both. */
  if (ward_markup_nesting_check (context, allowed, G_N_ELEMENTS (allowed), &parent) != WARD_MARKUP_PLACE_ALLOWED)
    {
      set_invalid (error, parser->name, current_line (context),
                   "<%s> is not expected %s%s%s", element, parent != NULL ? "inside <" : "here",
                   parent != NULL ? parent : "", parent != NULL ? ">" : "");
      return;
    }

  if (g_str_equal (element, "awareness"))
    start_awareness (context, parser, names, values, error);
  else if (g_str_equal (element, "topic"))
    start_topic (context, parser, names, values, error);
  else if (g_str_equal (element, "prompt"))
    start_prompt (context, parser, names, values, error);
  else if (g_str_equal (element, "choice"))
    start_choice (context, parser, names, values, error);
  else
    start_text (context, parser, element, names, error);
}

/* Where the text of a closing element goes, and its line. */
static char **
text_slot (Parser     *parser,
           const char *element,
           guint     **line)
{
  if (g_str_equal (element, "name"))
    {
      *line = &parser->topic->name_line;
      return &parser->topic->name;
    }
  if (g_str_equal (element, "scenario"))
    {
      *line = &parser->prompt->scenario_line;
      return &parser->prompt->scenario;
    }
  if (g_str_equal (element, "question"))
    {
      *line = &parser->prompt->question_line;
      return &parser->prompt->question;
    }
  if (g_str_equal (element, "label"))
    {
      *line = &parser->choice->label_line;
      return &parser->choice->label;
    }
  *line = &parser->choice->explanation_line;
  return &parser->choice->explanation;
}

static gboolean
end_text (GMarkupParseContext  *context,
          Parser               *parser,
          const char           *element,
          GError              **error)
{
  g_autofree char *text = normalize_space (parser->text->str);
  guint *line = NULL;
  char **slot = text_slot (parser, element, &line);

  g_string_free (g_steal_pointer (&parser->text), TRUE);
  if (*slot != NULL)
    set_invalid (error, parser->name, parser->text_line, "<%s> is given twice", element);
  else if (*text == '\0')
    set_invalid (error, parser->name, parser->text_line, "<%s> is empty", element);
  else if (strpbrk (text, "&<>") != NULL)
    set_invalid (error, parser->name, parser->text_line,
                 "<%s> contains “&”, “<” or “>”, which gettext would not find translated", element);
  else
    {
      *slot = g_steal_pointer (&text);
      *line = parser->text_line;
      return TRUE;
    }
  return FALSE;
}

static gboolean
end_choice (Parser  *parser,
            GError **error)
{
  WardAwarenessChoice *choice = g_steal_pointer (&parser->choice);

  if (choice->label == NULL || choice->explanation == NULL)
    {
      set_invalid (error, parser->name, choice->line, "choice “%s” of prompt “%s” needs a <label> and an <explanation>",
                   choice->id, parser->prompt->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
end_prompt (Parser  *parser,
            GError **error)
{
  WardAwarenessPrompt *prompt = g_steal_pointer (&parser->prompt);
  guint n_right = 0, n = prompt->choices->len, line = prompt->line;

  for (guint i = 0; i < n; i++)
    n_right += ward_awareness_prompt_get_choice_correct (prompt, i) ? 1 : 0;

  if (prompt->scenario == NULL || prompt->question == NULL)
    set_invalid (error, parser->name, line, "prompt “%s” needs a <scenario> and a <question>", prompt->id);
  else if (n < MIN_CHOICES || n > MAX_CHOICES)
    set_invalid (error, parser->name, line, "prompt “%s” has %u choices; it needs %d to %d",
                 prompt->id, n, MIN_CHOICES, MAX_CHOICES);
  else if (n_right == 0 || n_right == n)
    set_invalid (error, parser->name, line, "prompt “%s” needs at least one right and one wrong choice",
                 prompt->id);
  else
    return TRUE;
  return FALSE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;

  if (parser->text != NULL)
    end_text (context, parser, element, error);
  else if (g_str_equal (element, "choice"))
    end_choice (parser, error);
  else if (g_str_equal (element, "prompt"))
    end_prompt (parser, error);
  else if (g_str_equal (element, "topic") && parser->topic->name == NULL)
    set_invalid (error, parser->name, parser->topic->line, "topic “%s” needs a <name>", parser->topic->id);
}

static void
text (GMarkupParseContext  *context,
      const char           *text_value,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  Parser *parser = user_data;

  if (parser->text != NULL)
    {
      g_string_append_len (parser->text, text_value, (gssize) length);
      return;
    }
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text_value[i]))
      {
        set_invalid (error, parser->name, current_line (context),
                     "text is only allowed inside name, scenario, question, label and explanation");
        return;
      }
}

static const GMarkupParser markup_parser = { start_element, end_element, text, NULL, NULL };

/* Checks that need the whole file: every prompt's topic exists, and every
 * topic has something to show. */
static gboolean
check_links (Parser  *parser,
             GError **error)
{
  WardAwarenessContent *self = parser->content;

  if (self->prompts->len == 0)
    {
      set_invalid (error, parser->name, 1, "there are no prompts");
      return FALSE;
    }
  for (guint i = 0; i < self->prompts->len; i++)
    {
      WardAwarenessPrompt *prompt = g_ptr_array_index (self->prompts, i);
      WardAwarenessTopic *topic = g_hash_table_lookup (self->topic_by_id, prompt->topic);

      if (topic == NULL)
        {
          set_invalid (error, parser->name, prompt->line, "prompt “%s” names the unknown topic “%s”",
                       prompt->id, prompt->topic);
          return FALSE;
        }
      topic->n_prompts++;
    }
  for (guint i = 0; i < self->topics->len; i++)
    {
      WardAwarenessTopic *topic = g_ptr_array_index (self->topics, i);

      if (topic->n_prompts == 0)
        {
          set_invalid (error, parser->name, topic->line, "topic “%s” has no prompt", topic->id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Syntax errors come from GMarkup without the file name: add it, with the
 * line where parsing stopped. */
static void
prefix_markup_error (GMarkupParseContext  *context,
                     const char           *name,
                     GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  if (error == NULL || *error == NULL || (*error)->domain == WARD_AWARENESS_ERROR)
    return;
  local_error = g_steal_pointer (error);
  set_invalid (error, name, current_line (context), "%s", local_error->message);
}

void
_ward_awareness_content_init (WardAwarenessContent *content)
{
  content->topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_free);
  content->prompts = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_awareness_prompt_unref);
  content->topic_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  content->prompt_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

void
_ward_awareness_content_clear (WardAwarenessContent *content)
{
  g_clear_pointer (&content->topic_by_id, g_hash_table_unref);
  g_clear_pointer (&content->prompt_by_id, g_hash_table_unref);
  g_clear_pointer (&content->prompts, g_ptr_array_unref);
  g_clear_pointer (&content->topics, g_ptr_array_unref);
}

gboolean
_ward_awareness_content_read (WardAwarenessContent  *content,
                              const char            *text_data,
                              gssize                 length,
                              const char            *name,
                              GError               **error)
{
  Parser parser = { .name = name, .content = content };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&markup_parser, 0, &parser, NULL);
  gboolean ok;

  ok = g_markup_parse_context_parse (context, text_data, length, error)
       && g_markup_parse_context_end_parse (context, error);
  if (parser.text != NULL)
    g_string_free (parser.text, TRUE);
  if (!ok)
    {
      prefix_markup_error (context, name, error);
      return FALSE;
    }
  return check_links (&parser, error);
}
