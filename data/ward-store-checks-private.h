/* ward-store-checks-private.h: what the store checks before it trusts a database's key */
#pragma once

#include "data/ward-stmt.h"

G_BEGIN_DECLS

gboolean ward_store_check_install_key   (WardStore  *self,
                                         GError    **error);
void     ward_store_set_wrong_key_error (WardStore  *self,
                                         GError    **error);

G_END_DECLS
