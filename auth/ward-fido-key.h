/* ward-fido-key.h: FIDO2 security-key enrolment and sign-in for the site relying party, via libfido2 */
#pragma once

#include <gio/gio.h>
#include <fido.h>

G_BEGIN_DECLS

#define WARD_FIDO_ERROR (ward_fido_error_quark ())

/*
 * Every error this module reports is in WARD_FIDO_ERROR, cancellation
 * included (WARD_FIDO_ERROR_CANCELLED, never G_IO_ERROR_CANCELLED), so a
 * caller handles one domain. Each message is a sentence for the person at
 * the kiosk; the libfido2 detail goes to the debug log only.
 */
typedef enum
{
  WARD_FIDO_ERROR_NO_DEVICE,          /* no key plugged in */
  WARD_FIDO_ERROR_SEVERAL_DEVICES,    /* more than one key: we would not know which to use */
  WARD_FIDO_ERROR_TIMEOUT,            /* not touched within the timeout */
  WARD_FIDO_ERROR_CANCELLED,          /* the GCancellable was cancelled */
  WARD_FIDO_ERROR_NOT_REGISTERED,     /* the key holds none of the allowed credentials */
  WARD_FIDO_ERROR_PIN_REQUIRED,       /* UV asked for, the key has a PIN, none was given */
  WARD_FIDO_ERROR_PIN_INVALID,
  WARD_FIDO_ERROR_PIN_AUTH_BLOCKED,   /* too many wrong PINs since the key was plugged in */
  WARD_FIDO_ERROR_PIN_BLOCKED,        /* the key's PIN is blocked for good */
  WARD_FIDO_ERROR_NO_PRESENCE,        /* the answer lacks the user-presence flag */
  WARD_FIDO_ERROR_UV_MISSING,         /* UV asked for: the flag is absent or the key cannot do UV */
  WARD_FIDO_ERROR_BAD_SIGNATURE,      /* the assertion does not verify (incl. wrong rp id hash) */
  WARD_FIDO_ERROR_FOREIGN_CREDENTIAL, /* the assertion names a credential that is not allowed */
  WARD_FIDO_ERROR_COUNTER_NOT_RISING, /* sign counter did not rise: possibly a cloned key */
  WARD_FIDO_ERROR_ATTESTATION,        /* the registration's attestation does not verify */
  WARD_FIDO_ERROR_DEVICE,             /* any other device failure, or the key is busy */
} WardFidoError;

GQuark ward_fido_error_quark (void);

/*
 * One registered credential, as stored per user. Plain data: the caller
 * loads it from and saves it to the database.
 */
typedef struct
{
  GBytes  *credential_id;
  int      cose_alg;      /* COSE_ES256: the only algorithm enrolled and verified */
  GBytes  *public_key;    /* ES256: 64 bytes x‖y, as fido_cred_pubkey_ptr() gives */
  guint32  sign_count;    /* the last counter value accepted */
  GBytes  *aaguid;        /* nullable; the key model, for the admin view */
  char    *format;        /* attestation format at enrolment, e.g. "packed"; nullable */
} WardFidoCredential;

#define WARD_TYPE_FIDO_CREDENTIAL (ward_fido_credential_get_type ())

GType               ward_fido_credential_get_type (void) G_GNUC_CONST;
/* Takes references on the GBytes and copies @format. */
WardFidoCredential *ward_fido_credential_new      (GBytes                   *credential_id,
                                                   int                       cose_alg,
                                                   GBytes                   *public_key,
                                                   guint32                   sign_count,
                                                   GBytes                   *aaguid,
                                                   const char               *format);
WardFidoCredential *ward_fido_credential_copy     (const WardFidoCredential *credential);
void                ward_fido_credential_free     (WardFidoCredential       *credential);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardFidoCredential, ward_fido_credential_free)

/*
 * Opens the device an operation will use, or fails with @error set. Called
 * in the operation's worker thread, so @user_data must be usable from there.
 * The returned device must be open (fido_dev_open); the caller of the opener
 * closes and frees it after the operation, whatever its outcome.
 */
typedef fido_dev_t *(*WardFidoOpenFunc) (gpointer   user_data,
                                         GError   **error);

#define WARD_TYPE_FIDO_KEY (ward_fido_key_get_type ())

G_DECLARE_FINAL_TYPE (WardFidoKey, ward_fido_key, WARD, FIDO_KEY, GObject)

/* @rp_id is the site's fixed relying-party id from settings, never the host name. */
WardFidoKey        *ward_fido_key_new             (const char           *rp_id,
                                                   const char           *rp_name);

const char         *ward_fido_key_get_rp_id       (WardFidoKey          *self);

/*
 * Replaces how a device is found. The default opener takes the only
 * USB key present (fido_dev_info_manifest): none → NO_DEVICE, more than
 * one → SEVERAL_DEVICES. Tests and demo builds install an opener for the
 * software key here, so it is never linked into a clinical build.
 * Call it while no operation runs; @open NULL restores the default.
 */
void                ward_fido_key_set_opener      (WardFidoKey          *self,
                                                   WardFidoOpenFunc      open,
                                                   gpointer              user_data,
                                                   GDestroyNotify        destroy);

/* Budget for one whole operation (PIN exchange and touch included), in
 * milliseconds; default 30000. -1 waits for ever: do not use it at a kiosk.
 * Applies to operations started afterwards. */
void                ward_fido_key_set_timeout_ms  (WardFidoKey          *self,
                                                   int                   timeout_ms);
int                 ward_fido_key_get_timeout_ms  (WardFidoKey          *self);

/*
 * Operations are serialised per WardFidoKey: one started while another runs
 * waits (in its worker thread) until the first one ends, and can be
 * cancelled while it waits. The async variants call @callback in the
 * thread-default main context of the thread that started them.
 *
 * Cancelling sends a CTAP cancel to the key, which is then closed, and ends
 * the operation with WARD_FIDO_ERROR_CANCELLED. A successful result that
 * arrives after the cancel is dropped (also reported as CANCELLED); a refusal
 * found in a received answer (e.g. COUNTER_NOT_RISING) is still reported, so
 * it can be audited.
 */

/*
 * Registers a new ES256 credential for @user_handle (1..64 bytes, the
 * opaque user id: not the user name). @exclude (nullable, of
 * WardFidoCredential*) lists the user's existing credentials: a key that
 * already holds one of them refuses (NOT_REGISTERED is not used for that:
 * the error is DEVICE with a "key already registered" message).
 * UV is requested when @require_uv is set or a @pin is given; the PIN is
 * copied and wiped after use.
 */
void                ward_fido_key_enroll_async    (WardFidoKey          *self,
                                                   GBytes               *user_handle,
                                                   const char           *user_name,
                                                   const char           *display_name,
                                                   GPtrArray            *exclude,
                                                   gboolean              require_uv,
                                                   const char           *pin,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
WardFidoCredential *ward_fido_key_enroll_finish   (WardFidoKey          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Blocks the calling thread: for the command-line tool, never the UI thread. */
WardFidoCredential *ward_fido_key_enroll_sync     (WardFidoKey          *self,
                                                   GBytes               *user_handle,
                                                   const char           *user_name,
                                                   const char           *display_name,
                                                   GPtrArray            *exclude,
                                                   gboolean              require_uv,
                                                   const char           *pin,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/*
 * Signs in with one of @allowed (WardFidoCredential*, the user's active
 * credentials with their stored counters). On success *@matched_index is
 * the index in @allowed of the credential used and *@new_sign_count its new
 * counter, which the caller must store before accepting the sign-in.
 * An empty @allowed fails with NOT_REGISTERED without touching any device.
 */
void                ward_fido_key_verify_async    (WardFidoKey          *self,
                                                   GPtrArray            *allowed,
                                                   gboolean              require_uv,
                                                   const char           *pin,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean            ward_fido_key_verify_finish   (WardFidoKey          *self,
                                                   GAsyncResult         *result,
                                                   guint                *matched_index,
                                                   guint32              *new_sign_count,
                                                   GError              **error);
gboolean            ward_fido_key_verify_sync     (WardFidoKey          *self,
                                                   GPtrArray            *allowed,
                                                   gboolean              require_uv,
                                                   const char           *pin,
                                                   GCancellable         *cancellable,
                                                   guint                *matched_index,
                                                   guint32              *new_sign_count,
                                                   GError              **error);

G_END_DECLS
