/* fuzz-pcsc-answer.c: a card's answer to Get Data (the UID), as a PC/SC reader returns it */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "auth/ward-pcsc-card.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *uid = ward_pcsc_card_parse_uid_answer (data, size);

  if (uid != NULL)
    {
      gsize length = strlen (uid);

      g_assert_true (length >= 8 && length <= 32 && length % 2 == 0);
      for (const char *p = uid; *p != '\0'; p++)
        g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_islower (*p));
    }
  return 0;
}
