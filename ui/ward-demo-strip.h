/* ward-demo-strip.h: the demo helper strip: a badge per demo person, the virtual key, the current code (demo builds only) */
#pragma once

#include <gtk/gtk.h>

#include "app/demo/ward-demo.h"
#include "auth/ward-auth-flow.h"

G_BEGIN_DECLS

#define WARD_TYPE_DEMO_STRIP (ward_demo_strip_get_type ())
G_DECLARE_FINAL_TYPE (WardDemoStrip, ward_demo_strip, WARD, DEMO_STRIP, GtkWidget)

GtkWidget *ward_demo_strip_new     (WardDemo      *demo,
                                    WardAuthFlow  *flow);
void       ward_demo_strip_refresh (WardDemoStrip *self);

G_END_DECLS
