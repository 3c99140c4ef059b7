/* fuzz-identifiers.c: badge numbers, user names, typed names and reasons, and the otpauth URI made from them */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "app/admin/ward-account-admin.h"
#include "app/admin/ward-badge-admin.h"
#include "auth/ward-totp.h"
#include "data/ward-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_otpauth (const char *issuer,
               const char *account)
{
  static const guint8 key[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
  g_autoptr(GBytes) secret = g_bytes_new_static (key, sizeof key);
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  g_autofree char *uri = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) query = NULL;

  /* The inputs the enrolment can give it: a site name and a user name. */
  if (*issuer == '\0' || !ward_account_admin_check_username (account, NULL))
    return;
  uri = ward_totp_otpauth_uri (issuer, account, secret, &params);
  g_assert_nonnull (uri);
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_nonnull (parsed);
  query = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (query);
  /* What the phone reads back is what the site is called. */
  g_assert_cmpstr (g_hash_table_lookup (query, "issuer"), ==, issuer);
}

/* The input is split at its first NUL: before it, one text; after it, another. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *first = g_strndup ((const char *) data, size);
  const uint8_t *nul = memchr (data, 0, size);
  g_autofree char *second = nul != NULL ? g_strndup ((const char *) nul + 1, size - (gsize) (nul + 1 - data)) : g_strdup ("");
  g_autofree char *clean = ward_text_clean (first);
  g_autofree char *printable = ward_text_printable (first);

  ward_badge_admin_check_uid (first, NULL);
  ward_account_admin_check_username (first, NULL);
  for (const char *p = printable; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 && *p != 0x7f);
  if (clean != NULL)
    {
      g_autofree char *again = ward_text_clean (clean);
      g_assert_cmpstr (again, ==, clean);
    }
  if (g_utf8_validate (first, -1, NULL) && g_utf8_validate (second, -1, NULL))
    check_otpauth (first, second);
  return 0;
}
