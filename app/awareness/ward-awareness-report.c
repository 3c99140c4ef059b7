/* ward-awareness-report.c: security-awareness completion per person and per topic, for admins */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-report.h"
#include "data/ward-awareness-store.h"

static WardAwarenessFigures *
figures_new (const char *id,
             const char *name)
{
  WardAwarenessFigures *figures = g_new0 (WardAwarenessFigures, 1);

  figures->id = g_strdup (id);
  figures->name = g_strdup (name);
  return figures;
}

static void
figures_clear (WardAwarenessFigures *figures)
{
  g_clear_pointer (&figures->id, g_free);
  g_clear_pointer (&figures->name, g_free);
}

static void
figures_free (WardAwarenessFigures *figures)
{
  figures_clear (figures);
  g_free (figures);
}

static WardAwarenessFigures *
figures_copy (const WardAwarenessFigures *figures)
{
  WardAwarenessFigures *copy = g_memdup2 (figures, sizeof *figures);

  copy->id = g_strdup (figures->id);
  copy->name = g_strdup (figures->name);
  return copy;
}

void
ward_awareness_report_free (WardAwarenessReport *report)
{
  if (report == NULL)
    return;
  figures_clear (&report->totals);
  g_clear_pointer (&report->users, g_ptr_array_unref);
  g_clear_pointer (&report->topics, g_ptr_array_unref);
  g_clear_pointer (&report->overdue, g_ptr_array_unref);
  g_free (report);
}

static int
rounded_percent (guint part,
                 guint whole)
{
  if (whole == 0)
    return -1;
  return (int) ((part * 100u + whole / 2) / whole);
}

int
ward_awareness_figures_percent_right (const WardAwarenessFigures *figures)
{
  return rounded_percent (figures->right, figures->answered);
}

int
ward_awareness_figures_completion (const WardAwarenessFigures *figures)
{
  return rounded_percent (figures->answered, figures->answered + figures->skipped);
}

static void
count_answer (WardAwarenessFigures      *figures,
              const WardAwarenessAnswer *answer)
{
  if (answer->skipped)
    {
      figures->skipped++;
      return;
    }
  figures->answered++;
  figures->right += answer->correct ? 1 : 0;
  figures->last_answered = MAX (figures->last_answered, answer->answered_at);
}

/* Building. Rows are found by id in a table that owns nothing; the arrays
 * own the figures and keep the order they are shown in. */

typedef struct
{
  GPtrArray  *rows;
  GHashTable *by_id;
} Table;

static void
table_init (Table *table)
{
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) figures_free);
  table->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static WardAwarenessFigures *
table_row (Table      *table,
           const char *id,
           const char *name)
{
  WardAwarenessFigures *figures = g_hash_table_lookup (table->by_id, id);

  if (figures == NULL)
    {
      figures = figures_new (id, name);
      g_ptr_array_add (table->rows, figures);
      g_hash_table_insert (table->by_id, figures->id, figures);
    }
  return figures;
}

static GPtrArray *
table_steal (Table *table)
{
  g_hash_table_unref (table->by_id);
  return table->rows;
}

static void
add_catalogue_topics (Table                  *topics,
                      WardAwarenessCatalogue *catalogue)
{
  GPtrArray *list = catalogue != NULL ? ward_awareness_catalogue_get_topics (catalogue) : NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      WardAwarenessTopic *topic = g_ptr_array_index (list, i);

      table_row (topics, ward_awareness_topic_get_id (topic), ward_awareness_topic_get_name (topic));
    }
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  const WardAwarenessFigures *x = *(WardAwarenessFigures *const *) a;
  const WardAwarenessFigures *y = *(WardAwarenessFigures *const *) b;
  g_autofree char *x_key = g_utf8_casefold (x->id, -1);
  g_autofree char *y_key = g_utf8_casefold (y->id, -1);

  return g_strcmp0 (x_key, y_key);
}

static gboolean
is_overdue (const WardAwarenessSignIn *sign_in,
            guint                      interval_hours)
{
  return sign_in->last_answered_at == 0
         || sign_in->last_answered_at < sign_in->last_signed_in - (gint64) interval_hours * 3600;
}

static void
add_sign_ins (WardAwarenessReport *report,
              Table               *users,
              GPtrArray           *sign_ins)
{
  for (guint i = 0; i < sign_ins->len; i++)
    {
      WardAwarenessSignIn *sign_in = g_ptr_array_index (sign_ins, i);
      WardAwarenessFigures *figures = table_row (users, sign_in->username, sign_in->full_name);

      figures->last_signed_in = sign_in->last_signed_in;
      figures->last_answered = MAX (figures->last_answered, sign_in->last_answered_at);
      if (is_overdue (sign_in, report->interval_hours))
        g_ptr_array_add (report->overdue, figures_copy (figures));
    }
}

static void
add_history (WardAwarenessReport *report,
             Table               *users,
             Table               *topics,
             GPtrArray           *history)
{
  for (guint i = 0; i < history->len; i++)
    {
      WardAwarenessAnswer *answer = g_ptr_array_index (history, i);

      count_answer (table_row (users, answer->username, answer->full_name), answer);
      count_answer (table_row (topics, answer->topic, answer->topic), answer);
      count_answer (&report->totals, answer);
    }
}

WardAwarenessReport *
ward_awareness_report_build (WardStore              *store,
                             WardActor              *actor,
                             WardAwarenessCatalogue *catalogue,
                             gint64                  since,
                             gint64                  until,
                             guint                   interval_hours,
                             GError                **error)
{
  g_autoptr(WardAwarenessReport) report = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) sign_ins = NULL;
  Table users, topics;

  if (!ward_actor_require (actor, store, "awareness.report", "awareness report", error))
    return NULL;
  history = ward_awareness_store_history (store, since, until, error);
  if (history == NULL)
    return NULL;
  sign_ins = ward_awareness_store_signed_in (store, since, until, error);
  if (sign_ins == NULL)
    return NULL;

  report = g_new0 (WardAwarenessReport, 1);
  report->since = since;
  report->until = until;
  report->interval_hours = MAX (interval_hours, 1);
  report->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) figures_free);
  table_init (&users);
  table_init (&topics);
  add_catalogue_topics (&topics, catalogue);
  add_history (report, &users, &topics, history);
  add_sign_ins (report, &users, sign_ins);
  report->users = table_steal (&users);
  report->topics = table_steal (&topics);
  g_ptr_array_sort (report->users, compare_by_id);
  g_ptr_array_sort (report->overdue, compare_by_id);
  return g_steal_pointer (&report);
}

/* CSV. */

static char *
format_utc (gint64 seconds)
{
  g_autoptr(GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static char *
format_percent (int percent)
{
  return percent >= 0 ? g_strdup_printf ("%d", percent) : g_strdup ("");
}

/* RFC 4180 quoting; and a cell that a spreadsheet would run as a formula
 * (a full name typed as "=…") is defused with a leading apostrophe. */
static void
append_csv_cell (GString    *out,
                 const char *value)
{
  gboolean formula = value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'
                     || value[0] == '\t' || value[0] == '\r';

  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ',');
  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString                    *out,
                const char                 *scope,
                const WardAwarenessFigures *figures)
{
  g_autofree char *answered = g_strdup_printf ("%u", figures->answered);
  g_autofree char *skipped = g_strdup_printf ("%u", figures->skipped);
  g_autofree char *right = g_strdup_printf ("%u", figures->right);
  g_autofree char *percent = format_percent (ward_awareness_figures_percent_right (figures));
  g_autofree char *completion = format_percent (ward_awareness_figures_completion (figures));
  g_autofree char *last_answered = format_utc (figures->last_answered);
  g_autofree char *last_signed_in = format_utc (figures->last_signed_in);
  const char *cells[] = { scope, figures->id != NULL ? figures->id : "", figures->name != NULL ? figures->name : "",
                          answered, skipped, right, percent, completion, last_answered, last_signed_in };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    append_csv_cell (out, cells[i]);
  g_string_append_c (out, '\n');
}

char *
ward_awareness_report_to_csv (const WardAwarenessReport *report)
{
  GString *out = g_string_new ("scope,id,name,answered,skipped,right,percent_right,completion,"
                               "last_answered,last_signed_in\n");

  for (guint i = 0; i < report->users->len; i++)
    append_csv_row (out, "user", g_ptr_array_index (report->users, i));
  for (guint i = 0; i < report->topics->len; i++)
    append_csv_row (out, "topic", g_ptr_array_index (report->topics, i));
  for (guint i = 0; i < report->overdue->len; i++)
    append_csv_row (out, "overdue", g_ptr_array_index (report->overdue, i));
  append_csv_row (out, "total", &report->totals);
  return g_string_free (out, FALSE);
}

/* Plain text. Widths count characters, not bytes, so names with accents
 * stay aligned; the first column is as wide as its longest entry. */

static void
append_cell (GString    *line,
             const char *text,
             guint       width,
             gboolean    right_aligned)
{
  glong length = g_utf8_strlen (text, -1);
  int padding = length < (glong) width ? (int) (width - (guint) length) : 0;

  if (right_aligned)
    g_string_append_printf (line, "%*s%s  ", padding, "", text);
  else
    g_string_append_printf (line, "%s%*s  ", text, padding, "");
}

/* Lines end where their text does, not in padding. */
static void
append_line (GString *out,
             GString *line)
{
  g_string_append (out, g_strchomp (line->str));
  g_string_append_c (out, '\n');
  g_string_truncate (line, 0);
}

static char *
format_local (gint64 seconds)
{
  g_autoptr(GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_local (seconds) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup (C_("time", "never"));
}

static char *
format_percent_text (int percent)
{
  return percent >= 0 ? g_strdup_printf ("%d %%", percent) : g_strdup ("–");
}

static char *
row_label (const WardAwarenessFigures *figures,
           gboolean                    with_id)
{
  return with_id ? g_strdup_printf ("%s (%s)", figures->name, figures->id) : g_strdup (figures->name);
}

static guint
widest_label (GPtrArray *rows,
              gboolean   with_id,
              guint      width)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *label = row_label (g_ptr_array_index (rows, i), with_id);

      width = MAX (width, (guint) g_utf8_strlen (label, -1));
    }
  return width;
}

static void
append_text_header (GString    *out,
                    const char *first,
                    guint       width)
{
  g_autoptr(GString) line = g_string_new ("  ");

  append_cell (line, first, width, FALSE);
  append_cell (line, _("Answered"), 8, TRUE);
  append_cell (line, _("Put off"), 7, TRUE);
  append_cell (line, _("Right"), 6, TRUE);
  append_cell (line, _("Completed"), 9, TRUE);
  append_cell (line, _("Last answered"), 0, FALSE);
  append_line (out, line);
}

static void
append_text_row (GString                    *out,
                 const WardAwarenessFigures *figures,
                 gboolean                    with_id,
                 guint                       width)
{
  g_autoptr(GString) line = g_string_new ("  ");
  g_autofree char *label = row_label (figures, with_id);
  g_autofree char *answered = g_strdup_printf ("%u", figures->answered);
  g_autofree char *skipped = g_strdup_printf ("%u", figures->skipped);
  g_autofree char *right = format_percent_text (ward_awareness_figures_percent_right (figures));
  g_autofree char *completion = format_percent_text (ward_awareness_figures_completion (figures));
  g_autofree char *last = format_local (figures->last_answered);

  append_cell (line, label, width, FALSE);
  append_cell (line, answered, 8, TRUE);
  append_cell (line, skipped, 7, TRUE);
  append_cell (line, right, 6, TRUE);
  append_cell (line, completion, 9, TRUE);
  append_cell (line, last, 0, FALSE);
  append_line (out, line);
}

static void
append_text_table (GString    *out,
                   const char *title,
                   const char *first,
                   GPtrArray  *rows,
                   gboolean    with_id,
                   guint       width)
{
  g_string_append_printf (out, "\n%s\n", title);
  if (rows->len == 0)
    {
      g_string_append_printf (out, "  %s\n", _("(nothing in this period)"));
      return;
    }
  append_text_header (out, first, width);
  for (guint i = 0; i < rows->len; i++)
    append_text_row (out, g_ptr_array_index (rows, i), with_id, width);
}

static void
append_overdue (GString                   *out,
                const WardAwarenessReport *report,
                guint                      width)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Overdue: signed in without a prompt answered in the %u hours before"),
                          report->interval_hours);
  g_string_append_c (out, '\n');
  if (report->overdue->len == 0)
    g_string_append_printf (out, "  %s\n", _("(nobody)"));
  for (guint i = 0; i < report->overdue->len; i++)
    {
      const WardAwarenessFigures *figures = g_ptr_array_index (report->overdue, i);
      g_autofree char *label = row_label (figures, TRUE);
      g_autofree char *answered = format_local (figures->last_answered);
      g_autofree char *signed_in = format_local (figures->last_signed_in);

      g_string_append (line, "  ");
      append_cell (line, label, width, FALSE);
      g_string_append_printf (line, _("last answered %s, last signed in %s"), answered, signed_in);
      append_line (out, line);
    }
}

char *
ward_awareness_report_to_text (const WardAwarenessReport *report)
{
  GString *out = g_string_new (NULL);
  g_autofree char *since = format_local (report->since);
  g_autofree char *until = format_local (report->until);
  WardAwarenessFigures totals = report->totals;
  guint width = (guint) g_utf8_strlen (_("Everyone"), -1);

  width = widest_label (report->users, TRUE, width);
  width = widest_label (report->topics, FALSE, width);
  g_string_append_printf (out, _("Security awareness from %s to %s"), since, until);
  g_string_append_c (out, '\n');
  append_text_table (out, _("By person"), _("Person"), report->users, TRUE, width);
  append_text_table (out, _("By topic"), _("Topic"), report->topics, FALSE, width);
  append_overdue (out, report, width);
  totals.name = _("Everyone");
  g_string_append_printf (out, "\n%s\n", _("In total"));
  append_text_header (out, "", width);
  append_text_row (out, &totals, FALSE, width);
  return g_string_free (out, FALSE);
}
