/* test-badge-wedge.c: table-driven tests of the keyboard-wedge burst decoder */
#include "auth/ward-badge-wedge.h"

#include <string.h>

#define MS G_TIME_SPAN_MILLISECOND
#define FAST (10 * MS)
#define HUMAN (150 * MS)

/*
 * One scripted typing session. In @keys, '\r' is Return and '^' stands for a
 * key that produces no character (the Shift a reader presses for "A"). Every
 * key follows the one before by @gap_us, except the key at index @pause_at
 * (when @pause_us is non-zero), which follows by @pause_us.
 */
typedef struct
{
  const char *name;
  guint       max_gap_ms;   /* 0: the default */
  guint       min_length;   /* 0: the default */
  const char *keys;
  gint64      gap_us;
  guint       pause_at;
  gint64      pause_us;
  const char *results;      /* per key: C consumed, I ignored, U uid */
  const char *uids;         /* UIDs returned, comma separated */
  const char *replayed;     /* everything take_discarded() gave back */
} WedgeCase;

static const WedgeCase cases[] = {
  { "fast-burst", 0, 0, "04a1b2c3\r", FAST, 0, 0,
    "CCCCCCCCU", "04A1B2C3", "" },
  { "lower-case-normalised", 0, 0, "deadbeef\r", FAST, 0, 0,
    "CCCCCCCCU", "DEADBEEF", "" },
  { "decimal-reader", 0, 0, "0012345678\r", FAST, 0, 0,
    "CCCCCCCCCCU", "0012345678", "" },
  { "human-typing", 0, 0, "1234\r", HUMAN, 0, 0,
    "CCCCI", "", "1234" },
  { "pause-before-return", 0, 0, "12345678\r", FAST, 8, 200 * MS,
    "CCCCCCCCI", "", "12345678" },
  { "pause-mid-burst", 0, 0, "12345\r", FAST, 2, 200 * MS,
    "CCCCCI", "", "12345" },
  { "non-hex-mid-burst", 0, 0, "12G45678\r", FAST, 0, 0,
    "CCIIIIIII", "", "12" },
  { "too-short", 0, 0, "123\r", FAST, 0, 0,
    "CCCI", "", "123" },
  { "return-alone", 0, 0, "\r", FAST, 0, 0,
    "I", "", "" },
  { "newline-as-return", 0, 0, "ABCD\n", FAST, 0, 0,
    "CCCCU", "ABCD", "" },
  { "back-to-back", 0, 0, "1234ABCD\r5678ef01\r", FAST, 0, 0,
    "CCCCCCCCUCCCCCCCCU", "1234ABCD,5678EF01", "" },
  { "gap-equal-to-max", 0, 0, "ABCD\r", 50 * MS, 0, 0,
    "CCCCU", "ABCD", "" },
  { "gap-max-plus-1ms", 0, 0, "ABCD\r", 51 * MS, 0, 0,
    "CCCCI", "", "ABCD" },
  { "gap-max-plus-1us", 0, 0, "ABCD\r", 50 * MS + 1, 0, 0,
    "CCCCI", "", "ABCD" },
  { "default-at-50ms", 0, 0, "0123456789abcdef\r", 50 * MS, 0, 0,
    "CCCCCCCCCCCCCCCCU", "0123456789ABCDEF", "" },
  { "custom-gap-100ms", 100, 0, "CAFE1234\r", 80 * MS, 0, 0,
    "CCCCCCCCU", "CAFE1234", "" },
  { "custom-gap-refuses", 20, 0, "CAFE1234\r", 30 * MS, 0, 0,
    "CCCCCCCCI", "", "CAFE1234" },
  { "max-length", 0, 0, "0123456789ABCDEF0123456789ABCDEF\r", FAST, 0, 0,
    "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCU", "0123456789ABCDEF0123456789ABCDEF", "" },
  { "too-long", 0, 0, "0123456789ABCDEF0123456789ABCDEF0123\r", FAST, 0, 0,
    "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCIIIII", "", "0123456789ABCDEF0123456789ABCDEF" },
  { "min-length-8-short", 0, 8, "1234567\r", FAST, 0, 0,
    "CCCCCCCI", "", "1234567" },
  { "min-length-8-ok", 0, 8, "12345678\r", FAST, 0, 0,
    "CCCCCCCCU", "12345678", "" },
  { "shift-does-not-break", 0, 0, "^A^B^C^D\r", FAST, 0, 0,
    "ICICICICU", "ABCD", "" },
  { "rejected-run-ends-at-pause", 0, 0, "1x2345\r", FAST, 2, 200 * MS,
    "CICCCCU", "2345", "1" },
  { "rejected-run-ends-at-return", 0, 0, "1x\r2345\r", FAST, 0, 0,
    "CIICCCCU", "2345", "1" },
  { "word-typed", 0, 0, "note\r", HUMAN, 0, 0,
    "IIICI", "", "e" },
};

static void
run_case (gconstpointer data)
{
  const WedgeCase *c = data;
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (c->max_gap_ms);
  g_autoptr(GString) results = g_string_new (NULL);
  g_autoptr(GString) uids = g_string_new (NULL);
  g_autoptr(GString) replayed = g_string_new (NULL);
  static const char codes[] = { 'I', 'C', 'U' };
  gint64 t = 1000 * MS;

  if (c->min_length != 0)
    ward_badge_wedge_set_min_length (wedge, c->min_length);

  for (guint i = 0; c->keys[i] != '\0'; i++)
    {
      gunichar ch = c->keys[i] == '^' ? 0 : (gunichar) c->keys[i];
      g_autofree char *uid = NULL;
      g_autofree char *discarded = NULL;
      WardBadgeWedgeResult result;

      if (i > 0)
        t += (c->pause_us != 0 && i == c->pause_at) ? c->pause_us : c->gap_us;
      result = ward_badge_wedge_feed (wedge, ch, t, &uid);
      g_string_append_c (results, codes[result]);
      g_assert_true ((result == WARD_BADGE_WEDGE_UID) == (uid != NULL));
      if (uid != NULL)
        g_string_append_printf (uids, "%s%s", uids->len ? "," : "", uid);
      discarded = ward_badge_wedge_take_discarded (wedge);
      if (discarded != NULL)
        g_string_append (replayed, discarded);
    }

  /* What a caller's timer would do once typing stops. */
  ward_badge_wedge_flush (wedge, t + 1000 * MS);
  {
    g_autofree char *rest = ward_badge_wedge_take_discarded (wedge);
    if (rest != NULL)
      g_string_append (replayed, rest);
  }

  g_assert_cmpstr (results->str, ==, c->results);
  g_assert_cmpstr (uids->str, ==, c->uids);
  g_assert_cmpstr (replayed->str, ==, c->replayed);
}

static void
test_flush_expiry (void)
{
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (0);
  g_autofree char *discarded = NULL;
  gint64 t = 5000 * MS;

  g_assert_cmpint (ward_badge_wedge_get_expiry_us (wedge), ==, 0);
  g_assert_false (ward_badge_wedge_flush (wedge, t));

  g_assert_cmpint (ward_badge_wedge_feed (wedge, '7', t, NULL), ==, WARD_BADGE_WEDGE_CONSUMED);
  g_assert_cmpint (ward_badge_wedge_get_expiry_us (wedge), ==, t + 50 * MS + 1);
  g_assert_null (ward_badge_wedge_take_discarded (wedge));

  /* Still a possible burst at exactly the maximum gap. */
  g_assert_false (ward_badge_wedge_flush (wedge, t + 50 * MS));
  g_assert_null (ward_badge_wedge_take_discarded (wedge));

  g_assert_true (ward_badge_wedge_flush (wedge, ward_badge_wedge_get_expiry_us (wedge)));
  discarded = ward_badge_wedge_take_discarded (wedge);
  g_assert_cmpstr (discarded, ==, "7");
  g_assert_cmpint (ward_badge_wedge_get_expiry_us (wedge), ==, 0);
  g_assert_null (ward_badge_wedge_take_discarded (wedge));
}

static void
test_clock_backwards (void)
{
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (0);
  g_autofree char *discarded = NULL;
  char *uid = (char *) "not touched";

  ward_badge_wedge_feed (wedge, 'A', 10 * MS, NULL);
  ward_badge_wedge_feed (wedge, 'B', 20 * MS, NULL);
  /* A key "before" the last one cannot be proven fast. */
  g_assert_cmpint (ward_badge_wedge_feed (wedge, 'C', 5 * MS, NULL), ==, WARD_BADGE_WEDGE_CONSUMED);
  discarded = ward_badge_wedge_take_discarded (wedge);
  g_assert_cmpstr (discarded, ==, "AB");
  g_assert_cmpint (ward_badge_wedge_feed (wedge, '\r', 6 * MS, &uid), ==, WARD_BADGE_WEDGE_IGNORED);
  g_assert_null (uid);
}

static void
test_reset (void)
{
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (0);
  g_autofree char *uid = NULL;

  ward_badge_wedge_feed (wedge, '1', 10 * MS, NULL);
  ward_badge_wedge_feed (wedge, '2', 500 * MS, NULL);   /* "1" discarded */
  ward_badge_wedge_reset (wedge);
  g_assert_null (ward_badge_wedge_take_discarded (wedge));
  g_assert_cmpint (ward_badge_wedge_get_expiry_us (wedge), ==, 0);

  /* The "2" held before the reset is not part of the next burst. */
  ward_badge_wedge_feed (wedge, 'A', 510 * MS, NULL);
  ward_badge_wedge_feed (wedge, 'B', 520 * MS, NULL);
  ward_badge_wedge_feed (wedge, 'C', 530 * MS, NULL);
  ward_badge_wedge_feed (wedge, 'D', 540 * MS, NULL);
  g_assert_cmpint (ward_badge_wedge_feed (wedge, '\r', 550 * MS, &uid), ==, WARD_BADGE_WEDGE_UID);
  g_assert_cmpstr (uid, ==, "ABCD");
}

static void
test_properties (void)
{
  g_autoptr(WardBadgeWedge) wedge = ward_badge_wedge_new (0);

  g_assert_cmpuint (ward_badge_wedge_get_max_gap_ms (wedge), ==, WARD_BADGE_WEDGE_DEFAULT_MAX_GAP_MS);
  g_assert_cmpuint (ward_badge_wedge_get_min_length (wedge), ==, WARD_BADGE_WEDGE_DEFAULT_MIN_LENGTH);

  ward_badge_wedge_set_max_gap_ms (wedge, 80);
  ward_badge_wedge_set_min_length (wedge, 6);
  g_assert_cmpuint (ward_badge_wedge_get_max_gap_ms (wedge), ==, 80);
  g_assert_cmpuint (ward_badge_wedge_get_min_length (wedge), ==, 6);

  ward_badge_wedge_set_max_gap_ms (wedge, 30);
  g_assert_cmpuint (ward_badge_wedge_get_max_gap_ms (wedge), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/badge-wedge/table/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/badge-wedge/flush-expiry", test_flush_expiry);
  g_test_add_func ("/badge-wedge/clock-backwards", test_clock_backwards);
  g_test_add_func ("/badge-wedge/reset", test_reset);
  g_test_add_func ("/badge-wedge/properties", test_properties);

  return g_test_run ();
}
