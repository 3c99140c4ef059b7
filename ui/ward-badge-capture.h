/* ward-badge-capture.h: badge UIDs from a keyboard-wedge reader, caught in a window wherever the focus is */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WARD_TYPE_BADGE_CAPTURE (ward_badge_capture_get_type ())
G_DECLARE_FINAL_TYPE (WardBadgeCapture, ward_badge_capture, WARD, BADGE_CAPTURE, GObject)

WardBadgeCapture *ward_badge_capture_new            (guint             max_gap_ms);
void              ward_badge_capture_attach         (WardBadgeCapture *self,
                                                     GtkWidget        *window);
void              ward_badge_capture_set_max_gap_ms (WardBadgeCapture *self,
                                                     guint             max_gap_ms);
gboolean          ward_badge_capture_feed_key       (WardBadgeCapture *self,
                                                     guint             keyval,
                                                     GdkModifierType   state,
                                                     guint32           time_ms);
void              ward_badge_capture_reset          (WardBadgeCapture *self);
guint             ward_badge_capture_get_runs_broken (WardBadgeCapture *self);

G_END_DECLS
