/* ward-fido-key.c: WardFidoKey, its errors and credential records, and the worker running operations */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "auth/ward-fido-key-private.h"

#define DEFAULT_TIMEOUT_MS 30000

/* CTAP2 limits user.id to 64 bytes. */
#define MAX_USER_HANDLE_LEN 64

G_DEFINE_FINAL_TYPE (WardFidoKey, ward_fido_key, G_TYPE_OBJECT)

/* ---- the object ---------------------------------------------------------- */

static gpointer
init_fido (gpointer unused G_GNUC_UNUSED)
{
  fido_init (0);
  return NULL;
}

static void
ward_fido_key_finalize (GObject *object)
{
  WardFidoKey *self = WARD_FIDO_KEY (object);

  if (self->open_destroy != NULL)
    self->open_destroy (self->open_data);
  g_free (self->rp_id);
  g_free (self->rp_name);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->idle);
  G_OBJECT_CLASS (ward_fido_key_parent_class)->finalize (object);
}

static void
ward_fido_key_class_init (WardFidoKeyClass *klass)
{
  static GOnce once = G_ONCE_INIT;

  /* fido_init() sets library globals (debug flag, allocators): once, before
   * any other libfido2 call, from whichever thread gets here first. */
  g_once (&once, init_fido, NULL);
  G_OBJECT_CLASS (klass)->finalize = ward_fido_key_finalize;
}

static void
ward_fido_key_init (WardFidoKey *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
}

WardFidoKey *
ward_fido_key_new (const char *rp_id,
                   const char *rp_name)
{
  WardFidoKey *self;

  g_return_val_if_fail (rp_id != NULL && *rp_id != '\0', NULL);

  self = g_object_new (WARD_TYPE_FIDO_KEY, NULL);
  self->rp_id = g_strdup (rp_id);
  self->rp_name = g_strdup (rp_name != NULL ? rp_name : rp_id);
  return self;
}

const char *
ward_fido_key_get_rp_id (WardFidoKey *self)
{
  g_return_val_if_fail (WARD_IS_FIDO_KEY (self), NULL);

  return self->rp_id;
}

void
ward_fido_key_set_opener (WardFidoKey      *self,
                          WardFidoOpenFunc  open,
                          gpointer          user_data,
                          GDestroyNotify    destroy)
{
  gpointer old_data;
  GDestroyNotify old_destroy;

  g_return_if_fail (WARD_IS_FIDO_KEY (self));

  g_mutex_lock (&self->lock);
  if (self->busy)
    {
      /* The running worker uses the old user_data: freeing it now would
       * pull it from under that thread. */
      g_mutex_unlock (&self->lock);
      g_critical ("ward_fido_key_set_opener() called while an operation runs");
      if (destroy != NULL)
        destroy (user_data);
      return;
    }
  old_data = self->open_data;
  old_destroy = self->open_destroy;
  self->open = open;
  self->open_data = user_data;
  self->open_destroy = destroy;
  g_mutex_unlock (&self->lock);

  if (old_destroy != NULL)
    old_destroy (old_data);
}

void
ward_fido_key_set_timeout_ms (WardFidoKey *self,
                              int          timeout_ms)
{
  g_return_if_fail (WARD_IS_FIDO_KEY (self));
  g_return_if_fail (timeout_ms == -1 || timeout_ms > 0);

  g_atomic_int_set (&self->timeout_ms, timeout_ms);
}

int
ward_fido_key_get_timeout_ms (WardFidoKey *self)
{
  g_return_val_if_fail (WARD_IS_FIDO_KEY (self), DEFAULT_TIMEOUT_MS);

  return g_atomic_int_get (&self->timeout_ms);
}

/* ---- operations ---------------------------------------------------------- */

static WardFidoOp *
op_new (WardFidoKey    *self,
        WardFidoOpKind  kind,
        gboolean        require_uv,
        const char     *pin,
        GCancellable   *cancellable)
{
  WardFidoOp *op = g_atomic_rc_box_new0 (WardFidoOp);

  op->self = g_object_ref (self);
  op->kind = kind;
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->timeout_ms = ward_fido_key_get_timeout_ms (self);
  op->require_uv = require_uv;
  op->pin = g_strdup (pin);
  g_mutex_init (&op->lock);
  _ward_fido_op_join_queue (op);
  return op;
}

/* ---- the worker ------------------------------------------------------------ */

static gboolean
run_on_device (WardFidoOp  *op,
               GError     **error)
{
  fido_dev_t *dev = _ward_fido_op_open_device (op, error);
  gboolean ok;

  if (dev == NULL)
    return FALSE;
  if (op->kind == WARD_FIDO_OP_ENROLL)
    ok = _ward_fido_enroll_on_device (op, dev, error);
  else
    ok = _ward_fido_verify_on_device (op, dev, error);
  /* Never reuse a device after any failure: close it, and a later
   * operation opens it afresh. */
  _ward_fido_op_close_device (op, dev, !ok);
  return ok;
}

/* The whole operation, in the calling thread: the GTask worker or the
 * synchronous API's caller. */
static gboolean
run_op (WardFidoOp  *op,
        GError     **error)
{
  gulong handler = 0;
  gboolean ok;

  if (op->kind == WARD_FIDO_OP_VERIFY && op->allowed->len == 0)
    {
      _ward_fido_op_leave_queue (op);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_NOT_REGISTERED);
    }

  /* Calls _ward_fido_op_on_cancelled() at once if already cancelled. */
  if (op->cancellable != NULL)
    handler = g_cancellable_connect (op->cancellable, G_CALLBACK (_ward_fido_op_on_cancelled),
                                     op, NULL);

  ok = _ward_fido_op_acquire_key (op, error);
  if (ok)
    {
      ok = run_on_device (op, error);
      _ward_fido_op_release_key (op);
    }

  /* Waits for a _ward_fido_op_on_cancelled() running in another thread, so
   * the handler never outlives the operation's use of it. */
  if (handler != 0)
    g_cancellable_disconnect (op->cancellable, handler);

  /* A success that comes after a cancel is dropped: the caller has moved on
   * (the nurse walked away) and must not be signed in behind its back. */
  if (ok && _ward_fido_op_is_cancelled (op))
    {
      g_clear_pointer (&op->credential, ward_fido_credential_free);
      return _ward_fido_fail (error, WARD_FIDO_ERROR_CANCELLED);
    }
  return ok;
}

static void
op_thread (GTask        *task,
           gpointer      source G_GNUC_UNUSED,
           gpointer      task_data,
           GCancellable *cancellable G_GNUC_UNUSED)
{
  WardFidoOp *op = task_data;
  GError *error = NULL;

  if (!run_op (op, &error))
    g_task_return_error (task, error);
  else if (op->kind == WARD_FIDO_OP_ENROLL)
    g_task_return_pointer (task, g_steal_pointer (&op->credential),
                           (GDestroyNotify) ward_fido_credential_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_op (WardFidoOp          *op,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (op->self, op->cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* GTask would turn any result into G_IO_ERROR_CANCELLED once cancelled;
   * run_op() decides instead, in our own domain, and keeps refusals. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, op, _ward_fido_op_unref);
  g_task_run_in_thread (task, op_thread);
}

/* ---- public entry points --------------------------------------------------- */

static WardFidoOp *
enroll_op_new (WardFidoKey  *self,
               GBytes       *user_handle,
               const char   *user_name,
               const char   *display_name,
               GPtrArray    *exclude,
               gboolean      require_uv,
               const char   *pin,
               GCancellable *cancellable)
{
  WardFidoOp *op = op_new (self, WARD_FIDO_OP_ENROLL, require_uv, pin, cancellable);

  op->user_handle = g_bytes_ref (user_handle);
  op->user_name = g_strdup (user_name);
  op->display_name = g_strdup (display_name != NULL ? display_name : user_name);
  /* Copied: the worker must not read an array the caller may change. */
  op->exclude = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; exclude != NULL && i < exclude->len; i++)
    {
      WardFidoCredential *credential = exclude->pdata[i];

      g_ptr_array_add (op->exclude, g_bytes_ref (credential->credential_id));
    }
  return op;
}

static gboolean
enroll_args_valid (WardFidoKey *self,
                   GBytes      *user_handle,
                   const char  *user_name)
{
  g_return_val_if_fail (WARD_IS_FIDO_KEY (self), FALSE);
  g_return_val_if_fail (user_handle != NULL, FALSE);
  g_return_val_if_fail (g_bytes_get_size (user_handle) > 0 &&
                        g_bytes_get_size (user_handle) <= MAX_USER_HANDLE_LEN, FALSE);
  g_return_val_if_fail (user_name != NULL, FALSE);
  return TRUE;
}

void
ward_fido_key_enroll_async (WardFidoKey         *self,
                            GBytes              *user_handle,
                            const char          *user_name,
                            const char          *display_name,
                            GPtrArray           *exclude,
                            gboolean             require_uv,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  if (!enroll_args_valid (self, user_handle, user_name))
    return;

  start_op (enroll_op_new (self, user_handle, user_name, display_name, exclude,
                           require_uv, pin, cancellable),
            ward_fido_key_enroll_async, callback, user_data);
}

WardFidoCredential *
ward_fido_key_enroll_finish (WardFidoKey   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ward_fido_key_enroll_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

WardFidoCredential *
ward_fido_key_enroll_sync (WardFidoKey   *self,
                           GBytes        *user_handle,
                           const char    *user_name,
                           const char    *display_name,
                           GPtrArray     *exclude,
                           gboolean       require_uv,
                           const char    *pin,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(WardFidoOp) op = NULL;

  if (!enroll_args_valid (self, user_handle, user_name))
    return NULL;

  op = enroll_op_new (self, user_handle, user_name, display_name, exclude,
                      require_uv, pin, cancellable);
  if (!run_op (op, error))
    return NULL;
  return g_steal_pointer (&op->credential);
}

static gpointer
copy_credential (gconstpointer credential,
                 gpointer      unused G_GNUC_UNUSED)
{
  return ward_fido_credential_copy (credential);
}

static WardFidoOp *
verify_op_new (WardFidoKey  *self,
               GPtrArray    *allowed,
               gboolean      require_uv,
               const char   *pin,
               GCancellable *cancellable)
{
  WardFidoOp *op = op_new (self, WARD_FIDO_OP_VERIFY, require_uv, pin, cancellable);

  /* Deep copy: the stored counters are read in the worker thread. */
  op->allowed = g_ptr_array_copy (allowed, copy_credential, NULL);
  g_ptr_array_set_free_func (op->allowed, (GDestroyNotify) ward_fido_credential_free);
  return op;
}

void
ward_fido_key_verify_async (WardFidoKey         *self,
                            GPtrArray           *allowed,
                            gboolean             require_uv,
                            const char          *pin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (WARD_IS_FIDO_KEY (self));
  g_return_if_fail (allowed != NULL);

  start_op (verify_op_new (self, allowed, require_uv, pin, cancellable),
            ward_fido_key_verify_async, callback, user_data);
}

gboolean
ward_fido_key_verify_finish (WardFidoKey   *self,
                             GAsyncResult  *result,
                             guint         *matched_index,
                             guint32       *new_sign_count,
                             GError       **error)
{
  WardFidoOp *op;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ward_fido_key_verify_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  op = g_task_get_task_data (G_TASK (result));
  if (matched_index != NULL)
    *matched_index = op->matched_index;
  if (new_sign_count != NULL)
    *new_sign_count = op->new_sign_count;
  return TRUE;
}

gboolean
ward_fido_key_verify_sync (WardFidoKey   *self,
                           GPtrArray     *allowed,
                           gboolean       require_uv,
                           const char    *pin,
                           GCancellable  *cancellable,
                           guint         *matched_index,
                           guint32       *new_sign_count,
                           GError       **error)
{
  g_autoptr(WardFidoOp) op = NULL;

  g_return_val_if_fail (WARD_IS_FIDO_KEY (self), FALSE);
  g_return_val_if_fail (allowed != NULL, FALSE);

  op = verify_op_new (self, allowed, require_uv, pin, cancellable);
  if (!run_op (op, error))
    return FALSE;
  if (matched_index != NULL)
    *matched_index = op->matched_index;
  if (new_sign_count != NULL)
    *new_sign_count = op->new_sign_count;
  return TRUE;
}
