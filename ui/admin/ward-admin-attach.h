/* ward-admin-attach.h: puts the administration page into the kiosk window */
#pragma once

#include "app/ward-kiosk.h"
#include "ui/ward-window.h"

G_BEGIN_DECLS

void ward_admin_attach (WardWindow *window,
                        WardKiosk  *kiosk);

G_END_DECLS
