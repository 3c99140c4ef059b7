/* test-hex.c: digests and MACs as hex text, as the audit anchor and row guards store them */
#include "config.h"

#include "data/ward-hex.h"

static void
test_lower_case_round_trip (void)
{
  static const guint8 bytes[] = { 0x00, 0x0f, 0xab, 0xff, 0x10 };
  guint8 back[sizeof bytes];
  g_autofree char *text = ward_hex_encode (bytes, sizeof bytes);

  /* The form already on disk: lower case, no separators. */
  g_assert_cmpstr (text, ==, "000fabff10");
  g_assert_true (ward_hex_decode (text, back, sizeof back));
  g_assert_cmpmem (back, sizeof back, bytes, sizeof bytes);
  g_assert_true (ward_hex_decode ("000FABFF10", back, sizeof back));
  g_assert_cmpmem (back, sizeof back, bytes, sizeof bytes);
}

static void
test_empty (void)
{
  g_autofree char *text = ward_hex_encode (NULL, 0);

  g_assert_cmpstr (text, ==, "");
}

static void
test_refuses_what_is_not_exactly_hex (void)
{
  guint8 out[3];

  g_assert_false (ward_hex_decode (NULL, out, sizeof out));
  g_assert_false (ward_hex_decode ("ab01f", out, sizeof out));      /* odd */
  g_assert_false (ward_hex_decode ("ab01", out, sizeof out));       /* short */
  g_assert_false (ward_hex_decode ("ab01ff00", out, sizeof out));   /* long */
  g_assert_false (ward_hex_decode ("ab01fg", out, sizeof out));     /* not a digit */
  g_assert_false (ward_hex_decode ("ab:1ff", out, sizeof out));     /* separator */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hex/lower-case-round-trip", test_lower_case_round_trip);
  g_test_add_func ("/hex/empty", test_empty);
  g_test_add_func ("/hex/refuses-what-is-not-exactly-hex", test_refuses_what_is_not_exactly_hex);
  return g_test_run ();
}
