/* ward-schema-description.c: the SQLite schema description worked out at build time and compiled in */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "data/ward-schema-description.h"
#include "data/ward-store.h"

/* The lines as a GVariant string array: a line may hold newlines (a
 * trigger's SQL), so no text format with a separator would do. */
GBytes *
ward_schema_serialize (GPtrArray *lines)
{
  g_autoptr(GVariant) array = g_variant_ref_sink (g_variant_new_strv ((const char * const *) lines->pdata, lines->len));

  return g_variant_get_data_as_bytes (array);
}

GPtrArray *
ward_schema_built_in (const char  *resource,
                      GError     **error)
{
  g_autoptr(GBytes) data = g_resources_lookup_data (resource, 0, NULL);
  g_autoptr(GVariant) array = NULL;
  g_autofree const char **strings = NULL;
  GPtrArray *lines;
  gsize n;

  if (data != NULL)
    array = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_STRING_ARRAY, data, FALSE));
  /* Built with this program, so it is always in normal form; a build that
   * is not gets no schema to compare with, never a partial one. */
  if (array == NULL || !g_variant_is_normal_form (array))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_FAILED,
                   _("The database rules built into this Wardgate could not be read."));
      return NULL;
    }
  strings = g_variant_get_strv (array, &n);
  lines = g_ptr_array_new_full (n, g_free);
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (lines, g_strdup (strings[i]));
  return lines;
}
