/* ward-text.c: text people type that is stored and shown to others: checked, normalised, escaped */
#include "config.h"

#include "data/ward-text.h"

/* Control characters rewrite a terminal or break a JSON reader; format
 * characters (bidirectional overrides, zero-width joiners and spaces) make
 * a name read differently from what it is, and names are shown to the
 * witness of a high-alert change. */
static gboolean
is_hidden (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR
      || type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_UNASSIGNED
      || type == G_UNICODE_SURROGATE || type == G_UNICODE_PRIVATE_USE;
}

/* The text stripped and in NFC (one way to write each letter, so that two
 * names that look the same are the same), or NULL when it is not UTF-8 or
 * holds a control or format character. */
char *
ward_text_clean (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hidden (g_utf8_get_char (p)))
      return NULL;
  return g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
}

/* For a terminal: what was stored, with every control or format character
 * (and any byte that is not UTF-8) shown as an escape instead of acting. */
char *
ward_text_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *end = NULL;
      gunichar c;

      if (!g_utf8_validate (p, -1, &end) && end == p)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (is_hidden (c))
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
