/* ward-clock.h: the time source every layer asks, real or set by a test */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARD_TYPE_CLOCK (ward_clock_get_type ())
G_DECLARE_FINAL_TYPE (WardClock, ward_clock, WARD, CLOCK, GObject)

WardClock *ward_clock_new_system   (void);
WardClock *ward_clock_new_fake     (gint64     start_us);

gint64     ward_clock_get_now_us   (WardClock *self);
gint64     ward_clock_get_now      (WardClock *self);
gint64     ward_clock_get_monotonic_us (WardClock *self);
void       ward_clock_set_now_us   (WardClock *self,
                                    gint64     now_us);
void       ward_clock_advance      (WardClock *self,
                                    gint64     delta_us);

G_END_DECLS
