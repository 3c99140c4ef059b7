/* ward-fido-key-device.c: taking the key in turn, opening, closing and cancelling devices, libfido2 errors */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-fido-key-private.h"

/* More keys than this plugged in is already "several": no need to list them all. */
#define MAX_DEVICES 8

/* How often a cancel is repeated while the worker has not yet returned: a
 * CTAP cancel sent before the request reached the key is ignored by it. */
#define CANCEL_REPEAT_MS 100

/* ---- cancellation --------------------------------------------------------- */

/*
 * Repeats the cancel until the worker has closed the device. Needed because
 * the worker opens the device and then, outside the lock, sends its request
 * (after a PIN exchange, perhaps): a cancel landing in between reaches a key
 * with nothing pending, which ignores it, and the request would then wait
 * for a touch until the timeout.
 */
static gpointer
repeat_cancel (gpointer data)
{
  g_autoptr(WardFidoOp) op = data;
  gboolean open = TRUE;

  while (open)
    {
      g_usleep (CANCEL_REPEAT_MS * G_TIME_SPAN_MILLISECOND);
      g_mutex_lock (&op->lock);
      open = op->dev != NULL;
      if (open)
        fido_dev_cancel (op->dev);
      g_mutex_unlock (&op->lock);
    }
  return NULL;
}

/* Runs in the cancelling thread. Only touches the device under op->lock,
 * where the worker cannot be closing it. */
void
_ward_fido_op_on_cancelled (GCancellable *cancellable G_GNUC_UNUSED,
                            gpointer      data)
{
  WardFidoOp *op = data;
  WardFidoKey *self = op->self;

  g_mutex_lock (&op->lock);
  op->cancelled = TRUE;
  if (op->dev != NULL)
    {
      fido_dev_cancel (op->dev);
      if (!op->repeating)
        {
          GThread *thread = g_thread_try_new ("fido-cancel", repeat_cancel,
                                              _ward_fido_op_ref (op), NULL);

          op->repeating = TRUE;
          if (thread != NULL)
            g_thread_unref (thread);
          else
            _ward_fido_op_unref (op);   /* the single cancel above and the timeout remain */
        }
    }
  g_mutex_unlock (&op->lock);

  /* Wakes an operation queued behind another one, so it ends now. */
  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

gboolean
_ward_fido_op_is_cancelled (WardFidoOp *op)
{
  gboolean cancelled;

  g_mutex_lock (&op->lock);
  cancelled = op->cancelled;
  g_mutex_unlock (&op->lock);
  return cancelled;
}

/* ---- serialisation --------------------------------------------------------- */

static gboolean
must_wait_locked (WardFidoOp *op)
{
  WardFidoKey *self = op->self;

  return self->busy || (op->queued && g_queue_peek_head (&self->waiting) != op);
}

gboolean
_ward_fido_op_acquire_key (WardFidoOp  *op,
                           GError     **error)
{
  WardFidoKey *self = op->self;
  gboolean cancelled;

  g_mutex_lock (&self->lock);
  while (must_wait_locked (op) && !g_cancellable_is_cancelled (op->cancellable))
    g_cond_wait (&self->idle, &self->lock);
  cancelled = g_cancellable_is_cancelled (op->cancellable);
  if (!cancelled)
    {
      self->busy = TRUE;
      op->open = self->open;
      op->open_data = self->open_data;
    }
  _ward_fido_op_leave_queue_locked (op);
  g_mutex_unlock (&self->lock);

  return cancelled ? _ward_fido_fail (error, WARD_FIDO_ERROR_CANCELLED) : TRUE;
}

void
_ward_fido_op_release_key (WardFidoOp *op)
{
  WardFidoKey *self = op->self;

  g_mutex_lock (&self->lock);
  self->busy = FALSE;
  g_cond_broadcast (&self->idle);
  g_mutex_unlock (&self->lock);
}

/* ---- devices --------------------------------------------------------------- */

static fido_dev_t *
open_path (const char  *path,
           int          timeout_ms,
           GError     **error)
{
  fido_dev_t *dev = fido_dev_new ();
  int r;

  if (dev == NULL)
    {
      _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      return NULL;
    }
  /* Bounds the INIT and getInfo exchange of fido_dev_open too: a wedged key
   * must not hang the worker. */
  fido_dev_set_timeout (dev, timeout_ms);
  r = fido_dev_open (dev, path);
  if (r != FIDO_OK)
    {
      g_debug ("fido_dev_open failed: %s (%d)", fido_strerr (r), r);
      fido_dev_free (&dev);
      _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      return NULL;
    }
  return dev;
}

/* The default opener: the one USB key plugged in. Refusing to choose among
 * several keeps a colleague's forgotten key from being used by mistake. */
static fido_dev_t *
open_only_device (int      timeout_ms,
                  GError **error)
{
  fido_dev_info_t *list = fido_dev_info_new (MAX_DEVICES);
  g_autofree char *path = NULL;
  size_t n = 0;
  int r;

  if (list == NULL)
    {
      _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      return NULL;
    }
  r = fido_dev_info_manifest (list, MAX_DEVICES, &n);
  if (r == FIDO_OK && n == 1)
    path = g_strdup (fido_dev_info_path (fido_dev_info_ptr (list, 0)));
  fido_dev_info_free (&list, MAX_DEVICES);

  if (r != FIDO_OK)
    g_debug ("fido_dev_info_manifest failed: %s (%d)", fido_strerr (r), r);
  if (r != FIDO_OK)
    _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
  else if (n == 0)
    _ward_fido_fail (error, WARD_FIDO_ERROR_NO_DEVICE);
  else if (n > 1)
    _ward_fido_fail (error, WARD_FIDO_ERROR_SEVERAL_DEVICES);
  return path != NULL ? open_path (path, timeout_ms, error) : NULL;
}

static void
close_device (fido_dev_t *dev,
              gboolean    abort_request)
{
  /* After a timeout or error the key may still be waiting for a touch
   * (blinking): tell it to stop before letting go of it. */
  if (abort_request)
    fido_dev_cancel (dev);
  fido_dev_close (dev);
  fido_dev_free (&dev);
}

/* Opens the device and publishes it to _ward_fido_op_on_cancelled(); a
 * cancel that came while opening ends the operation here. */
fido_dev_t *
_ward_fido_op_open_device (WardFidoOp  *op,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  fido_dev_t *dev;
  gboolean cancelled;

  if (op->open != NULL)
    dev = op->open (op->open_data, &local_error);
  else
    dev = open_only_device (op->timeout_ms, &local_error);

  if (dev == NULL)
    {
      /* An opener that forgot to say why still fails cleanly. */
      if (local_error == NULL)
        _ward_fido_fail (error, WARD_FIDO_ERROR_DEVICE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  fido_dev_set_timeout (dev, op->timeout_ms);

  g_mutex_lock (&op->lock);
  cancelled = op->cancelled;
  if (!cancelled)
    op->dev = dev;
  g_mutex_unlock (&op->lock);

  if (cancelled)
    {
      close_device (dev, FALSE);
      _ward_fido_fail (error, WARD_FIDO_ERROR_CANCELLED);
      return NULL;
    }
  return dev;
}

void
_ward_fido_op_close_device (WardFidoOp *op,
                            fido_dev_t *dev,
                            gboolean    abort_request)
{
  /* Unpublish first: once op->dev is NULL no cancel can reach the device. */
  g_mutex_lock (&op->lock);
  op->dev = NULL;
  g_mutex_unlock (&op->lock);
  close_device (dev, abort_request);
}

/*
 * When UV is wanted, decides from getInfo (which fido_dev_open read) whether
 * the key can give it, so the nurse is not asked to touch a key whose answer
 * must then be refused. A key with a PIN but no PIN typed → PIN_REQUIRED;
 * a key with neither PIN nor built-in UV cannot satisfy the policy →
 * UV_MISSING. Also used when a key answers UNSUPPORTED_OPTION to uv=true.
 */
gboolean
_ward_fido_check_uv_capability (WardFidoOp  *op,
                                fido_dev_t  *dev,
                                GError     **error)
{
  if (!_ward_fido_op_wants_uv (op))
    return TRUE;
  if (op->pin != NULL)
    return fido_dev_has_pin (dev) ? TRUE : _ward_fido_fail (error, WARD_FIDO_ERROR_UV_MISSING);
  if (fido_dev_has_uv (dev))
    return TRUE;
  return _ward_fido_fail (error, fido_dev_has_pin (dev) ? WARD_FIDO_ERROR_PIN_REQUIRED
                                                        : WARD_FIDO_ERROR_UV_MISSING);
}

static WardFidoError
code_for_fido_error (int r)
{
  switch (r)
    {
    case FIDO_ERR_NO_CREDENTIALS:
      return WARD_FIDO_ERROR_NOT_REGISTERED;
    case FIDO_ERR_KEEPALIVE_CANCEL:
      return WARD_FIDO_ERROR_CANCELLED;
    case FIDO_ERR_RX:
    case FIDO_ERR_ACTION_TIMEOUT:
    case FIDO_ERR_USER_ACTION_TIMEOUT:
      return WARD_FIDO_ERROR_TIMEOUT;
    case FIDO_ERR_PIN_REQUIRED:
    case FIDO_ERR_UV_BLOCKED:     /* fingerprint locked out: CTAP 2.1 falls back to the PIN */
      return WARD_FIDO_ERROR_PIN_REQUIRED;
    case FIDO_ERR_PIN_INVALID:
      return WARD_FIDO_ERROR_PIN_INVALID;
    case FIDO_ERR_PIN_AUTH_BLOCKED:
      return WARD_FIDO_ERROR_PIN_AUTH_BLOCKED;
    case FIDO_ERR_PIN_BLOCKED:
      return WARD_FIDO_ERROR_PIN_BLOCKED;
    case FIDO_ERR_PIN_NOT_SET:
    case FIDO_ERR_UV_INVALID:
      return WARD_FIDO_ERROR_UV_MISSING;
    default:
      return WARD_FIDO_ERROR_DEVICE;
    }
}

/* Turns a failed make_cred/get_assert, begun at @started_at (monotonic
 * time), into our error; how long it took tells a timeout from a key
 * pulled out. */
gboolean
_ward_fido_fail_device_call (WardFidoOp  *op,
                             fido_dev_t  *dev,
                             const char  *what,
                             int          r,
                             gint64       started_at,
                             GError     **error)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - started_at) / 1000;
  WardFidoError code = code_for_fido_error (r);

  g_debug ("%s failed after %" G_GINT64_FORMAT " ms: %s (%d)",
           what, elapsed_ms, fido_strerr (r), r);

  /* Whatever the key said after a cancel (a half-read frame, a closed
   * channel), the caller asked to stop: report that. */
  if (_ward_fido_op_is_cancelled (op))
    return _ward_fido_fail (error, WARD_FIDO_ERROR_CANCELLED);

  /* libfido2 reports both a timeout and a key pulled out mid-request as
   * FIDO_ERR_RX: a read that failed well before the budget ran out was
   * not a timeout. */
  if (r == FIDO_ERR_RX && op->timeout_ms > 0 && elapsed_ms < op->timeout_ms / 2)
    code = WARD_FIDO_ERROR_DEVICE;

  /* A key refusing uv=true although getInfo promised UV: same refusal as
   * when it said so up front. */
  if ((r == FIDO_ERR_UNSUPPORTED_OPTION || r == FIDO_ERR_INVALID_OPTION) &&
      _ward_fido_op_wants_uv (op))
    {
      if (!_ward_fido_check_uv_capability (op, dev, error))
        return FALSE;
      return _ward_fido_fail (error, WARD_FIDO_ERROR_UV_MISSING);
    }

  if (r == FIDO_ERR_CREDENTIAL_EXCLUDED)
    {
      g_set_error_literal (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_DEVICE,
                           _("This key is already registered for you."));
      return FALSE;
    }
  return _ward_fido_fail (error, code);
}

