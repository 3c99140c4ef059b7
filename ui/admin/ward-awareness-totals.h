/* ward-awareness-totals.h: a period's security-awareness totals: answered, put off, right, overdue */
#pragma once

#include <gtk/gtk.h>

#include "app/awareness/ward-awareness-report.h"

G_BEGIN_DECLS

#define WARD_TYPE_AWARENESS_TOTALS (ward_awareness_totals_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessTotals, ward_awareness_totals, WARD, AWARENESS_TOTALS, GtkWidget)

/* @report: the period's, or NULL: nothing to tell (each figure reads "—"). */
void ward_awareness_totals_show (WardAwarenessTotals       *self,
                                 const WardAwarenessReport *report);

G_END_DECLS
