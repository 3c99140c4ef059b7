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
  const char *uids;         /* UIDs returned, comma separated; NULL: none */
  const char *replayed;     /* everything take_discarded() gave back; NULL: nothing */
} WedgeCase;

/* The cases name only what differs from a plain burst: a field left out
 * is the default (0), or nothing returned (NULL). */
static const WedgeCase cases[] = {
  { "fast-burst", .keys = "04a1b2c3\r", .gap_us = FAST,
    .results = "CCCCCCCCU", .uids = "04A1B2C3" },
  { "lower-case-normalised", .keys = "deadbeef\r", .gap_us = FAST,
    .results = "CCCCCCCCU", .uids = "DEADBEEF" },
  { "decimal-reader", .keys = "0012345678\r", .gap_us = FAST,
    .results = "CCCCCCCCCCU", .uids = "0012345678" },
  { "human-typing", .keys = "1234\r", .gap_us = HUMAN,
    .results = "CCCCI", .replayed = "1234" },
  { "pause-before-return", .keys = "12345678\r", .gap_us = FAST, .pause_at = 8, .pause_us = 200 * MS,
    .results = "CCCCCCCCI", .replayed = "12345678" },
  { "pause-mid-burst", .keys = "12345\r", .gap_us = FAST, .pause_at = 2, .pause_us = 200 * MS,
    .results = "CCCCCI", .replayed = "12345" },
  { "non-hex-mid-burst", .keys = "12G45678\r", .gap_us = FAST,
    .results = "CCIIIIIII", .replayed = "12" },
  { "too-short", .keys = "123\r", .gap_us = FAST,
    .results = "CCCI", .replayed = "123" },
  { "return-alone", .keys = "\r", .gap_us = FAST,
    .results = "I" },
  { "newline-as-return", .keys = "ABCD\n", .gap_us = FAST,
    .results = "CCCCU", .uids = "ABCD" },
  { "back-to-back", .keys = "1234ABCD\r5678ef01\r", .gap_us = FAST,
    .results = "CCCCCCCCUCCCCCCCCU", .uids = "1234ABCD,5678EF01" },
  { "gap-equal-to-max", .keys = "ABCD\r", .gap_us = 50 * MS,
    .results = "CCCCU", .uids = "ABCD" },
  { "gap-max-plus-1ms", .keys = "ABCD\r", .gap_us = 51 * MS,
    .results = "CCCCI", .replayed = "ABCD" },
  { "gap-max-plus-1us", .keys = "ABCD\r", .gap_us = 50 * MS + 1,
    .results = "CCCCI", .replayed = "ABCD" },
  { "default-at-50ms", .keys = "0123456789abcdef\r", .gap_us = 50 * MS,
    .results = "CCCCCCCCCCCCCCCCU", .uids = "0123456789ABCDEF" },
  { "custom-gap-100ms", .keys = "CAFE1234\r", .gap_us = 80 * MS, .max_gap_ms = 100,
    .results = "CCCCCCCCU", .uids = "CAFE1234" },
  { "custom-gap-refuses", .keys = "CAFE1234\r", .gap_us = 30 * MS, .max_gap_ms = 20,
    .results = "CCCCCCCCI", .replayed = "CAFE1234" },
  { "max-length", .keys = "0123456789ABCDEF0123456789ABCDEF\r", .gap_us = FAST,
    .results = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCU", .uids = "0123456789ABCDEF0123456789ABCDEF" },
  { "too-long", .keys = "0123456789ABCDEF0123456789ABCDEF0123\r", .gap_us = FAST,
    .results = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCIIIII", .replayed = "0123456789ABCDEF0123456789ABCDEF" },
  { "min-length-8-short", .keys = "1234567\r", .gap_us = FAST, .min_length = 8,
    .results = "CCCCCCCI", .replayed = "1234567" },
  { "min-length-8-ok", .keys = "12345678\r", .gap_us = FAST, .min_length = 8,
    .results = "CCCCCCCCU", .uids = "12345678" },
  { "shift-does-not-break", .keys = "^A^B^C^D\r", .gap_us = FAST,
    .results = "ICICICICU", .uids = "ABCD" },
  { "rejected-run-ends-at-pause", .keys = "1x2345\r", .gap_us = FAST, .pause_at = 2, .pause_us = 200 * MS,
    .results = "CICCCCU", .uids = "2345", .replayed = "1" },
  { "rejected-run-ends-at-return", .keys = "1x\r2345\r", .gap_us = FAST,
    .results = "CIICCCCU", .uids = "2345", .replayed = "1" },
  { "word-typed", .keys = "note\r", .gap_us = HUMAN,
    .results = "IIICI", .replayed = "e" },
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
  g_assert_cmpstr (uids->str, ==, c->uids != NULL ? c->uids : "");
  g_assert_cmpstr (replayed->str, ==, c->replayed != NULL ? c->replayed : "");
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
