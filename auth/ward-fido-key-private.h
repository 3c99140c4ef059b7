/* ward-fido-key-private.h: what the parts of WardFidoKey (object, devices, ceremonies) share */
#pragma once

#include "auth/ward-fido-key.h"

G_BEGIN_DECLS

/* Bytes of a credential id shown in debug logs: enough to tell keys apart. */
#define WARD_FIDO_ID_PREFIX_LEN 4

struct _WardFidoKey
{
  GObject           parent_instance;
  char             *rp_id;
  char             *rp_name;
  int               timeout_ms;     /* atomic: read by callers' threads */

  GMutex            lock;           /* guards what follows */
  GCond             idle;           /* signalled when busy drops or an op is cancelled */
  gboolean          busy;
  GQueue            waiting;        /* WardFidoOp*, not owned: in the order callers asked */
  WardFidoOpenFunc  open;
  gpointer          open_data;
  GDestroyNotify    open_destroy;
};

typedef enum
{
  WARD_FIDO_OP_ENROLL,
  WARD_FIDO_OP_VERIFY,
} WardFidoOpKind;

/*
 * One operation. Reference-counted because the cancel repeater thread may
 * still hold it after the worker has returned.
 */
typedef struct
{
  WardFidoKey        *self;
  WardFidoOpKind      kind;
  GCancellable       *cancellable;
  int                 timeout_ms;
  gboolean            require_uv;
  char               *pin;            /* wiped on free */

  GBytes             *user_handle;    /* enrol */
  char               *user_name;
  char               *display_name;
  GPtrArray          *exclude;        /* enrol: GBytes* ids */
  GPtrArray          *allowed;        /* verify: WardFidoCredential* copies */

  WardFidoOpenFunc    open;           /* snapshot taken when the key is acquired */
  gpointer            open_data;

  GMutex              lock;           /* guards dev, cancelled, repeating */
  fido_dev_t         *dev;            /* non-NULL only while open: what cancel may touch */
  gboolean            cancelled;
  gboolean            repeating;
  gboolean            queued;         /* in self->waiting; guarded by self->lock */

  WardFidoCredential *credential;     /* enrol result */
  guint               matched_index;  /* verify results */
  guint32             new_sign_count;
} WardFidoOp;

/* ward-fido-credential.c: errors */
gboolean    _ward_fido_fail                (GError        **error,
                                            WardFidoError   code);

/* ward-fido-op.c: operations */
void        _ward_fido_id_prefix           (const guint8   *id,
                                            gsize           len,
                                            char            out[2 * WARD_FIDO_ID_PREFIX_LEN + 1]);
WardFidoOp *_ward_fido_op_ref              (WardFidoOp     *op);
void        _ward_fido_op_unref            (gpointer        op);
gboolean    _ward_fido_op_wants_uv         (WardFidoOp     *op);
void        _ward_fido_op_join_queue       (WardFidoOp     *op);
void        _ward_fido_op_leave_queue      (WardFidoOp     *op);
void        _ward_fido_op_leave_queue_locked (WardFidoOp   *op);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardFidoOp, _ward_fido_op_unref)

/* ward-fido-key-device.c: serialisation, opening, cancelling, libfido2 errors */
void        _ward_fido_op_on_cancelled     (GCancellable   *cancellable,
                                            gpointer        op);
gboolean    _ward_fido_op_is_cancelled     (WardFidoOp     *op);
gboolean    _ward_fido_op_acquire_key      (WardFidoOp     *op,
                                            GError        **error);
void        _ward_fido_op_release_key      (WardFidoOp     *op);
fido_dev_t *_ward_fido_op_open_device      (WardFidoOp     *op,
                                            GError        **error);
void        _ward_fido_op_close_device     (WardFidoOp     *op,
                                            fido_dev_t     *dev,
                                            gboolean        abort_request);
gboolean    _ward_fido_check_uv_capability (WardFidoOp     *op,
                                            fido_dev_t     *dev,
                                            GError        **error);
gboolean    _ward_fido_fail_device_call    (WardFidoOp     *op,
                                            fido_dev_t     *dev,
                                            const char     *what,
                                            int             r,
                                            gint64          started_at,
                                            GError        **error);

/* ward-fido-key-ceremony.c: registration and sign-in on an open device */
gboolean    _ward_fido_enroll_on_device    (WardFidoOp     *op,
                                            fido_dev_t     *dev,
                                            GError        **error);
gboolean    _ward_fido_verify_on_device    (WardFidoOp     *op,
                                            fido_dev_t     *dev,
                                            GError        **error);

G_END_DECLS
