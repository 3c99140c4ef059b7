/* ward-awareness-page.h: the sign-in step where a security-awareness prompt is shown when one is due */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_AWARENESS_PAGE (ward_awareness_page_get_type ())
G_DECLARE_FINAL_TYPE (WardAwarenessPage, ward_awareness_page, WARD, AWARENESS_PAGE, GtkWidget)

GtkWidget *ward_awareness_page_new (void);

G_END_DECLS
