/* ward-store-location.c: telling a server's connection string from a file path, and a file nobody else controls */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "data/ward-store-error.h"
#include "data/ward-store-location.h"

static gboolean
has_scheme (const char *location)
{
  const char *colon = strchr (location, ':');

  if (colon == NULL || colon == location || !g_ascii_isalpha (location[0]))
    return FALSE;
  for (const char *p = location; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;
  return g_str_has_prefix (colon, "://") || colon - location > 1;
}

/* libpq's key=value form: the first word is a keyword followed by '='. */
static gboolean
is_conninfo (const char *location)
{
  const char *p = location;

  while (*p == ' ')
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  while (*p == ' ')
    p++;
  return *p == '=' && strchr (location, '/') != location;
}

gboolean
ward_store_location_is_server (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://")
      || (!g_path_is_absolute (location) && is_conninfo (location));
}

gboolean
ward_store_location_check (const char  *location,
                           GError     **error)
{
  if (location == NULL || *location == '\0')
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                   _("No database location was given."));
      return FALSE;
    }
  if (!ward_store_location_is_server (location) && !g_path_is_absolute (location) && has_scheme (location))
    {
      g_autofree char *shown = ward_store_location_display (location);

      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_INVALID,
                   _("“%s” looks like an address, but Wardgate knows only file paths and "
                     "postgresql:// or service= locations."), shown);
      return FALSE;
    }
  return TRUE;
}

char *
ward_store_location_display (const char *location)
{
  g_autoptr(GString) shown = g_string_new (location);

  if (g_str_has_prefix (location, "postgres"))
    {
      /* scheme://user:password@host: the password sits before the '@'. */
      const char *start = strstr (location, "://");
      const char *at = start != NULL ? strchr (start + 3, '@') : NULL;
      const char *colon = start != NULL ? strchr (start + 3, ':') : NULL;

      if (at != NULL && colon != NULL && colon < at)
        {
          g_string_erase (shown, colon - location + 1, at - colon - 1);
          g_string_insert (shown, colon - location + 1, "***");
        }
    }
  {
    char *password = strstr (shown->str, "password=");

    if (password != NULL)
      {
        gsize from = password - shown->str + strlen ("password=");
        gsize to = from;

        while (to < shown->len && shown->str[to] != ' ' && shown->str[to] != '&')
          to++;
        g_string_erase (shown, from, to - from);
        g_string_insert (shown, from, "***");
      }
  }
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* A database another local user planted (or can rewrite) is not ours: the
 * kiosk and the command line would trust its accounts and grants. */
gboolean
ward_store_location_check_owner (const char  *path,
                                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st, dir_st;

  if (g_stat (path, &st) != 0 || g_stat (dir, &dir_st) != 0)
    return TRUE;   /* inspect_existing says why it cannot be read */
  if (st.st_uid != geteuid () && st.st_uid != 0)
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                   _("The database %s belongs to another user; it was not used."), path);
      return FALSE;
    }
  if ((dir_st.st_mode & 0022) != 0 && !(dir_st.st_mode & S_ISVTX))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_TAMPERED,
                   _("Other users may replace files in the folder %s; the database was not used. "
                     "Restrict it with “chmod 700”."), dir);
      return FALSE;
    }
  return TRUE;
}
