/* ward-admin-cli-private.h: what the wardgate-admin command files share */
#pragma once

#include <json-glib/json-glib.h>

#include "app/admin/ward-account-admin.h"
#include "app/cli/ward-admin-cli.h"
#include "app/admin/ward-badge-admin.h"
#include "app/ward-site-config.h"
#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"

G_BEGIN_DECLS

typedef struct _Cli Cli;
typedef int (*CommandFunc) (Cli *cli, char **args);

typedef enum
{
  OPT_NAME   = 1 << 0,
  OPT_ROLE   = 1 << 1,
  OPT_JSON   = 1 << 2,
  OPT_LIMIT  = 1 << 3,
  OPT_AS     = 1 << 4,
  OPT_SEARCH = 1 << 5,
  OPT_UID    = 1 << 6,
  OPT_READ   = 1 << 7,
  OPT_PIN    = 1 << 8,
  OPT_LABEL  = 1 << 9,
  OPT_PNG    = 1 << 10,
  OPT_ISSUER = 1 << 11,
  OPT_ALL    = 1 << 12,
  OPT_SINCE  = 1 << 13,
  OPT_CSV    = 1 << 14,
  OPT_DIRECTORY = 1 << 15,  /* any of the "directory set" options */
  OPT_DRY_RUN   = 1 << 16,
  OPT_KEEP_CREDENTIALS = 1 << 17,
  OPT_PRINT_SQL = 1 << 18,
} CliOption;

typedef struct
{
  const char  *words;      /* "user add" */
  const char  *usage;      /* what follows the words */
  guint        n_args;     /* G_MAXUINT: one or more */
  CliOption    options;
  const char  *summary;
  CommandFunc  run;
} Command;

struct _Cli
{
  /* global options */
  char              *db_path;
  char              *key_file;
  char              *as_user;
  gboolean           json;
  gboolean           help;
  gboolean           version;
  /* command options */
  char              *name;
  char             **roles;
  char              *search;
  int                limit;
  char              *uid;
  gboolean           read_badge;
  gboolean           pin;
  char              *label;
  char              *png;
  char              *issuer;
  gboolean           all;
  char              *since;
  gboolean           csv;
  char              *uri;
  char              *base_dn;
  char              *bind_dn;
  char              *password_file;
  char              *user_filter;
  char              *ca_file;
  char              *disabled_attribute;
  gboolean           starttls;
  gboolean           insecure;
  gboolean           dry_run;
  gboolean           keep_credentials;
  gboolean           print_sql;
  /* opened on demand */
  WardSiteConfig    *config;     /* the site's policy, as the kiosk reads it */
  WardStore         *store;
  WardAccountAdmin  *admin;
  WardActor         *actor;
  WardPolicy        *policy;
  WardCodeFactor    *codes;
  WardKeyFactor     *keys;
  WardBadgeAdmin    *badges;
};

int    ward_admin_cli_fail        (const char  *message);
int    ward_admin_cli_fail_with   (GError      *error);
void   ward_admin_cli_print_json  (JsonBuilder *builder);
/* Prints items as a JSON array, each written by add; returns the exit
 * status for the command. */
typedef void (*WardAdminCliJsonAdd) (JsonBuilder *builder,
                                     gpointer     item);
int    ward_admin_cli_print_json_list (GPtrArray           *items,
                                       WardAdminCliJsonAdd  add);
/* One member of the object being built: name and value in one call. */
void   ward_admin_cli_json_string (JsonBuilder *builder,
                                   const char  *name,
                                   const char  *value);
void   ward_admin_cli_json_int    (JsonBuilder *builder,
                                   const char  *name,
                                   gint64       value);
void   ward_admin_cli_json_bool   (JsonBuilder *builder,
                                   const char  *name,
                                   gboolean     value);
char  *ward_admin_cli_json_escape_controls (const char *text);
char  *ward_admin_cli_format_time (gint64       seconds);
char  *ward_admin_cli_os_identity (void);

int    ward_admin_cmd_user_add         (Cli *cli, char **args);
int    ward_admin_cmd_user_list        (Cli *cli, char **args);
int    ward_admin_cmd_user_show        (Cli *cli, char **args);
int    ward_admin_cmd_user_disable     (Cli *cli, char **args);
int    ward_admin_cmd_user_enable      (Cli *cli, char **args);
int    ward_admin_cmd_role_list        (Cli *cli, char **args);
int    ward_admin_cmd_role_grant       (Cli *cli, char **args);
int    ward_admin_cmd_role_revoke      (Cli *cli, char **args);
int    ward_admin_cmd_role_permit      (Cli *cli, char **args);
int    ward_admin_cmd_role_forbid      (Cli *cli, char **args);
int    ward_admin_cmd_audit_list       (Cli *cli, char **args);
int    ward_admin_cmd_audit_verify     (Cli *cli, char **args);
int    ward_admin_cmd_kiosk_list       (Cli *cli, char **args);
int    ward_admin_cmd_badge_enroll     (Cli *cli, char **args);
int    ward_admin_cmd_badge_revoke     (Cli *cli, char **args);
int    ward_admin_cmd_key_enroll       (Cli *cli, char **args);
int    ward_admin_cmd_key_list         (Cli *cli, char **args);
int    ward_admin_cmd_key_revoke       (Cli *cli, char **args);
int    ward_admin_cmd_totp_enroll      (Cli *cli, char **args);
int    ward_admin_cmd_config_check     (Cli *cli, char **args);
int    ward_admin_cmd_totp_reset       (Cli *cli, char **args);
int    ward_admin_cmd_unlock           (Cli *cli, char **args);
int    ward_admin_cmd_policy_show      (Cli *cli, char **args);
int    ward_admin_cmd_policy_set       (Cli *cli, char **args);
int    ward_admin_cmd_policy_lockout   (Cli *cli, char **args);
int    ward_admin_cmd_policy_reentry   (Cli *cli, char **args);
int    ward_admin_cmd_break_glass_list (Cli *cli, char **args);
int    ward_admin_cmd_break_glass_review (Cli *cli, char **args);
int    ward_admin_cmd_awareness_report (Cli *cli, char **args);
int    ward_admin_cmd_directory_set    (Cli *cli, char **args);
int    ward_admin_cmd_directory_map    (Cli *cli, char **args);
int    ward_admin_cmd_directory_unmap  (Cli *cli, char **args);
int    ward_admin_cmd_directory_show   (Cli *cli, char **args);
int    ward_admin_cmd_directory_sync   (Cli *cli, char **args);

G_END_DECLS
