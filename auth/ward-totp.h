/* ward-totp.h: TOTP (RFC 6238) codes computed and checked over a secret the caller keeps sealed */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WARD_TOTP_ERROR (ward_totp_error_quark ())

typedef enum
{
  WARD_TOTP_ERROR_INVALID_PARAMS,  /* digits, period, algorithm or time out of range */
  WARD_TOTP_ERROR_FAILED,          /* liboath refused for another reason */
} WardTotpError;

typedef enum
{
  WARD_TOTP_SHA1,
  WARD_TOTP_SHA256,
  WARD_TOTP_SHA512,
} WardTotpAlgorithm;

typedef struct
{
  WardTotpAlgorithm algorithm;
  guint             digits;  /* 6..8, what liboath supports */
  guint             period;  /* seconds per time step, > 0 */
} WardTotpParams;

/* What every authenticator app assumes when the otpauth URI says nothing. */
#define WARD_TOTP_PARAMS_DEFAULT ((WardTotpParams) { WARD_TOTP_SHA1, 6, 30 })

/* Secrets this module makes: 160 bits, the size RFC 4226 §4 recommends. */
#define WARD_TOTP_SECRET_LEN 20

/*
 * The outcome of ward_totp_validate().
 *
 * WARD_TOTP_REJECTED and WARD_TOTP_REPLAYED MUST be shown to the user with
 * the same message, after the same delay, and count the same towards the
 * failure limit: telling them apart would reveal that a replayed code was
 * otherwise valid. REPLAYED exists only so that the audit can record it.
 */
typedef enum
{
  WARD_TOTP_ACCEPTED,   /* matches a step newer than the last accepted one */
  WARD_TOTP_REJECTED,   /* matches no step in the window (±1 step) */
  WARD_TOTP_REPLAYED,   /* matches a step <= last_accepted_step */
  WARD_TOTP_MALFORMED,  /* not exactly params->digits ASCII digits */
} WardTotpResult;

GQuark      ward_totp_error_quark          (void);

/* "SHA1", "SHA256", "SHA512": the spelling stored and used in otpauth URIs. */
const char *ward_totp_algorithm_to_string  (WardTotpAlgorithm     algorithm);
/* Case-insensitive; FALSE (and *algorithm untouched) for an unknown name. */
gboolean    ward_totp_algorithm_from_string (const char           *name,
                                             WardTotpAlgorithm    *algorithm);
gboolean    ward_totp_params_is_valid      (const WardTotpParams  *params);

/*
 * Secrets are GBytes whose memory is wiped when the last reference goes.
 * ward_totp_generate_secret() draws WARD_TOTP_SECRET_LEN bytes from
 * getrandom(); it returns NULL (and logs) only if the kernel refuses.
 * ward_totp_secret_new() copies a secret the caller has just unsealed, so
 * the caller can wipe its own copy at once.
 */
GBytes     *ward_totp_generate_secret      (void);
GBytes     *ward_totp_secret_new           (const guint8          *data,
                                            gsize                  len);

/*
 * Base32 (RFC 4648) without '=' padding, as authenticator apps expect.
 * The result is the secret itself: release it with ward_totp_free_sensitive().
 */
char       *ward_totp_secret_to_base32     (GBytes                *secret);

/* The code for the time step holding @unix_time (>= 0). Release it with
 * ward_totp_free_sensitive(). */
char       *ward_totp_code_at              (GBytes                *secret,
                                            const WardTotpParams  *params,
                                            gint64                 unix_time,
                                            GError               **error);

/*
 * Checks @code against the steps (unix_time / period) - 1, + 0 and + 1
 * (RFC 6238 §5.2, §6: one step of drift each way, no more).
 *
 * @last_accepted_step is the step the caller stored after the previous
 * WARD_TOTP_ACCEPTED for this secret, or -1 if none. A code matching that
 * step or an older one is WARD_TOTP_REPLAYED (see WardTotpResult for why it
 * must look like WARD_TOTP_REJECTED to the user).
 *
 * On WARD_TOTP_ACCEPTED, *@accepted_step_out (if not NULL) receives the
 * matching step, which the caller must store atomically with the decision,
 * as the next @last_accepted_step; on any other result it receives -1.
 *
 * Invalid @params or a liboath failure give WARD_TOTP_REJECTED and a log
 * line without the secret or the code.
 */
WardTotpResult ward_totp_validate          (GBytes                *secret,
                                            const WardTotpParams  *params,
                                            const char            *code,
                                            gint64                 unix_time,
                                            gint64                 last_accepted_step,
                                            gint64                *accepted_step_out);

/*
 * otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=…&digits=…&period=…
 * (Google Authenticator "Key Uri Format"). Issuer and account are
 * percent-encoded as UTF-8; neither may contain ':', which would make the
 * label ambiguous. It holds the secret: release it with
 * ward_totp_free_sensitive().
 */
char       *ward_totp_otpauth_uri          (const char            *issuer,
                                            const char            *account,
                                            GBytes                *secret,
                                            const WardTotpParams  *params);

/* Wipes and frees a string returned above; NULL is fine. */
void        ward_totp_free_sensitive       (char                  *str);

G_END_DECLS
