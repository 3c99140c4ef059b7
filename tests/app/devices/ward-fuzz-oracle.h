/* ward-fuzz-oracle.h: what the device rules say, read from the catalogue file independently of app/ */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double hard_min, hard_max, soft_min, soft_max;
} OracleLimits;

typedef struct
{
  char         *id;
  double        step;
  guint         decimals;
  OracleLimits  limits;
  char         *permission;
  gboolean      high_alert;
  gboolean      drug_limits;
  char         *below;
} OracleParam;

typedef struct
{
  char         *parameter;
  gboolean      allowed;
  OracleLimits  limits;
} OracleNarrowing;

typedef struct
{
  char         *id;
  gboolean      high_alert;
  double        concentration;   /* 0: no dose */
  gboolean      per_minute;
  char         *dose_parameter;
  OracleLimits  dose;
  GPtrArray    *narrowings;      /* OracleNarrowing */
} OracleDrug;

typedef struct
{
  char      *id;
  GPtrArray *params;             /* OracleParam */
  GPtrArray *drugs;              /* OracleDrug */
} OracleClass;

typedef struct
{
  GPtrArray *classes;            /* OracleClass */
} Oracle;

typedef enum
{
  ORACLE_FORBIDDEN,   /* outside the hard limits, off the grid, unknown, or not allowed for the drug */
  ORACLE_WITHIN,
  ORACLE_SOFT,        /* allowed with a reason */
} OracleVerdict;

Oracle            *oracle_load          (const char   *path,
                                         GError      **error);
void               oracle_free          (Oracle       *oracle);
const OracleClass *oracle_class         (Oracle       *oracle,
                                         const char   *class_id);
const OracleParam *oracle_param         (Oracle       *oracle,
                                         const char   *class_id,
                                         const char   *parameter);
const OracleDrug  *oracle_drug          (Oracle       *oracle,
                                         const char   *class_id,
                                         const char   *drug);
/* The limits that apply; FALSE when nothing may be set at all. */
gboolean           oracle_limits        (Oracle       *oracle,
                                         const char   *class_id,
                                         const char   *parameter,
                                         const char   *drug,
                                         OracleLimits *limits);
/* For a value as sent: is it exactly a decimal grid point, and where is it. */
OracleVerdict      oracle_judge         (Oracle       *oracle,
                                         const char   *class_id,
                                         const char   *parameter,
                                         const char   *drug,
                                         double        value);
gboolean           oracle_high_alert    (Oracle       *oracle,
                                         const char   *class_id,
                                         const char   *parameter,
                                         const char   *drug);
/* At least 8 characters that print, 4 of them letters. */
gboolean           oracle_real_reason   (const char   *reason);
/* Which permissions a role holds (the shipped roles). */
gboolean           oracle_role_can      (const char   *role,
                                         const char   *permission);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Oracle, oracle_free)

G_END_DECLS
