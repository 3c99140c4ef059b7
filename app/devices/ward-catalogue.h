/* ward-catalogue.h: the device catalogue: device classes, their settings, limits and drug library */
#pragma once

#include <glib-object.h>

#include "auth/ward-session.h"

G_BEGIN_DECLS

#define WARD_CATALOGUE_ERROR (ward_catalogue_error_quark ())

typedef enum
{
  WARD_CATALOGUE_ERROR_UNREADABLE,  /* the file cannot be read */
  WARD_CATALOGUE_ERROR_MALFORMED,   /* "FILE:LINE: reason" */
} WardCatalogueError;

/* Read-only views owned by the catalogue. Labels and units are the
 * untranslated msgids; the getters below translate them. */
typedef struct
{
  double hard_min;
  double hard_max;
  double soft_min;
  double soft_max;
} WardLimits;

typedef struct
{
  char       *id;
  char       *label;
  char       *unit;
  double      step;
  guint       decimals;     /* as many as the step has */
  WardLimits  limits;
  char       *permission;
  gboolean    high_alert;
  gboolean    drug_limits;  /* the drug library may narrow it */
  char       *below;        /* another setting this one must stay under (a low alarm under its high one) */
  int         line;
} WardParameterSpec;

typedef struct
{
  char       *parameter;
  gboolean    allowed;
  WardLimits  limits;
  int         line;
} WardDrugLimits;

typedef struct
{
  char       *id;
  char       *label;
  gboolean    high_alert;
  double      concentration;  /* per mL; 0: no dose is computed */
  char       *dose_unit;
  gboolean    dose_per_minute;
  char       *dose_parameter; /* the rate the dose limits apply to; NULL: none */
  WardLimits  dose;
  GPtrArray  *limits;         /* WardDrugLimits */
  int         line;
} WardDrugSpec;

typedef struct
{
  char       *id;
  char       *label;
  GPtrArray  *parameters;     /* WardParameterSpec, in file order */
  GPtrArray  *drugs;          /* WardDrugSpec, in file order */
  int         line;
} WardDeviceKind;

typedef enum
{
  WARD_LIMIT_OK,
  WARD_LIMIT_SOFT,      /* allowed after an explicit confirmation and a reason */
  WARD_LIMIT_HARD,      /* never */
  WARD_LIMIT_OFF_STEP,  /* not a whole multiple of the step */
  WARD_LIMIT_UNKNOWN,   /* no such class, parameter or drug: nothing to check against */
} WardLimitResult;

typedef struct
{
  WardLimitResult  result;
  gboolean         by_dose;   /* the drug's dose limit decided, not the rate */
  gboolean         above;     /* the upper limit was crossed */
  double           bound;     /* the limit crossed (in the dose unit when by_dose) */
  double           dose;      /* the dose rate, when the drug has a concentration */
  char            *message;   /* a sentence a nurse understands; NULL when OK */
} WardLimitCheck;

void ward_limit_check_clear (WardLimitCheck *check);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WardLimitCheck, ward_limit_check_clear)

#define WARD_TYPE_CATALOGUE (ward_catalogue_get_type ())
G_DECLARE_FINAL_TYPE (WardCatalogue, ward_catalogue, WARD, CATALOGUE, GObject)

GQuark                   ward_catalogue_error_quark    (void);

/* Errors name the file, and the line where it is malformed:
 * "FILE:LINE: reason". A kiosk without a catalogue shows its devices as
 * unavailable. */
char                    *ward_catalogue_default_path   (void);
WardCatalogue           *ward_catalogue_load           (const char     *path,
                                                        GError        **error);
WardCatalogue           *ward_catalogue_load_default   (GError        **error);
const char              *ward_catalogue_get_path       (WardCatalogue  *self);

/* Owned by the catalogue: WardDeviceKind, in file order. */
GPtrArray               *ward_catalogue_get_kinds      (WardCatalogue  *self);
const WardDeviceKind    *ward_catalogue_get_kind       (WardCatalogue  *self,
                                                        const char     *class_id);
const WardParameterSpec *ward_catalogue_get_parameter  (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        const char     *parameter);
const WardDrugSpec      *ward_catalogue_get_drug       (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        const char     *drug);
gboolean                 ward_catalogue_get_limits     (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        const char     *parameter,
                                                        const char     *drug,
                                                        WardLimits     *limits);
gboolean                 ward_catalogue_is_high_alert  (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        const char     *parameter,
                                                        const char     *drug);
WardLimitResult          ward_catalogue_check          (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        const char     *parameter,
                                                        const char     *drug,
                                                        double          value,
                                                        WardLimitCheck *out);
/* A soft crossing in words for the person checking it; NULL unless
 * check->result is WARD_LIMIT_SOFT. */
char                    *ward_catalogue_describe_crossing (const WardParameterSpec *param,
                                                        const WardDrugSpec      *drug,
                                                        const WardLimitCheck    *check,
                                                        double                   value);
/* The parameters the session may change (a new array of borrowed specs). */
GPtrArray               *ward_catalogue_list_permitted (WardCatalogue  *self,
                                                        const char     *class_id,
                                                        WardSession    *session);

const char              *ward_device_kind_get_label    (const WardDeviceKind    *kind);
const char              *ward_parameter_spec_get_label (const WardParameterSpec *param);
const char              *ward_parameter_spec_get_unit  (const WardParameterSpec *param);
const char              *ward_drug_spec_get_label      (const WardDrugSpec      *drug);
const char              *ward_drug_spec_get_dose_unit  (const WardDrugSpec      *drug);
gboolean                 ward_catalogue_snap_to_step   (const WardParameterSpec *param,
                                                        double                   value,
                                                        double                  *snapped);
char                    *ward_catalogue_format_value   (const WardParameterSpec *param,
                                                        double                   value);
char                    *ward_catalogue_format_with_unit (const WardParameterSpec *param,
                                                        double                   value);
/* A setting's usual range and the range it never leaves, on two lines, for
 * the drug loaded (NULL: none); words for "not allowed" when the drug
 * forbids the setting. */
char                    *ward_catalogue_describe_limits (WardCatalogue           *self,
                                                        const char              *class_id,
                                                        const WardParameterSpec *param,
                                                        const char              *drug);

G_END_DECLS
