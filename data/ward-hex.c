/* ward-hex.c: bytes as lower-case hex text and back */
#include "config.h"

#include <string.h>

#include <openssl/crypto.h>

#include "data/ward-hex.h"

/* OpenSSL writes upper case; the digests and MACs already on disk (audit
 * anchors, row guards) were written in lower case, and stay comparable. */
char *
ward_hex_encode (const guint8 *bytes,
                 gsize         length)
{
  gsize size = 2 * length + 1;
  char *text = g_malloc (size);

  if (!OPENSSL_buf2hexstr_ex (text, size, NULL, bytes, length, '\0'))
    g_error ("Could not write %" G_GSIZE_FORMAT " bytes as hex", length);
  for (char *c = text; *c != '\0'; c++)
    *c = g_ascii_tolower (*c);
  return text;
}

gboolean
ward_hex_decode (const char *text,
                 guint8     *out,
                 gsize       length)
{
  size_t written = 0;

  return text != NULL && strlen (text) == 2 * length
      && OPENSSL_hexstr2buf_ex (out, length, &written, text, '\0') == 1 && written == length;
}
