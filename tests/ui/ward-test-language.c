/* ward-test-language.c: a test's screens shown in another language than English, and English again after */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "tests/ui/ward-test-language.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-language.h"

char *
ward_test_language_use (const char *language)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  char *localedir = NULL;

  g_settings_set_string (settings, "language", language);
  if (g_str_equal (language, "de"))
    {
      localedir = ward_test_compile_german (g_getenv ("WARDGATE_DE_PO"));
      bindtextdomain (GETTEXT_PACKAGE, localedir);
    }
  else if (!g_str_equal (language, "en"))
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("WARDGATE_LOCALEDIR"));
  return localedir;
}

void
ward_test_language_restore (char *localedir)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "language", "en");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  if (localedir != NULL)
    ward_test_remove_german (localedir);
  g_free (localedir);
  ward_language_apply ("en");
}
