/* ward-migrations.c: the numbered SQL migrations of each dialect, compiled into the resource */
#include "config.h"

#include <gio/gio.h>

#include "data/ward-migrations.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The numbered .sql files of one dialect, in the order they apply. */
GPtrArray *
ward_migrations_list (const char *folder)
{
  g_auto(GStrv) names = g_resources_enumerate_children (folder, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  if (names == NULL)
    g_error ("The migrations resource %s is missing from this build", folder);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql") && g_ascii_isdigit (names[i][0]))
      g_ptr_array_add (found, g_strdup (names[i]));
  g_ptr_array_sort (found, compare_names);
  return found;
}

char *
ward_migrations_sql (const char  *folder,
                     const char  *name,
                     GError     **error)
{
  g_autofree char *resource = g_build_path ("/", folder, name, NULL);
  g_autoptr(GBytes) sql = g_resources_lookup_data (resource, 0, error);

  if (sql == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
}

int
ward_migrations_latest (const char *folder)
{
  g_autoptr(GPtrArray) names = ward_migrations_list (folder);

  return names->len == 0 ? 0 : (int) g_ascii_strtoll (g_ptr_array_index (names, names->len - 1), NULL, 10);
}
