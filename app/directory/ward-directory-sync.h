/* ward-directory-sync.h: bringing staff, their names, active state and mapped roles in from the hospital directory */
#pragma once

#include <glib-object.h>

#include "app/directory/ward-ldap-client.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_DIRECTORY_CHANGE_ADD_USER,
  WARD_DIRECTORY_CHANGE_ENABLE,
  WARD_DIRECTORY_CHANGE_RENAME,
  WARD_DIRECTORY_CHANGE_GRANT,
  WARD_DIRECTORY_CHANGE_REVOKE,
  WARD_DIRECTORY_CHANGE_DISABLE,
} WardDirectoryChangeKind;

typedef struct
{
  WardDirectoryChangeKind  kind;
  gint64                   user_id;    /* 0: an account still to be made */
  char                    *username;
  char                    *dn;
  char                    *full_name;  /* add, rename: the directory's name */
  char                    *old_name;   /* rename */
  char                    *role;       /* grant, revoke */
  char                    *group_dn;   /* grant: the group that gives the role */
  char                    *why;        /* disable: "disabled" or "gone" */
} WardDirectoryChange;

typedef struct
{
  char *login;
  char *dn;
  char *reason;
} WardDirectorySkip;

typedef struct
{
  GPtrArray *changes;   /* WardDirectoryChange, in the order they are applied */
  GPtrArray *skipped;   /* WardDirectorySkip */
  guint      n_people;
  guint      n_groups;
  guint      n_pages;
  gboolean   applied;
} WardDirectorySyncResult;

void                     ward_directory_sync_result_free (WardDirectorySyncResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardDirectorySyncResult, ward_directory_sync_result_free)

const char              *ward_directory_change_kind_name (WardDirectoryChangeKind kind);
char                    *ward_directory_change_describe  (const WardDirectoryChange *change);

#define WARD_TYPE_DIRECTORY_SYNC (ward_directory_sync_get_type ())
G_DECLARE_FINAL_TYPE (WardDirectorySync, ward_directory_sync, WARD, DIRECTORY_SYNC, GObject)

WardDirectorySync       *ward_directory_sync_new         (WardStore          *store);
void                     ward_directory_sync_set_timeout (WardDirectorySync  *self,
                                                          guint               seconds);
WardDirectorySyncResult *ward_directory_sync_run         (WardDirectorySync  *self,
                                                          gboolean            dry_run,
                                                          const char         *run_by,
                                                          GError            **error);

G_END_DECLS
