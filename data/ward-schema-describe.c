/* ward-schema-describe.c: a build step: writes the schema SQLite's migrations make, which the store compares with at every start */
#include "config.h"

#include <gio/gio.h>

#include "data/ward-schema-description.h"
#include "data/ward-store-sqlite.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GBytes) data = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT\n", argv[0]);
      return 2;
    }
  lines = ward_backend_sqlite_describe_migrations (&error);
  /* An empty description would accept nothing but an empty database: a
   * migration that made nothing is a broken build, not a schema. */
  if (lines == NULL || lines->len == 0)
    {
      g_printerr ("%s: %s\n", argv[0], error != NULL ? error->message : "the migrations made no schema");
      return 1;
    }
  data = ward_schema_serialize (lines);
  if (!g_file_set_contents (argv[1], g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
