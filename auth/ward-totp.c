/* ward-totp.c: TOTP (RFC 6238) codes computed and checked over a secret, through liboath */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <liboath/oath.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "auth/ward-totp.h"

/* liboath supports 6 to 8 digits; its buffers are sized for that. */
#define MIN_DIGITS 6
#define MAX_DIGITS 8

/* ±1 step, RFC 6238 §5.2 and §6; liboath searches now, +1, -1 for this. */
#define WINDOW 1

G_DEFINE_QUARK (ward-totp-error-quark, ward_totp_error)

static const char * const algorithm_names[] = {
  [WARD_TOTP_SHA1]   = "SHA1",
  [WARD_TOTP_SHA256] = "SHA256",
  [WARD_TOTP_SHA512] = "SHA512",
};

/* The secret's bytes live after their length, so the GBytes free function,
 * which only gets one pointer, knows how much to wipe. */
typedef struct
{
  gsize  len;
  guint8 data[];
} SecretBlock;

typedef struct
{
  const char *code;
  gsize       len;
} CodeCompare;

static gpointer
init_oath (gpointer unused G_GNUC_UNUSED)
{
  return GINT_TO_POINTER (oath_init ());
}

/* oath_init() is not thread-safe and oath_done() would pull the library
 * from under other threads, so it is called once and never undone. */
static gboolean
ensure_oath (void)
{
  static GOnce once = G_ONCE_INIT;
  int rc = GPOINTER_TO_INT (g_once (&once, init_oath, NULL));

  if (rc != OATH_OK)
    g_warning ("liboath could not be initialised: %s", oath_strerror_name (rc));
  return rc == OATH_OK;
}

const char *
ward_totp_algorithm_to_string (WardTotpAlgorithm algorithm)
{
  g_return_val_if_fail ((guint) algorithm < G_N_ELEMENTS (algorithm_names), NULL);

  return algorithm_names[algorithm];
}

gboolean
ward_totp_algorithm_from_string (const char        *name,
                                 WardTotpAlgorithm *algorithm)
{
  g_return_val_if_fail (algorithm != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (algorithm_names); i++)
    {
      /* Some otpauth URIs in the wild spell it "sha1". */
      if (g_ascii_strcasecmp (name, algorithm_names[i]) == 0)
        {
          *algorithm = (WardTotpAlgorithm) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ward_totp_params_is_valid (const WardTotpParams *params)
{
  return params != NULL &&
         (guint) params->algorithm < G_N_ELEMENTS (algorithm_names) &&
         params->digits >= MIN_DIGITS && params->digits <= MAX_DIGITS &&
         params->period > 0;
}

static int
oath_flags (WardTotpAlgorithm algorithm)
{
  switch (algorithm)
    {
    case WARD_TOTP_SHA256:
      return OATH_TOTP_HMAC_SHA256;
    case WARD_TOTP_SHA512:
      return OATH_TOTP_HMAC_SHA512;
    case WARD_TOTP_SHA1:
    default:
      return 0;
    }
}

static void
secret_block_free (gpointer data)
{
  SecretBlock *block = data;

  OPENSSL_cleanse (block, sizeof *block + block->len);
  g_free (block);
}

static SecretBlock *
secret_block_new (gsize len)
{
  SecretBlock *block = g_malloc (sizeof *block + len);

  block->len = len;
  return block;
}

static GBytes *
secret_block_to_bytes (SecretBlock *block)
{
  return g_bytes_new_with_free_func (block->data, block->len,
                                     secret_block_free, block);
}

GBytes *
ward_totp_secret_new (const guint8 *data,
                      gsize         len)
{
  SecretBlock *block;

  g_return_val_if_fail (data != NULL && len > 0, NULL);

  block = secret_block_new (len);
  memcpy (block->data, data, len);
  return secret_block_to_bytes (block);
}

GBytes *
ward_totp_generate_secret (void)
{
  SecretBlock *block = secret_block_new (WARD_TOTP_SECRET_LEN);

  /* OpenSSL's generator, seeded from the kernel (getrandom). */
  if (RAND_bytes (block->data, (int) block->len) != 1)
    {
      secret_block_free (block);
      return NULL;
    }
  return secret_block_to_bytes (block);
}

void
ward_totp_free_sensitive (char *str)
{
  if (str == NULL)
    return;
  OPENSSL_cleanse (str, strlen (str));
  g_free (str);
}

char *
ward_totp_secret_to_base32 (GBytes *secret)
{
  const char *data;
  gsize len;
  char *encoded = NULL;
  size_t encoded_len = 0;
  char *result;
  int rc;

  g_return_val_if_fail (secret != NULL, NULL);

  data = g_bytes_get_data (secret, &len);
  rc = oath_base32_encode (data, len, &encoded, &encoded_len);
  if (rc != OATH_OK)
    {
      g_warning ("Base32 encoding failed: %s", oath_strerror_name (rc));
      return NULL;
    }
  /* Padding is a suffix of '='; apps such as Google Authenticator reject it. */
  result = g_strndup (encoded, strcspn (encoded, "="));
  OPENSSL_cleanse (encoded, encoded_len);
  free (encoded);  /* liboath allocates with malloc() */
  return result;
}

static gboolean
check_params (const WardTotpParams  *params,
              gint64                 unix_time,
              GError               **error)
{
  if (!ward_totp_params_is_valid (params))
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_INVALID_PARAMS,
                   _("The sign-in code settings are not valid."));
      return FALSE;
    }
  /* liboath divides a signed time by an unsigned period: keep it positive. */
  if (unix_time < 0)
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_INVALID_PARAMS,
                   _("The clock of this terminal is wrong."));
      return FALSE;
    }
  return TRUE;
}

char *
ward_totp_code_at (GBytes                *secret,
                   const WardTotpParams  *params,
                   gint64                 unix_time,
                   GError               **error)
{
  char code[MAX_DIGITS + 1];
  const char *data;
  gsize len;
  char *result;
  int rc;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_params (params, unix_time, error))
    return NULL;
  if (!ensure_oath ())
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_FAILED,
                   _("Sign-in codes are not available on this terminal."));
      return NULL;
    }

  data = g_bytes_get_data (secret, &len);
  rc = oath_totp_generate2 (data, len, (time_t) unix_time, params->period,
                            OATH_TOTP_DEFAULT_START_TIME, params->digits,
                            oath_flags (params->algorithm), code);
  if (rc != OATH_OK)
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_FAILED,
                   _("The sign-in code could not be computed (%s)."),
                   oath_strerror (rc));
      return NULL;
    }
  result = g_strdup (code);
  OPENSSL_cleanse (code, sizeof code);
  return result;
}

/* Exactly @digits ASCII digits: anything else is a typing slip, not a guess,
 * and must not reach liboath, which would take strlen() as the digit count. */
static gboolean
code_is_well_formed (const char *code,
                     guint       digits)
{
  if (code == NULL || strlen (code) != digits)
    return FALSE;
  for (guint i = 0; i < digits; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

/* liboath's own comparison is strcmp(); this one takes the same time
 * whichever digit differs. Returns 0 on match, > 0 otherwise, as liboath's
 * callback contract asks. */
static int
compare_code (void       *handle,
              const char *candidate)
{
  const CodeCompare *cmp = handle;

  if (strlen (candidate) != cmp->len)
    return 1;
  return CRYPTO_memcmp (cmp->code, candidate, cmp->len) == 0 ? 0 : 1;
}

/* Returns the matching step, or -1 for no match or an error. liboath
 * returns |position| and writes the signed position (-1, 0, +1 relative to
 * now's step) to otp_pos, so the step is now's step + otp_pos. */
static gint64
find_step (GBytes               *secret,
           const WardTotpParams *params,
           const char           *code,
           gint64                unix_time)
{
  CodeCompare cmp = { code, params->digits };
  const char *data;
  gsize len;
  int pos = 0;
  int rc;

  data = g_bytes_get_data (secret, &len);
  rc = oath_totp_validate4_callback (data, len, (time_t) unix_time,
                                     params->period,
                                     OATH_TOTP_DEFAULT_START_TIME,
                                     params->digits, WINDOW, &pos, NULL,
                                     oath_flags (params->algorithm),
                                     compare_code, &cmp);
  if (rc == OATH_INVALID_OTP)
    return -1;
  if (rc < 0)
    {
      g_warning ("TOTP validation failed in liboath: %s", oath_strerror_name (rc));
      return -1;
    }
  /* In step 0 liboath's "previous step" is counter 2^64-1, not a real step:
   * the sum is then -1, which reads as no match. */
  return unix_time / params->period + pos;
}

WardTotpResult
ward_totp_validate (GBytes               *secret,
                    const WardTotpParams *params,
                    const char           *code,
                    gint64                unix_time,
                    gint64                last_accepted_step,
                    gint64               *accepted_step_out)
{
  gint64 step;

  if (accepted_step_out != NULL)
    *accepted_step_out = -1;

  g_return_val_if_fail (secret != NULL, WARD_TOTP_REJECTED);
  g_return_val_if_fail (ward_totp_params_is_valid (params), WARD_TOTP_REJECTED);

  if (!code_is_well_formed (code, params->digits))
    return WARD_TOTP_MALFORMED;
  if (unix_time < 0)
    {
      g_warning ("TOTP validation refused: clock before 1970");
      return WARD_TOTP_REJECTED;
    }
  if (!ensure_oath ())
    return WARD_TOTP_REJECTED;

  step = find_step (secret, params, code, unix_time);
  if (step < 0)
    return WARD_TOTP_REJECTED;
  /* Checked after the match, never before it, so that a replay costs the
   * same work as any other attempt. */
  if (step <= last_accepted_step)
    return WARD_TOTP_REPLAYED;

  if (accepted_step_out != NULL)
    *accepted_step_out = step;
  return WARD_TOTP_ACCEPTED;
}

/* The URI carries the secret, so it is formatted straight into its final
 * buffer: a growing GString would leave copies behind in freed memory. */
static char *
format_uri (const char           *issuer,
            const char           *account,
            const char           *base32,
            const WardTotpParams *params)
{
  static const char format[] =
    "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=%s&digits=%u&period=%u";
  const char *algorithm = algorithm_names[params->algorithm];
  gsize size;
  char *uri;

  size = (gsize) g_snprintf (NULL, 0, format, issuer, account, base32, issuer,
                             algorithm, params->digits, params->period) + 1;
  uri = g_malloc (size);
  g_snprintf (uri, size, format, issuer, account, base32, issuer,
              algorithm, params->digits, params->period);
  return uri;
}

char *
ward_totp_otpauth_uri (const char           *issuer,
                       const char           *account,
                       GBytes               *secret,
                       const WardTotpParams *params)
{
  g_autofree char *escaped_issuer = NULL;
  g_autofree char *escaped_account = NULL;
  char *base32;
  char *uri;

  g_return_val_if_fail (issuer != NULL && *issuer != '\0', NULL);
  g_return_val_if_fail (account != NULL && *account != '\0', NULL);
  /* A ':' (a site called "St: Mary's") is percent-encoded below like every
   * reserved character, so it cannot be read as the label's separator. */
  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (ward_totp_params_is_valid (params), NULL);

  /* No reserved character allowed through and UTF-8 escaped byte by byte:
   * a space becomes %20 (not '+', which some apps show literally). */
  escaped_issuer = g_uri_escape_string (issuer, NULL, FALSE);
  escaped_account = g_uri_escape_string (account, NULL, FALSE);
  base32 = ward_totp_secret_to_base32 (secret);
  if (base32 == NULL)
    return NULL;

  uri = format_uri (escaped_issuer, escaped_account, base32, params);
  ward_totp_free_sensitive (base32);
  return uri;
}
