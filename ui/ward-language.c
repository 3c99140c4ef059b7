/* ward-language.c: the interface languages the kiosk offers, and switching between them at run time */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ui/ward-language.h"

/* The languages po/LINGUAS has a catalogue for, plus English (the source
 * strings). A language missing here cannot be chosen on the lock screen,
 * though LANGUAGE or the "language" setting still apply it. */
static const WardLanguage languages[] = {
  { "en", "English" },
  { "de", "Deutsch" },
  { "es", "Español" },
  { "fr", "Français" },
};

static char *current_language;

const WardLanguage *
ward_language_get_all (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

/* The code of the language the strings are in now: the last one applied,
 * or the first of $LANGUAGE / the locale that the kiosk offers. */
const char *
ward_language_get_current (void)
{
  const char *const *names;

  if (current_language != NULL)
    return current_language;

  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
      if (strncmp (names[i], languages[j].code, 2) == 0)
        return languages[j].code;
  return languages[0].code;
}

static gboolean
locale_is_c (const char *locale)
{
  return locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX");
}

/* GLib decides once, at the first g_dgettext(), whether to translate at
 * all, and says no for a locale such as C.UTF-8 (a kiosk's usual one) when
 * the catalogue is not yet chosen: a later language switch would then never
 * show. Deciding it first under "C", which GLib always translates for, keeps
 * switching possible. Call before anything is translated. */
void
ward_language_init (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_MESSAGES, NULL));

  setlocale (LC_MESSAGES, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  setlocale (LC_MESSAGES, saved);
}

/* Strings translated from now on are in @code ("" for the system's
 * language). gettext reads LANGUAGE at every lookup, and setlocale() drops
 * its cache of translations; LANGUAGE is ignored under the plain "C" locale,
 * so that one is swapped for C.UTF-8. Widgets built before keep their
 * words: the caller rebuilds them. Main thread only: setenv() races with
 * any thread reading the environment, and this runs only while the kiosk
 * is locked, with no security-key operation in progress. */
gboolean
ward_language_apply (const char *code)
{
  const char *locale;

  g_return_val_if_fail (code != NULL, FALSE);

  if (*code == '\0')
    g_unsetenv ("LANGUAGE");
  else if (!g_setenv ("LANGUAGE", code, TRUE))
    return FALSE;

  locale = setlocale (LC_MESSAGES, "");
  if (locale_is_c (locale) && *code != '\0')
    locale = setlocale (LC_MESSAGES, "C.UTF-8");

  g_free (current_language);
  current_language = *code != '\0' ? g_strdup (code) : NULL;
  return locale != NULL;
}
