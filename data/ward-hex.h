/* ward-hex.h: bytes as lower-case hex text and back, for digests, MACs and identifiers in files and logs */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *ward_hex_encode (const guint8 *bytes,
                           gsize         length);
/* TRUE only when text is exactly 2 × length hex digits. */
gboolean  ward_hex_decode (const char   *text,
                           guint8       *out,
                           gsize         length);

G_END_DECLS
