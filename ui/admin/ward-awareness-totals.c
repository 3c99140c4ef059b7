/* ward-awareness-totals.c: a period's security-awareness totals: answered, put off, right, overdue */
#include "config.h"

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-awareness-totals.h"
#include "ui/ward-widget-util.h"

struct _WardAwarenessTotals
{
  GtkWidget  parent_instance;

  GtkLabel  *answered_label;
  GtkLabel  *skipped_label;
  GtkLabel  *right_label;
  GtkLabel  *overdue_label;
};

G_DEFINE_FINAL_TYPE (WardAwarenessTotals, ward_awareness_totals, GTK_TYPE_WIDGET)

void
ward_awareness_totals_show (WardAwarenessTotals       *self,
                            const WardAwarenessReport *report)
{
  g_autofree char *answered = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *right = NULL;
  g_autofree char *overdue = NULL;

  g_return_if_fail (WARD_IS_AWARENESS_TOTALS (self));

  if (report != NULL)
    {
      answered = g_strdup_printf ("%u", report->totals.answered);
      skipped = g_strdup_printf ("%u", report->totals.skipped);
      right = ward_admin_format_percent (ward_awareness_figures_percent_right (&report->totals));
      overdue = g_strdup_printf ("%u", report->overdue->len);
    }
  gtk_label_set_label (self->answered_label, answered != NULL ? answered : "—");
  gtk_label_set_label (self->skipped_label, skipped != NULL ? skipped : "—");
  gtk_label_set_label (self->right_label, right != NULL ? right : "—");
  gtk_label_set_label (self->overdue_label, overdue != NULL ? overdue : "—");
}

static void
ward_awareness_totals_class_init (WardAwarenessTotalsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/admin/ward-awareness-totals.ui", "awarenesstotals",
                           GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessTotals, answered_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessTotals, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessTotals, right_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessTotals, overdue_label);
}

static void
ward_awareness_totals_init (WardAwarenessTotals *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
