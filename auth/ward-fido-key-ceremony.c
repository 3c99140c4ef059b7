/* ward-fido-key-ceremony.c: registration and sign-in on an open device, plus the checks libfido2 leaves out */
#include "config.h"

#include <string.h>

#include <fido/es256.h>
#include <openssl/rand.h>

#include "auth/ward-fido-key-private.h"

/* WebAuthn: the client data hash is a SHA-256, and our challenge stands in for it. */
#define CHALLENGE_LEN 32

#define ES256_PUBKEY_LEN 64

/* ---- shared ---------------------------------------------------------------- */

static gboolean
random_challenge (guint8   out[CHALLENGE_LEN],
                  GError **error)
{
  if (RAND_bytes (out, CHALLENGE_LEN) != 1)
    return _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
  return TRUE;
}

/* libfido2's free functions take T**, g_autoptr wants T*. */
static void
cred_free (fido_cred_t *cred)
{
  fido_cred_free (&cred);
}

static void
assert_free (fido_assert_t *assert)
{
  fido_assert_free (&assert);
}

static void
pk_free (es256_pk_t *pk)
{
  es256_pk_free (&pk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (fido_cred_t, cred_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (fido_assert_t, assert_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (es256_pk_t, pk_free)

/* A request libfido2 would not build (@r says why, for the log): the
 * fault is this kiosk's, not the key's, so the person is told "device".
 * NULL, for the builder to return. */
static gpointer
request_failed (const char  *request,
                int          r,
                GError     **error)
{
  g_debug ("building the %s request failed: %s (%d)", request, fido_strerr (r), r);
  _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
  return NULL;
}

/* ---- enrolment ------------------------------------------------------------- */

static fido_cred_t *
new_cred_request (WardFidoOp  *op,
                  GError     **error)
{
  g_autoptr(fido_cred_t) cred = fido_cred_new ();
  guint8 challenge[CHALLENGE_LEN];
  gsize handle_len;
  const guint8 *handle = g_bytes_get_data (op->user_handle, &handle_len);
  int r;

  if (cred == NULL)
    {
      _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      return NULL;
    }
  /* No WebAuthn client here, so the client data hash is a fresh random
   * challenge: a replayed registration cannot match it. */
  if (!random_challenge (challenge, error))
    return NULL;

  if ((r = fido_cred_set_type (cred, COSE_ES256)) != FIDO_OK ||
      (r = fido_cred_set_clientdata_hash (cred, challenge, sizeof challenge)) != FIDO_OK ||
      (r = fido_cred_set_rp (cred, op->self->rp_id, op->self->rp_name)) != FIDO_OK ||
      (r = fido_cred_set_user (cred, handle, handle_len, op->user_name,
                               op->display_name, NULL)) != FIDO_OK ||
      (_ward_fido_op_wants_uv (op) &&
       (r = fido_cred_set_uv (cred, FIDO_OPT_TRUE)) != FIDO_OK))
    goto failed;

  for (guint i = 0; op->exclude != NULL && i < op->exclude->len; i++)
    {
      gsize len;
      const guint8 *id = g_bytes_get_data (op->exclude->pdata[i], &len);

      if ((r = fido_cred_exclude (cred, id, len)) != FIDO_OK)
        goto failed;
    }
  return g_steal_pointer (&cred);

failed:
  return request_failed ("registration", r, error);
}

/* Our checks, then the attestation signature; fmt "none" carries no proof. */
static gboolean
check_new_credential (WardFidoOp   *op,
                      fido_cred_t  *cred,
                      GError      **error)
{
  const char *fmt = fido_cred_fmt (cred);
  guint8 flags = fido_cred_flags (cred);
  int r;

  if (fmt == NULL || g_str_equal (fmt, "none"))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_ATTESTATION);
  if (!(flags & CTAP_AUTHDATA_USER_PRESENT))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_NO_PRESENCE);
  if (_ward_fido_op_wants_uv (op) && !(flags & CTAP_AUTHDATA_USER_VERIFIED))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_UV_MISSING);
  if (fido_cred_type (cred) != COSE_ES256 || fido_cred_pubkey_len (cred) != ES256_PUBKEY_LEN)
    return _ward_fido_fail (error, WARD_FIDO_ERROR_ATTESTATION);

  /* The signature only: no trust store of vendor CAs is consulted. */
  if (fido_cred_x5c_ptr (cred) != NULL)
    r = fido_cred_verify (cred);
  else
    r = fido_cred_verify_self (cred);
  if (r != FIDO_OK)
    {
      g_debug ("attestation (%s) did not verify: %s (%d)", fmt, fido_strerr (r), r);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_ATTESTATION);
    }
  return TRUE;
}

static WardFidoCredential *
credential_from_cred (fido_cred_t *cred)
{
  g_autoptr(GBytes) id = g_bytes_new (fido_cred_id_ptr (cred), fido_cred_id_len (cred));
  g_autoptr(GBytes) key = g_bytes_new (fido_cred_pubkey_ptr (cred), fido_cred_pubkey_len (cred));
  g_autoptr(GBytes) aaguid = g_bytes_new (fido_cred_aaguid_ptr (cred), fido_cred_aaguid_len (cred));

  return ward_fido_credential_new (id, COSE_ES256, key, fido_cred_sigcount (cred),
                                   aaguid, fido_cred_fmt (cred));
}

gboolean
_ward_fido_enroll_on_device (WardFidoOp  *op,
                             fido_dev_t  *dev,
                             GError     **error)
{
  g_autoptr(fido_cred_t) cred = NULL;
  gint64 start;
  char prefix[2 * WARD_FIDO_ID_PREFIX_LEN + 1];
  int r;

  if (!_ward_fido_check_uv_capability (op, dev, error) ||
      (cred = new_cred_request (op, error)) == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  r = fido_dev_make_cred (dev, cred, op->pin);
  if (r != FIDO_OK)
    return _ward_fido_fail_device_call (op, dev, "fido_dev_make_cred", r, start, error);
  if (!check_new_credential (op, cred, error))
    return FALSE;

  op->credential = credential_from_cred (cred);
  _ward_fido_id_prefix (fido_cred_id_ptr (cred), fido_cred_id_len (cred), prefix);
  g_debug ("enrolled credential %s... for rp %s", prefix, op->self->rp_id);
  return TRUE;
}

/* ---- sign-in --------------------------------------------------------------- */

static fido_assert_t *
new_assert_request (WardFidoOp  *op,
                    GError     **error)
{
  g_autoptr(fido_assert_t) assert = fido_assert_new ();
  guint8 challenge[CHALLENGE_LEN];
  int r;

  if (assert == NULL)
    {
      _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      return NULL;
    }
  /* Fresh every time: an assertion recorded earlier cannot be replayed. */
  if (!random_challenge (challenge, error))
    return NULL;

  if ((r = fido_assert_set_rp (assert, op->self->rp_id)) != FIDO_OK ||
      (r = fido_assert_set_clientdata_hash (assert, challenge, sizeof challenge)) != FIDO_OK ||
      (r = fido_assert_set_up (assert, FIDO_OPT_TRUE)) != FIDO_OK ||
      (_ward_fido_op_wants_uv (op) &&
       (r = fido_assert_set_uv (assert, FIDO_OPT_TRUE)) != FIDO_OK))
    goto failed;

  for (guint i = 0; i < op->allowed->len; i++)
    {
      WardFidoCredential *credential = op->allowed->pdata[i];
      gsize len;
      const guint8 *id = g_bytes_get_data (credential->credential_id, &len);

      if ((r = fido_assert_allow_cred (assert, id, len)) != FIDO_OK)
        goto failed;
    }
  return g_steal_pointer (&assert);

failed:
  return request_failed ("sign-in", r, error);
}

/* libfido2 does not check that the answer names an allowed credential. */
static gboolean
find_allowed (WardFidoOp    *op,
              fido_assert_t *assert,
              guint         *index)
{
  const guint8 *id = fido_assert_id_ptr (assert, 0);
  gsize len = fido_assert_id_len (assert, 0);

  for (guint i = 0; id != NULL && i < op->allowed->len; i++)
    {
      WardFidoCredential *credential = op->allowed->pdata[i];
      gsize allowed_len;
      const guint8 *allowed_id = g_bytes_get_data (credential->credential_id, &allowed_len);

      if (allowed_len == len && memcmp (allowed_id, id, len) == 0)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
verify_signature (fido_assert_t             *assert,
                  const WardFidoCredential  *credential,
                  GError                   **error)
{
  g_autoptr(es256_pk_t) pk = es256_pk_new ();
  gsize len;
  const guint8 *key = g_bytes_get_data (credential->public_key, &len);
  int r;

  if (pk == NULL)
    return _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
  /* Only ES256 is ever enrolled: any other stored record is damaged. */
  if (credential->cose_alg != COSE_ES256 || len != ES256_PUBKEY_LEN ||
      (r = es256_pk_from_ptr (pk, key, len)) != FIDO_OK)
    {
      g_info ("stored public key unusable (alg %d, %" G_GSIZE_FORMAT " bytes)",
              credential->cose_alg, len);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_BAD_SIGNATURE);
    }
  /* Checks the rp id hash, the flags we asked for and the signature over
   * authData ‖ our challenge. */
  r = fido_assert_verify (assert, 0, COSE_ES256, pk);
  if (r != FIDO_OK)
    {
      g_info ("assertion did not verify: %s (%d)", fido_strerr (r), r);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_BAD_SIGNATURE);
    }
  return TRUE;
}

/*
 * Order matters: the credential is identified before any signature is
 * tried (a foreign id must not be checked against someone's key), and the
 * flags before the signature so a missing UP is told apart from a bad
 * signature (fido_assert_verify reports both as INVALID_PARAM).
 */
static gboolean
check_assertion (WardFidoOp     *op,
                 fido_assert_t  *assert,
                 GError        **error)
{
  const WardFidoCredential *credential;
  char prefix[2 * WARD_FIDO_ID_PREFIX_LEN + 1];
  guint index = 0;
  guint8 flags;
  guint32 count;

  if (fido_assert_count (assert) != 1)
    return _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
  _ward_fido_id_prefix (fido_assert_id_ptr (assert, 0), fido_assert_id_len (assert, 0),
                        prefix);
  if (!find_allowed (op, assert, &index))
    {
      g_info ("assertion names credential %s..., not one of the user's", prefix);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_FOREIGN_CREDENTIAL);
    }
  credential = op->allowed->pdata[index];

  flags = fido_assert_flags (assert, 0);
  if (!(flags & CTAP_AUTHDATA_USER_PRESENT))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_NO_PRESENCE);
  if (_ward_fido_op_wants_uv (op) && !(flags & CTAP_AUTHDATA_USER_VERIFIED))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_UV_MISSING);
  if (!verify_signature (assert, credential, error))
    return FALSE;

  /* A key that keeps a counter must show a higher one each time; a copy of
   * the key would fall behind the original (WebAuthn §6.1.1). */
  count = fido_assert_sigcount (assert, 0);
  if ((credential->sign_count != 0 || count != 0) && count <= credential->sign_count)
    {
      g_info ("credential %s...: sign counter %u not above stored %u",
              prefix, count, credential->sign_count);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_COUNTER_NOT_RISING);
    }

  op->matched_index = index;
  op->new_sign_count = count;
  g_debug ("credential %s... signed in, counter %u", prefix, count);
  return TRUE;
}

gboolean
_ward_fido_verify_on_device (WardFidoOp  *op,
                             fido_dev_t  *dev,
                             GError     **error)
{
  g_autoptr(fido_assert_t) assert = NULL;
  gint64 start;
  int r;

  if (!_ward_fido_check_uv_capability (op, dev, error) ||
      (assert = new_assert_request (op, error)) == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  r = fido_dev_get_assert (dev, assert, op->pin);
  if (r != FIDO_OK)
    return _ward_fido_fail_device_call (op, dev, "fido_dev_get_assert", r, start, error);
  return check_assertion (op, assert, error);
}

