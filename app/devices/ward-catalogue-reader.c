/* ward-catalogue-reader.c: reads and checks the device catalogue file, refusing it whole at the first fault */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-catalogue-private.h"
#include "app/ward-markup-nesting.h"

typedef struct
{
  WardCatalogue     *catalogue;
  GMarkupParseContext *context;
  WardDeviceKind    *kind;
  WardParameterSpec *param;
  WardDrugSpec      *drug;
  char             **label_target;
  GString           *text;
  gboolean           seen_root;
  int                error_line;   /* 0: where the parser stands */
} Reader;

typedef struct
{
  const char *name;
  gboolean    required;
  const char *value;
} Attr;

static void
parameter_free (WardParameterSpec *param)
{
  g_free (param->id);
  g_free (param->label);
  g_free (param->unit);
  g_free (param->permission);
  g_free (param->below);
  g_free (param);
}

static void
drug_limits_free (WardDrugLimits *limits)
{
  g_free (limits->parameter);
  g_free (limits);
}

static void
drug_free (WardDrugSpec *drug)
{
  g_free (drug->id);
  g_free (drug->label);
  g_free (drug->dose_unit);
  g_free (drug->dose_parameter);
  g_ptr_array_unref (drug->limits);
  g_free (drug);
}

WardDeviceKind *
_ward_device_kind_new (void)
{
  WardDeviceKind *kind = g_new0 (WardDeviceKind, 1);

  kind->parameters = g_ptr_array_new_with_free_func ((GDestroyNotify) parameter_free);
  kind->drugs = g_ptr_array_new_with_free_func ((GDestroyNotify) drug_free);
  return kind;
}

void
_ward_device_kind_free (WardDeviceKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->id);
  g_free (kind->label);
  g_ptr_array_unref (kind->parameters);
  g_ptr_array_unref (kind->drugs);
  g_free (kind);
}

/* GMarkup stands just past the '>' of the element it reports; when that
 * was the end of a line it has already counted the newline. */
static int
current_line (Reader *reader)
{
  int line = 0;
  int column = 0;

  g_markup_parse_context_get_position (reader->context, &line, &column);
  return column <= 1 && line > 1 ? line - 1 : line;
}

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_MALFORMED, message);
  return FALSE;
}

/* Every attribute is either known to the element or an error: a misspelt
 * limit must not be silently ignored. */
static gboolean
collect (const char  *element,
         const char **names,
         const char **values,
         Attr        *attrs,
         guint        n_attrs,
         GError     **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      guint j;

      for (j = 0; j < n_attrs && !g_str_equal (attrs[j].name, names[i]); j++)
        ;
      if (j == n_attrs)
        return fail (error, _("<%s> has no attribute “%s”."), element, names[i]);
      attrs[j].value = values[i];
    }
  for (guint j = 0; j < n_attrs; j++)
    if (attrs[j].required && attrs[j].value == NULL)
      return fail (error, _("<%s> needs the attribute “%s”."), element, attrs[j].name);
  return TRUE;
}

static gboolean
parse_number (const char  *element,
              const Attr  *attr,
              double      *out,
              GError     **error)
{
  char *end = NULL;

  if (attr->value != NULL && *attr->value != '\0')
    {
      *out = g_ascii_strtod (attr->value, &end);
      if (*end == '\0' && isfinite (*out))
        return TRUE;
    }
  return fail (error, _("%s=\"%s\" in <%s> is not a number (write it like 12.5)."),
               attr->name, attr->value, element);
}

static gboolean
parse_bool (const char  *element,
            const Attr  *attr,
            gboolean     fallback,
            gboolean    *out,
            GError     **error)
{
  if (attr->value == NULL)
    *out = fallback;
  else if (g_str_equal (attr->value, "true"))
    *out = TRUE;
  else if (g_str_equal (attr->value, "false"))
    *out = FALSE;
  else
    return fail (error, _("%s=\"%s\" in <%s> must be “true” or “false”."), attr->name, attr->value, element);
  return TRUE;
}

static gboolean
check_id (const char  *element,
          const char  *id,
          GError     **error)
{
  if (*id != '\0' && strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen (id))
    return TRUE;
  return fail (error, _("The id “%s” of <%s> may hold only lower-case letters, digits, “-” and “_”."),
               id, element);
}

static gboolean
check_ranges (const char        *element,
              const WardLimits  *limits,
              GError           **error)
{
  if (limits->hard_min > limits->hard_max)
    return fail (error, _("In <%s> the hard minimum (%g) is above the hard maximum (%g)."),
                 element, limits->hard_min, limits->hard_max);
  if (limits->soft_min > limits->soft_max)
    return fail (error, _("In <%s> the soft minimum (%g) is above the soft maximum (%g)."),
                 element, limits->soft_min, limits->soft_max);
  return TRUE;
}

/* The hard and soft limits, in that order in attrs. */
static gboolean
parse_limits (const char  *element,
              const Attr  *attrs,
              WardLimits  *limits,
              GError     **error)
{
  if (!parse_number (element, &attrs[0], &limits->hard_min, error)
      || !parse_number (element, &attrs[1], &limits->hard_max, error)
      || !parse_number (element, &attrs[2], &limits->soft_min, error)
      || !parse_number (element, &attrs[3], &limits->soft_max, error)
      || !check_ranges (element, limits, error))
    return FALSE;
  if (limits->soft_min < limits->hard_min || limits->soft_max > limits->hard_max)
    return fail (error, _("In <%s> the soft limits (%g to %g) are not inside the hard limits (%g to %g)."),
                 element, limits->soft_min, limits->soft_max, limits->hard_min, limits->hard_max);
  return TRUE;
}

#define LIMIT_ATTRS(required) \
  { "hard-min", required, NULL }, { "hard-max", required, NULL }, \
  { "soft-min", required, NULL }, { "soft-max", required, NULL }

static guint
count_decimals (const char *number)
{
  const char *dot = strchr (number, '.');

  return dot != NULL ? (guint) strspn (dot + 1, "0123456789") : 0;
}

/* Device settings only: a catalogue that asked for users.manage to change a
 * pump rate would be a mistake, and is refused. */
static const char *const device_permissions[] = { "device.adjust", "device.configure", NULL };

static gboolean
known_permission (const char *permission)
{
  for (guint i = 0; device_permissions[i] != NULL; i++)
    if (g_str_equal (device_permissions[i], permission))
      return TRUE;
  return FALSE;
}

static WardParameterSpec *
find_parameter (WardDeviceKind *kind,
                const char     *id)
{
  for (guint i = 0; i < kind->parameters->len; i++)
    {
      WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);

      if (g_str_equal (param->id, id))
        return param;
    }
  return NULL;
}

static gboolean
start_catalogue (Reader      *reader,
                 const char **names,
                 const char **values,
                 GError     **error)
{
  Attr attrs[] = { { "version", TRUE, NULL } };

  if (!collect ("catalogue", names, values, attrs, G_N_ELEMENTS (attrs), error))
    return FALSE;
  if (!g_str_equal (attrs[0].value, "1"))
    return fail (error, _("This kiosk reads catalogue version 1, not version “%s”."), attrs[0].value);
  reader->seen_root = TRUE;
  return TRUE;
}

static gboolean
start_class (Reader      *reader,
             const char **names,
             const char **values,
             GError     **error)
{
  Attr attrs[] = { { "id", TRUE, NULL } };
  GPtrArray *kinds = reader->catalogue->kinds;

  if (!collect ("device-class", names, values, attrs, G_N_ELEMENTS (attrs), error)
      || !check_id ("device-class", attrs[0].value, error))
    return FALSE;
  for (guint i = 0; i < kinds->len; i++)
    {
      WardDeviceKind *other = g_ptr_array_index (kinds, i);

      if (g_str_equal (other->id, attrs[0].value))
        return fail (error, _("The device class “%s” is defined twice (first on line %d)."),
                     attrs[0].value, other->line);
    }
  reader->kind = _ward_device_kind_new ();
  reader->kind->id = g_strdup (attrs[0].value);
  reader->kind->line = current_line (reader);
  g_ptr_array_add (kinds, reader->kind);
  return TRUE;
}

static gboolean
fill_parameter (WardParameterSpec  *param,
                Attr               *attrs,
                GError            **error)
{
  if (!check_id ("parameter", attrs[0].value, error)
      || !parse_number ("parameter", &attrs[2], &param->step, error)
      || !parse_limits ("parameter", &attrs[3], &param->limits, error)
      || !parse_bool ("parameter", &attrs[8], FALSE, &param->high_alert, error)
      || !parse_bool ("parameter", &attrs[9], FALSE, &param->drug_limits, error))
    return FALSE;
  if (param->step <= 0)
    return fail (error, _("The step of “%s” must be greater than zero."), attrs[0].value);
  if (!known_permission (attrs[7].value))
    return fail (error, _("The permission “%s” of “%s” is not one this kiosk knows (device.adjust or device.configure)."),
                 attrs[7].value, attrs[0].value);
  param->id = g_strdup (attrs[0].value);
  param->unit = g_strdup (attrs[1].value);
  param->decimals = count_decimals (attrs[2].value);
  param->permission = g_strdup (attrs[7].value);
  return TRUE;
}

static gboolean
start_parameter (Reader      *reader,
                 const char **names,
                 const char **values,
                 GError     **error)
{
  Attr attrs[] = { { "id", TRUE, NULL }, { "unit", TRUE, NULL }, { "step", TRUE, NULL },
                   LIMIT_ATTRS (TRUE), { "permission", TRUE, NULL }, { "high-alert", TRUE, NULL },
                   { "drug-limits", FALSE, NULL }, { "below", FALSE, NULL } };
  g_autofree WardParameterSpec *param = g_new0 (WardParameterSpec, 1);
  WardParameterSpec *other;

  if (!collect ("parameter", names, values, attrs, G_N_ELEMENTS (attrs), error))
    return FALSE;
  other = find_parameter (reader->kind, attrs[0].value);
  if (other != NULL)
    return fail (error, _("The parameter “%s” is defined twice in “%s” (first on line %d)."),
                 attrs[0].value, reader->kind->id, other->line);
  if (reader->kind->drugs->len > 0)
    return fail (error, _("Parameters come before the drugs in a device class."));
  /* fill_parameter allocates nothing until every check has passed. */
  if (!fill_parameter (param, attrs, error))
    return FALSE;
  param->below = g_strdup (attrs[10].value);
  param->line = current_line (reader);
  reader->param = g_steal_pointer (&param);
  g_ptr_array_add (reader->kind->parameters, reader->param);
  return TRUE;
}

static gboolean
fill_drug (WardDrugSpec  *drug,
           Attr          *attrs,
           GError       **error)
{
  gboolean has_concentration = attrs[2].value != NULL;

  if (!check_id ("drug", attrs[0].value, error)
      || !parse_bool ("drug", &attrs[1], FALSE, &drug->high_alert, error))
    return FALSE;
  if (has_concentration != (attrs[3].value != NULL) || has_concentration != (attrs[4].value != NULL))
    return fail (error, _("A drug has concentration, dose-unit and dose-per together, or none of them."));
  if (has_concentration)
    {
      if (!parse_number ("drug", &attrs[2], &drug->concentration, error))
        return FALSE;
      if (drug->concentration <= 0)
        return fail (error, _("The concentration of “%s” must be greater than zero."), attrs[0].value);
      if (!g_str_equal (attrs[4].value, "hour") && !g_str_equal (attrs[4].value, "minute"))
        return fail (error, _("dose-per must be “hour” or “minute”, not “%s”."), attrs[4].value);
      drug->dose_unit = g_strdup (attrs[3].value);
      drug->dose_per_minute = g_str_equal (attrs[4].value, "minute");
    }
  drug->id = g_strdup (attrs[0].value);
  return TRUE;
}

static gboolean
start_drug (Reader      *reader,
            const char **names,
            const char **values,
            GError     **error)
{
  Attr attrs[] = { { "id", TRUE, NULL }, { "high-alert", TRUE, NULL }, { "concentration", FALSE, NULL },
                   { "dose-unit", FALSE, NULL }, { "dose-per", FALSE, NULL } };
  WardDrugSpec *drug;

  if (!collect ("drug", names, values, attrs, G_N_ELEMENTS (attrs), error))
    return FALSE;
  for (guint i = 0; i < reader->kind->drugs->len; i++)
    {
      WardDrugSpec *other = g_ptr_array_index (reader->kind->drugs, i);

      if (g_str_equal (other->id, attrs[0].value))
        return fail (error, _("The drug “%s” is defined twice in “%s” (first on line %d)."),
                     attrs[0].value, reader->kind->id, other->line);
    }
  drug = g_new0 (WardDrugSpec, 1);
  drug->limits = g_ptr_array_new_with_free_func ((GDestroyNotify) drug_limits_free);
  drug->line = current_line (reader);
  /* Owned by the class at once, so a fault below frees it with the rest. */
  g_ptr_array_add (reader->kind->drugs, drug);
  reader->drug = drug;
  return fill_drug (drug, attrs, error);
}

/* A drug narrows a parameter that allows it, never widens it. */
static WardParameterSpec *
drug_parameter (Reader      *reader,
                const char  *element,
                const char  *id,
                GError     **error)
{
  WardParameterSpec *param = find_parameter (reader->kind, id);

  if (param == NULL)
    fail (error, _("<%s> names the parameter “%s”, which “%s” does not have (parameters come first)."),
          element, id, reader->kind->id);
  else if (!param->drug_limits)
    fail (error, _("The parameter “%s” has no drug-limits=\"true\", so drugs cannot narrow it."), id);
  else
    return param;
  return NULL;
}

static gboolean
start_dose (Reader      *reader,
            const char **names,
            const char **values,
            GError     **error)
{
  Attr attrs[] = { LIMIT_ATTRS (TRUE), { "parameter", TRUE, NULL } };
  WardDrugSpec *drug = reader->drug;

  if (!collect ("dose", names, values, attrs, G_N_ELEMENTS (attrs), error))
    return FALSE;
  if (drug->concentration <= 0)
    return fail (error, _("<dose> needs a concentration on its drug, to compute the dose from the rate."));
  if (drug->dose_parameter != NULL)
    return fail (error, _("The drug “%s” has more than one <dose>."), drug->id);
  if (drug_parameter (reader, "dose", attrs[4].value, error) == NULL
      || !parse_limits ("dose", attrs, &drug->dose, error))
    return FALSE;
  drug->dose_parameter = g_strdup (attrs[4].value);
  return TRUE;
}

static gboolean
start_drug_limits (Reader      *reader,
                   const char **names,
                   const char **values,
                   GError     **error)
{
  Attr attrs[] = { LIMIT_ATTRS (FALSE), { "parameter", TRUE, NULL }, { "allowed", FALSE, NULL } };
  g_autofree WardDrugLimits *limits = g_new0 (WardDrugLimits, 1);
  WardParameterSpec *param;

  if (!collect ("limits", names, values, attrs, G_N_ELEMENTS (attrs), error)
      || (param = drug_parameter (reader, "limits", attrs[4].value, error)) == NULL
      || !parse_bool ("limits", &attrs[5], TRUE, &limits->allowed, error))
    return FALSE;
  for (guint i = 0; i < reader->drug->limits->len; i++)
    if (g_str_equal (((WardDrugLimits *) g_ptr_array_index (reader->drug->limits, i))->parameter, param->id))
      return fail (error, _("The drug “%s” has limits for “%s” twice."), reader->drug->id, param->id);
  if (!limits->allowed && (attrs[0].value || attrs[1].value || attrs[2].value || attrs[3].value))
    return fail (error, _("Limits that say allowed=\"false\" have no numbers."));
  if (limits->allowed && !parse_limits ("limits", attrs, &limits->limits, error))
    return FALSE;
  if (limits->allowed && (limits->limits.hard_min < param->limits.hard_min
                          || limits->limits.hard_max > param->limits.hard_max))
    return fail (error, _("The drug’s hard limits for “%s” (%g to %g) go outside the parameter’s (%g to %g)."),
                 param->id, limits->limits.hard_min, limits->limits.hard_max,
                 param->limits.hard_min, param->limits.hard_max);
  limits->parameter = g_strdup (param->id);
  limits->line = current_line (reader);
  g_ptr_array_add (reader->drug->limits, g_steal_pointer (&limits));
  return TRUE;
}

static gboolean
start_label (Reader      *reader,
             const char  *parent,
             const char **names,
             GError     **error)
{
  char **target = g_str_equal (parent, "device-class") ? &reader->kind->label
                : g_str_equal (parent, "parameter") ? &reader->param->label
                : &reader->drug->label;

  if (names[0] != NULL)
    return fail (error, _("<label> has no attribute “%s”."), names[0]);
  if (*target != NULL)
    return fail (error, _("<%s> has more than one <label>."), parent);
  reader->label_target = target;
  g_string_truncate (reader->text, 0);
  return TRUE;
}

/* Which element may sit in which: anything else is a mistake in the file. */
static const WardMarkupNesting structure[] = {
  { "catalogue", NULL },
  { "device-class", "catalogue" },
  { "parameter", "device-class" },
  { "drug", "device-class" },
  { "dose", "drug" },
  { "limits", "drug" },
  { "label", "device-class" },
  { "label", "parameter" },
  { "label", "drug" },
};

static gboolean
check_place (GMarkupParseContext  *context,
             const char           *element,
             const char          **parent,
             GError              **error)
{
  WardMarkupPlace place = ward_markup_nesting_check (context, structure, G_N_ELEMENTS (structure), parent);

  if (place == WARD_MARKUP_PLACE_ALLOWED)
    return TRUE;
  if (place == WARD_MARKUP_PLACE_UNKNOWN)
    return fail (error, _("Unknown element <%s>."), element);
  if (*parent == NULL)
    return fail (error, _("The file must start with <catalogue>, not <%s>."), element);
  return fail (error, _("<%s> cannot be inside <%s>."), element, *parent);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Reader *reader = user_data;
  const char *parent = NULL;

  if (!check_place (context, element, &parent, error))
    return;
  if (g_str_equal (element, "catalogue"))
    start_catalogue (reader, names, values, error);
  else if (g_str_equal (element, "device-class"))
    start_class (reader, names, values, error);
  else if (g_str_equal (element, "parameter"))
    start_parameter (reader, names, values, error);
  else if (g_str_equal (element, "drug"))
    start_drug (reader, names, values, error);
  else if (g_str_equal (element, "dose"))
    start_dose (reader, names, values, error);
  else if (g_str_equal (element, "limits"))
    start_drug_limits (reader, names, values, error);
  else
    start_label (reader, parent, names, error);
}

static gboolean
require_label (Reader      *reader,
               const char  *element,
               const char  *id,
               const char  *label,
               int          line,
               GError     **error)
{
  if (label != NULL)
    return TRUE;
  reader->error_line = line;
  return fail (error, _("<%s id=\"%s\"> has no <label>."), element, id);
}

static gboolean
end_label (Reader  *reader,
           GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reader->text->str));

  if (*text == '\0')
    return fail (error, _("A <label> is empty."));
  *reader->label_target = g_steal_pointer (&text);
  reader->label_target = NULL;
  return TRUE;
}

/* Every setting the drug library narrows must be narrowed (by <limits> or
 * by dose limits) or forbidden by every drug: an omission in pharmacy content must not fall back to the
 * setting's wide general limits. */
static gboolean
drug_covers_limited_parameters (Reader        *reader,
                                WardDrugSpec  *drug,
                                GError       **error)
{
  for (guint i = 0; i < reader->kind->parameters->len; i++)
    {
      WardParameterSpec *param = g_ptr_array_index (reader->kind->parameters, i);
      gboolean covered = g_strcmp0 (drug->dose_parameter, param->id) == 0;

      if (!param->drug_limits)
        continue;
      for (guint j = 0; drug->limits != NULL && j < drug->limits->len; j++)
        if (g_strcmp0 (((WardDrugLimits *) g_ptr_array_index (drug->limits, j))->parameter, param->id) == 0)
          covered = TRUE;
      if (!covered)
        {
          reader->error_line = drug->line;
          return fail (error, _("The drug “%s” has no <limits> for “%s” (give limits, or allowed=\"false\")."),
                       drug->id, param->id);
        }
    }
  return TRUE;
}

static gboolean
end_drug (Reader  *reader,
          GError **error)
{
  WardDrugSpec *drug = reader->drug;

  reader->drug = NULL;
  if (!require_label (reader, "drug", drug->id, drug->label, drug->line, error))
    return FALSE;
  if (drug->concentration > 0 && drug->dose_parameter == NULL)
    {
      reader->error_line = drug->line;
      return fail (error, _("The drug “%s” has a concentration but no <dose> limits."), drug->id);
    }
  return drug_covers_limited_parameters (reader, drug, error);
}

/* "below" names a setting of the same class, never itself. */
static gboolean
check_pairs (Reader          *reader,
             WardDeviceKind  *kind,
             GError         **error)
{
  for (guint i = 0; i < kind->parameters->len; i++)
    {
      WardParameterSpec *param = g_ptr_array_index (kind->parameters, i);

      if (param->below == NULL)
        continue;
      if (g_str_equal (param->below, param->id) || find_parameter (kind, param->below) == NULL)
        {
          reader->error_line = param->line;
          return fail (error, _("“%s” must stay below “%s”, which is not another setting of “%s”."),
                       param->id, param->below, kind->id);
        }
    }
  return TRUE;
}

static gboolean
end_class (Reader  *reader,
           GError **error)
{
  WardDeviceKind *kind = reader->kind;

  reader->kind = NULL;
  if (!require_label (reader, "device-class", kind->id, kind->label, kind->line, error)
      || !check_pairs (reader, kind, error))
    return FALSE;
  if (kind->parameters->len > 0)
    return TRUE;
  reader->error_line = kind->line;
  return fail (error, _("The device class “%s” has no parameters."), kind->id);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Reader *reader = user_data;

  if (g_str_equal (element, "label"))
    end_label (reader, error);
  else if (g_str_equal (element, "parameter"))
    {
      require_label (reader, "parameter", reader->param->id, reader->param->label, reader->param->line, error);
      reader->param = NULL;
    }
  else if (g_str_equal (element, "drug"))
    end_drug (reader, error);
  else if (g_str_equal (element, "device-class"))
    end_class (reader, error);
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  Reader *reader = user_data;
  g_autofree char *stripped = NULL;

  if (reader->label_target != NULL)
    {
      g_string_append_len (reader->text, text, (gssize) length);
      return;
    }
  stripped = g_strstrip (g_strndup (text, length));
  if (*stripped != '\0')
    fail (error, _("Unexpected text “%s” in <%s>."), stripped,
          g_markup_parse_context_get_element (context));
}

static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };

/* GMarkup's own messages start "Error on line N char M: "; the file and
 * line are put in front in the catalogue's own form instead. */
static const char *
strip_position (const char *message)
{
  const char *rest = strstr (message, ": ");

  return g_str_has_prefix (message, "Error on line ") && rest != NULL ? rest + 2 : message;
}

gboolean
_ward_catalogue_parse (WardCatalogue  *self,
                       const char     *text_,
                       gsize           length,
                       GError        **error)
{
  Reader reader = { .catalogue = self, .text = g_string_new (NULL) };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  reader.context = g_markup_parse_context_new (&parser, 0, &reader, NULL);
  ok = g_markup_parse_context_parse (reader.context, text_, (gssize) length, &local_error)
       && g_markup_parse_context_end_parse (reader.context, &local_error);
  if (ok && !reader.seen_root)
    ok = fail (&local_error, _("The file has no <catalogue>."));
  if (!ok)
    {
      int line = reader.error_line > 0 ? reader.error_line : current_line (&reader);
      gboolean xml = local_error->domain == G_MARKUP_ERROR;

      g_set_error (error, WARD_CATALOGUE_ERROR, WARD_CATALOGUE_ERROR_MALFORMED, "%s:%d: %s%s",
                   self->path, line, xml ? _("not well-formed XML: ") : "",
                   strip_position (local_error->message));
    }
  g_markup_parse_context_free (reader.context);
  g_string_free (reader.text, TRUE);
  return ok;
}
