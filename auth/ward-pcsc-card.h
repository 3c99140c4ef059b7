/* ward-pcsc-card.h: one badge on a PC/SC reader: the Get Data exchange for its UID and the parsing of the answer */
#pragma once

#include <glib.h>
#include <winscard.h>

G_BEGIN_DECLS

typedef enum
{
  WARD_PCSC_READ_OK,
  WARD_PCSC_READ_REMOVED,       /* the card left during the read */
  WARD_PCSC_READ_UNREADABLE,    /* the card or reader did not give a UID */
  WARD_PCSC_READ_SERVICE_GONE,
} WardPcscRead;

/* ISO 14443 UIDs are 4, 7 or 10 bytes; FeliCa IDm and ISO 15693 are 8. */
#define WARD_PCSC_UID_MIN_BYTES 4
#define WARD_PCSC_UID_MAX_BYTES 16

gboolean      ward_pcsc_card_service_gone     (LONG          rv);
WardPcscRead  ward_pcsc_card_classify         (LONG          rv);

/* The answer to Get Data (FF CA 00 00 Le), as a card sent it: the UID as
 * upper-case hex, or NULL when the answer is no UID (a refusal status, a
 * length outside 4–16 bytes). Pure: what the fuzz target calls. */
char         *ward_pcsc_card_parse_uid_answer (const guint8 *answer,
                                               gsize         len);

WardPcscRead  ward_pcsc_card_read_uid         (SCARDCONTEXT  pcsc,
                                               const char   *reader,
                                               char        **uid_out);

G_END_DECLS
