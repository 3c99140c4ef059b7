/* ward-soft-key.h — a software CTAP2 security key reached through libfido2's io hooks, for tests and demos */

#pragma once

#include <glib-object.h>
#include <fido.h>

G_BEGIN_DECLS

/*
 * Ways the soft key can misbehave on getAssertion, so that callers can prove
 * they notice. Only WARD_SOFT_KEY_FAULT_NEVER_TOUCHED also affects
 * makeCredential; the others leave registration intact.
 */
typedef enum
{
  WARD_SOFT_KEY_FAULT_NONE,
  WARD_SOFT_KEY_FAULT_NO_PRESENCE,        /* answers at once, authData without the UP flag */
  WARD_SOFT_KEY_FAULT_WRONG_RP_HASH,      /* authData carries the rpIdHash of another rp id */
  WARD_SOFT_KEY_FAULT_COUNTER_STUCK,      /* counter stays at its last (non-zero) value */
  WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL, /* answers with a credential id not in the allow list */
  WARD_SOFT_KEY_FAULT_BAD_SIGNATURE,      /* one byte of the signature is flipped */
  WARD_SOFT_KEY_FAULT_NEVER_TOUCHED,      /* presence never comes: keepalives only */
} WardSoftKeyFault;

#define WARD_TYPE_SOFT_KEY (ward_soft_key_get_type ())

G_DECLARE_FINAL_TYPE (WardSoftKey, ward_soft_key, WARD, SOFT_KEY, GObject)

WardSoftKey *ward_soft_key_new               (void);

/*
 * Installs the key's io functions on @dev (which must not be open). Then
 * fido_dev_open (dev, ward_soft_key_get_path (self)) reaches this key; any
 * other path fails to open. The key may be opened by one device at a time.
 */
void         ward_soft_key_attach            (WardSoftKey      *self,
                                              fido_dev_t       *dev);
const char  *ward_soft_key_get_path          (WardSoftKey      *self);

/* Default TRUE: user presence is given as soon as a request asks for it. */
void         ward_soft_key_set_auto_touch    (WardSoftKey      *self,
                                              gboolean          auto_touch);
/* Thread-safe. Gives presence to the request waiting for it, if any; a touch
 * while nothing waits is lost, as on a real key. */
void         ward_soft_key_touch             (WardSoftKey      *self);

void         ward_soft_key_set_fault         (WardSoftKey      *self,
                                              WardSoftKeyFault  fault);
guint        ward_soft_key_get_n_credentials (WardSoftKey      *self);

/* A ready-to-use opened device for this key, with the signature of
 * WardFidoOpenFunc so that it can be plugged into WardFidoKey. */
fido_dev_t  *ward_soft_key_open_device      (gpointer          soft_key,
                                             GError          **error);

G_END_DECLS
