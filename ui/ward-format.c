/* ward-format.c: how the kiosk words times, countdowns and roles on screen */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/ward-role-names.h"
#include "ui/ward-format.h"

/* "1:05" rather than "65 s": read at a glance, the way a watch shows it. */
char *
ward_format_countdown (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  /* Translators: a countdown, minutes and seconds, e.g. "1:05". */
  return g_strdup_printf (C_("countdown", "%d:%02d"), (int) (seconds / 60), (int) (seconds % 60));
}

/* A value, a range and its unit are read as one thing: "0.1–25.0 mL/h"
 * broken after its dash or inside "mL/h" reads as two numbers, or as a
 * unit of "h". Lines may still break between the words around it, in
 * any language: a word joiner after each dash and slash, and a no-break
 * space between a number and the unit that follows it. */
char *
ward_format_keep_values_whole (const char *text)
{
  GString *kept = g_string_new (NULL);
  gunichar before = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' && g_unichar_isdigit (before))
        g_string_append_unichar (kept, 0x00A0);
      else
        g_string_append_unichar (kept, c);
      if (c == 0x2013 || c == '/')
        g_string_append_unichar (kept, 0x2060);
      before = c;
    }
  return g_string_free (kept, FALSE);
}

/* How long ago a device was read, so a value on screen carries its age. */
char *
ward_format_read_age (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds < 5)
    return g_strdup (_("Read just now"));
  if (seconds < 120)
    /* Translators: the age of a value read from a device, e.g. "Read 12 s ago". */
    return g_strdup_printf (_("Read %d s ago"), (int) seconds);
  /* Translators: the age of a value read from a device, e.g. "Read 3 min ago". */
  return g_strdup_printf (_("Read %d min ago"), (int) (seconds / 60));
}

/* A role as people call it, from its id in the database: the words are
 * the app layer's, so that the kiosk and its messages agree. */
const char *
ward_format_role (const char *role)
{
  return ward_role_display_name (role);
}

/* "Nurse, Charge nurse". */
char *
ward_format_roles (const char *const *roles)
{
  return ward_role_display_names (roles);
}

/* The countdown of a sign-in step, the same words on every step. */
char *
ward_format_time_left (gint64 seconds)
{
  g_autofree char *left = ward_format_countdown (seconds);

  /* Translators: time left for this sign-in step, e.g. "0:52 left". */
  return g_strdup_printf (_("%s left"), left);
}

/* Who is part-way through signing in, at the top of every step; returning:
 * coming back to a locked session (badge and key, no code). */
char *
ward_format_signing_in (const char *name,
                        gboolean    returning)
{
  if (returning)
    /* Translators: coming back to a locked session with badge and key, no code; e.g.
     * "Back to your session: Nadia Okafor". */
    return g_strdup_printf (_("Back to your session: %s"), name != NULL ? name : "");
  /* Translators: who is part-way through signing in, e.g. "Signing in: Nadia Okafor". */
  return g_strdup_printf (_("Signing in: %s"), name != NULL ? name : "");
}
