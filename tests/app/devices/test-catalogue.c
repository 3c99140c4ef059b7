/* test-catalogue.c: the shipped device catalogue, its limits table by table, and malformed files refused */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "app/devices/ward-catalogue.h"

static WardCatalogue *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  WardCatalogue *catalogue = ward_catalogue_load (WARD_TEST_CATALOGUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

static void
assert_parameters (WardCatalogue     *catalogue,
                   const char        *class_id,
                   const char *const *ids)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (catalogue, class_id);

  g_assert_nonnull (kind);
  g_assert_cmpuint (kind->parameters->len, ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const WardParameterSpec *param = ward_catalogue_get_parameter (catalogue, class_id, ids[i]);

      g_assert_nonnull (param);
      g_assert_cmpstr (ward_parameter_spec_get_label (param), !=, "");
      g_assert_cmpfloat (param->step, >, 0);
      g_assert_cmpfloat (param->limits.hard_min, <=, param->limits.soft_min);
      g_assert_cmpfloat (param->limits.soft_min, <=, param->limits.soft_max);
      g_assert_cmpfloat (param->limits.soft_max, <=, param->limits.hard_max);
      g_assert_true (g_str_equal (param->permission, "device.adjust")
                     || g_str_equal (param->permission, "device.configure"));
    }
}

/* The ids are the device link's names: the simulator and gateway use them. */
static void
test_shipped (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();
  const char *pump[] = { "rate_ml_h", "vtbi_ml", "bolus_ml", NULL };
  const char *ventilator[] = { "fio2_percent", "peep_cmh2o", "tidal_volume_ml", "resp_rate_bpm",
                               "alarm_pressure_high_cmh2o", NULL };
  const char *monitor[] = { "hr_low", "hr_high", "spo2_low", "sbp_low", "sbp_high", "alarm_volume",
                            "alarm_pause_s", NULL };
  const char *drugs[] = { "heparin", "insulin", "morphine", "noradrenaline", "saline" };

  g_assert_cmpuint (ward_catalogue_get_kinds (catalogue)->len, ==, 3);
  assert_parameters (catalogue, "infusion-pump", pump);
  assert_parameters (catalogue, "ventilator", ventilator);
  assert_parameters (catalogue, "patient-monitor", monitor);
  for (guint i = 0; i < G_N_ELEMENTS (drugs); i++)
    g_assert_nonnull (ward_catalogue_get_drug (catalogue, "infusion-pump", drugs[i]));
  g_assert_cmpstr (ward_device_kind_get_label (ward_catalogue_get_kind (catalogue, "ventilator")), ==, "Ventilator");
  g_assert_cmpfloat (ward_catalogue_get_parameter (catalogue, "patient-monitor", "alarm_pause_s")->limits.hard_max,
                     ==, 120);
  g_assert_cmpfloat (ward_catalogue_get_parameter (catalogue, "patient-monitor", "alarm_volume")->limits.hard_max,
                     ==, 10);
  g_assert_null (ward_catalogue_get_kind (catalogue, "toaster"));
}

typedef struct
{
  const char      *class_id;
  const char      *parameter;
  const char      *drug;
  double           value;
  WardLimitResult  expected;
  gboolean         by_dose;
} LimitRow;

/* The shipped catalogue: infusions, whose limits may depend on the drug... */
static const LimitRow shipped_pump_rows[] = {
  /* A basic infusion: the parameter's own limits. */
  { "infusion-pump", "rate_ml_h", NULL, 0.05, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", NULL, 0.1, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", NULL, 1, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "", 125, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", NULL, 500, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", NULL, 500.1, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", NULL, 999, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", NULL, 999.1, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", NULL, 1.05, WARD_LIMIT_OFF_STEP },
  { "infusion-pump", "rate_ml_h", NULL, 0.3, WARD_LIMIT_SOFT },
  { "infusion-pump", "vtbi_ml", NULL, 500, WARD_LIMIT_OK },
  { "infusion-pump", "vtbi_ml", NULL, 5000, WARD_LIMIT_SOFT },
  { "infusion-pump", "vtbi_ml", NULL, 10000, WARD_LIMIT_HARD },
  { "infusion-pump", "vtbi_ml", NULL, 250.5, WARD_LIMIT_OFF_STEP },
  { "infusion-pump", "bolus_ml", NULL, 25, WARD_LIMIT_SOFT },
  /* Per drug: heparin 100 units/mL. */
  { "infusion-pump", "rate_ml_h", "heparin", 10, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "heparin", 3, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "heparin", 22, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "heparin", 26, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", "heparin", 100, WARD_LIMIT_HARD },
  { "infusion-pump", "bolus_ml", "heparin", 50, WARD_LIMIT_OK },
  { "infusion-pump", "bolus_ml", "heparin", 60, WARD_LIMIT_SOFT },
  { "infusion-pump", "bolus_ml", "heparin", 81, WARD_LIMIT_HARD },
  { "infusion-pump", "vtbi_ml", "heparin", 250, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "insulin", 5, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "insulin", 20, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "insulin", 26, WARD_LIMIT_HARD },
  { "infusion-pump", "bolus_ml", "insulin", 11, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", "morphine", 2, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "morphine", 6, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "morphine", 11, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", "noradrenaline", 10, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "noradrenaline", 30, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "noradrenaline", 46, WARD_LIMIT_HARD },
  { "infusion-pump", "bolus_ml", "noradrenaline", 1, WARD_LIMIT_HARD },
  { "infusion-pump", "rate_ml_h", "saline", 100, WARD_LIMIT_OK },
  { "infusion-pump", "rate_ml_h", "saline", 300, WARD_LIMIT_SOFT },
  { "infusion-pump", "rate_ml_h", "saline", 1000, WARD_LIMIT_HARD },
  { "infusion-pump", "bolus_ml", "saline", 500, WARD_LIMIT_OK },
  { "infusion-pump", "bolus_ml", "saline", 600, WARD_LIMIT_SOFT },
  /* A drug outside the library: nothing safe to check against. */
  { "infusion-pump", "rate_ml_h", "vancomycin", 10, WARD_LIMIT_UNKNOWN },
  { "infusion-pump", "vtbi_ml", "vancomycin", 100, WARD_LIMIT_OK },
};

/* ...and the other device classes, which have no drug. */
static const LimitRow shipped_other_rows[] = {
  { "ventilator", "fio2_percent", NULL, 21, WARD_LIMIT_OK },
  { "ventilator", "fio2_percent", NULL, 20, WARD_LIMIT_HARD },
  { "ventilator", "fio2_percent", NULL, 85, WARD_LIMIT_SOFT },
  { "ventilator", "fio2_percent", NULL, 101, WARD_LIMIT_HARD },
  { "ventilator", "fio2_percent", NULL, 40.5, WARD_LIMIT_OFF_STEP },
  { "ventilator", "peep_cmh2o", NULL, 4, WARD_LIMIT_SOFT },
  { "ventilator", "peep_cmh2o", NULL, 21, WARD_LIMIT_HARD },
  { "ventilator", "tidal_volume_ml", NULL, 450, WARD_LIMIT_OK },
  { "ventilator", "tidal_volume_ml", NULL, 455, WARD_LIMIT_OFF_STEP },
  { "ventilator", "tidal_volume_ml", NULL, 650, WARD_LIMIT_SOFT },
  { "ventilator", "tidal_volume_ml", NULL, 850, WARD_LIMIT_HARD },
  { "ventilator", "resp_rate_bpm", NULL, 12, WARD_LIMIT_OK },
  { "ventilator", "resp_rate_bpm", NULL, 5, WARD_LIMIT_HARD },
  { "ventilator", "alarm_pressure_high_cmh2o", NULL, 45, WARD_LIMIT_SOFT },
  { "patient-monitor", "alarm_pause_s", NULL, 45, WARD_LIMIT_OK },
  { "patient-monitor", "alarm_pause_s", NULL, 120, WARD_LIMIT_SOFT },
  { "patient-monitor", "alarm_pause_s", NULL, 135, WARD_LIMIT_HARD },
  { "patient-monitor", "alarm_pause_s", NULL, 50, WARD_LIMIT_OFF_STEP },
  { "patient-monitor", "alarm_volume", NULL, 0, WARD_LIMIT_HARD },     /* never silent */
  { "patient-monitor", "alarm_volume", NULL, 1, WARD_LIMIT_SOFT },
  { "patient-monitor", "alarm_volume", NULL, 11, WARD_LIMIT_HARD },
  { "patient-monitor", "spo2_low", NULL, 85, WARD_LIMIT_SOFT },
  { "patient-monitor", "hr_high", NULL, 210, WARD_LIMIT_HARD },
  { "patient-monitor", "sbp_low", NULL, 90, WARD_LIMIT_OK },
  { "patient-monitor", "no_such_setting", NULL, 1, WARD_LIMIT_UNKNOWN },
  { "toaster", "rate_ml_h", NULL, 1, WARD_LIMIT_UNKNOWN },
};

/* Rate limits wide open: the dose decides, per hour and per minute. */
static const LimitRow dose_rows[] = {
  { "pump", "rate_ml_h", "hep", 10, WARD_LIMIT_OK, FALSE },
  { "pump", "rate_ml_h", "hep", 25, WARD_LIMIT_SOFT, TRUE },
  { "pump", "rate_ml_h", "hep", 31, WARD_LIMIT_HARD, TRUE },
  { "pump", "rate_ml_h", "hep", 0.5, WARD_LIMIT_HARD, TRUE },
  { "pump", "rate_ml_h", "nor", 20, WARD_LIMIT_OK, FALSE },
  { "pump", "rate_ml_h", "nor", 40, WARD_LIMIT_SOFT, TRUE },
  { "pump", "rate_ml_h", "nor", 51, WARD_LIMIT_HARD, TRUE },
  { "pump", "rate_ml_h", NULL, 90, WARD_LIMIT_OK, FALSE },
};

static void
check_rows (WardCatalogue  *catalogue,
            const LimitRow *rows,
            gsize           n_rows)
{
  for (gsize i = 0; i < n_rows; i++)
    {
      g_auto(WardLimitCheck) check = { 0 };
      WardLimitResult result = ward_catalogue_check (catalogue, rows[i].class_id, rows[i].parameter, rows[i].drug,
                                                     rows[i].value, &check);

      if (result != rows[i].expected)
        g_error ("%s/%s/%s = %g: expected %d, got %d (%s)", rows[i].class_id, rows[i].parameter,
                 rows[i].drug, rows[i].value, rows[i].expected, result, check.message);
      g_assert_cmpint (check.by_dose, ==, rows[i].by_dose);
      if (result == WARD_LIMIT_OK)
        g_assert_null (check.message);
      else
        g_assert_nonnull (check.message);
    }
}

static void
test_limits_shipped (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();

  check_rows (catalogue, shipped_pump_rows, G_N_ELEMENTS (shipped_pump_rows));
  check_rows (catalogue, shipped_other_rows, G_N_ELEMENTS (shipped_other_rows));
}

static void
test_limits_dose (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardCatalogue) catalogue = ward_catalogue_load (WARD_TEST_SAMPLES "/valid-dose-limits.xml", &error);
  g_auto(WardLimitCheck) check = { 0 };

  g_assert_no_error (error);
  check_rows (catalogue, dose_rows, G_N_ELEMENTS (dose_rows));

  ward_catalogue_check (catalogue, "pump", "rate_ml_h", "nor", 40, &check);
  g_assert_cmpfloat_with_epsilon (check.dose, 40.0, 1e-9);
  g_assert_cmpfloat (check.bound, ==, 30);
  g_assert_true (check.above);
  g_assert_nonnull (strstr (check.message, "mcg/min"));
}

static void
test_limit_messages (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();
  g_auto(WardLimitCheck) hard = { 0 };
  g_auto(WardLimitCheck) soft = { 0 };
  g_auto(WardLimitCheck) step = { 0 };
  g_auto(WardLimitCheck) forbidden = { 0 };

  ward_catalogue_check (catalogue, "infusion-pump", "rate_ml_h", "heparin", 26, &hard);
  g_assert_cmpstr (hard.message, ==, "Rate of 26.0 mL/h is above the highest allowed, 25.0 mL/h, so it cannot be set. "
                   "Choose a lower value, or ask the doctor in charge to review the order.");
  ward_catalogue_check (catalogue, "patient-monitor", "spo2_low", NULL, 85, &soft);
  g_assert_cmpstr (soft.message, ==,
                   "SpO₂ low alarm of 85 % is below the usual minimum of 88 %. Confirm and give a reason to go on.");
  ward_catalogue_check (catalogue, "patient-monitor", "alarm_pause_s", NULL, 50, &step);
  g_assert_cmpstr (step.message, ==, "Alarm pause changes in steps of 15 s.");
  ward_catalogue_check (catalogue, "infusion-pump", "bolus_ml", "noradrenaline", 1, &forbidden);
  g_assert_cmpstr (forbidden.message, ==, "Bolus is not allowed for Noradrenaline 80 micrograms/mL.");
}

static void
test_high_alert (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();

  g_assert_true (ward_catalogue_is_high_alert (catalogue, "infusion-pump", "rate_ml_h", "heparin"));
  g_assert_true (ward_catalogue_is_high_alert (catalogue, "infusion-pump", "bolus_ml", "insulin"));
  g_assert_false (ward_catalogue_is_high_alert (catalogue, "infusion-pump", "vtbi_ml", "heparin"));
  g_assert_false (ward_catalogue_is_high_alert (catalogue, "infusion-pump", "rate_ml_h", "saline"));
  g_assert_false (ward_catalogue_is_high_alert (catalogue, "infusion-pump", "rate_ml_h", NULL));
  g_assert_true (ward_catalogue_is_high_alert (catalogue, "ventilator", "peep_cmh2o", NULL));
  g_assert_false (ward_catalogue_is_high_alert (catalogue, "ventilator", "fio2_percent", NULL));
  g_assert_false (ward_catalogue_is_high_alert (catalogue, "patient-monitor", "hr_low", NULL));
}

static void
test_format (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();
  const WardParameterSpec *rate = ward_catalogue_get_parameter (catalogue, "infusion-pump", "rate_ml_h");
  const WardParameterSpec *fio2 = ward_catalogue_get_parameter (catalogue, "ventilator", "fio2_percent");
  g_autofree char *rate_text = ward_catalogue_format_with_unit (rate, 12.5);
  g_autofree char *fio2_text = ward_catalogue_format_value (fio2, 40);
  g_autofree char *zero = ward_catalogue_format_value (rate, -0.0);

  g_assert_cmpuint (rate->decimals, ==, 1);
  g_assert_cmpstr (rate_text, ==, "12.5 mL/h");
  g_assert_cmpstr (fio2_text, ==, "40");
  g_assert_cmpstr (zero, ==, "0.0");
}

/* The locale's decimal separator, where the system has such a locale. */
static void
test_format_locale (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();
  const WardParameterSpec *rate = ward_catalogue_get_parameter (catalogue, "infusion-pump", "rate_ml_h");
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *text = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("No locale with a decimal comma is installed");
      return;
    }
  text = ward_catalogue_format_value (rate, 1234.5);
  setlocale (LC_NUMERIC, saved);
  g_assert_nonnull (strstr (text, "234,5"));
}

typedef struct
{
  const char *file;
  int         line;
  const char *words;
} Malformed;

static const Malformed malformed[] = {
  { "bad-xml.xml", 11, "not well-formed XML" },
  { "unknown-element.xml", 9, "Unknown element <colour>" },
  { "unknown-attribute.xml", 6, "<parameter> has no attribute “hard-maxx”" },
  { "soft-outside-hard.xml", 6, "soft limits (1 to 1200) are not inside the hard limits (0.1 to 999)" },
  { "min-above-max.xml", 6, "the hard minimum (50) is above the hard maximum (10)" },
  { "step-zero.xml", 6, "The step of “rate” must be greater than zero" },
  { "step-negative.xml", 6, "must be greater than zero" },
  { "unknown-permission.xml", 6, "The permission “users.manage” of “rate” is not one this kiosk knows" },
  { "duplicate-parameter.xml", 9, "The parameter “rate” is defined twice in “pump” (first on line 6)" },
  { "duplicate-class.xml", 10, "The device class “pump” is defined twice (first on line 4)" },
  { "duplicate-drug.xml", 10, "The drug “saline” is defined twice in “pump” (first on line 9)" },
  { "drug-missing-limits.xml", 12, "The drug “heparin” has no <limits> for “bolus”" },
  { "below-unknown.xml", 6, "must stay below “highest”, which is not another setting" },
  { "drug-widens.xml", 11, "hard limits for “rate” (1 to 500) go outside the parameter’s (0.1 to 100)" },
  { "drug-unknown-parameter.xml", 11, "names the parameter “flow”" },
  { "missing-label.xml", 6, "<parameter id=\"rate\"> has no <label>" },
  { "not-a-number.xml", 6, "soft-max=\"12,5\" in <parameter> is not a number" },
  { "wrong-version.xml", 3, "version 1, not version “2”" },
  { "empty.xml", 1, "not well-formed XML" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_build_filename (WARD_TEST_SAMPLES, malformed[i].file, NULL);
      g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, malformed[i].line);
      g_autoptr(GError) error = NULL;
      g_autoptr(WardCatalogue) catalogue = ward_catalogue_load (path, &error);

      g_assert_null (catalogue);
      g_assert_error (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_MALFORMED);
      if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, malformed[i].words) == NULL)
        g_error ("%s: expected “%s…%s”, got “%s”", malformed[i].file, prefix, malformed[i].words, error->message);
    }
}

static void
test_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardCatalogue) catalogue = ward_catalogue_load (WARD_TEST_SAMPLES "/no-such-file.xml", &error);

  g_assert_null (catalogue);
  g_assert_error (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, WARD_TEST_SAMPLES "/no-such-file.xml: "));
}

static void
test_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardCatalogue) catalogue = NULL;
  g_autofree char *path = NULL;

  g_setenv ("WARDGATE_CATALOGUE", WARD_TEST_SAMPLES "/step-zero.xml", TRUE);
  catalogue = ward_catalogue_load_default (&error);
  g_assert_null (catalogue);
  g_assert_error (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_MALFORMED);

  g_setenv ("WARDGATE_CATALOGUE", WARD_TEST_CATALOGUE, TRUE);
  path = ward_catalogue_default_path ();
  g_assert_cmpstr (path, ==, WARD_TEST_CATALOGUE);
  g_clear_error (&error);
  catalogue = ward_catalogue_load_default (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (ward_catalogue_get_path (catalogue), ==, WARD_TEST_CATALOGUE);
  g_unsetenv ("WARDGATE_CATALOGUE");
}

static void
assert_extracted (const char *pot,
                  const char *msgid)
{
  g_autofree char *line = g_strdup_printf ("msgid \"%s\"\n", msgid);

  if (strstr (pot, line) == NULL)
    g_error ("“%s” was not extracted for translation", msgid);
}

/* Every label and unit reaches translators through the ITS rules. */
static void
test_translatable (void)
{
  g_autoptr(WardCatalogue) catalogue = load_shipped ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "GETTEXTDATADIRS", WARD_TEST_ITS_DIR, TRUE);
  const char *argv[] = { WARD_TEST_XGETTEXT, "--from-code=UTF-8", "-o", "-", WARD_TEST_CATALOGUE, NULL };
  g_autofree char *pot = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *kinds = ward_catalogue_get_kinds (catalogue);
  int status = 0;

  if (*WARD_TEST_XGETTEXT == '\0')
    {
      g_test_skip ("xgettext is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &pot, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < kinds->len; i++)
    {
      const WardDeviceKind *kind = g_ptr_array_index (kinds, i);

      assert_extracted (pot, kind->label);
      for (guint j = 0; j < kind->parameters->len; j++)
        {
          const WardParameterSpec *param = g_ptr_array_index (kind->parameters, j);

          assert_extracted (pot, param->label);
          assert_extracted (pot, param->unit);
        }
      for (guint j = 0; j < kind->drugs->len; j++)
        {
          const WardDrugSpec *drug = g_ptr_array_index (kind->drugs, j);

          assert_extracted (pot, drug->label);
          if (drug->dose_unit != NULL)
            assert_extracted (pot, drug->dose_unit);
        }
    }
  g_assert_null (strstr (pot, "msgid \"device.adjust\""));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/catalogue/shipped", test_shipped);
  g_test_add_func ("/catalogue/limits/shipped", test_limits_shipped);
  g_test_add_func ("/catalogue/limits/dose", test_limits_dose);
  g_test_add_func ("/catalogue/limits/messages", test_limit_messages);
  g_test_add_func ("/catalogue/high-alert", test_high_alert);
  g_test_add_func ("/catalogue/format", test_format);
  g_test_add_func ("/catalogue/format-locale", test_format_locale);
  g_test_add_func ("/catalogue/malformed", test_malformed);
  g_test_add_func ("/catalogue/unreadable", test_unreadable);
  g_test_add_func ("/catalogue/default-path", test_default_path);
  g_test_add_func ("/catalogue/translatable", test_translatable);
  return g_test_run ();
}
