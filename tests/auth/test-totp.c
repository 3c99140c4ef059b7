/* test-totp.c: TOTP against the RFC 6238 vectors, the real oathtool, the replay rule and the otpauth URI */
#include <string.h>

#include <liboath/oath.h>

#include "auth/ward-totp.h"

/* RFC 6238 Appendix B: one seed per hash, sized to the hash's output. */
static const char seed_sha1[] = "12345678901234567890";
static const char seed_sha256[] = "12345678901234567890123456789012";
static const char seed_sha512[] =
  "1234567890123456789012345678901234567890123456789012345678901234";

typedef struct
{
  gint64      time;
  const char *sha1;
  const char *sha256;
  const char *sha512;
} Vector;

static const Vector rfc_vectors[] = {
  {          59, "94287082", "46119246", "90693936" },
  {  1111111109, "07081804", "68084774", "25091201" },
  {  1111111111, "14050471", "67062674", "99943326" },
  {  1234567890, "89005924", "91819424", "93441116" },
  {  2000000000, "69279037", "90698825", "38618901" },
  { 20000000000, "65353130", "77737706", "47863826" },
};

/* A fixed moment in the middle of a step, so ±1 step never crosses zero. */
#define T_FIXED G_GINT64_CONSTANT (1111111111)

static GBytes *
seed_for (WardTotpAlgorithm algorithm)
{
  const char *seed = algorithm == WARD_TOTP_SHA256 ? seed_sha256 :
                     algorithm == WARD_TOTP_SHA512 ? seed_sha512 : seed_sha1;

  return ward_totp_secret_new ((const guint8 *) seed, strlen (seed));
}

static const char *
expected_for (const Vector      *v,
              WardTotpAlgorithm  algorithm)
{
  return algorithm == WARD_TOTP_SHA256 ? v->sha256 :
         algorithm == WARD_TOTP_SHA512 ? v->sha512 : v->sha1;
}

static GBytes *
default_secret (void)
{
  return seed_for (WARD_TOTP_SHA1);
}

static char *
code_at (GBytes               *secret,
         const WardTotpParams *params,
         gint64                t)
{
  g_autoptr(GError) error = NULL;
  char *code = ward_totp_code_at (secret, params, t, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

static void
check_rfc_vectors (WardTotpAlgorithm algorithm)
{
  g_autoptr(GBytes) secret = seed_for (algorithm);
  WardTotpParams params = { algorithm, 8, 30 };

  for (guint i = 0; i < G_N_ELEMENTS (rfc_vectors); i++)
    {
      const Vector *v = &rfc_vectors[i];
      const char *expected = expected_for (v, algorithm);
      char *code = code_at (secret, &params, v->time);
      gint64 step = 0;

      g_assert_cmpstr (code, ==, expected);
      ward_totp_free_sensitive (code);

      g_assert_cmpint (ward_totp_validate (secret, &params, expected, v->time, -1, &step),
                       ==, WARD_TOTP_ACCEPTED);
      g_assert_cmpint (step, ==, v->time / 30);
    }
}

static void
test_rfc_sha1 (void)
{
  check_rfc_vectors (WARD_TOTP_SHA1);
}

static void
test_rfc_sha256 (void)
{
  check_rfc_vectors (WARD_TOTP_SHA256);
}

static void
test_rfc_sha512 (void)
{
  check_rfc_vectors (WARD_TOTP_SHA512);
}

static void
test_algorithm_names (void)
{
  WardTotpAlgorithm algorithm = WARD_TOTP_SHA1;

  g_assert_cmpstr (ward_totp_algorithm_to_string (WARD_TOTP_SHA1), ==, "SHA1");
  g_assert_cmpstr (ward_totp_algorithm_to_string (WARD_TOTP_SHA256), ==, "SHA256");
  g_assert_cmpstr (ward_totp_algorithm_to_string (WARD_TOTP_SHA512), ==, "SHA512");

  g_assert_true (ward_totp_algorithm_from_string ("SHA512", &algorithm));
  g_assert_cmpint (algorithm, ==, WARD_TOTP_SHA512);
  g_assert_true (ward_totp_algorithm_from_string ("sha256", &algorithm));
  g_assert_cmpint (algorithm, ==, WARD_TOTP_SHA256);
  g_assert_false (ward_totp_algorithm_from_string ("MD5", &algorithm));
  g_assert_false (ward_totp_algorithm_from_string (NULL, &algorithm));
  g_assert_cmpint (algorithm, ==, WARD_TOTP_SHA256);
}

static void
test_generate_secret (void)
{
  g_autoptr(GBytes) a = ward_totp_generate_secret ();
  g_autoptr(GBytes) b = ward_totp_generate_secret ();
  char *base32;

  g_assert_nonnull (a);
  g_assert_cmpuint (g_bytes_get_size (a), ==, WARD_TOTP_SECRET_LEN);
  g_assert_false (g_bytes_equal (a, b));

  base32 = ward_totp_secret_to_base32 (a);
  g_assert_cmpuint (strlen (base32), ==, 32);
  g_assert_cmpuint (strspn (base32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), ==, 32);
  ward_totp_free_sensitive (base32);
}

static void
test_base32 (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  g_autoptr(GBytes) odd = ward_totp_secret_new ((const guint8 *) "0123456789abcdef", 16);
  char *base32 = ward_totp_secret_to_base32 (secret);

  g_assert_cmpstr (base32, ==, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  ward_totp_free_sensitive (base32);

  /* 16 bytes are 26 base32 characters, which RFC 4648 pads with six '='. */
  base32 = ward_totp_secret_to_base32 (odd);
  g_assert_cmpstr (base32, ==, "GAYTEMZUGU3DOOBZMFRGGZDFMY");
  ward_totp_free_sensitive (base32);
}

static char *
run_oathtool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("oathtool failed: %s: %s", error->message, err);
  return g_strstrip (g_steal_pointer (&out));
}

static void
check_oathtool (const char *mode,
                guint       digits,
                GBytes     *secret,
                gint64      now)
{
  WardTotpAlgorithm algorithm = WARD_TOTP_SHA1;
  g_autofree char *totp_arg = g_strdup_printf ("--totp=%s", mode);
  g_autofree char *digits_arg = g_strdup_printf ("--digits=%u", digits);
  g_autofree char *now_arg = g_strdup_printf ("--now=@%" G_GINT64_FORMAT, now);
  char *base32 = ward_totp_secret_to_base32 (secret);
  const char *argv[] = { "oathtool", "--base32", totp_arg, digits_arg, now_arg, base32, NULL };
  g_autofree char *code = NULL;
  WardTotpParams params;
  gint64 step = 0;

  g_assert_true (ward_totp_algorithm_from_string (mode, &algorithm));
  params = (WardTotpParams) { algorithm, digits, 30 };

  code = run_oathtool (argv);
  ward_totp_free_sensitive (base32);
  g_assert_cmpuint (strlen (code), ==, digits);
  g_assert_cmpint (ward_totp_validate (secret, &params, code, now, -1, &step),
                   ==, WARD_TOTP_ACCEPTED);
  g_assert_cmpint (step, ==, now / 30);
}

static void
test_oathtool (void)
{
  g_autoptr(GBytes) secret = ward_totp_generate_secret ();
  g_autoptr(GBytes) odd = ward_totp_secret_new ((const guint8 *) "0123456789abcdef", 16);
  g_autofree char *oathtool = g_find_program_in_path ("oathtool");
  /* One fixed "now" for both sides, so a step boundary cannot fall between
   * oathtool printing the code and the check. */
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (oathtool == NULL)
    {
      g_test_fail_printf ("oathtool is not installed (Debian: apt-get install oathtool); "
                          "codes cannot be checked against it");
      return;
    }

  check_oathtool ("SHA1", 6, secret, now);
  check_oathtool ("SHA256", 8, secret, now);
  check_oathtool ("SHA512", 7, secret, now);
  /* Unpadded base32 of a secret that needs padding still reads back. */
  check_oathtool ("SHA1", 6, odd, now);
}

static void
test_window (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  gint64 now_step = T_FIXED / 30;

  for (int delta = -3; delta <= 3; delta++)
    {
      char *code = code_at (secret, &params, T_FIXED + delta * 30);
      gint64 step = 0;
      WardTotpResult result;

      result = ward_totp_validate (secret, &params, code, T_FIXED, -1, &step);
      ward_totp_free_sensitive (code);
      if (ABS (delta) <= 1)
        {
          g_assert_cmpint (result, ==, WARD_TOTP_ACCEPTED);
          g_assert_cmpint (step, ==, now_step + delta);
        }
      else
        {
          g_assert_cmpint (result, ==, WARD_TOTP_REJECTED);
          g_assert_cmpint (step, ==, -1);
        }
    }
}

/* A made-up code that differs from the right one in every digit. */
static void
test_wrong_code (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  char *code = code_at (secret, &params, T_FIXED);
  gint64 step = 0;

  for (guint i = 0; code[i] != '\0'; i++)
    code[i] = (char) ('0' + (code[i] - '0' + 5) % 10);
  g_assert_cmpint (ward_totp_validate (secret, &params, code, T_FIXED, -1, &step),
                   ==, WARD_TOTP_REJECTED);
  g_assert_cmpint (step, ==, -1);
  ward_totp_free_sensitive (code);
}

static void
test_replay (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  char *code = code_at (secret, &params, T_FIXED);
  char *previous = code_at (secret, &params, T_FIXED - 30);
  char *next = code_at (secret, &params, T_FIXED + 30);
  gint64 accepted = -1;
  gint64 step = 0;

  g_assert_cmpint (ward_totp_validate (secret, &params, code, T_FIXED, -1, &accepted),
                   ==, WARD_TOTP_ACCEPTED);
  g_assert_cmpint (accepted, ==, T_FIXED / 30);

  /* The same code again, in the same step and in the next one. */
  g_assert_cmpint (ward_totp_validate (secret, &params, code, T_FIXED, accepted, &step),
                   ==, WARD_TOTP_REPLAYED);
  g_assert_cmpint (step, ==, -1);
  g_assert_cmpint (ward_totp_validate (secret, &params, code, T_FIXED + 30, accepted, &step),
                   ==, WARD_TOTP_REPLAYED);

  /* Still in the window, but older than what was accepted. */
  g_assert_cmpint (ward_totp_validate (secret, &params, previous, T_FIXED, accepted, &step),
                   ==, WARD_TOTP_REPLAYED);

  /* The next step's code is new, so a fast clock may still use it. */
  g_assert_cmpint (ward_totp_validate (secret, &params, next, T_FIXED, accepted, &step),
                   ==, WARD_TOTP_ACCEPTED);
  g_assert_cmpint (step, ==, accepted + 1);

  ward_totp_free_sensitive (code);
  ward_totp_free_sensitive (previous);
  ward_totp_free_sensitive (next);
}

static void
test_malformed (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  WardTotpParams eight = { WARD_TOTP_SHA1, 8, 30 };
  const char *bad[] = { "", "12345", "1234567", "12a456", " 12345", "12345 ",
                        "+12345", "１２３４５６" };
  gint64 step = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_cmpint (ward_totp_validate (secret, &params, bad[i], T_FIXED, -1, &step),
                       ==, WARD_TOTP_MALFORMED);
      g_assert_cmpint (step, ==, -1);
    }
  g_assert_cmpint (ward_totp_validate (secret, &params, NULL, T_FIXED, -1, &step),
                   ==, WARD_TOTP_MALFORMED);
  /* A right-looking 6-digit code is malformed where 8 are expected. */
  g_assert_cmpint (ward_totp_validate (secret, &eight, "050471", T_FIXED, -1, &step),
                   ==, WARD_TOTP_MALFORMED);
}

/* In step 0 liboath also tries counter 2^64-1 as "the step before"; that
 * must not count as a match. */
static void
test_first_step (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  char wrapped[7];
  char *code = code_at (secret, &params, 10);
  gint64 step = -1;

  g_assert_cmpint (oath_init (), ==, OATH_OK);
  g_assert_cmpint (oath_hotp_generate (seed_sha1, strlen (seed_sha1), G_MAXUINT64, 6,
                                       FALSE, OATH_HOTP_DYNAMIC_TRUNCATION, wrapped),
                   ==, OATH_OK);
  g_assert_cmpstr (wrapped, !=, code);

  g_assert_cmpint (ward_totp_validate (secret, &params, code, 10, -1, &step),
                   ==, WARD_TOTP_ACCEPTED);
  g_assert_cmpint (step, ==, 0);
  g_assert_cmpint (ward_totp_validate (secret, &params, wrapped, 10, -1, &step),
                   ==, WARD_TOTP_REJECTED);
  g_assert_cmpint (step, ==, -1);
  ward_totp_free_sensitive (code);
}

static void
test_bad_params (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams nine = { WARD_TOTP_SHA1, 9, 30 };
  WardTotpParams no_period = { WARD_TOTP_SHA1, 6, 0 };
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_totp_params_is_valid (&params));
  g_assert_false (ward_totp_params_is_valid (&nine));
  g_assert_false (ward_totp_params_is_valid (&no_period));

  g_assert_null (ward_totp_code_at (secret, &nine, T_FIXED, &error));
  g_assert_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  g_assert_null (ward_totp_code_at (secret, &params, -1, &error));
  g_assert_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_INVALID_PARAMS);
}

static void
test_otpauth_uri (void)
{
  g_autoptr(GBytes) secret = default_secret ();
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  WardTotpParams strong = { WARD_TOTP_SHA256, 8, 60 };
  char *uri;

  uri = ward_totp_otpauth_uri ("Hôpital Nord", "nurse.dupont", secret, &params);
  g_assert_cmpstr (uri, ==,
                   "otpauth://totp/H%C3%B4pital%20Nord:nurse.dupont"
                   "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                   "&issuer=H%C3%B4pital%20Nord&algorithm=SHA1&digits=6&period=30");
  ward_totp_free_sensitive (uri);

  uri = ward_totp_otpauth_uri ("Wardgate", "Zoë Müller@icu", secret, &strong);
  g_assert_cmpstr (uri, ==,
                   "otpauth://totp/Wardgate:Zo%C3%AB%20M%C3%BCller%40icu"
                   "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                   "&issuer=Wardgate&algorithm=SHA256&digits=8&period=60");
  ward_totp_free_sensitive (uri);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/totp/rfc6238/sha1", test_rfc_sha1);
  g_test_add_func ("/totp/rfc6238/sha256", test_rfc_sha256);
  g_test_add_func ("/totp/rfc6238/sha512", test_rfc_sha512);
  g_test_add_func ("/totp/algorithm-names", test_algorithm_names);
  g_test_add_func ("/totp/generate-secret", test_generate_secret);
  g_test_add_func ("/totp/base32", test_base32);
  g_test_add_func ("/totp/oathtool", test_oathtool);
  g_test_add_func ("/totp/window", test_window);
  g_test_add_func ("/totp/wrong-code", test_wrong_code);
  g_test_add_func ("/totp/replay", test_replay);
  g_test_add_func ("/totp/malformed", test_malformed);
  g_test_add_func ("/totp/first-step", test_first_step);
  g_test_add_func ("/totp/bad-params", test_bad_params);
  g_test_add_func ("/totp/otpauth-uri", test_otpauth_uri);

  return g_test_run ();
}
