/* ward-soft-key.c — a software CTAP2 authenticator speaking CTAPHID to libfido2 through its io hooks */

#include "app/demo/ward-soft-key.h"

#include <gio/gio.h>

#include <string.h>

#include <cbor.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

/* CTAPHID framing (CTAP 2.0 §8.1): 64-byte reports, 7-byte init header,
 * 5-byte continuation header. */
#define REPORT_LEN        64
#define INIT_DATA_LEN     (REPORT_LEN - 7)
#define CONT_DATA_LEN     (REPORT_LEN - 5)
#define CID_BROADCAST     0xffffffffu
/* Advertised as maxMsgSize in getInfo; longer requests get ERR_INVALID_LEN. */
#define MAX_MSG_LEN       1200
#define KEEPALIVE_PERIOD  (100 * G_TIME_SPAN_MILLISECOND)
#define CRED_ID_LEN       48
#define HASH_LEN          32
/* The rp id whose hash WARD_SOFT_KEY_FAULT_WRONG_RP_HASH substitutes. */
#define FOREIGN_RP_ID     "evil.example"

enum {
  HID_PING      = 0x01,
  HID_INIT      = 0x06,
  HID_CBOR      = 0x10,
  HID_CANCEL    = 0x11,
  HID_KEEPALIVE = 0x3b,
  HID_ERROR     = 0x3f,
};

enum {
  HID_ERR_INVALID_CMD     = 0x01,
  HID_ERR_INVALID_LEN     = 0x03,
  HID_ERR_INVALID_SEQ     = 0x04,
  HID_ERR_CHANNEL_BUSY    = 0x06,
  HID_ERR_INVALID_CHANNEL = 0x0b,
};

enum {
  CAP_CBOR = 0x04,
  CAP_NMSG = 0x08, /* no CTAPHID_MSG: this key speaks CTAP2 only */
};

enum {
  KEEPALIVE_UP_NEEDED = 0x02,
};

enum {
  CMD_MAKE_CREDENTIAL = 0x01,
  CMD_GET_ASSERTION   = 0x02,
  CMD_GET_INFO        = 0x04,
};

enum {
  CTAP_OK                      = 0x00,
  CTAP_ERR_INVALID_COMMAND     = 0x01,
  CTAP_ERR_INVALID_LENGTH      = 0x03,
  CTAP_ERR_CBOR_UNEXPECTED     = 0x11,
  CTAP_ERR_INVALID_CBOR        = 0x12,
  CTAP_ERR_MISSING_PARAMETER   = 0x14,
  CTAP_ERR_CREDENTIAL_EXCLUDED = 0x19,
  CTAP_ERR_UNSUPPORTED_ALG     = 0x26,
  CTAP_ERR_UNSUPPORTED_OPTION  = 0x2b,
  CTAP_ERR_KEEPALIVE_CANCEL    = 0x2d,
  CTAP_ERR_NO_CREDENTIALS      = 0x2e,
  CTAP_ERR_PIN_AUTH_INVALID    = 0x33,
  CTAP_ERR_OTHER               = 0x7f,
};

enum {
  FLAG_UP = 0x01,
  FLAG_AT = 0x40,
};

#define COSE_ALG_ES256 (-7)

typedef struct
{
  GBytes   *id;
  guint8    rp_id_hash[HASH_LEN];
  EVP_PKEY *pkey;
  guint32   counter;
} SoftCredential;

/* A parsed makeCredential or getAssertion, kept while it waits for presence. */
typedef struct
{
  guint8     command;
  guint8     client_data_hash[HASH_LEN];
  guint8     rp_id_hash[HASH_LEN];
  GPtrArray *cred_ids;   /* GBytes: excludeList or allowList */
  gboolean   up;         /* getAssertion only: presence requested */
} Request;

struct _WardSoftKey
{
  GObject parent_instance;

  char   *path;
  guint8  aaguid[16];

  GMutex  lock;
  GCond   cond;           /* signalled on new output, touch and cancel */

  /* Everything below is guarded by lock: libfido2 reads on the thread that
   * calls fido_dev_*, while touch and fido_dev_cancel come from others. */
  gboolean          auto_touch;
  WardSoftKeyFault  fault;
  GPtrArray        *credentials;   /* SoftCredential */
  SoftCredential   *foreign;       /* made on demand for FAULT_FOREIGN_CREDENTIAL */

  gboolean    is_open;
  guint32     cid;                 /* channel handed out by the last INIT, 0 = none */
  gboolean    rx_active;           /* a request is being reassembled */
  guint32     rx_cid;
  guint8      rx_cmd;
  guint16     rx_len;
  guint8      rx_seq;
  GByteArray *rx_buf;
  GByteArray *out;                 /* reply frames waiting for io_read, REPORT_LEN each */
  Request    *pending;             /* CBOR request waiting for presence */
  gboolean    touched;
  gint64      next_keepalive;
};

G_DEFINE_FINAL_TYPE (WardSoftKey, ward_soft_key, G_TYPE_OBJECT)

static void
cbor_item_unref (cbor_item_t *item)
{
  cbor_decref (&item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cbor_item_t, cbor_item_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_free)

/* Device paths are looked up here because libfido2's open hook only gets the
 * path; weak references let a key die while a stale path is still around. */
static GMutex      registry_lock;
static GHashTable *registry;
static guint       registry_serial;

/* ---- small helpers ------------------------------------------------------ */

static void
fill_random (guint8 *buf,
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

static void
soft_credential_free (SoftCredential *cred)
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

  fill_random (id, sizeof id);
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

static SoftCredential *
find_credential (WardSoftKey  *self,
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

/* ---- CTAPHID output ----------------------------------------------------- */

static void
queue_reply (WardSoftKey  *self,
             guint32       cid,
             guint8        cmd,
             const guint8 *data,
             gsize         len)
{
  guint8 frame[REPORT_LEN] = { 0 };
  gsize chunk = MIN (len, INIT_DATA_LEN);

  memcpy (frame, &cid, 4);
  frame[4] = 0x80 | cmd;
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  memcpy (frame + 7, data, chunk);
  g_byte_array_append (self->out, frame, REPORT_LEN);

  for (guint8 seq = 0; chunk < len; seq++)
    {
      gsize n = MIN (len - chunk, CONT_DATA_LEN);

      memset (frame, 0, sizeof frame);
      memcpy (frame, &cid, 4);
      frame[4] = seq;
      memcpy (frame + 5, data + chunk, n);
      g_byte_array_append (self->out, frame, REPORT_LEN);
      chunk += n;
    }

  g_cond_broadcast (&self->cond);
}

static void
queue_hid_error (WardSoftKey *self,
                 guint32      cid,
                 guint8       code)
{
  queue_reply (self, cid, HID_ERROR, &code, 1);
}

/* A CTAP2 reply is a status byte followed, on success, by a CBOR map. */
static void
queue_cbor_reply (WardSoftKey *self,
                  guint8       status,
                  cbor_item_t *body)
{
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  guint8 *encoded = NULL;
  size_t encoded_size = 0, len = 0;

  if (status == CTAP_OK && body != NULL &&
      (len = cbor_serialize_alloc (body, &encoded, &encoded_size)) == 0)
    status = CTAP_ERR_OTHER;

  g_byte_array_append (reply, &status, 1);
  if (status == CTAP_OK && encoded != NULL)
    g_byte_array_append (reply, encoded, (guint) len);
  free (encoded);

  queue_reply (self, self->cid, HID_CBOR, reply->data, reply->len);
}

/* ---- CTAP2 commands ----------------------------------------------------- */

static cbor_item_t *
build_info (WardSoftKey *self)
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

static guint8
make_credential (WardSoftKey  *self,
                 Request      *req,
                 cbor_item_t **body)
{
  g_autoptr(GByteArray) auth_data = NULL;
  g_autoptr(GBytes) sig = NULL;
  SoftCredential *cred;

  if (find_credential (self, req->cred_ids, req->rp_id_hash) != NULL)
    return CTAP_ERR_CREDENTIAL_EXCLUDED;
  if ((cred = soft_credential_new (req->rp_id_hash)) == NULL)
    return CTAP_ERR_OTHER;

  auth_data = make_auth_data (req->rp_id_hash, FLAG_UP | FLAG_AT, cred->counter);
  if (!append_attested_credential (self, auth_data, cred) ||
      (sig = sign_es256 (cred->pkey, auth_data, req->client_data_hash)) == NULL)
    {
      soft_credential_free (cred);
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
    return find_credential (self, req->cred_ids, req->rp_id_hash);

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

static guint8
get_assertion (WardSoftKey  *self,
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

static void
request_free (Request *req)
{
  g_ptr_array_unref (req->cred_ids);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

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

static guint8
parse_request (guint8        command,
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

/* ---- request life cycle ------------------------------------------------- */

static gboolean
has_presence (WardSoftKey *self)
{
  return self->fault != WARD_SOFT_KEY_FAULT_NEVER_TOUCHED &&
         (self->auto_touch || self->touched);
}

static void
finish_request (WardSoftKey *self,
                Request     *req)
{
  g_autoptr(cbor_item_t) body = NULL;
  guint8 status;

  if (req->command == CMD_MAKE_CREDENTIAL)
    status = make_credential (self, req, &body);
  else
    status = get_assertion (self, req, &body);

  queue_cbor_reply (self, status, body);
}

static gboolean
needs_presence (WardSoftKey *self,
                Request     *req)
{
  if (req->command == CMD_MAKE_CREDENTIAL)
    return TRUE;

  /* NO_PRESENCE models a key that signs without asking for a touch. */
  return req->up && self->fault != WARD_SOFT_KEY_FAULT_NO_PRESENCE;
}

static void
start_request (WardSoftKey  *self,
               guint8        command,
               const guint8 *params,
               gsize         len)
{
  g_autoptr(Request) req = g_new0 (Request, 1);
  guint8 status;

  req->command = command;
  req->cred_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  status = parse_request (command, params, len, req);

  /* Unknown credentials are refused before any touch (CTAP 2.0 §5.2). */
  if (status == CTAP_OK && command == CMD_GET_ASSERTION &&
      self->fault != WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL &&
      find_credential (self, req->cred_ids, req->rp_id_hash) == NULL)
    status = CTAP_ERR_NO_CREDENTIALS;

  if (status != CTAP_OK)
    queue_cbor_reply (self, status, NULL);
  else if (!needs_presence (self, req) || has_presence (self))
    finish_request (self, req);
  else
    {
      self->pending = g_steal_pointer (&req);
      self->touched = FALSE;
      self->next_keepalive = g_get_monotonic_time ();
    }
}

static void
handle_cbor (WardSoftKey  *self,
             const guint8 *data,
             gsize         len)
{
  g_autoptr(cbor_item_t) info = NULL;

  if (len == 0)
    {
      queue_hid_error (self, self->cid, HID_ERR_INVALID_LEN);
      return;
    }

  switch (data[0])
    {
    case CMD_GET_INFO:
      info = build_info (self);
      queue_cbor_reply (self, CTAP_OK, info);
      break;
    case CMD_MAKE_CREDENTIAL:
    case CMD_GET_ASSERTION:
      start_request (self, data[0], data + 1, len - 1);
      break;
    default:
      /* clientPIN, reset, getNextAssertion… are not implemented. */
      queue_cbor_reply (self, CTAP_ERR_INVALID_COMMAND, NULL);
      break;
    }
}

static void
abort_transaction (WardSoftKey *self)
{
  g_clear_pointer (&self->pending, request_free);
  self->rx_active = FALSE;
  g_byte_array_set_size (self->out, 0);
}

static void
handle_init (WardSoftKey  *self,
             guint32       cid,
             const guint8 *nonce,
             gsize         len)
{
  guint8 reply[17];

  if (len != 8)
    {
      queue_hid_error (self, cid, HID_ERR_INVALID_LEN);
      return;
    }

  /* INIT resynchronises: whatever was in flight is dropped. */
  abort_transaction (self);
  if (cid == CID_BROADCAST)
    do
      fill_random ((guint8 *) &self->cid, sizeof self->cid);
    while (self->cid == 0 || self->cid == CID_BROADCAST);

  memcpy (reply, nonce, 8);
  memcpy (reply + 8, &self->cid, 4);
  reply[12] = 2;        /* CTAPHID protocol version */
  reply[13] = 1;        /* device version major.minor.build */
  reply[14] = 0;
  reply[15] = 0;
  reply[16] = CAP_CBOR | CAP_NMSG;
  queue_reply (self, cid, HID_INIT, reply, sizeof reply);
}

static void
handle_cancel (WardSoftKey *self)
{
  /* A cancel with nothing pending gets no answer (CTAP 2.0 §8.1.9.1.5). */
  if (self->pending == NULL)
    return;

  g_clear_pointer (&self->pending, request_free);
  queue_cbor_reply (self, CTAP_ERR_KEEPALIVE_CANCEL, NULL);
}

/* ---- CTAPHID input ------------------------------------------------------ */

static void
dispatch_message (WardSoftKey *self)
{
  const guint8 *data = self->rx_buf->data;
  gsize len = self->rx_buf->len;

  self->rx_active = FALSE;
  switch (self->rx_cmd)
    {
    case HID_INIT:
      handle_init (self, self->rx_cid, data, len);
      break;
    case HID_PING:
      queue_reply (self, self->cid, HID_PING, data, len);
      break;
    case HID_CANCEL:
      handle_cancel (self);
      break;
    case HID_CBOR:
      handle_cbor (self, data, len);
      break;
    default:
      queue_hid_error (self, self->rx_cid, HID_ERR_INVALID_CMD);
      break;
    }
}

static guint8
check_init_frame (WardSoftKey *self,
                  guint32      cid,
                  guint8       cmd,
                  guint16      len)
{
  if (cid == CID_BROADCAST ? cmd != HID_INIT : cid != self->cid || self->cid == 0)
    return HID_ERR_INVALID_CHANNEL;
  if (len > MAX_MSG_LEN)
    return HID_ERR_INVALID_LEN;
  /* While a request waits for a touch only INIT and CANCEL may interrupt. */
  if (self->pending != NULL && cmd != HID_INIT && cmd != HID_CANCEL)
    return HID_ERR_CHANNEL_BUSY;

  return 0;
}

static void
receive_init_frame (WardSoftKey  *self,
                    guint32       cid,
                    const guint8 *frame)
{
  guint8 cmd = frame[4] & 0x7f;
  guint16 len = (frame[5] << 8) | frame[6];
  guint8 error = check_init_frame (self, cid, cmd, len);

  if (error != 0)
    {
      queue_hid_error (self, cid, error);
      return;
    }

  self->rx_active = TRUE;
  self->rx_cid = cid;
  self->rx_cmd = cmd;
  self->rx_len = len;
  self->rx_seq = 0;
  g_byte_array_set_size (self->rx_buf, 0);
  g_byte_array_append (self->rx_buf, frame + 7, MIN (len, INIT_DATA_LEN));

  if (self->rx_buf->len == self->rx_len)
    dispatch_message (self);
}

static void
receive_cont_frame (WardSoftKey  *self,
                    guint32       cid,
                    const guint8 *frame)
{
  /* Stray continuation frames are ignored, as CTAPHID asks. */
  if (!self->rx_active || cid != self->rx_cid)
    return;

  if (frame[4] != self->rx_seq)
    {
      self->rx_active = FALSE;
      queue_hid_error (self, cid, HID_ERR_INVALID_SEQ);
      return;
    }

  self->rx_seq++;
  g_byte_array_append (self->rx_buf, frame + 5,
                       MIN (self->rx_len - self->rx_buf->len, CONT_DATA_LEN));

  if (self->rx_buf->len == self->rx_len)
    dispatch_message (self);
}

/* ---- libfido2 io hooks -------------------------------------------------- */

static void *
io_open (const char *path)
{
  WardSoftKey *self = NULL;
  GWeakRef *ref;
  gboolean busy;

  if (path == NULL)
    return NULL;

  g_mutex_lock (&registry_lock);
  ref = registry != NULL ? g_hash_table_lookup (registry, path) : NULL;
  if (ref != NULL)
    self = g_weak_ref_get (ref);
  g_mutex_unlock (&registry_lock);

  if (self == NULL)
    return NULL;

  /* One host at a time, like a key that libfido2 has locked. */
  g_mutex_lock (&self->lock);
  busy = self->is_open;
  self->is_open = TRUE;
  g_mutex_unlock (&self->lock);

  if (busy)
    g_clear_object (&self);

  return self;
}

static void
io_close (void *handle)
{
  WardSoftKey *self = handle;

  g_mutex_lock (&self->lock);
  abort_transaction (self);
  self->cid = 0;
  self->is_open = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_unref (self);
}

static int
io_write (void         *handle,
          const guint8 *buf,
          size_t        len)
{
  WardSoftKey *self = handle;
  const guint8 *frame = buf + 1;   /* buf[0] is the HID report id */
  guint32 cid;

  if (len != REPORT_LEN + 1)
    return -1;

  memcpy (&cid, frame, 4);
  g_mutex_lock (&self->lock);
  if (frame[4] & 0x80)
    receive_init_frame (self, cid, frame);
  else
    receive_cont_frame (self, cid, frame);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return (int) len;
}

static void
queue_keepalive (WardSoftKey *self)
{
  guint8 status = KEEPALIVE_UP_NEEDED;

  queue_reply (self, self->cid, HID_KEEPALIVE, &status, 1);
  self->next_keepalive = g_get_monotonic_time () + KEEPALIVE_PERIOD;
}

static gint64
next_wakeup (WardSoftKey *self,
             gint64       deadline)
{
  if (self->pending == NULL)
    return deadline;
  if (deadline < 0)
    return self->next_keepalive;

  return MIN (deadline, self->next_keepalive);
}

/* The reader's thread does the signing once presence arrives, so touch and
 * set_auto_touch stay cheap for whichever thread calls them. */
static void
finish_pending_if_present (WardSoftKey *self)
{
  g_autoptr(Request) req = NULL;

  if (self->pending == NULL || !has_presence (self))
    return;

  req = g_steal_pointer (&self->pending);
  finish_request (self, req);
}

/* Called with lock held; deadline < 0 waits for ever, as libfido2's ms = -1. */
static gboolean
next_frame (WardSoftKey *self,
            guint8      *buf,
            gint64       deadline)
{
  for (;;)
    {
      gint64 now, wakeup;

      finish_pending_if_present (self);
      if (self->out->len >= REPORT_LEN)
        {
          memcpy (buf, self->out->data, REPORT_LEN);
          g_byte_array_remove_range (self->out, 0, REPORT_LEN);
          return TRUE;
        }

      now = g_get_monotonic_time ();
      if (self->pending != NULL && now >= self->next_keepalive)
        {
          queue_keepalive (self);
          continue;
        }
      if (deadline >= 0 && now >= deadline)
        return FALSE;

      wakeup = next_wakeup (self, deadline);
      if (wakeup < 0)
        g_cond_wait (&self->cond, &self->lock);
      else
        g_cond_wait_until (&self->cond, &self->lock, wakeup);
    }
}

static int
io_read (void   *handle,
         guint8 *buf,
         size_t  len,
         int     ms)
{
  WardSoftKey *self = handle;
  gint64 deadline = ms < 0 ? -1 : g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  gboolean ok;

  if (len < REPORT_LEN)
    return -1;

  g_mutex_lock (&self->lock);
  ok = next_frame (self, buf, deadline);
  g_mutex_unlock (&self->lock);

  return ok ? REPORT_LEN : -1;
}

/* ---- GObject ------------------------------------------------------------ */

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
register_key (WardSoftKey *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, weak_ref_free);
  self->path = g_strdup_printf ("soft:wardgate/%u", ++registry_serial);
  g_hash_table_insert (registry, g_strdup (self->path), ref);
  g_mutex_unlock (&registry_lock);
}

static void
ward_soft_key_finalize (GObject *object)
{
  WardSoftKey *self = WARD_SOFT_KEY (object);

  g_mutex_lock (&registry_lock);
  g_hash_table_remove (registry, self->path);
  g_mutex_unlock (&registry_lock);

  g_clear_pointer (&self->pending, request_free);
  g_clear_pointer (&self->foreign, soft_credential_free);
  g_ptr_array_unref (self->credentials);
  g_byte_array_unref (self->rx_buf);
  g_byte_array_unref (self->out);
  g_free (self->path);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ward_soft_key_parent_class)->finalize (object);
}

static void
ward_soft_key_class_init (WardSoftKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_soft_key_finalize;
}

static void
ward_soft_key_init (WardSoftKey *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->auto_touch = TRUE;
  self->credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) soft_credential_free);
  self->rx_buf = g_byte_array_new ();
  self->out = g_byte_array_new ();
  fill_random (self->aaguid, sizeof self->aaguid);
  register_key (self);
}

/* ---- public API --------------------------------------------------------- */

WardSoftKey *
ward_soft_key_new (void)
{
  return g_object_new (WARD_TYPE_SOFT_KEY, NULL);
}

void
ward_soft_key_attach (WardSoftKey *self,
                      fido_dev_t  *dev)
{
  static const fido_dev_io_t io = {
    .open = io_open,
    .close = io_close,
    .read = io_read,
    .write = io_write,
  };
  int r;

  g_return_if_fail (WARD_IS_SOFT_KEY (self));
  g_return_if_fail (dev != NULL);

  /* libfido2 frames CTAPHID itself on top of these hooks, so no transport
   * functions are needed. */
  if ((r = fido_dev_set_io_functions (dev, &io)) != FIDO_OK)
    g_warning ("Soft key: cannot attach to the device: %s", fido_strerr (r));
}

const char *
ward_soft_key_get_path (WardSoftKey *self)
{
  g_return_val_if_fail (WARD_IS_SOFT_KEY (self), NULL);

  return self->path;
}

void
ward_soft_key_set_auto_touch (WardSoftKey *self,
                              gboolean     auto_touch)
{
  g_return_if_fail (WARD_IS_SOFT_KEY (self));

  g_mutex_lock (&self->lock);
  self->auto_touch = !!auto_touch;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
ward_soft_key_touch (WardSoftKey *self)
{
  g_return_if_fail (WARD_IS_SOFT_KEY (self));

  g_mutex_lock (&self->lock);
  if (self->pending != NULL)
    {
      self->touched = TRUE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
}

void
ward_soft_key_set_fault (WardSoftKey      *self,
                         WardSoftKeyFault  fault)
{
  g_return_if_fail (WARD_IS_SOFT_KEY (self));
  g_return_if_fail (fault >= WARD_SOFT_KEY_FAULT_NONE &&
                    fault <= WARD_SOFT_KEY_FAULT_NEVER_TOUCHED);

  g_mutex_lock (&self->lock);
  self->fault = fault;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

guint
ward_soft_key_get_n_credentials (WardSoftKey *self)
{
  guint n;

  g_return_val_if_fail (WARD_IS_SOFT_KEY (self), 0);

  g_mutex_lock (&self->lock);
  n = self->credentials->len;
  g_mutex_unlock (&self->lock);

  return n;
}

fido_dev_t *
ward_soft_key_open_device (gpointer   soft_key,
                           GError   **error)
{
  WardSoftKey *self = WARD_SOFT_KEY (soft_key);
  fido_dev_t *dev = fido_dev_new ();
  int rc;

  ward_soft_key_attach (self, dev);
  rc = fido_dev_open (dev, ward_soft_key_get_path (self));
  if (rc != FIDO_OK)
    {
      fido_dev_free (&dev);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The virtual security key did not open: %s",
                   fido_strerr (rc));
      return NULL;
    }
  return dev;
}
