/* ward-pcsc-reader.h: badge UIDs from PC/SC readers, watched in a worker thread */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARD_PCSC_READER_ERROR (ward_pcsc_reader_error_quark ())

typedef enum
{
  WARD_PCSC_READER_ERROR_FAILED,   /* the watcher thread could not be started */
} WardPcscReaderError;

#define WARD_TYPE_PCSC_READER (ward_pcsc_reader_get_type ())
G_DECLARE_FINAL_TYPE (WardPcscReader, ward_pcsc_reader, WARD, PCSC_READER, GObject)

/*
 * Watches every PC/SC reader (and readers coming and going) through pcscd.
 * When a card arrives it reads the UID with the PC/SC "Get Data" command
 * (FF CA 00 00 00) and lets go of the card at once.
 *
 * Signals are emitted in the thread-default main context of the thread that
 * created the object; start() and stop() belong to that thread too.
 *
 * "card-present"    (const char *uid_hex, const char *reader_name)
 *                   upper-case hex, no separators
 * "card-removed"    (const char *reader_name)
 *                   only ever after a "card-present" for that reader: the
 *                   pair is balanced even when the reader or pcscd goes away
 * "readers-changed" () the list from ward_pcsc_reader_get_reader_names()
 *                   changed; it is up to date when the signal runs
 * "error"           (const char *message)
 *                   a translated sentence for the screen. Lasting conditions
 *                   ("The badge reader service is not running", "No badge
 *                   reader is connected") are reported once each time they
 *                   begin; a badge that could not be read, each time.
 *
 * When pcscd is not running or goes away, the watcher retries with a growing
 * delay (up to a few seconds) and recovers by itself. No signal is emitted
 * after ward_pcsc_reader_stop() returns.
 */

GQuark           ward_pcsc_reader_error_quark     (void);

WardPcscReader  *ward_pcsc_reader_new             (void);
gboolean         ward_pcsc_reader_start           (WardPcscReader  *self,
                                                   GError         **error);
void             ward_pcsc_reader_stop            (WardPcscReader  *self);
gboolean         ward_pcsc_reader_is_running      (WardPcscReader  *self);
char           **ward_pcsc_reader_get_reader_names (WardPcscReader  *self);

G_END_DECLS
