/* ward-awareness-report.h: security-awareness completion per person and per topic, for admins */
#pragma once

#include <glib.h>

#include "app/awareness/ward-awareness-catalogue.h"
#include "auth/ward-actor.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;              /* user name, or topic id */
  char   *name;            /* full name, or the topic's translated title */
  guint   answered;        /* in the period */
  guint   skipped;         /* "not now", in the period */
  guint   right;
  gint64  last_answered;   /* people: latest answer before the period's end;
                            * topics: latest in the period; 0: none */
  gint64  last_signed_in;  /* people only: latest normal sign-in in the period; 0: none */
} WardAwarenessFigures;

typedef struct
{
  gint64                since;           /* Unix seconds, included */
  gint64                until;           /* Unix seconds, excluded */
  guint                 interval_hours;
  WardAwarenessFigures  totals;
  GPtrArray            *users;           /* WardAwarenessFigures: everyone who answered,
                                          * skipped or signed in during the period, by name */
  GPtrArray            *topics;          /* every topic of the catalogue, in its order */
  GPtrArray            *overdue;         /* people who signed in during the period although a
                                          * prompt was due and not answered (or never was) */
} WardAwarenessReport;

void                 ward_awareness_report_free      (WardAwarenessReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardAwarenessReport, ward_awareness_report_free)

/* Percentages rounded to whole numbers; -1 when there is nothing to count. */
int                  ward_awareness_figures_percent_right (const WardAwarenessFigures *figures);
int                  ward_awareness_figures_completion    (const WardAwarenessFigures *figures);

/* Needs the permission awareness.report. catalogue may be NULL (topics
 * are then the ones found in the answers, titled by id). */
WardAwarenessReport *ward_awareness_report_build     (WardStore              *store,
                                                      WardActor              *actor,
                                                      WardAwarenessCatalogue *catalogue,
                                                      gint64                  since,
                                                      gint64                  until,
                                                      guint                   interval_hours,
                                                      GError                **error);

/* One header line, then rows scoped "user", "topic", "overdue" and "total";
 * times in UTC (ISO 8601), so a report reads the same everywhere. */
char                *ward_awareness_report_to_csv    (const WardAwarenessReport *report);
/* For a terminal: aligned columns, local times, translated headings. */
char                *ward_awareness_report_to_text   (const WardAwarenessReport *report);

G_END_DECLS
