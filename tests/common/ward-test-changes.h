/* ward-test-changes.h: device-setting changes written straight to a test ward's store, as the change pipeline would leave them */
#pragma once

#include "data/ward-device-changes.h"
#include "tests/common/ward-test-site.h"

G_BEGIN_DECLS

void ward_test_site_pump_change (WardTestSite       *site,
                                 const char         *username,
                                 gint64              session_id,
                                 const char         *change_id,
                                 double              old_value,
                                 double              new_value,
                                 const char         *reason,
                                 WardSettingOutcome  outcome);

G_END_DECLS
