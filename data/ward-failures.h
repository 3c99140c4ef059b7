/* ward-failures.h: consecutive sign-in failures per account and factor, and per kiosk */
#pragma once

#include <glib.h>

#include "data/ward-stmt.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  user_id;
  char   *username;         /* filled by the listings */
  char   *factor;
  guint   consecutive;
  gint64  last_failure_at;  /* 0: never */
  gint64  locked_at;        /* 0: not locked */
} WardFailureRecord;

void               ward_failure_record_free   (WardFailureRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardFailureRecord, ward_failure_record_free)

WardFailureRecord *ward_failures_get          (WardStore   *store,
                                               gint64       user_id,
                                               const char  *factor,
                                               GError     **error);
WardFailureRecord *ward_failures_add          (WardStore   *store,
                                               gint64       user_id,
                                               const char  *factor,
                                               gboolean     lock,
                                               GError     **error);
gboolean           ward_failures_lock         (WardStore   *store,
                                               gint64       user_id,
                                               const char  *factor,
                                               GError     **error);
gboolean           ward_failures_reset        (WardStore   *store,
                                               gint64       user_id,
                                               const char  *factor,
                                               GError     **error);
guint              ward_failures_unlock_all   (WardStore   *store,
                                               gint64       user_id,
                                               GError     **error);
GPtrArray         *ward_failures_list_locked  (WardStore   *store,
                                               GError     **error);
guint              ward_failures_add_for_kiosk (WardStore  *store,
                                               const char  *factor,
                                               gint64       window_seconds,
                                               GError     **error);

G_END_DECLS
