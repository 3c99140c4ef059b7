/* ward-pcsc-card.c: one badge on a PC/SC reader: Get Data for its UID, and what the answer means */
#include "config.h"

#include <openssl/crypto.h>

#include "auth/ward-pcsc-card.h"

/* libpcsclite turns a connection reset by pcscd into "access denied"
 * (SCARD_W_SECURITY_VIOLATION), since that is how polkit refusals look;
 * it is also what a call gets from a pcscd that is being restarted. */
gboolean
ward_pcsc_card_service_gone (LONG rv)
{
  return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED ||
         rv == SCARD_F_COMM_ERROR || rv == SCARD_E_INVALID_HANDLE ||
         rv == SCARD_W_SECURITY_VIOLATION;
}

WardPcscRead
ward_pcsc_card_classify (LONG rv)
{
  if (rv == SCARD_S_SUCCESS)
    return WARD_PCSC_READ_OK;
  /* From SCardConnect this is usually polkit refusing access to the card;
   * a reset connection shows again on the next call to pcscd anyway. */
  if (rv == SCARD_W_SECURITY_VIOLATION)
    return WARD_PCSC_READ_UNREADABLE;
  if (ward_pcsc_card_service_gone (rv))
    return WARD_PCSC_READ_SERVICE_GONE;
  if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD ||
      rv == SCARD_W_RESET_CARD || rv == SCARD_E_READER_UNAVAILABLE)
    return WARD_PCSC_READ_REMOVED;
  return WARD_PCSC_READ_UNREADABLE;
}

char *
ward_pcsc_card_parse_uid_answer (const guint8 *answer,
                                 gsize         len)
{
  gsize uid_len;
  char hex[WARD_PCSC_UID_MAX_BYTES * 2 + 1];

  /* The answer ends in the status word; only 90 00 carries a UID. */
  if (len < 2 || answer[len - 2] != 0x90 || answer[len - 1] != 0x00)
    {
      g_debug ("PC/SC: Get Data refused (status %02X%02X)",
               len >= 2 ? answer[len - 2] : 0, len >= 2 ? answer[len - 1] : 0);
      return NULL;
    }
  uid_len = len - 2;
  if (uid_len < WARD_PCSC_UID_MIN_BYTES || uid_len > WARD_PCSC_UID_MAX_BYTES)
    return NULL;
  if (!OPENSSL_buf2hexstr_ex (hex, sizeof hex, NULL, answer, uid_len, '\0'))
    return NULL;
  return g_strdup (hex);
}

static LONG
transmit (SCARDHANDLE  card,
          DWORD        protocol,
          const BYTE  *apdu,
          BYTE        *response,
          DWORD       *response_len)
{
  const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;

  return SCardTransmit (card, pci, apdu, 5, NULL, response, response_len);
}

/* Sends Get Data for the UID and parses the answer into @uid_out. */
static WardPcscRead
get_uid (SCARDHANDLE   card,
         DWORD         protocol,
         char        **uid_out)
{
  BYTE apdu[5] = { 0xFF, 0xCA, 0x00, 0x00, 0x00 };
  BYTE response[258];
  DWORD len = sizeof response;
  LONG rv;

  rv = transmit (card, protocol, apdu, response, &len);
  /* Some readers refuse Le = 00 and say the length to ask for: 6C xx. */
  if (rv == SCARD_S_SUCCESS && len == 2 && response[0] == 0x6C)
    {
      apdu[4] = response[1];
      len = sizeof response;
      rv = transmit (card, protocol, apdu, response, &len);
    }
  if (rv != SCARD_S_SUCCESS)
    return ward_pcsc_card_classify (rv);

  *uid_out = ward_pcsc_card_parse_uid_answer (response, len);
  OPENSSL_cleanse (response, sizeof response);
  return *uid_out != NULL ? WARD_PCSC_READ_OK : WARD_PCSC_READ_UNREADABLE;
}

/* A card that left in the middle of a read does not always fail the
 * transmit (vpcd answers with no bytes at all), so a failed read asks the
 * reader; it can tell once it has polled the slot since. */
static gboolean
card_left (SCARDHANDLE card)
{
  DWORD name_len = 0, state = 0, protocol = 0, atr_len = 0;
  LONG rv = SCardStatus (card, NULL, &name_len, &state, &protocol, NULL, &atr_len);

  return rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD ||
         (rv == SCARD_S_SUCCESS && (state & SCARD_ABSENT));
}

WardPcscRead
ward_pcsc_card_read_uid (SCARDCONTEXT   pcsc,
                         const char    *reader,
                         char         **uid_out)
{
  SCARDHANDLE card = 0;
  DWORD protocol = 0;
  WardPcscRead result;
  LONG rv;

  rv = SCardConnect (pcsc, reader, SCARD_SHARE_SHARED,
                     SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("PC/SC: connect on %s: %s", reader, pcsc_stringify_error (rv));
      return ward_pcsc_card_classify (rv);
    }

  result = get_uid (card, protocol, uid_out);
  if (result == WARD_PCSC_READ_UNREADABLE && card_left (card))
    result = WARD_PCSC_READ_REMOVED;
  /* Leave the card powered as it was: other applications may share it. */
  SCardDisconnect (card, SCARD_LEAVE_CARD);
  return result;
}
