/* fuzz-badge-wedge.c: keystroke bursts from a keyboard-wedge badge reader (or a person) */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "auth/ward-badge-wedge.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Each key is two bytes: the character, then the gap before it in
 * milliseconds; a gap of 255 also flushes, as the kiosk's timer would. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (size > 0 ? 10 + data[0] % 90 : 50);
  gint64 now = 1000000;

  for (size_t i = 1; i + 1 < size; i += 2)
    {
      g_autofree char *uid = NULL;
      g_autofree char *discarded = NULL;
      gunichar ch = data[i] == 0xff ? WARD_BADGE_WEDGE_RETURN : data[i];

      now += (gint64) data[i + 1] * 1000;
      if (data[i + 1] == 255)
        ward_badge_wedge_flush (wedge, now);
      if (ward_badge_wedge_feed (wedge, ch, now, &uid) == WARD_BADGE_WEDGE_UID)
        {
          g_assert_nonnull (uid);
          g_assert_cmpuint (strlen (uid), >, 0);
          for (const char *p = uid; *p != '\0'; p++)
            g_assert_true (g_ascii_isxdigit (*p));
        }
      discarded = ward_badge_wedge_take_discarded (wedge);
    }
  return 0;
}
