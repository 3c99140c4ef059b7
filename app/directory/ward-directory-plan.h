/* ward-directory-plan.h: what a directory sync would change (or changed) and what it passed over */
#pragma once

#include <glib.h>

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

WardDirectorySyncResult *ward_directory_sync_result_new        (void);
/* Appended to the result, which owns them. */
WardDirectoryChange     *ward_directory_sync_result_add_change (WardDirectorySyncResult *result,
                                                                WardDirectoryChangeKind  kind,
                                                                gint64                   user_id,
                                                                const char              *username,
                                                                const char              *dn);
void                     ward_directory_sync_result_add_skip   (WardDirectorySyncResult *result,
                                                                const char              *login,
                                                                const char              *dn,
                                                                const char              *reason);

G_END_DECLS
