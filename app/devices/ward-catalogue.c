/* ward-catalogue.c: the device catalogue: device classes, their settings, limits and drug library */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-app-paths.h"
#include "app/devices/ward-catalogue-private.h"

G_DEFINE_FINAL_TYPE (WardCatalogue, ward_catalogue, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-catalogue-error-quark, ward_catalogue_error)

/* Two values closer than this, relative to the step, are the same setting:
 * 0.3 / 0.1 is not exactly 3 in binary. */
#define STEP_TOLERANCE 1e-6

static void
ward_catalogue_finalize (GObject *object)
{
  WardCatalogue *self = WARD_CATALOGUE (object);

  g_free (self->path);
  g_ptr_array_unref (self->kinds);
  G_OBJECT_CLASS (ward_catalogue_parent_class)->finalize (object);
}

static void
ward_catalogue_class_init (WardCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_catalogue_finalize;
}

static void
ward_catalogue_init (WardCatalogue *self)
{
  self->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) _ward_device_kind_free);
}

void
ward_limit_check_clear (WardLimitCheck *check)
{
  g_clear_pointer (&check->message, g_free);
}

/* WARDGATE_CATALOGUE lets tests and an uninstalled run point elsewhere;
 * otherwise the file installed with the kiosk. */
char *
ward_catalogue_default_path (void)
{
  const char *path = g_getenv ("WARDGATE_CATALOGUE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_strdup (WARD_CATALOGUE_PATH);
}

WardCatalogue *
ward_catalogue_load (const char  *path,
                     GError     **error)
{
  g_autoptr(WardCatalogue) self = g_object_new (WARD_TYPE_CATALOGUE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  self->path = g_strdup (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_UNREADABLE,
                   _("%s: the device catalogue cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  if (!_ward_catalogue_parse (self, contents, length, error))
    return NULL;
  return g_steal_pointer (&self);
}

WardCatalogue *
ward_catalogue_load_default (GError **error)
{
  g_autofree char *path = ward_catalogue_default_path ();

  return ward_catalogue_load (path, error);
}

const char *
ward_catalogue_get_path (WardCatalogue *self)
{
  g_return_val_if_fail (WARD_IS_CATALOGUE (self), NULL);
  return self->path;
}

GPtrArray *
ward_catalogue_get_kinds (WardCatalogue *self)
{
  g_return_val_if_fail (WARD_IS_CATALOGUE (self), NULL);
  return self->kinds;
}

/* The record of @items whose id (a string at @id_offset) is @id. */
static gconstpointer
find_by_id (GPtrArray   *items,
            glong        id_offset,
            const char  *id)
{
  for (guint i = 0; items != NULL && id != NULL && i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      if (g_str_equal (G_STRUCT_MEMBER (const char *, item, id_offset), id))
        return item;
    }
  return NULL;
}

const WardDeviceKind *
ward_catalogue_get_kind (WardCatalogue *self,
                         const char    *class_id)
{
  g_return_val_if_fail (WARD_IS_CATALOGUE (self), NULL);
  return find_by_id (self->kinds, G_STRUCT_OFFSET (WardDeviceKind, id), class_id);
}

const WardParameterSpec *
ward_catalogue_get_parameter (WardCatalogue *self,
                              const char    *class_id,
                              const char    *parameter)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (self, class_id);

  return kind != NULL ? find_by_id (kind->parameters, G_STRUCT_OFFSET (WardParameterSpec, id), parameter) : NULL;
}

const WardDrugSpec *
ward_catalogue_get_drug (WardCatalogue *self,
                         const char    *class_id,
                         const char    *drug)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (self, class_id);

  return kind != NULL ? find_by_id (kind->drugs, G_STRUCT_OFFSET (WardDrugSpec, id), drug) : NULL;
}

static const WardDrugLimits *
drug_limits_for (const WardDrugSpec *drug,
                 const char         *parameter)
{
  for (guint i = 0; drug != NULL && i < drug->limits->len; i++)
    {
      const WardDrugLimits *limits = g_ptr_array_index (drug->limits, i);

      if (g_str_equal (limits->parameter, parameter))
        return limits;
    }
  return NULL;
}

/* An empty drug is a pump running without one (a basic infusion). */
static gboolean
has_drug (const char *drug)
{
  return drug != NULL && *drug != '\0';
}

/* The limits that apply: the drug's where it narrows the parameter. FALSE
 * when there is nothing safe to check against, or the drug forbids it. */
gboolean
ward_catalogue_get_limits (WardCatalogue *self,
                           const char    *class_id,
                           const char    *parameter,
                           const char    *drug,
                           WardLimits    *limits)
{
  const WardParameterSpec *param = ward_catalogue_get_parameter (self, class_id, parameter);
  const WardDrugSpec *spec = NULL;
  const WardDrugLimits *narrowed = NULL;

  if (param == NULL)
    return FALSE;
  if (param->drug_limits && has_drug (drug))
    {
      spec = ward_catalogue_get_drug (self, class_id, drug);
      if (spec == NULL)
        return FALSE;
      narrowed = drug_limits_for (spec, parameter);
    }
  if (narrowed != NULL && !narrowed->allowed)
    return FALSE;
  *limits = narrowed != NULL ? narrowed->limits : param->limits;
  return TRUE;
}

gboolean
ward_catalogue_is_high_alert (WardCatalogue *self,
                              const char    *class_id,
                              const char    *parameter,
                              const char    *drug)
{
  const WardParameterSpec *param = ward_catalogue_get_parameter (self, class_id, parameter);
  const WardDrugSpec *spec;

  if (param == NULL)
    return FALSE;
  if (param->high_alert)
    return TRUE;
  if (!param->drug_limits || !has_drug (drug))
    return FALSE;
  spec = ward_catalogue_get_drug (self, class_id, drug);
  /* A drug the library does not know cannot be checked at all; should it
   * ever get this far, it is treated with the most caution. */
  return spec == NULL || spec->high_alert;
}

/* What each role may touch: the screen lists only these, and the change
 * pipeline checks again where it acts. */
GPtrArray *
ward_catalogue_list_permitted (WardCatalogue *self,
                               const char    *class_id,
                               WardSession   *session)
{
  const WardDeviceKind *kind = ward_catalogue_get_kind (self, class_id);
  GPtrArray *permitted = g_ptr_array_new ();

  for (guint i = 0; kind != NULL && i < kind->parameters->len; i++)
    {
      WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);

      if (session != NULL && ward_session_can (session, param->permission))
        g_ptr_array_add (permitted, param);
    }
  return permitted;
}

const char *
ward_device_kind_get_label (const WardDeviceKind *kind)
{
  return g_dgettext (GETTEXT_PACKAGE, kind->label);
}

const char *
ward_parameter_spec_get_label (const WardParameterSpec *param)
{
  return g_dgettext (GETTEXT_PACKAGE, param->label);
}

const char *
ward_parameter_spec_get_unit (const WardParameterSpec *param)
{
  return g_dgettext (GETTEXT_PACKAGE, param->unit);
}

const char *
ward_drug_spec_get_label (const WardDrugSpec *drug)
{
  return g_dgettext (GETTEXT_PACKAGE, drug->label);
}

const char *
ward_drug_spec_get_dose_unit (const WardDrugSpec *drug)
{
  return drug->dose_unit != NULL ? g_dgettext (GETTEXT_PACKAGE, drug->dose_unit) : "";
}

/* The locale's decimal separator and digit grouping (printf's ' flag):
 * "1 234,5" in French, "1,234.5" in English. Adding 0.0 turns -0 into 0. */
static char *
format_number (double value,
               guint  decimals)
{
  return g_strdup_printf ("%'.*f", (int) decimals, value + 0.0);
}

char *
ward_catalogue_format_value (const WardParameterSpec *param,
                             double                   value)
{
  return format_number (value, param->decimals);
}

char *
ward_catalogue_format_with_unit (const WardParameterSpec *param,
                                 double                   value)
{
  g_autofree char *number = format_number (value, param->decimals);

  /* TRANSLATORS: a device setting's value and its unit, as in "12.5 mL/h" */
  return g_strdup_printf (C_("value with unit", "%s %s"), number, ward_parameter_spec_get_unit (param));
}

char *
ward_catalogue_describe_limits (WardCatalogue           *self,
                                const char              *class_id,
                                const WardParameterSpec *param,
                                const char              *drug)
{
  WardLimits limits;
  g_autofree char *soft_min = NULL, *soft_max = NULL, *hard_min = NULL, *hard_max = NULL;

  if (!ward_catalogue_get_limits (self, class_id, param->id, drug, &limits))
    return g_strdup (_("Not allowed with the drug loaded"));
  soft_min = ward_catalogue_format_value (param, limits.soft_min);
  soft_max = ward_catalogue_format_value (param, limits.soft_max);
  hard_min = ward_catalogue_format_value (param, limits.hard_min);
  hard_max = ward_catalogue_format_value (param, limits.hard_max);
  /* Translators: a setting's limits on two lines: the usual range, then the range never left.
   * E.g. "Usual 4.0–20.0 mL/h\nNever outside 0.1–25.0 mL/h". */
  return g_strdup_printf (_("Usual %s–%s %s\nNever outside %s–%s %s"), soft_min, soft_max,
                          ward_parameter_spec_get_unit (param), hard_min, hard_max,
                          ward_parameter_spec_get_unit (param));
}

static char *
format_dose (const WardDrugSpec *drug,
             double              dose)
{
  g_autofree char *number = format_number (dose, fabs (dose) < 10 ? 2 : fabs (dose) < 100 ? 1 : 0);

  return g_strdup_printf (C_("value with unit", "%s %s"), number, ward_drug_spec_get_dose_unit (drug));
}

static gboolean
on_step (double value,
         double step)
{
  double n = value / step;

  return fabs (n - round (n)) <= STEP_TOLERANCE * MAX (1.0, fabs (n));
}

/* TRUE when @value is a whole number of steps (within the tolerance);
 * @snapped is then the grid point as written in decimal, which is what a
 * device is sent and the record keeps: 146 × 0.1 is 14.600000000000001 in
 * binary, the grid point is 14.6. −0 becomes 0. Untouched otherwise. */
gboolean
ward_catalogue_snap_to_step (const WardParameterSpec *param,
                             double                   value,
                             double                  *snapped)
{
  char format[16];
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double grid;

  g_return_val_if_fail (param != NULL && snapped != NULL, FALSE);
  if (!isfinite (value) || !on_step (value, param->step))
    return FALSE;
  g_snprintf (format, sizeof format, "%%.%uf", MIN (param->decimals, 15u));
  g_ascii_formatd (text, sizeof text, format, round (value / param->step) * param->step);
  grid = g_ascii_strtod (text, NULL);
  *snapped = grid == 0 ? 0.0 : grid;
  return TRUE;
}

/* Where value falls against limits; bound is the limit crossed. */
static WardLimitResult
against (const WardLimits *limits,
         double            value,
         gboolean         *above,
         double           *bound)
{
  if (value < limits->hard_min || value > limits->hard_max)
    {
      *above = value > limits->hard_max;
      *bound = *above ? limits->hard_max : limits->hard_min;
      return WARD_LIMIT_HARD;
    }
  if (value < limits->soft_min || value > limits->soft_max)
    {
      *above = value > limits->soft_max;
      *bound = *above ? limits->soft_max : limits->soft_min;
      return WARD_LIMIT_SOFT;
    }
  return WARD_LIMIT_OK;
}

static char *
limit_message (const WardParameterSpec *param,
               const WardDrugSpec      *drug,
               const WardLimitCheck    *check,
               double                   value)
{
  g_autofree char *shown = check->by_dose ? format_dose (drug, check->dose)
                                          : ward_catalogue_format_with_unit (param, value);
  g_autofree char *bound = check->by_dose ? format_dose (drug, check->bound)
                                          : ward_catalogue_format_with_unit (param, check->bound);
  const char *label = check->by_dose ? _("The dose") : ward_parameter_spec_get_label (param);

  /* A hard limit is never crossed here, so the next step is the value
   * that can be set, or the person who can change the order. */
  if (check->result == WARD_LIMIT_HARD)
    return check->above
      /* Translators: e.g. "Rate of 26.0 mL/h is above the highest allowed, 25.0 mL/h, so it cannot be set.
       * Choose a lower value, or ask the doctor in charge to review the order." */
      ? g_strdup_printf (_("%s of %s is above the highest allowed, %s, so it cannot be set. "
                           "Choose a lower value, or ask the doctor in charge to review the order."), label, shown, bound)
      : g_strdup_printf (_("%s of %s is below the lowest allowed, %s, so it cannot be set. "
                           "Choose a higher value, or ask the doctor in charge to review the order."), label, shown, bound);
  return check->above
    ? g_strdup_printf (_("%s of %s is above the usual maximum of %s. Confirm and give a reason to go on."),
                       label, shown, bound)
    : g_strdup_printf (_("%s of %s is below the usual minimum of %s. Confirm and give a reason to go on."),
                       label, shown, bound);
}

/* A soft-limit crossing told to the second person checking it, who has
 * nothing to confirm: only where the value stands. */
char *
ward_catalogue_describe_crossing (const WardParameterSpec *param,
                                  const WardDrugSpec      *drug,
                                  const WardLimitCheck    *check,
                                  double                   value)
{
  g_autofree char *shown = NULL;
  g_autofree char *bound = NULL;

  g_return_val_if_fail (param != NULL && check != NULL, NULL);
  if (check->result != WARD_LIMIT_SOFT || (check->by_dose && drug == NULL))
    return NULL;
  shown = check->by_dose ? format_dose (drug, check->dose) : ward_catalogue_format_with_unit (param, value);
  bound = check->by_dose ? format_dose (drug, check->bound) : ward_catalogue_format_with_unit (param, check->bound);
  if (check->by_dose)
    return check->above
      /* Translators: for the person double-checking a change, e.g. "Outside the usual range: the dose, 2,200 units/h, is above the usual maximum of 2,000 units/h." */
      ? g_strdup_printf (_("Outside the usual range: the dose, %s, is above the usual maximum of %s."), shown, bound)
      : g_strdup_printf (_("Outside the usual range: the dose, %s, is below the usual minimum of %s."), shown, bound);
  return check->above
    /* Translators: for the person double-checking a change, e.g. "Outside the usual range: 22.0 mL/h is above the usual maximum of 20.0 mL/h." */
    ? g_strdup_printf (_("Outside the usual range: %s is above the usual maximum of %s."), shown, bound)
    : g_strdup_printf (_("Outside the usual range: %s is below the usual minimum of %s."), shown, bound);
}

/* The drug's dose limits, for the rate they are computed from. */
static WardLimitResult
check_dose (const WardDrugSpec *drug,
            const char         *parameter,
            double              value,
            WardLimitCheck     *check)
{
  if (drug == NULL || drug->dose_parameter == NULL || !g_str_equal (drug->dose_parameter, parameter))
    return WARD_LIMIT_OK;
  check->dose = value * drug->concentration / (drug->dose_per_minute ? 60.0 : 1.0);
  return against (&drug->dose, check->dose, &check->above, &check->bound);
}

static WardLimitResult
refuse_unknown (WardCatalogue  *self,
                const char     *class_id,
                const char     *parameter,
                const char     *drug,
                WardLimitCheck *check)
{
  const WardParameterSpec *param = ward_catalogue_get_parameter (self, class_id, parameter);

  if (param == NULL)
    {
      check->result = WARD_LIMIT_UNKNOWN;
      check->message = g_strdup (_("This setting is not in the device catalogue, so it cannot be changed here."));
    }
  else if (ward_catalogue_get_drug (self, class_id, drug) == NULL)
    {
      check->result = WARD_LIMIT_UNKNOWN;
      check->message = g_strdup_printf (_("The drug “%s” on this pump is not in the drug library, so its limits "
                                          "are unknown. Change it at the pump."), drug);
    }
  else
    {
      check->result = WARD_LIMIT_HARD;
      check->message = g_strdup_printf (_("%s is not allowed for %s."), ward_parameter_spec_get_label (param),
                                        ward_drug_spec_get_label (ward_catalogue_get_drug (self, class_id, drug)));
    }
  return check->result;
}

static void
check_value (const WardParameterSpec *param,
             const WardDrugSpec      *drug,
             const WardLimits        *limits,
             double                   value,
             WardLimitCheck          *check)
{
  WardLimitCheck by_dose = { .by_dose = TRUE };

  check->result = against (limits, value, &check->above, &check->bound);
  by_dose.result = check_dose (drug, param->id, value, &by_dose);
  check->dose = by_dose.dose;
  /* The rate's own hard limit first, then the dose's; a value off the step
   * is refused before any soft question is asked. */
  if (check->result != WARD_LIMIT_HARD && by_dose.result == WARD_LIMIT_HARD)
    *check = by_dose;
  else if (check->result != WARD_LIMIT_HARD && !on_step (value, param->step))
    check->result = WARD_LIMIT_OFF_STEP;
  else if (check->result == WARD_LIMIT_OK && by_dose.result == WARD_LIMIT_SOFT)
    *check = by_dose;
}

WardLimitResult
ward_catalogue_check (WardCatalogue  *self,
                      const char     *class_id,
                      const char     *parameter,
                      const char     *drug,
                      double          value,
                      WardLimitCheck *out)
{
  const WardParameterSpec *param;
  const WardDrugSpec *spec;
  WardLimitCheck check = { 0 };
  WardLimits limits;

  g_return_val_if_fail (WARD_IS_CATALOGUE (self), WARD_LIMIT_UNKNOWN);
  param = ward_catalogue_get_parameter (self, class_id, parameter);
  spec = param != NULL && param->drug_limits && has_drug (drug)
       ? ward_catalogue_get_drug (self, class_id, drug) : NULL;
  if (!ward_catalogue_get_limits (self, class_id, parameter, drug, &limits))
    refuse_unknown (self, class_id, parameter, drug, &check);
  else if (!isfinite (value))
    {
      check.result = WARD_LIMIT_HARD;
      check.message = g_strdup (_("This is not a number the device can take."));
    }
  else
    {
      check_value (param, spec, &limits, value, &check);
      if (check.result == WARD_LIMIT_OFF_STEP)
        {
          g_autofree char *step = ward_catalogue_format_with_unit (param, param->step);

          check.message = g_strdup_printf (_("%s changes in steps of %s."),
                                           ward_parameter_spec_get_label (param), step);
        }
      else if (check.result != WARD_LIMIT_OK)
        check.message = limit_message (param, spec, &check, value);
    }

  if (out != NULL)
    *out = check;
  else
    ward_limit_check_clear (&check);
  return check.result;
}
