/* ward-soft-key.c — a software CTAP2 authenticator speaking CTAPHID to libfido2 through its io hooks */

#include "app/demo/ward-soft-key-private.h"

#include <gio/gio.h>

#include <string.h>

#include <cbor.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

G_DEFINE_FINAL_TYPE (WardSoftKey, ward_soft_key, G_TYPE_OBJECT)

/* Device paths are looked up here because libfido2's open hook only gets the
 * path; weak references let a key die while a stale path is still around. */
static GMutex      registry_lock;
static GHashTable *registry;
static guint       registry_serial;

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
    status = _ward_soft_key_make_credential (self, req, &body);
  else
    status = _ward_soft_key_get_assertion (self, req, &body);

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
  status = _ward_soft_key_parse_request (command, params, len, req);

  /* Unknown credentials are refused before any touch (CTAP 2.0 §5.2). */
  if (status == CTAP_OK && command == CMD_GET_ASSERTION &&
      self->fault != WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL &&
      _ward_soft_key_find_credential (self, req->cred_ids, req->rp_id_hash) == NULL)
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
      info = _ward_soft_key_build_info (self);
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
  g_clear_pointer (&self->pending, _ward_soft_key_request_free);
  self->touched = FALSE;
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
      _ward_soft_key_fill_random ((guint8 *) &self->cid, sizeof self->cid);
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

  g_clear_pointer (&self->pending, _ward_soft_key_request_free);
  self->touched = FALSE;
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
  /* A touch answers one request: the next one waits for its own touch, as
   * a real key's does. */
  self->touched = FALSE;
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

  g_clear_pointer (&self->pending, _ward_soft_key_request_free);
  g_clear_pointer (&self->foreign, _ward_soft_key_soft_credential_free);
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
  self->credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) _ward_soft_key_soft_credential_free);
  self->rx_buf = g_byte_array_new ();
  self->out = g_byte_array_new ();
  _ward_soft_key_fill_random (self->aaguid, sizeof self->aaguid);
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
