/* ward-soft-key-private.h — the soft key's state and its CTAP2 command half, shared by the two halves of WardSoftKey */

#pragma once

#include "app/demo/ward-soft-key.h"

#include <cbor.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

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


/* ward-soft-key-ctap.c: CTAP2 requests parsed and answered; it never frames
 * or queues output itself, so the framing half (ward-soft-key.c) calls it and
 * not the other way round. */
void            _ward_soft_key_fill_random           (guint8         *buf,
                                                      gsize           len);
void            _ward_soft_key_cbor_item_unref       (cbor_item_t    *item);
void            _ward_soft_key_soft_credential_free  (SoftCredential *cred);
SoftCredential *_ward_soft_key_find_credential       (WardSoftKey    *self,
                                                      GPtrArray      *ids,
                                                      const guint8    rp_id_hash[HASH_LEN]);
void            _ward_soft_key_request_free          (Request        *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, _ward_soft_key_request_free)
guint8          _ward_soft_key_parse_request         (guint8          command,
                                                      const guint8   *params,
                                                      gsize           len,
                                                      Request        *req);
cbor_item_t    *_ward_soft_key_build_info            (WardSoftKey    *self);
guint8          _ward_soft_key_make_credential       (WardSoftKey    *self,
                                                      Request        *req,
                                                      cbor_item_t   **body);
guint8          _ward_soft_key_get_assertion         (WardSoftKey    *self,
                                                      Request        *req,
                                                      cbor_item_t   **body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cbor_item_t, _ward_soft_key_cbor_item_unref)

G_END_DECLS
