/* fuzz-device-value.c: a device value typed at the kiosk, in the locales it runs in */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>

#include "ui/devices/ward-value-entry.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char *const locales[] = { "C.UTF-8", "de_DE.UTF-8", "en_US.UTF-8", "fr_FR.UTF-8" };

/* The first byte picks the locale (one that is not installed stays C). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  double value = -1;

  if (size == 0)
    return 0;
  setlocale (LC_ALL, locales[data[0] % G_N_ELEMENTS (locales)]);
  text = g_strndup ((const char *) data + 1, size - 1);
  if (ward_value_entry_parse (text, &value))
    g_assert_true (isfinite (value) && value >= 0);
  setlocale (LC_ALL, "C.UTF-8");
  return 0;
}
