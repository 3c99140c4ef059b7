/* ward-enrolment-trust.h: whose enrolments an account may keep when its rights grow */
#pragma once

#include <glib.h>

#include "data/ward-store.h"

G_BEGIN_DECLS

char     *ward_enrolment_trust_list_untrusted (WardStore          *store,
                                               gint64              user_id,
                                               const char *const  *rights_after,
                                               GError            **error);
gboolean  ward_enrolment_trust_check          (WardStore          *store,
                                               gint64              user_id,
                                               const char         *username,
                                               const char *const  *rights_after,
                                               gboolean            keep_credentials,
                                               char              **kept,
                                               GError            **error);

G_END_DECLS
