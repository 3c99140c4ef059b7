/* ward-screens.h: puts the screens used after sign-in (devices, administration) into a kiosk window, once */
#pragma once

#include "app/ward-kiosk.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

void     ward_screens_attach                   (WardWindow *window,
                                                WardKiosk  *kiosk);
void     ward_screens_attach_soon              (WardWindow *window,
                                                WardKiosk  *kiosk);
gboolean ward_screens_get_attached             (WardWindow *window);

G_END_DECLS
