/* ward-fido-op.c: one operation on a security key and its place in the queue for the key, shared by the worker, the device calls and the ceremonies */
#include "config.h"

#include <string.h>

#include "auth/ward-fido-key-private.h"
#include "data/ward-hex.h"

/* A short hex prefix: enough to tell credentials apart in a debug log,
 * too little to be the credential id. */
void
_ward_fido_id_prefix (const guint8 *id,
                      gsize         len,
                      char          out[2 * WARD_FIDO_ID_PREFIX_LEN + 1])
{
  g_autofree char *hex = ward_hex_encode (id, MIN (len, WARD_FIDO_ID_PREFIX_LEN));

  g_strlcpy (out, hex, 2 * WARD_FIDO_ID_PREFIX_LEN + 1);
}

/* ---- the queue for the key ---------------------------------------------------- */

/*
 * Operations take the key in the order their callers asked for it. The
 * workers are pool threads that may start in any order, so the place in
 * the queue is taken in the caller's thread, when the operation is made:
 * a nurse's sign-in that was asked for first is served first, and a
 * cancelled one further back never holds up the others.
 */
void
_ward_fido_op_join_queue (WardFidoOp *op)
{
  WardFidoKey *self = op->self;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->waiting, op);
  op->queued = TRUE;
  g_mutex_unlock (&self->lock);
}

/* Called with op->self->lock held. */
void
_ward_fido_op_leave_queue_locked (WardFidoOp *op)
{
  WardFidoKey *self = op->self;

  if (!op->queued)
    return;
  g_queue_remove (&self->waiting, op);
  op->queued = FALSE;
  /* The next in line may now be at the head. */
  g_cond_broadcast (&self->idle);
}

void
_ward_fido_op_leave_queue (WardFidoOp *op)
{
  WardFidoKey *self = op->self;

  g_mutex_lock (&self->lock);
  _ward_fido_op_leave_queue_locked (op);
  g_mutex_unlock (&self->lock);
}

static void
op_clear (gpointer data)
{
  WardFidoOp *op = data;

  if (op->pin != NULL)
    explicit_bzero (op->pin, strlen (op->pin));
  g_clear_pointer (&op->pin, g_free);
  g_clear_pointer (&op->user_handle, g_bytes_unref);
  g_clear_pointer (&op->user_name, g_free);
  g_clear_pointer (&op->display_name, g_free);
  g_clear_pointer (&op->exclude, g_ptr_array_unref);
  g_clear_pointer (&op->allowed, g_ptr_array_unref);
  g_clear_pointer (&op->credential, ward_fido_credential_free);
  /* An operation dropped before its worker ran must not block the queue. */
  _ward_fido_op_leave_queue (op);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->self);
  g_mutex_clear (&op->lock);
}

WardFidoOp *
_ward_fido_op_ref (WardFidoOp *op)
{
  return g_atomic_rc_box_acquire (op);
}

void
_ward_fido_op_unref (gpointer op)
{
  g_atomic_rc_box_release_full (op, op_clear);
}

gboolean
_ward_fido_op_wants_uv (WardFidoOp *op)
{
  return op->require_uv || op->pin != NULL;
}
