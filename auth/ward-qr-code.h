/* ward-qr-code.h: a QR code from libqrencode as a plain module matrix, with terminal and PNG renderings */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WARD_QR_CODE_ERROR (ward_qr_code_error_quark ())

typedef enum
{
  WARD_QR_CODE_ERROR_TOO_LONG,   /* more than the largest QR code (version 40-M) holds */
  WARD_QR_CODE_ERROR_INVALID,    /* empty text, or an image size out of range */
  WARD_QR_CODE_ERROR_FAILED,     /* the encoder or the PNG writer gave up */
} WardQrCodeError;

/* Light modules around the code, as ISO/IEC 18004 requires; both renderings
 * below include it. */
#define WARD_QR_CODE_QUIET_ZONE 4

#define WARD_TYPE_QR_CODE (ward_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (WardQrCode, ward_qr_code, WARD, QR_CODE, GObject)

GQuark      ward_qr_code_error_quark (void);

/*
 * Encodes the bytes of @text (UTF-8 passes through unchanged) with error
 * correction level M and the smallest version that fits. The text may be a
 * secret (an otpauth URI): the object keeps no copy of it, only the
 * modules, which it wipes when finalized.
 */
WardQrCode *ward_qr_code_new         (const char  *text,
                                      GError     **error);

/* Modules per side, without the quiet zone (21 for version 1, up to 177). */
guint       ward_qr_code_get_size    (WardQrCode  *self);
/* TRUE for a dark module; FALSE outside the code. */
gboolean    ward_qr_code_get_module  (WardQrCode  *self,
                                      guint        x,
                                      guint        y);

/*
 * The code drawn with "▀", "▄", "█" and " ", two module rows per line,
 * quiet zone included: size + 8 columns, (size + 9) / 2 lines, each ending
 * in '\n'.
 *
 * Convention: the glyphs' ink is a LIGHT module and a space is a DARK one,
 * as `qrencode -t UTF8` does. On the usual dark-background terminal this is
 * a normal code (light text on dark); the quiet zone is drawn in ink so the
 * code stands out from the dark surroundings. On a light-background
 * terminal the same string shows an inverted code (dark ink as light
 * modules), which current phone scanners read but some older ones do not.
 * The last line's lower half, below the quiet zone, is left as background.
 */
char       *ward_qr_code_to_terminal (WardQrCode  *self);

/*
 * Writes an 8-bit greyscale PNG, dark modules black on white, each module
 * @module_px pixels square (1..32), quiet zone included. The file is
 * replaced atomically and made readable by its owner only, since the
 * image is as secret as the text.
 */
gboolean    ward_qr_code_save_png    (WardQrCode  *self,
                                      const char  *path,
                                      guint        module_px,
                                      GError     **error);

G_END_DECLS
