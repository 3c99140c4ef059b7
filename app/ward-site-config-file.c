/* ward-site-config-file.c: reading the site file only when no one but root could have written it */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "app/ward-site-config-private.h"

/* Larger than any honest configuration: a bigger file is a mistake or an
 * attack, not a policy. */
#define MAX_FILE_SIZE (64 * 1024)

static gboolean
writable_by (const struct stat *st,
             uid_t              runner)
{
  if (S_ISDIR (st->st_mode) && (st->st_mode & S_ISVTX))
    /* Sticky (like /tmp): others may add entries but not rename or
     * remove the ones they do not own. */
    return runner != 0 && st->st_uid == runner;
  if (st->st_mode & (S_IWGRP | S_IWOTH))
    return TRUE;
  /* The owner can always make a file writable again: owning it is enough. */
  return runner != 0 && st->st_uid == runner;
}

static void
set_unsafe (GError     **error,
            const char  *path,
            const char  *what)
{
  g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNSAFE,
               _("The site configuration %s is not protected: %s It must be owned by root and "
                 "writable by root alone (chown root:root, chmod 644)."), path, what);
}

/* Whoever can write a folder on the way can swap the file for their own. */
gboolean
_ward_site_config_check_folders (const char  *path,
               uid_t        runner,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  while (TRUE)
    {
      struct stat st;
      g_autofree char *parent = NULL;

      if (stat (dir, &st) != 0)
        {
          g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNREADABLE,
                       _("The folder %s of the site configuration cannot be checked: %s"),
                       dir, g_strerror (errno));
          return FALSE;
        }
      if (writable_by (&st, runner))
        {
          g_autofree char *what = g_strdup_printf (_("the folder %s can be changed by users other than root."), dir);

          set_unsafe (error, path, what);
          return FALSE;
        }
      parent = g_path_get_dirname (dir);
      if (g_str_equal (parent, dir))
        return TRUE;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

/* Reads through one descriptor, opened without following links, so what
 * is checked is what is read. */
char *
_ward_site_config_read_file (const char  *path,
                uid_t        runner,
                gboolean     required,
                gboolean    *missing,
                GError     **error)
{
  struct stat st;
  g_autoptr(GString) text = g_string_new (NULL);
  int fd;

  *missing = FALSE;
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT && !required)
        {
          *missing = TRUE;
          return NULL;
        }
      if (saved == ENOENT)
        g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_NOT_FOUND,
                     _("There is no site configuration at %s."), path);
      else if (saved == ELOOP)
        set_unsafe (error, path, _("it is a symbolic link."));
      else
        g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNREADABLE,
                     _("The site configuration %s cannot be read: %s"), path, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNREADABLE,
                   _("The site configuration %s is not a regular file."), path);
      close (fd);
      return NULL;
    }
  if (writable_by (&st, runner)
      || (runner != 0 && runner == geteuid () && faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0))
    {
      set_unsafe (error, path, _("the user the kiosk runs as, or other users, can change it."));
      close (fd);
      return NULL;
    }
  if (st.st_size > MAX_FILE_SIZE)
    {
      g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
                   _("The site configuration %s is too large to be a configuration file."), path);
      close (fd);
      return NULL;
    }

  while (TRUE)
    {
      char buffer[4096];
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNREADABLE,
                       _("The site configuration %s cannot be read: %s"), path, g_strerror (errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      g_string_append_len (text, buffer, n);
      if (text->len > MAX_FILE_SIZE)
        {
          g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
                       _("The site configuration %s is too large to be a configuration file."), path);
          close (fd);
          return NULL;
        }
    }
  close (fd);
  if (memchr (text->str, '\0', text->len) != NULL)
    {
      g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
                   _("%s is not UTF-8 text."), path);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

