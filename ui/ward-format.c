/* ward-format.c: how the kiosk words times, countdowns and roles on screen */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-format.h"

/* "1:05" rather than "65 s": read at a glance, the way a watch shows it. */
char *
ward_format_countdown (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  /* Translators: a countdown, minutes and seconds, e.g. "1:05". */
  return g_strdup_printf (C_("countdown", "%d:%02d"), (int) (seconds / 60), (int) (seconds % 60));
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

/* A role as people call it, from its id in the database. */
const char *
ward_format_role (const char *role)
{
  static const struct { const char *id; const char *name; } names[] = {
    { "nurse", N_("Nurse") },
    { "charge-nurse", N_("Charge nurse") },
    { "biomed", N_("Biomedical engineer") },
    { "admin", N_("Administrator") },
    { "physician", N_("Physician") },
    { "break-glass", N_("Emergency access") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (role, names[i].id))
      return _(names[i].name);
  /* A role the site added: its own name is the best there is. */
  return role;
}

/* "Nurse, Charge nurse". */
char *
ward_format_roles (const char *const *roles)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, ward_format_role (roles[i]));
    }
  return g_string_free (text, FALSE);
}
