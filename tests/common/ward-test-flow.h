/* ward-test-flow.h: driving a sign-in flow over a test ward without a screen, and reading what it audited */
#pragma once

#include "data/ward-audit.h"
#include "tests/common/ward-test-site.h"

G_BEGIN_DECLS

WardAuthFlow *ward_test_flow_new            (WardTestSite          *site);
void          ward_test_flow_wait_for_key   (WardAuthFlow          *flow);
void          ward_test_flow_advance        (WardTestSite          *site,
                                             WardAuthFlow          *flow,
                                             gint64                 seconds);
void          ward_test_flow_type_code      (WardTestSite          *site,
                                             WardAuthFlow          *flow,
                                             const char            *username);
void          ward_test_site_lock_out       (WardTestSite          *site,
                                             WardPolicy            *policy,
                                             const char            *username);
const char   *ward_test_site_newest_details (WardTestSite          *site,
                                             const WardAuditFilter *filter);

G_END_DECLS
