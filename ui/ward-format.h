/* ward-format.h: how the kiosk words times, countdowns and roles on screen */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *ward_format_countdown (gint64             seconds);
char       *ward_format_read_age  (gint64             seconds);
char       *ward_format_time_left (gint64             seconds);
char       *ward_format_signing_in (const char       *name,
                                    gboolean          returning);
const char *ward_format_role      (const char        *role);
char       *ward_format_roles     (const char *const *roles);
char       *ward_format_keep_values_whole (const char *text);

G_END_DECLS
