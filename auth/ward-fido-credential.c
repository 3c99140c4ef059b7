/* ward-fido-credential.c: the FIDO2 errors a person is told, and the credential records a key registers */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-fido-key-private.h"

G_DEFINE_QUARK (ward-fido-error-quark, ward_fido_error)

G_DEFINE_BOXED_TYPE (WardFidoCredential, ward_fido_credential,
                     ward_fido_credential_copy, ward_fido_credential_free)

static const char *
error_message (WardFidoError code)
{
  switch (code)
    {
    case WARD_FIDO_ERROR_NO_DEVICE:
      return _("No security key found. Plug in your key.");
    case WARD_FIDO_ERROR_SEVERAL_DEVICES:
      return _("More than one security key is plugged in. Remove the others.");
    case WARD_FIDO_ERROR_TIMEOUT:
      return _("The key was not touched in time.");
    case WARD_FIDO_ERROR_CANCELLED:
      return _("The request to the key was cancelled.");
    case WARD_FIDO_ERROR_NOT_REGISTERED:
      return _("This is not your registered key.");
    case WARD_FIDO_ERROR_PIN_REQUIRED:
      return _("Enter your key’s PIN.");
    case WARD_FIDO_ERROR_PIN_INVALID:
      return _("Wrong PIN.");
    case WARD_FIDO_ERROR_PIN_AUTH_BLOCKED:
      return _("Too many wrong PINs: unplug the key and plug it in again.");
    case WARD_FIDO_ERROR_PIN_BLOCKED:
      return _("This key’s PIN is blocked. Call the help desk for a new key.");
    case WARD_FIDO_ERROR_NO_PRESENCE:
      return _("The key did not confirm that it was touched. Touch the key and try again.");
    case WARD_FIDO_ERROR_UV_MISSING:
      return _("Your key did not check your PIN or fingerprint, which is required here.");
    case WARD_FIDO_ERROR_BAD_SIGNATURE:
      return _("The key’s answer could not be verified. It has been refused; call the help desk.");
    case WARD_FIDO_ERROR_FOREIGN_CREDENTIAL:
      return _("The key answered for someone else. It has been refused; call the help desk.");
    case WARD_FIDO_ERROR_COUNTER_NOT_RISING:
      return _("This key may have been copied. It has been refused; call the help desk.");
    case WARD_FIDO_ERROR_ATTESTATION:
      return _("This key could not prove it is genuine. Use another key.");
    case WARD_FIDO_ERROR_DEVICE:
    default:
      return _("The security key did not work. Unplug it, plug it in again and retry.");
    }
}

gboolean
_ward_fido_fail (GError        **error,
                 WardFidoError   code)
{
  g_set_error_literal (error, WARD_FIDO_ERROR, code, error_message (code));
  return FALSE;
}

/* ---- credential records -------------------------------------------------- */

WardFidoCredential *
ward_fido_credential_new (GBytes     *credential_id,
                          int         cose_alg,
                          GBytes     *public_key,
                          guint32     sign_count,
                          GBytes     *aaguid,
                          const char *format)
{
  WardFidoCredential *credential;

  g_return_val_if_fail (credential_id != NULL, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  credential = g_new0 (WardFidoCredential, 1);
  credential->credential_id = g_bytes_ref (credential_id);
  credential->cose_alg = cose_alg;
  credential->public_key = g_bytes_ref (public_key);
  credential->sign_count = sign_count;
  credential->aaguid = aaguid != NULL ? g_bytes_ref (aaguid) : NULL;
  credential->format = g_strdup (format);
  return credential;
}

WardFidoCredential *
ward_fido_credential_copy (const WardFidoCredential *credential)
{
  g_return_val_if_fail (credential != NULL, NULL);

  return ward_fido_credential_new (credential->credential_id, credential->cose_alg,
                                   credential->public_key, credential->sign_count,
                                   credential->aaguid, credential->format);
}

void
ward_fido_credential_free (WardFidoCredential *credential)
{
  if (credential == NULL)
    return;
  g_clear_pointer (&credential->credential_id, g_bytes_unref);
  g_clear_pointer (&credential->public_key, g_bytes_unref);
  g_clear_pointer (&credential->aaguid, g_bytes_unref);
  g_free (credential->format);
  g_free (credential);
}
