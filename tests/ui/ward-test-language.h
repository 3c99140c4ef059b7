/* ward-test-language.h: a test's screens shown in another language than English, and English again after */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kiosk started next shows its screens in @language: German from the
 * catalogue compiled out of WARDGATE_DE_PO, another language but English
 * from the build's catalogues (WARDGATE_LOCALEDIR). Call it after the
 * site is configured (that sets the language back). Returns the folder of
 * the compiled German catalogue, or NULL: hand it to
 * ward_test_language_restore. */
char *ward_test_language_use     (const char *language);
/* English again, and the compiled catalogue (if any) removed. */
void  ward_test_language_restore (char       *localedir);

G_END_DECLS
