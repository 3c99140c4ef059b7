/* fuzz-awareness.c: the security-awareness content XML */
#include "config.h"

#include <stdint.h>

#include "app/awareness/ward-awareness-catalogue.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue =
    ward_awareness_catalogue_new_from_data ((const char *) data, (gssize) size, "fuzz", &error);

  g_assert_true ((catalogue == NULL) == (error != NULL));
  return 0;
}
