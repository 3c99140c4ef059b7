/* ward-text.h: text people type that is stored and shown to others: checked, normalised, escaped */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ward_text_clean     (const char *text);
char *ward_text_printable (const char *text);

G_END_DECLS
