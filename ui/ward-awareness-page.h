/* ward-awareness-page.h: the sign-in step where a security-awareness prompt is shown when one is due */
#pragma once

#include <gtk/gtk.h>

#include "app/awareness/ward-awareness-scheduler.h"

G_BEGIN_DECLS

#define WARD_TYPE_AWARENESS_PAGE (ward_awareness_page_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessPage, ward_awareness_page, WARD, AWARENESS_PAGE, GtkWidget)

/* Shows the scheduler's pending prompt; without one (scheduler NULL, or
 * a hook that did not pick one) a pause with "Continue". */
void       ward_awareness_page_start             (WardAwarenessPage      *self,
                                                  WardAwarenessScheduler *scheduler);
/* Forgets the prompt; one left unanswered is no longer pending. */
void       ward_awareness_page_reset             (WardAwarenessPage      *self);
/* The button of choice @index, or NULL past the prompt's choices. */
GtkWidget *ward_awareness_page_get_answer_button (WardAwarenessPage      *self,
                                                  guint                   index);

G_END_DECLS
