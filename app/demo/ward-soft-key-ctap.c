/* ward-soft-key-ctap.c — the soft key's CTAP2 half: credentials, signatures, makeCredential, getAssertion, getInfo and their CBOR */

#include "app/demo/ward-soft-key-private.h"

#include <gio/gio.h>

#include <string.h>

#include <cbor.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

void
_ward_soft_key_cbor_item_unref (cbor_item_t *item)
{
  cbor_decref (&item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_free)


/* ---- small helpers ------------------------------------------------------ */

void
_ward_soft_key_fill_random (guint8 *buf,
             gsize   len)
{
  /* Predictable credential ids or channels would defeat the point of the
   * tests; without a working RNG there is nothing sensible left to do. */
  if (RAND_bytes (buf, (int) len) != 1)
    g_error ("Soft key: the system random generator failed");
}

static void
sha256 (const guint8 *data,
        gsize         len,
        guint8        digest[HASH_LEN])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize digest_len = HASH_LEN;

  g_checksum_update (checksum, data, (gssize) len);
  g_checksum_get_digest (checksum, digest, &digest_len);
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
map_put (cbor_item_t *map,
         cbor_item_t *key,
         cbor_item_t *value)
{
  /* libcbor takes its own references; cbor_move drops ours. */
  cbor_map_add (map, (struct cbor_pair) { .key = cbor_move (key), .value = cbor_move (value) });
}

static cbor_item_t *
build_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return cbor_build_bytestring (data, len);
}

/* ---- credentials and signatures ---------------------------------------- */

void
_ward_soft_key_soft_credential_free (SoftCredential *cred)
{
  g_bytes_unref (cred->id);
  EVP_PKEY_free (cred->pkey);
  g_free (cred);
}

static SoftCredential *
soft_credential_new (const guint8 rp_id_hash[HASH_LEN])
{
  EVP_PKEY *pkey = EVP_EC_gen ("P-256");
  guint8 id[CRED_ID_LEN];
  SoftCredential *cred;

  if (pkey == NULL)
    return NULL;

  _ward_soft_key_fill_random (id, sizeof id);
  cred = g_new0 (SoftCredential, 1);
  cred->id = g_bytes_new (id, sizeof id);
  cred->pkey = pkey;
  memcpy (cred->rp_id_hash, rp_id_hash, HASH_LEN);

  return cred;
}

static GBytes *
sign_es256 (EVP_PKEY     *pkey,
            GByteArray   *auth_data,
            const guint8  client_data_hash[HASH_LEN])
{
  g_autoptr(EVP_MD_CTX) ctx = EVP_MD_CTX_new ();
  g_autofree guint8 *sig = NULL;
  size_t sig_len = 0;

  /* WebAuthn signs authenticatorData ‖ clientDataHash, DER-encoded. */
  if (ctx == NULL ||
      EVP_DigestSignInit (ctx, NULL, EVP_sha256 (), NULL, pkey) != 1 ||
      EVP_DigestSignUpdate (ctx, auth_data->data, auth_data->len) != 1 ||
      EVP_DigestSignUpdate (ctx, client_data_hash, HASH_LEN) != 1 ||
      EVP_DigestSignFinal (ctx, NULL, &sig_len) != 1)
    return NULL;

  sig = g_malloc (sig_len);
  if (EVP_DigestSignFinal (ctx, sig, &sig_len) != 1)
    return NULL;

  return g_bytes_new (sig, sig_len);
}

static gboolean
get_coordinate (EVP_PKEY   *pkey,
                const char *name,
                guint8      out[32])
{
  g_autoptr(BIGNUM) bn = NULL;

  return EVP_PKEY_get_bn_param (pkey, name, &bn) == 1 &&
         BN_bn2binpad (bn, out, 32) == 32;
}

/* COSE_Key (RFC 8152) for an EC2 P-256 key, keys in canonical CBOR order. */
static gboolean
append_cose_key (GByteArray *buf,
                 EVP_PKEY   *pkey)
{
  g_autoptr(cbor_item_t) map = cbor_new_definite_map (5);
  guint8 x[32], y[32];
  guint8 *encoded = NULL;
  size_t encoded_size = 0, len;

  if (!get_coordinate (pkey, OSSL_PKEY_PARAM_EC_PUB_X, x) ||
      !get_coordinate (pkey, OSSL_PKEY_PARAM_EC_PUB_Y, y))
    return FALSE;

  map_put (map, cbor_build_uint8 (1), cbor_build_uint8 (2));    /* kty: EC2 */
  map_put (map, cbor_build_uint8 (3), cbor_build_negint8 (6));  /* alg: -7 */
  map_put (map, cbor_build_negint8 (0), cbor_build_uint8 (1));  /* crv: P-256 */
  map_put (map, cbor_build_negint8 (1), cbor_build_bytestring (x, 32));
  map_put (map, cbor_build_negint8 (2), cbor_build_bytestring (y, 32));

  len = cbor_serialize_alloc (map, &encoded, &encoded_size);
  if (len == 0)
    return FALSE;
  g_byte_array_append (buf, encoded, (guint) len);
  free (encoded);

  return TRUE;
}

SoftCredential *
_ward_soft_key_find_credential (WardSoftKey  *self,
                 GPtrArray    *ids,
                 const guint8  rp_id_hash[HASH_LEN])
{
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < self->credentials->len; j++)
      {
        SoftCredential *cred = g_ptr_array_index (self->credentials, j);

        if (g_bytes_equal (cred->id, g_ptr_array_index (ids, i)) &&
            memcmp (cred->rp_id_hash, rp_id_hash, HASH_LEN) == 0)
          return cred;
      }

  return NULL;
}

/* ---- CTAP2 commands ----------------------------------------------------- */

cbor_item_t *
_ward_soft_key_build_info (WardSoftKey *self)
{
  cbor_item_t *info = cbor_new_definite_map (4);
  cbor_item_t *versions = cbor_new_definite_array (1);
  cbor_item_t *options = cbor_new_definite_map (3);

  cbor_array_push (versions, cbor_move (cbor_build_string ("FIDO_2_0")));
  /* No clientPin option: this key has no PIN, so libfido2 never asks for one. */
  map_put (options, cbor_build_string ("rk"), cbor_build_bool (false));
  map_put (options, cbor_build_string ("up"), cbor_build_bool (true));
  map_put (options, cbor_build_string ("plat"), cbor_build_bool (false));

  map_put (info, cbor_build_uint8 (1), versions);
  map_put (info, cbor_build_uint8 (3), cbor_build_bytestring (self->aaguid, sizeof self->aaguid));
  map_put (info, cbor_build_uint8 (4), options);
  map_put (info, cbor_build_uint8 (5), cbor_build_uint16 (MAX_MSG_LEN));

  return info;
}

static GByteArray *
make_auth_data (const guint8 rp_id_hash[HASH_LEN],
                guint8       flags,
                guint32      counter)
{
  GByteArray *auth_data = g_byte_array_sized_new (37);
  guint8 counter_be[4];

  put_be32 (counter_be, counter);
  g_byte_array_append (auth_data, rp_id_hash, HASH_LEN);
  g_byte_array_append (auth_data, &flags, 1);
  g_byte_array_append (auth_data, counter_be, 4);

  return auth_data;
}

static gboolean
append_attested_credential (WardSoftKey    *self,
                            GByteArray     *auth_data,
                            SoftCredential *cred)
{
  gsize id_len;
  const guint8 *id = g_bytes_get_data (cred->id, &id_len);
  guint8 id_len_be[2] = { id_len >> 8, id_len & 0xff };

  g_byte_array_append (auth_data, self->aaguid, sizeof self->aaguid);
  g_byte_array_append (auth_data, id_len_be, 2);
  g_byte_array_append (auth_data, id, (guint) id_len);

  return append_cose_key (auth_data, cred->pkey);
}

/* Packed self attestation (WebAuthn §8.2): signed with the credential's own
 * key, so libfido2's fido_cred_verify_self can check it without a CA. */
static cbor_item_t *
build_attestation (GByteArray *auth_data,
                   GBytes     *sig)
{
  cbor_item_t *reply = cbor_new_definite_map (3);
  cbor_item_t *att_stmt = cbor_new_definite_map (2);

  map_put (att_stmt, cbor_build_string ("alg"), cbor_build_negint8 (-1 - COSE_ALG_ES256));
  map_put (att_stmt, cbor_build_string ("sig"), build_bytes (sig));
  map_put (reply, cbor_build_uint8 (1), cbor_build_string ("packed"));
  map_put (reply, cbor_build_uint8 (2), cbor_build_bytestring (auth_data->data, auth_data->len));
  map_put (reply, cbor_build_uint8 (3), att_stmt);

  return reply;
}

guint8
_ward_soft_key_make_credential (WardSoftKey  *self,
                 Request      *req,
                 cbor_item_t **body)
{
  g_autoptr(GByteArray) auth_data = NULL;
  g_autoptr(GBytes) sig = NULL;
  SoftCredential *cred;

  if (_ward_soft_key_find_credential (self, req->cred_ids, req->rp_id_hash) != NULL)
    return CTAP_ERR_CREDENTIAL_EXCLUDED;
  if ((cred = soft_credential_new (req->rp_id_hash)) == NULL)
    return CTAP_ERR_OTHER;

  auth_data = make_auth_data (req->rp_id_hash, FLAG_UP | FLAG_AT, cred->counter);
  if (!append_attested_credential (self, auth_data, cred) ||
      (sig = sign_es256 (cred->pkey, auth_data, req->client_data_hash)) == NULL)
    {
      _ward_soft_key_soft_credential_free (cred);
      return CTAP_ERR_OTHER;
    }

  g_ptr_array_add (self->credentials, cred);
  *body = build_attestation (auth_data, sig);
  g_debug ("Soft key: credential %u created", self->credentials->len);

  return CTAP_OK;
}

static SoftCredential *
assertion_credential (WardSoftKey *self,
                      Request     *req)
{
  guint8 no_rp[HASH_LEN] = { 0 };

  if (self->fault != WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL)
    return _ward_soft_key_find_credential (self, req->cred_ids, req->rp_id_hash);

  /* A key of its own that the relying party never registered. */
  if (self->foreign == NULL)
    self->foreign = soft_credential_new (no_rp);

  return self->foreign;
}

static guint32
next_counter (WardSoftKey    *self,
              SoftCredential *cred)
{
  /* A stuck counter is how a cloned key gives itself away. */
  if (self->fault != WARD_SOFT_KEY_FAULT_COUNTER_STUCK || cred->counter == 0)
    cred->counter++;

  return cred->counter;
}

static GByteArray *
assertion_auth_data (WardSoftKey    *self,
                     Request        *req,
                     SoftCredential *cred)
{
  guint8 foreign_hash[HASH_LEN];
  const guint8 *rp_id_hash = req->rp_id_hash;
  guint8 flags = req->up ? FLAG_UP : 0;

  if (self->fault == WARD_SOFT_KEY_FAULT_NO_PRESENCE)
    flags &= ~FLAG_UP;
  if (self->fault == WARD_SOFT_KEY_FAULT_WRONG_RP_HASH)
    {
      sha256 ((const guint8 *) FOREIGN_RP_ID, strlen (FOREIGN_RP_ID), foreign_hash);
      rp_id_hash = foreign_hash;
    }

  return make_auth_data (rp_id_hash, flags, next_counter (self, cred));
}

static GBytes *
corrupt_signature (GBytes *sig)
{
  gsize len;
  guint8 *data = g_bytes_unref_to_data (sig, &len);

  /* The last byte belongs to the DER integer s: the signature stays well
   * formed but no longer verifies. */
  data[len - 1] ^= 0x01;

  return g_bytes_new_take (data, len);
}

guint8
_ward_soft_key_get_assertion (WardSoftKey  *self,
               Request      *req,
               cbor_item_t **body)
{
  g_autoptr(GByteArray) auth_data = NULL;
  g_autoptr(GBytes) sig = NULL;
  SoftCredential *cred = assertion_credential (self, req);
  cbor_item_t *cred_desc;

  if (cred == NULL)
    return CTAP_ERR_NO_CREDENTIALS;

  auth_data = assertion_auth_data (self, req, cred);
  if ((sig = sign_es256 (cred->pkey, auth_data, req->client_data_hash)) == NULL)
    return CTAP_ERR_OTHER;
  if (self->fault == WARD_SOFT_KEY_FAULT_BAD_SIGNATURE)
    sig = corrupt_signature (g_steal_pointer (&sig));

  cred_desc = cbor_new_definite_map (2);
  map_put (cred_desc, cbor_build_string ("id"), build_bytes (cred->id));
  map_put (cred_desc, cbor_build_string ("type"), cbor_build_string ("public-key"));

  *body = cbor_new_definite_map (3);
  map_put (*body, cbor_build_uint8 (1), cred_desc);
  map_put (*body, cbor_build_uint8 (2), cbor_build_bytestring (auth_data->data, auth_data->len));
  map_put (*body, cbor_build_uint8 (3), build_bytes (sig));

  return CTAP_OK;
}

/* ---- request parsing ---------------------------------------------------- */

void
_ward_soft_key_request_free (Request *req)
{
  g_ptr_array_unref (req->cred_ids);
  g_free (req);
}


static cbor_item_t *
map_lookup_uint (cbor_item_t *map,
                 guint64      key)
{
  struct cbor_pair *pairs = cbor_map_handle (map);

  for (size_t i = 0; i < cbor_map_size (map); i++)
    if (cbor_isa_uint (pairs[i].key) && cbor_get_int (pairs[i].key) == key)
      return pairs[i].value;

  return NULL;
}

static gboolean
text_equals (cbor_item_t *item,
             const char  *text)
{
  return item != NULL && cbor_isa_string (item) && cbor_string_is_definite (item) &&
         cbor_string_length (item) == strlen (text) &&
         memcmp (cbor_string_handle (item), text, strlen (text)) == 0;
}

static cbor_item_t *
map_lookup_text (cbor_item_t *map,
                 const char  *key)
{
  struct cbor_pair *pairs;

  if (map == NULL || !cbor_isa_map (map))
    return NULL;

  pairs = cbor_map_handle (map);
  for (size_t i = 0; i < cbor_map_size (map); i++)
    if (text_equals (pairs[i].key, key))
      return pairs[i].value;

  return NULL;
}

static guint8
parse_hash (cbor_item_t *item,
            guint8       out[HASH_LEN])
{
  if (item == NULL)
    return CTAP_ERR_MISSING_PARAMETER;
  if (!cbor_isa_bytestring (item) || !cbor_bytestring_is_definite (item))
    return CTAP_ERR_CBOR_UNEXPECTED;
  if (cbor_bytestring_length (item) != HASH_LEN)
    return CTAP_ERR_INVALID_LENGTH;

  memcpy (out, cbor_bytestring_handle (item), HASH_LEN);
  return CTAP_OK;
}

static guint8
parse_rp_id (cbor_item_t *item,
             guint8       rp_id_hash[HASH_LEN])
{
  if (item == NULL)
    return CTAP_ERR_MISSING_PARAMETER;
  if (!cbor_isa_string (item) || !cbor_string_is_definite (item))
    return CTAP_ERR_CBOR_UNEXPECTED;

  sha256 (cbor_string_handle (item), cbor_string_length (item), rp_id_hash);
  return CTAP_OK;
}

/* excludeList and allowList: arrays of PublicKeyCredentialDescriptor. */
static guint8
parse_cred_list (cbor_item_t *item,
                 GPtrArray   *ids)
{
  cbor_item_t **descs;

  if (item == NULL)
    return CTAP_OK;
  if (!cbor_isa_array (item))
    return CTAP_ERR_CBOR_UNEXPECTED;

  descs = cbor_array_handle (item);
  for (size_t i = 0; i < cbor_array_size (item); i++)
    {
      cbor_item_t *id = map_lookup_text (descs[i], "id");

      if (id == NULL || !cbor_isa_bytestring (id) || !cbor_bytestring_is_definite (id))
        return CTAP_ERR_CBOR_UNEXPECTED;
      g_ptr_array_add (ids, g_bytes_new (cbor_bytestring_handle (id),
                                         cbor_bytestring_length (id)));
    }

  return CTAP_OK;
}

static gboolean
option_is (cbor_item_t *options,
           const char  *name,
           gboolean     value)
{
  cbor_item_t *item = map_lookup_text (options, name);

  return item != NULL && cbor_is_bool (item) && cbor_get_bool (item) == value;
}

static gboolean
offers_es256 (cbor_item_t *params)
{
  cbor_item_t **items;

  if (params == NULL || !cbor_isa_array (params))
    return FALSE;

  items = cbor_array_handle (params);
  for (size_t i = 0; i < cbor_array_size (params); i++)
    {
      cbor_item_t *alg = map_lookup_text (items[i], "alg");

      if (alg != NULL && cbor_isa_negint (alg) &&
          cbor_get_int (alg) == (guint64) (-1 - COSE_ALG_ES256) &&
          text_equals (map_lookup_text (items[i], "type"), "public-key"))
        return TRUE;
    }

  return FALSE;
}

static guint8
parse_make_credential (cbor_item_t *map,
                       Request     *req)
{
  cbor_item_t *options = map_lookup_uint (map, 7);
  guint8 status;

  if ((status = parse_hash (map_lookup_uint (map, 1), req->client_data_hash)) != CTAP_OK ||
      (status = parse_rp_id (map_lookup_text (map_lookup_uint (map, 2), "id"), req->rp_id_hash)) != CTAP_OK ||
      (status = parse_cred_list (map_lookup_uint (map, 5), req->cred_ids)) != CTAP_OK)
    return status;
  if (map_lookup_uint (map, 3) == NULL || map_lookup_uint (map, 4) == NULL)
    return CTAP_ERR_MISSING_PARAMETER;
  if (!offers_es256 (map_lookup_uint (map, 4)))
    return CTAP_ERR_UNSUPPORTED_ALG;
  /* getInfo promises neither resident keys nor user verification. */
  if (option_is (options, "rk", TRUE) || option_is (options, "uv", TRUE))
    return CTAP_ERR_UNSUPPORTED_OPTION;
  if (map_lookup_uint (map, 8) != NULL)
    return CTAP_ERR_PIN_AUTH_INVALID;

  return CTAP_OK;
}

static guint8
parse_get_assertion (cbor_item_t *map,
                     Request     *req)
{
  cbor_item_t *options = map_lookup_uint (map, 5);
  guint8 status;

  if ((status = parse_rp_id (map_lookup_uint (map, 1), req->rp_id_hash)) != CTAP_OK ||
      (status = parse_hash (map_lookup_uint (map, 2), req->client_data_hash)) != CTAP_OK ||
      (status = parse_cred_list (map_lookup_uint (map, 3), req->cred_ids)) != CTAP_OK)
    return status;
  if (option_is (options, "uv", TRUE))
    return CTAP_ERR_UNSUPPORTED_OPTION;
  if (map_lookup_uint (map, 6) != NULL)
    return CTAP_ERR_PIN_AUTH_INVALID;

  /* CTAP: "up" defaults to true; false asks for a silent assertion. */
  req->up = !option_is (options, "up", FALSE);
  return CTAP_OK;
}

guint8
_ward_soft_key_parse_request (guint8        command,
               const guint8 *params,
               gsize         len,
               Request      *req)
{
  g_autoptr(cbor_item_t) map = NULL;
  struct cbor_load_result result;

  map = cbor_load (params, len, &result);
  if (map == NULL || result.read != len)
    return CTAP_ERR_INVALID_CBOR;
  if (!cbor_isa_map (map))
    return CTAP_ERR_CBOR_UNEXPECTED;

  return command == CMD_MAKE_CREDENTIAL ? parse_make_credential (map, req)
                                        : parse_get_assertion (map, req);
}

