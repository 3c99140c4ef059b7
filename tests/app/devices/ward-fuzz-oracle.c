/* ward-fuzz-oracle.c: what the device rules say, read from the catalogue file independently of app/ */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tests/app/devices/ward-fuzz-oracle.h"

typedef struct
{
  Oracle      *oracle;
  OracleClass *klass;
  OracleDrug  *drug;
} Parse;

static void
param_free (OracleParam *param)
{
  g_free (param->id);
  g_free (param->permission);
  g_free (param->below);
  g_free (param);
}

static void
narrowing_free (OracleNarrowing *narrowing)
{
  g_free (narrowing->parameter);
  g_free (narrowing);
}

static void
drug_free (OracleDrug *drug)
{
  g_free (drug->id);
  g_free (drug->dose_parameter);
  g_ptr_array_unref (drug->narrowings);
  g_free (drug);
}

static void
class_free (OracleClass *klass)
{
  g_free (klass->id);
  g_ptr_array_unref (klass->params);
  g_ptr_array_unref (klass->drugs);
  g_free (klass);
}

void
oracle_free (Oracle *oracle)
{
  g_ptr_array_unref (oracle->classes);
  g_free (oracle);
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static double
number (const char **names,
        const char **values,
        const char  *name)
{
  const char *text = attr (names, values, name);

  return text != NULL ? g_ascii_strtod (text, NULL) : NAN;
}

static void
read_limits (const char   **names,
             const char   **values,
             OracleLimits  *limits)
{
  limits->hard_min = number (names, values, "hard-min");
  limits->hard_max = number (names, values, "hard-max");
  limits->soft_min = number (names, values, "soft-min");
  limits->soft_max = number (names, values, "soft-max");
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Parse *parse = user_data;

  if (g_str_equal (element, "device-class"))
    {
      parse->klass = g_new0 (OracleClass, 1);
      parse->klass->id = g_strdup (attr (names, values, "id"));
      parse->klass->params = g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
      parse->klass->drugs = g_ptr_array_new_with_free_func ((GDestroyNotify) drug_free);
      g_ptr_array_add (parse->oracle->classes, parse->klass);
    }
  else if (g_str_equal (element, "parameter"))
    {
      OracleParam *param = g_new0 (OracleParam, 1);
      const char *step = attr (names, values, "step");
      const char *dot = strchr (step, '.');

      param->id = g_strdup (attr (names, values, "id"));
      param->step = g_ascii_strtod (step, NULL);
      param->decimals = dot != NULL ? strlen (dot + 1) : 0;
      read_limits (names, values, &param->limits);
      param->permission = g_strdup (attr (names, values, "permission"));
      param->high_alert = g_strcmp0 (attr (names, values, "high-alert"), "true") == 0;
      param->drug_limits = g_strcmp0 (attr (names, values, "drug-limits"), "true") == 0;
      param->below = g_strdup (attr (names, values, "below"));
      g_ptr_array_add (parse->klass->params, param);
    }
  else if (g_str_equal (element, "drug"))
    {
      const char *per = attr (names, values, "dose-per");

      parse->drug = g_new0 (OracleDrug, 1);
      parse->drug->id = g_strdup (attr (names, values, "id"));
      parse->drug->high_alert = g_strcmp0 (attr (names, values, "high-alert"), "true") == 0;
      parse->drug->concentration = attr (names, values, "concentration") != NULL
                                 ? number (names, values, "concentration") : 0;
      parse->drug->per_minute = g_strcmp0 (per, "minute") == 0;
      parse->drug->narrowings = g_ptr_array_new_with_free_func ((GDestroyNotify) narrowing_free);
      g_ptr_array_add (parse->klass->drugs, parse->drug);
    }
  else if (g_str_equal (element, "dose"))
    {
      parse->drug->dose_parameter = g_strdup (attr (names, values, "parameter"));
      read_limits (names, values, &parse->drug->dose);
    }
  else if (g_str_equal (element, "limits"))
    {
      OracleNarrowing *narrowing = g_new0 (OracleNarrowing, 1);

      narrowing->parameter = g_strdup (attr (names, values, "parameter"));
      narrowing->allowed = g_strcmp0 (attr (names, values, "allowed"), "false") != 0;
      if (narrowing->allowed)
        read_limits (names, values, &narrowing->limits);
      g_ptr_array_add (parse->drug->narrowings, narrowing);
    }
}

Oracle *
oracle_load (const char  *path,
             GError     **error)
{
  const GMarkupParser parser = { .start_element = on_start };
  g_autofree char *contents = NULL;
  gsize length;
  Oracle *oracle;
  Parse parse = { 0 };
  GMarkupParseContext *context;
  gboolean ok;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  oracle = g_new0 (Oracle, 1);
  oracle->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) class_free);
  parse.oracle = oracle;
  context = g_markup_parse_context_new (&parser, 0, &parse, NULL);
  ok = g_markup_parse_context_parse (context, contents, length, error)
    && g_markup_parse_context_end_parse (context, error);
  g_markup_parse_context_free (context);
  if (!ok)
    g_clear_pointer (&oracle, oracle_free);
  return oracle;
}

/* Classes, parameters and drugs all start with their id, and a pointer to
 * a struct is a pointer to its first member (C11 6.7.2.1), so one search
 * serves the three lists. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (OracleClass, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (OracleParam, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (OracleDrug, id) == 0);

static gpointer
find_by_id (GPtrArray  *items,
            const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (g_strcmp0 (*(char **) item, id) == 0)
        return item;
    }
  return NULL;
}

const OracleClass *
oracle_class (Oracle     *oracle,
              const char *class_id)
{
  return find_by_id (oracle->classes, class_id);
}

const OracleParam *
oracle_param (Oracle     *oracle,
              const char *class_id,
              const char *parameter)
{
  const OracleClass *klass = oracle_class (oracle, class_id);

  return klass != NULL ? find_by_id (klass->params, parameter) : NULL;
}

const OracleDrug *
oracle_drug (Oracle     *oracle,
             const char *class_id,
             const char *drug)
{
  const OracleClass *klass = oracle_class (oracle, class_id);

  return klass != NULL ? find_by_id (klass->drugs, drug) : NULL;
}

gboolean
oracle_limits (Oracle       *oracle,
               const char   *class_id,
               const char   *parameter,
               const char   *drug,
               OracleLimits *limits)
{
  const OracleParam *param = oracle_param (oracle, class_id, parameter);
  const OracleDrug *spec;

  if (param == NULL)
    return FALSE;
  *limits = param->limits;
  if (!param->drug_limits || drug == NULL || *drug == '\0')
    return TRUE;
  spec = oracle_drug (oracle, class_id, drug);
  if (spec == NULL)
    return FALSE;
  for (guint i = 0; i < spec->narrowings->len; i++)
    {
      OracleNarrowing *narrowing = g_ptr_array_index (spec->narrowings, i);

      if (g_str_equal (narrowing->parameter, parameter))
        {
          if (!narrowing->allowed)
            return FALSE;
          *limits = narrowing->limits;
        }
    }
  return TRUE;
}

/* The value is exactly what "%.{decimals}f" of its grid point reads back as. */
static gboolean
on_decimal_grid (const OracleParam *param,
                 double             value)
{
  g_autofree char *text = NULL;
  double k = round (value / param->step);

  if (!isfinite (value) || signbit (value) || fabs (value / param->step - k) > 1e-6)
    return FALSE;
  text = g_strdup_printf ("%.*f", (int) param->decimals, value);
  return g_ascii_strtod (text, NULL) == value;
}

OracleVerdict
oracle_judge (Oracle     *oracle,
              const char *class_id,
              const char *parameter,
              const char *drug,
              double      value)
{
  const OracleParam *param = oracle_param (oracle, class_id, parameter);
  const OracleDrug *spec = param != NULL && param->drug_limits ? oracle_drug (oracle, class_id, drug) : NULL;
  OracleLimits limits;
  gboolean soft;

  if (param == NULL || !oracle_limits (oracle, class_id, parameter, drug, &limits) || !on_decimal_grid (param, value))
    return ORACLE_FORBIDDEN;
  if (value < limits.hard_min || value > limits.hard_max)
    return ORACLE_FORBIDDEN;
  soft = value < limits.soft_min || value > limits.soft_max;
  if (spec != NULL && spec->concentration > 0 && g_strcmp0 (spec->dose_parameter, parameter) == 0)
    {
      double dose = value * spec->concentration / (spec->per_minute ? 60.0 : 1.0);

      if (dose < spec->dose.hard_min || dose > spec->dose.hard_max)
        return ORACLE_FORBIDDEN;
      soft = soft || dose < spec->dose.soft_min || dose > spec->dose.soft_max;
    }
  return soft ? ORACLE_SOFT : ORACLE_WITHIN;
}

gboolean
oracle_high_alert (Oracle     *oracle,
                   const char *class_id,
                   const char *parameter,
                   const char *drug)
{
  const OracleParam *param = oracle_param (oracle, class_id, parameter);
  const OracleDrug *spec;

  if (param == NULL)
    return FALSE;
  if (param->high_alert)
    return TRUE;
  if (!param->drug_limits || drug == NULL || *drug == '\0')
    return FALSE;
  spec = oracle_drug (oracle, class_id, drug);
  return spec == NULL || spec->high_alert;
}

gboolean
oracle_real_reason (const char *reason)
{
  guint visible = 0, letters = 0;

  if (reason == NULL || !g_utf8_validate (reason, -1, NULL))
    return FALSE;
  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_SPACE_SEPARATOR:
        case G_UNICODE_LINE_SEPARATOR:
        case G_UNICODE_PARAGRAPH_SEPARATOR:
        case G_UNICODE_FORMAT:
        case G_UNICODE_CONTROL:
        case G_UNICODE_UNASSIGNED:
          break;
        default:
          visible++;
          letters += g_unichar_isalpha (c);
        }
    }
  return visible >= 8 && letters >= 4;
}

gboolean
oracle_role_can (const char *role,
                 const char *permission)
{
  static const char *const grants[][2] = {
    { "nurse", "device.adjust" },
    { "charge-nurse", "device.adjust" },
    { "charge-nurse", "device.adjust.high-alert" },
    { "biomed", "device.configure" },
    { "break-glass", "device.adjust" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    if (g_strcmp0 (grants[i][0], role) == 0 && g_strcmp0 (grants[i][1], permission) == 0)
      return TRUE;
  return FALSE;
}
