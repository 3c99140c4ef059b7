/* ward-qr-code.c: a QR code from libqrencode as a plain module matrix, with terminal and PNG renderings */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <png.h>
#include <qrencode.h>

#include "auth/ward-qr-code.h"

#define QZ WARD_QR_CODE_QUIET_ZONE

/* The largest PNG module: version 40 with its quiet zone is then 5920 px
 * square (35 MB of pixels while encoding), far beyond what a screen or a
 * printed enrolment sheet needs. */
#define MAX_MODULE_PX 32

#define LIGHT_PX 0xff
#define DARK_PX  0x00

struct _WardQrCode
{
  GObject  parent_instance;
  guint    size;
  guint8  *modules;  /* size × size, row-major, 1 = dark */
};

G_DEFINE_FINAL_TYPE (WardQrCode, ward_qr_code, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-qr-code-error-quark, ward_qr_code_error)

static void
ward_qr_code_finalize (GObject *object)
{
  WardQrCode *self = WARD_QR_CODE (object);

  /* The modules decode back to the text, which may hold a TOTP secret. */
  if (self->modules != NULL)
    OPENSSL_cleanse (self->modules, (gsize) self->size * self->size);
  g_free (self->modules);
  G_OBJECT_CLASS (ward_qr_code_parent_class)->finalize (object);
}

static void
ward_qr_code_class_init (WardQrCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_qr_code_finalize;
}

static void
ward_qr_code_init (WardQrCode *self G_GNUC_UNUSED)
{
}

static void
set_encode_error (int      saved_errno,
                  GError **error)
{
  /* libqrencode reports "does not fit even in version 40" as ERANGE. */
  if (saved_errno == ERANGE)
    g_set_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_TOO_LONG,
                 _("The text is too long to fit in a QR code."));
  else
    g_set_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_FAILED,
                 _("The QR code could not be made (%s)."), g_strerror (saved_errno));
}

WardQrCode *
ward_qr_code_new (const char  *text,
                  GError     **error)
{
  g_autoptr(WardQrCode) self = NULL;
  QRcode *qr;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      g_set_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_INVALID,
                   _("There is nothing to put in the QR code."));
      return NULL;
    }

  /* Version 0 picks the smallest that fits. The QR_MODE_8 hint turns off
   * Shift-JIS Kanji detection, so UTF-8 bytes are stored as they are; runs
   * of digits or capitals may still use the denser modes. Case-sensitive,
   * or lowercase would be folded into alphanumeric mode. */
  errno = 0;
  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    {
      set_encode_error (errno, error);
      return NULL;
    }

  self = g_object_new (WARD_TYPE_QR_CODE, NULL);
  self->size = (guint) qr->width;
  n = (gsize) self->size * self->size;
  self->modules = g_malloc (n);
  /* Bit 0 is dark/light; the other bits describe the module's role. */
  for (gsize i = 0; i < n; i++)
    self->modules[i] = qr->data[i] & 1;

  OPENSSL_cleanse (qr->data, n);
  QRcode_free (qr);
  return g_steal_pointer (&self);
}

guint
ward_qr_code_get_size (WardQrCode *self)
{
  g_return_val_if_fail (WARD_IS_QR_CODE (self), 0);

  return self->size;
}

gboolean
ward_qr_code_get_module (WardQrCode *self,
                         guint       x,
                         guint       y)
{
  g_return_val_if_fail (WARD_IS_QR_CODE (self), FALSE);

  if (x >= self->size || y >= self->size)
    return FALSE;
  return self->modules[(gsize) y * self->size + x] != 0;
}

/* Coordinates include the quiet zone, so they start QZ modules before the
 * code; the quiet zone itself reads as light. */
static gboolean
is_dark_padded (WardQrCode *self,
                guint       x,
                guint       y)
{
  if (x < QZ || y < QZ)
    return FALSE;
  return ward_qr_code_get_module (self, x - QZ, y - QZ);
}

/* Ink marks a light module, a space a dark one (see the header). */
static const char *
half_block (gboolean upper_ink,
            gboolean lower_ink)
{
  if (upper_ink && lower_ink)
    return "█";
  if (upper_ink)
    return "▀";
  if (lower_ink)
    return "▄";
  return " ";
}

char *
ward_qr_code_to_terminal (WardQrCode *self)
{
  GString *out;
  guint side;

  g_return_val_if_fail (WARD_IS_QR_CODE (self), NULL);

  side = self->size + 2 * QZ;
  /* Up to 3 bytes per glyph plus a newline per line. */
  out = g_string_sized_new ((gsize) (side * 3 + 1) * ((side + 1) / 2));

  for (guint y = 0; y < side; y += 2)
    {
      for (guint x = 0; x < side; x++)
        {
          gboolean upper_ink = !is_dark_padded (self, x, y);
          /* Below the image is the terminal's own background: no ink. */
          gboolean lower_ink = y + 1 < side && !is_dark_padded (self, x, y + 1);

          g_string_append (out, half_block (upper_ink, lower_ink));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static guint8 *
render_pixels (WardQrCode *self,
               guint       module_px,
               guint      *dim_out)
{
  guint side = self->size + 2 * QZ;
  guint dim = side * module_px;
  guint8 *pixels = g_malloc ((gsize) dim * dim);

  for (guint py = 0; py < dim; py++)
    {
      guint8 *row = pixels + (gsize) py * dim;

      for (guint px = 0; px < dim; px++)
        row[px] = is_dark_padded (self, px / module_px, py / module_px) ? DARK_PX : LIGHT_PX;
    }
  *dim_out = dim;
  return pixels;
}

/* libpng's simplified API: no setjmp, errors land in image->message. The
 * first call only measures, so the PNG is built in one exact buffer. */
static guint8 *
encode_png (const guint8  *pixels,
            guint          dim,
            gsize         *len_out,
            GError       **error)
{
  png_image image = { .version = PNG_IMAGE_VERSION, .width = dim, .height = dim,
                      .format = PNG_FORMAT_GRAY };
  png_alloc_size_t len = 0;
  guint8 *png = NULL;

  if (png_image_write_get_memory_size (image, len, 0, pixels, 0, NULL))
    {
      png = g_malloc (len);
      if (!png_image_write_to_memory (&image, png, &len, 0, pixels, 0, NULL))
        g_clear_pointer (&png, g_free);
    }
  if (png == NULL)
    {
      g_set_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_FAILED,
                   _("The QR code image could not be made (%s)."), image.message);
      png_image_free (&image);
      return NULL;
    }
  *len_out = len;
  return png;
}

gboolean
ward_qr_code_save_png (WardQrCode  *self,
                       const char  *path,
                       guint        module_px,
                       GError     **error)
{
  guint8 *pixels;
  guint8 *png;
  guint dim = 0;
  gsize len = 0;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_QR_CODE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (module_px < 1 || module_px > MAX_MODULE_PX)
    {
      g_set_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_INVALID,
                   _("The QR code image size is out of range."));
      return FALSE;
    }

  pixels = render_pixels (self, module_px, &dim);
  png = encode_png (pixels, dim, &len, error);
  OPENSSL_cleanse (pixels, (gsize) dim * dim);
  g_free (pixels);
  if (png == NULL)
    return FALSE;

  /* Owner-only: the image is as secret as the text it encodes. */
  ok = g_file_set_contents_full (path, (const char *) png, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  OPENSSL_cleanse (png, len);
  g_free (png);
  return ok;
}
