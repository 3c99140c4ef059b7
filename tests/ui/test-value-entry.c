/* test-value-entry.c: what a typed device value is read as, in English and German */
#include "config.h"

#include <locale.h>

#include "ui/devices/ward-value-entry.h"

typedef struct
{
  const char *text;
  gboolean    accepted;
  double      value;
} Case;

static void
check (const Case *cases,
       gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      double value = -1;
      gboolean accepted = ward_value_entry_parse (cases[i].text, &value);

      if (accepted != cases[i].accepted || (accepted && value != cases[i].value))
        g_error ("“%s” read as %s %g (expected %s %g)", cases[i].text, accepted ? "accepted" : "refused",
                 value, cases[i].accepted ? "accepted" : "refused", cases[i].value);
    }
}

/* Neither grouping nor exponents nor hexadecimal: a doubtful value is
 * refused, because a misread rate can be tenfold. */
static const Case common[] = {
  { "12", TRUE, 12 }, { " 12 ", TRUE, 12 }, { "", FALSE, 0 }, { ".", FALSE, 0 }, { "1.2.3", FALSE, 0 },
  { "1e2", FALSE, 0 }, { "0x10", FALSE, 0 }, { "nan", FALSE, 0 }, { "inf", FALSE, 0 },
  { "-5", FALSE, 0 }, { "+5", FALSE, 0 }, { "1 000", FALSE, 0 },
};

static void
test_english (void)
{
  g_assert_nonnull (setlocale (LC_NUMERIC, "C.UTF-8"));
  check (common, G_N_ELEMENTS (common));
  check ((Case[]) { { "0.5", TRUE, 0.5 }, { "12.5", TRUE, 12.5 }, { ".5", TRUE, 0.5 },
                    { "1,5", FALSE, 0 }, { "1,000", FALSE, 0 } }, 5);
}

static void
test_german (void)
{
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    g_error ("The de_DE.UTF-8 locale is needed (Debian: locales; .ci/install-deps generates it)");
  check (common, G_N_ELEMENTS (common));
  /* The German decimal comma is understood; a dot could be German grouping
   * ("1.000" = one thousand) or an English decimal point: refused. */
  check ((Case[]) { { "1,5", TRUE, 1.5 }, { "0,5", TRUE, 0.5 }, { "12", TRUE, 12 },
                    { "1.000", FALSE, 0 }, { "0.5", FALSE, 0 }, { "1,5,0", FALSE, 0 } }, 6);
  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/value-entry/english", test_english);
  g_test_add_func ("/ui/value-entry/german", test_german);

  return g_test_run ();
}
