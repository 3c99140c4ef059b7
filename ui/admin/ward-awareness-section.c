/* ward-awareness-section.c: security-awareness results over a period: totals, overdue people, per person and per topic */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/awareness/ward-awareness-report.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-awareness-section.h"
#include "ui/admin/ward-awareness-totals.h"
#include "ui/ward-widget-util.h"

/* Column widths in characters, shared with the heads in the template. */
#define WIDTH_COUNT   9
#define WIDTH_SKIPPED 8
#define WIDTH_PERCENT 7
#define WIDTH_TIME    14

struct _WardAwarenessSection
{
  WardAdminSection parent_instance;

  GtkDropDown         *period_dropdown;
  GtkLabel            *message_label;
  WardAwarenessTotals *totals;
  GtkListBox          *overdue_list;
  GtkListBox          *users_list;
  GtkListBox          *topics_list;

  /* Set while the period goes back to its default: nothing to load then. */
  gboolean             resetting;
};

G_DEFINE_FINAL_TYPE (WardAwarenessSection, ward_awareness_section, WARD_TYPE_ADMIN_SECTION)

typedef struct
{
  guint       days;
  const char *title;
} Period;

/* A week, a roster cycle, a quarter. */
static const Period periods[] = {
  { 7, N_("Last 7 days") },
  { 28, N_("Last 28 days") },
  { 90, N_("Last 90 days") },
};

#define DEFAULT_PERIOD 1

static char *
format_when (gint64 unix_seconds)
{
  return unix_seconds > 0 ? ward_admin_format_time (unix_seconds) : g_strdup (_("never"));
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class,
            int         width_chars,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (width_chars > 0)
    {
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  /* A date is read whole: on a narrow screen it takes two lines. */
  if (width_chars == WIDTH_TIME)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    }
  return label;
}

/* A person by name, with the user name beside it: two people may share a name. */
static GtkWidget *
name_cell (const WardAwarenessFigures *figures,
           gboolean                    person)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = cell_label (figures->name != NULL ? figures->name : figures->id, "admin-audit-event", 0, 0);

  gtk_widget_set_hexpand (box, TRUE);
  /* Topic titles are long and none may be cut short; names stay one line. */
  if (!person)
    {
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
    }
  gtk_box_append (GTK_BOX (box), name);
  if (person && figures->id != NULL)
    gtk_box_append (GTK_BOX (box), cell_label (figures->id, "admin-audit-time", 0, 0));
  return box;
}

static GtkWidget *
row_new (GtkWidget  *box,
         const char *accessible_label)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "admin-audit-row");
  /* A screen reader reads the row as one sentence, not a run of numbers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return row;
}

static GtkWidget *
figures_row_new (const WardAwarenessFigures *figures,
                 gboolean                    person)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  g_autofree char *answered = g_strdup_printf ("%u", figures->answered);
  g_autofree char *skipped = g_strdup_printf ("%u", figures->skipped);
  g_autofree char *right = ward_admin_format_percent (ward_awareness_figures_percent_right (figures));
  g_autofree char *last = format_when (figures->last_answered);
  g_autofree char *spoken = NULL;

  gtk_box_append (GTK_BOX (box), name_cell (figures, person));
  gtk_box_append (GTK_BOX (box), cell_label (answered, "awareness-cell-number", WIDTH_COUNT, 1));
  gtk_box_append (GTK_BOX (box), cell_label (skipped, "awareness-cell-number", WIDTH_SKIPPED, 1));
  /* A person's share of right answers stays off the bedside screen (the
   * command-line report has it); a topic's tells what to teach better. */
  if (!person)
    gtk_box_append (GTK_BOX (box), cell_label (right, "awareness-cell-number", WIDTH_PERCENT, 1));
  gtk_box_append (GTK_BOX (box), cell_label (last, "admin-audit-time", WIDTH_TIME, 0));
  if (person)
    /* Translators: one person's row read aloud: name, answered, put off, last answer. */
    spoken = g_strdup_printf (_("%s: %s answered, %s put off, last answered %s"),
                              figures->name != NULL ? figures->name : figures->id, answered, skipped, last);
  else
    /* Translators: one topic's row read aloud: topic, answered, put off, share right, last answer. */
    spoken = g_strdup_printf (_("%s: %s answered, %s put off, %s right, last answered %s"),
                              figures->name != NULL ? figures->name : figures->id, answered, skipped, right, last);
  return row_new (box, spoken);
}

static GtkWidget *
overdue_row_new (const WardAwarenessFigures *figures)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  g_autofree char *signed_in = format_when (figures->last_signed_in);
  g_autofree char *answered = format_when (figures->last_answered);
  g_autofree char *spoken = NULL;

  gtk_box_append (GTK_BOX (box), name_cell (figures, TRUE));
  gtk_box_append (GTK_BOX (box), cell_label (signed_in, "admin-audit-time", WIDTH_TIME, 0));
  gtk_box_append (GTK_BOX (box), cell_label (answered, "awareness-overdue-when", WIDTH_TIME, 0));
  /* Translators: one overdue person read aloud: name, last sign-in, last answer. */
  spoken = g_strdup_printf (_("%s: last signed in %s, last answered %s"),
                            figures->name != NULL ? figures->name : figures->id, signed_in, answered);
  return row_new (box, spoken);
}

static void
fill_list (GtkListBox *list,
           GPtrArray  *rows,
           gboolean    people,
           gboolean    overdue)
{
  ward_admin_clear_list (list);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    gtk_list_box_append (list, overdue ? overdue_row_new (rows->pdata[i])
                                       : figures_row_new (rows->pdata[i], people));
}

static void
clear_report (WardAwarenessSection *self)
{
  ward_awareness_totals_show (self->totals, NULL);
  ward_admin_clear_list (self->overdue_list);
  ward_admin_clear_list (self->users_list);
  ward_admin_clear_list (self->topics_list);
}

/* The period ends now by the store's clock, the clock that stamped the
 * answers; the end is excluded, so one second past now. */
static WardAwarenessReport *
build_report (WardAwarenessSection  *self,
              GError               **error)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  WardStore *store = ward_kiosk_get_store (kiosk);
  WardAwarenessScheduler *scheduler = ward_kiosk_get_awareness (kiosk);
  guint period = MIN (gtk_drop_down_get_selected (self->period_dropdown), G_N_ELEMENTS (periods) - 1);
  gint64 now = ward_clock_get_now (ward_store_get_clock (store));
  WardActor *actor = ward_admin_get_actor (kiosk, error);

  if (actor == NULL)
    return NULL;
  return ward_awareness_report_build (store, actor,
                                      scheduler != NULL ? ward_awareness_scheduler_get_catalogue (scheduler) : NULL,
                                      now - (gint64) periods[period].days * 86400, now + 1,
                                      scheduler != NULL ? ward_awareness_scheduler_get_interval_hours (scheduler)
                                                        : WARD_AWARENESS_DEFAULT_INTERVAL_HOURS,
                                      error);
}

static void
load_report (WardAwarenessSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessReport) report = build_report (self, &error);

  if (report == NULL)
    {
      clear_report (self);
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  ward_admin_hide_message (self->message_label);
  ward_awareness_totals_show (self->totals, report);
  fill_list (self->overdue_list, report->overdue, TRUE, TRUE);
  fill_list (self->users_list, report->users, TRUE, FALSE);
  fill_list (self->topics_list, report->topics, FALSE, FALSE);
}

static void
on_period_changed (WardAwarenessSection *self)
{
  if (ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self)) != NULL && !self->resetting)
    load_report (self);
}

static GListModel *
periods_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (list, _(periods[i].title));
  return G_LIST_MODEL (list);
}

static void
ward_awareness_section_refresh (WardAdminSection *section)
{
  load_report (WARD_AWARENESS_SECTION (section));
}

/* The next person starts from the default period, with nothing of the
 * last one's view left on screen. */
static void
ward_awareness_section_reset (WardAdminSection *section)
{
  WardAwarenessSection *self = WARD_AWARENESS_SECTION (section);

  /* The selection change must not load the report for nobody. */
  self->resetting = TRUE;
  gtk_drop_down_set_selected (self->period_dropdown, DEFAULT_PERIOD);
  self->resetting = FALSE;
  clear_report (self);
}

static void
ward_awareness_section_class_init (WardAwarenessSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "awareness.report";
  section_class->refresh = ward_awareness_section_refresh;
  section_class->reset = ward_awareness_section_reset;

  g_type_ensure (WARD_TYPE_AWARENESS_TOTALS);
  ward_widget_class_setup (widget_class, "/admin/ward-awareness-section.ui", "awarenesssection", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, totals);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, users_list);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessSection, topics_list);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
}

static void
ward_awareness_section_init (WardAwarenessSection *self)
{
  g_autoptr(GListModel) model = periods_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ward_admin_section_set_message_label (WARD_ADMIN_SECTION (self), self->message_label);
  gtk_drop_down_set_model (self->period_dropdown, model);
  gtk_drop_down_set_selected (self->period_dropdown, DEFAULT_PERIOD);
  gtk_list_box_set_placeholder (self->overdue_list, ward_admin_list_placeholder (_("Nobody is overdue.")));
  gtk_list_box_set_placeholder (self->users_list,
                                ward_admin_list_placeholder (_("Nobody answered or signed in during this period.")));
  clear_report (self);
}
