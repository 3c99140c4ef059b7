/* test-qr-code.c: QR codes checked module by module and decoded back by zbarimg from PNG and terminal renderings */
#include <string.h>

#include <glib/gstdio.h>

#include "auth/ward-qr-code.h"

#define URI "otpauth://totp/H%C3%B4pital%20Nord:nurse.dupont" \
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" \
            "&issuer=H%C3%B4pital%20Nord&algorithm=SHA1&digits=6&period=30"

#define QZ WARD_QR_CODE_QUIET_ZONE

/* Pixels per module when a terminal rendering is turned into an image, and
 * the terminal background shown around it. */
#define TERM_PX     4
#define TERM_MARGIN 3

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("wardgate-qr-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static WardQrCode *
new_code (const char *text)
{
  g_autoptr(GError) error = NULL;
  WardQrCode *code = ward_qr_code_new (text, &error);

  g_assert_no_error (error);
  g_assert_true (WARD_IS_QR_CODE (code));
  return code;
}

/* Returns what zbarimg read, or NULL if it found no code. A missing zbarimg
 * fails the test: CI installs zbar-tools, and a skip would hide a gap. */
static char *
zbar_decode (const char *path,
             const char *option)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  /* zbarimg applies an option to the images after it. */
  const char *argv[] = { zbarimg, "--nodbus", "-q", "--raw",
                         option != NULL ? option : path, option != NULL ? path : NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (zbarimg == NULL)
    {
      g_test_fail_printf ("zbarimg is not installed (Debian: apt-get install zbar-tools); "
                          "QR codes cannot be decoded to check them");
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  /* --raw still ends each symbol with a newline. */
  if (g_str_has_suffix (out, "\n"))
    out[strlen (out) - 1] = '\0';
  return g_steal_pointer (&out);
}

static void
check_png_decodes (Fixture    *fixture,
                   const char *text)
{
  g_autoptr(WardQrCode) code = new_code (text);
  g_autofree char *path = g_build_filename (fixture->dir, "code.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = NULL;
  GStatBuf st;

  g_assert_true (ward_qr_code_save_png (code, path, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  decoded = zbar_decode (path, NULL);
  if (g_test_failed ())
    return;
  g_assert_cmpstr (decoded, ==, text);
}

static void
test_png_uri (Fixture       *fixture,
              gconstpointer  data G_GNUC_UNUSED)
{
  check_png_decodes (fixture, URI);
}

static void
test_png_utf8 (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  check_png_decodes (fixture, "Hôpital Nord — unité 3");
}

static void
test_png_size (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(WardQrCode) code = new_code (URI);
  g_autofree char *path = g_build_filename (fixture->dir, "size.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint side = ward_qr_code_get_size (code) + 2 * QZ;
  const guint8 *ihdr;

  g_assert_true (ward_qr_code_save_png (code, path, 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);

  /* Signature, then IHDR: width, height, bit depth 8, colour type 0 (grey). */
  g_assert_cmpuint (len, >, 33);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  ihdr = (const guint8 *) contents + 16;
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) ihdr), ==, side * 3);
  g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (ihdr + 4)), ==, side * 3);
  g_assert_cmpuint (ihdr[8], ==, 8);
  g_assert_cmpuint (ihdr[9], ==, 0);

  g_assert_false (ward_qr_code_save_png (code, path, 0, &error));
  g_assert_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_INVALID);
}

static void
test_modules (void)
{
  g_autoptr(WardQrCode) small = new_code ("WARDGATE");
  g_autoptr(WardQrCode) uri = new_code (URI);
  guint size = ward_qr_code_get_size (small);
  guint uri_size = ward_qr_code_get_size (uri);

  g_assert_cmpuint (size, ==, 21);
  /* Every version is 4 × version + 17 modules. */
  g_assert_cmpuint ((uri_size - 17) % 4, ==, 0);
  g_assert_cmpuint (uri_size, >, 21);

  /* The top-left finder pattern: a dark ring, a light ring, a dark core,
   * and the light separator just outside it. */
  g_assert_true (ward_qr_code_get_module (small, 0, 0));
  g_assert_true (ward_qr_code_get_module (small, 6, 6));
  g_assert_false (ward_qr_code_get_module (small, 1, 1));
  g_assert_true (ward_qr_code_get_module (small, 3, 3));
  g_assert_false (ward_qr_code_get_module (small, 7, 7));
  /* The top-right and bottom-left finders. */
  g_assert_true (ward_qr_code_get_module (small, size - 1, 0));
  g_assert_true (ward_qr_code_get_module (small, 0, size - 1));
  /* Outside the code. */
  g_assert_false (ward_qr_code_get_module (small, size, 0));
  g_assert_false (ward_qr_code_get_module (small, 0, G_MAXUINT));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (3000, 'a');

  g_assert_null (ward_qr_code_new ("", &error));
  g_assert_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_INVALID);
  g_clear_error (&error);

  /* Version 40-M holds 2331 bytes in 8-bit mode. */
  g_assert_null (ward_qr_code_new (huge, &error));
  g_assert_error (error, WARD_QR_CODE_ERROR, WARD_QR_CODE_ERROR_TOO_LONG);
}

/* Reads the terminal string back into "ink" (light) per module, checking
 * the shape on the way: side columns, (side + 1) / 2 lines. */
static gboolean *
parse_terminal (const char *text,
                guint       side)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean *ink = g_new0 (gboolean, (gsize) side * (side + 1));
  guint n_lines = (side + 1) / 2;

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_cmpuint (g_strv_length (lines), ==, n_lines + 1);
  g_assert_cmpstr (lines[n_lines], ==, "");

  for (guint l = 0; l < n_lines; l++)
    {
      const char *p = lines[l];

      g_assert_cmpuint (g_utf8_strlen (p, -1), ==, side);
      for (guint x = 0; x < side; x++, p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_assert_true (c == ' ' || c == 0x2580 || c == 0x2584 || c == 0x2588);
          ink[(2 * l) * side + x] = c == 0x2580 || c == 0x2588;      /* ▀ █ */
          ink[(2 * l + 1) * side + x] = c == 0x2584 || c == 0x2588;  /* ▄ █ */
        }
    }
  return ink;
}

static void
test_terminal_shape (void)
{
  g_autoptr(WardQrCode) code = new_code (URI);
  guint size = ward_qr_code_get_size (code);
  guint side = size + 2 * QZ;
  g_autofree char *text = ward_qr_code_to_terminal (code);
  g_autofree gboolean *ink = parse_terminal (text, side);

  /* QR sizes are odd, so the last line's lower half is below the image. */
  g_assert_cmpuint (side % 2, ==, 1);
  for (guint x = 0; x < side; x++)
    g_assert_false (ink[side * side + x]);

  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        gboolean in_zone = x < QZ || y < QZ || x >= size + QZ || y >= size + QZ;
        gboolean dark = !in_zone && ward_qr_code_get_module (code, x - QZ, y - QZ);

        /* Ink is light: the quiet zone is all ink, dark modules are spaces. */
        g_assert_cmpint (ink[y * side + x], ==, !dark);
      }
}

/* Paints the terminal grid as a terminal would, ink and background in the
 * given grey levels, with some background around it, as a binary PGM. */
static char *
write_terminal_image (Fixture    *fixture,
                      const char *name,
                      const char *text,
                      guint       side,
                      guint8      ink_grey,
                      guint8      background_grey)
{
  g_autofree gboolean *ink = parse_terminal (text, side);
  guint dim = (side + 2 * TERM_MARGIN) * TERM_PX;
  g_autofree char *header = g_strdup_printf ("P5\n%u %u\n255\n", dim, dim);
  gsize header_len = strlen (header);
  g_autofree guint8 *image = g_malloc (header_len + (gsize) dim * dim);
  guint8 *pixels = image + header_len;
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  memcpy (image, header, header_len);
  for (guint py = 0; py < dim; py++)
    for (guint px = 0; px < dim; px++)
      {
        int mx = (int) (px / TERM_PX) - TERM_MARGIN;
        int my = (int) (py / TERM_PX) - TERM_MARGIN;
        gboolean inked = mx >= 0 && my >= 0 && mx < (int) side && my < (int) side &&
                         ink[my * side + mx];

        pixels[(gsize) py * dim + px] = inked ? ink_grey : background_grey;
      }

  g_file_set_contents (path, (const char *) image, (gssize) (header_len + (gsize) dim * dim),
                       &error);
  g_assert_no_error (error);
  return path;
}

static void
test_terminal_decodes (Fixture       *fixture,
                       gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(WardQrCode) code = new_code (URI);
  guint side = ward_qr_code_get_size (code) + 2 * QZ;
  g_autofree char *text = ward_qr_code_to_terminal (code);
  g_autofree char *dark_term = NULL;
  g_autofree char *light_term = NULL;
  g_autofree char *decoded = NULL;

  /* White text on black: the terminal the convention is made for. */
  dark_term = write_terminal_image (fixture, "dark.pgm", text, side, 0xe0, 0x10);
  decoded = zbar_decode (dark_term, NULL);
  if (g_test_failed ())
    return;
  g_assert_cmpstr (decoded, ==, URI);
  g_clear_pointer (&decoded, g_free);

  /* Black text on white shows the code inverted: a scanner that tries
   * inverted codes (zbar's test-inverted) still reads it. */
  light_term = write_terminal_image (fixture, "light.pgm", text, side, 0x10, 0xf0);
  decoded = zbar_decode (light_term, "-Stest-inverted");
  g_assert_cmpstr (decoded, ==, URI);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr-code/modules", test_modules);
  g_test_add_func ("/qr-code/errors", test_errors);
  g_test_add_func ("/qr-code/terminal/shape", test_terminal_shape);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/qr-code/terminal/decodes", test_terminal_decodes);
  ADD ("/qr-code/png/uri", test_png_uri);
  ADD ("/qr-code/png/utf8", test_png_utf8);
  ADD ("/qr-code/png/size", test_png_size);
#undef ADD

  return g_test_run ();
}
