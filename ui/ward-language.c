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

/* The locale whose dates and numbers go with each language. English has
 * the C locale's ("Thu 3 Dec", "10.5"), which every system has. */
static const struct
{
  const char *code;
  const char *locales[3];
} formats[] = {
  { "en", { "C.UTF-8", "C.utf8", "C" } },
  { "de", { "de_DE.UTF-8", "de_DE.utf8", NULL } },
  { "es", { "es_ES.UTF-8", "es_ES.utf8", NULL } },
  { "fr", { "fr_FR.UTF-8", "fr_FR.utf8", NULL } },
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

/* Where the translations are: the installed ones, or in a demo build run
 * from its build folder (bash .ci/kiosk, meson devenv) the ones compiled
 * there, named by WARDGATE_LOCALEDIR. A clinical build reads only the
 * installed catalogues: its words are not the environment's to replace. */
const char *
ward_language_get_localedir (void)
{
#if WARD_DEMO_BUILD
  const char *dir = g_getenv ("WARDGATE_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
#endif
  return LOCALEDIR;
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

/* Dates (LC_TIME: g_date_time_format's day and month names) and numbers
 * (LC_NUMERIC: "10,0 mL/h" in German, and the value keypad's decimal
 * mark) follow the language chosen. Numbers the kiosk stores or sends are
 * written and read with g_ascii_* and are not touched by this. A missing
 * locale leaves the previous formats and says so in the log: the words
 * still change. */
static void
apply_formats (const char *code)
{
  if (*code == '\0')
    {
      setlocale (LC_TIME, "");
      setlocale (LC_NUMERIC, "");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (!g_str_equal (formats[i].code, code))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (formats[i].locales) && formats[i].locales[j] != NULL; j++)
        if (setlocale (LC_TIME, formats[i].locales[j]) != NULL)
          {
            setlocale (LC_NUMERIC, formats[i].locales[j]);
            return;
          }
      g_warning ("No locale for the dates and numbers of language %s is installed (%s)", code,
                 formats[i].locales[0]);
      return;
    }
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
  apply_formats (code);

  g_free (current_language);
  current_language = *code != '\0' ? g_strdup (code) : NULL;
  return locale != NULL;
}
