/* fuzz-catalogue.c: the device catalogue XML (a file IT ships, read at every start) */
#include "config.h"

#include <stdint.h>

#include "app/devices/ward-catalogue-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WardCatalogue) catalogue = g_object_new (WARD_TYPE_CATALOGUE, NULL);
  g_autoptr(GError) error = NULL;

  /* Either a catalogue or a reason; both paths must be clean. */
  if (!_ward_catalogue_parse (catalogue, (const char *) data, size, &error))
    g_assert_nonnull (error);
  return 0;
}
