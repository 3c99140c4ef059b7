/* ward-language.h: the interface languages the kiosk offers, and switching between them at run time */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;         /* a LANGUAGE value: "en", "de" */
  const char *native_name;  /* in its own language, never translated */
} WardLanguage;

const char         *ward_language_get_localedir (void);
void                ward_language_init         (void);
const WardLanguage *ward_language_get_all      (guint      *n_languages);
const char         *ward_language_get_current  (void);
gboolean            ward_language_apply        (const char *code);

G_END_DECLS
