/* ward-test-flow.c: driving a sign-in flow over a test ward without a screen, and reading what it audited */
#include "config.h"

#include "tests/common/ward-test-flow.h"

/* The flow as the kiosk builds it, over the site's store, policy and factors. */
WardAuthFlow *
ward_test_flow_new (WardTestSite *site)
{
  return ward_auth_flow_new (site->fixture->store, site->policy, site->keys, site->codes);
}

static gboolean
key_settled (gpointer data)
{
  return !ward_auth_flow_get_key_busy (data);
}

/* The key check runs in a thread: wait until it has answered. */
void
ward_test_flow_wait_for_key (WardAuthFlow *flow)
{
  ward_test_wait_for (key_settled, flow);
}

/* Time passes on the fake clock, and the flow sees it (idle lock, timeouts). */
void
ward_test_flow_advance (WardTestSite *site,
                        WardAuthFlow *flow,
                        gint64        seconds)
{
  ward_clock_advance (site->fixture->clock, seconds * G_USEC_PER_SEC);
  ward_auth_flow_tick (flow);
}

/* The code @username's authenticator app shows now, typed in. */
void
ward_test_flow_type_code (WardTestSite *site,
                          WardAuthFlow *flow,
                          const char   *username)
{
  g_autofree char *code = ward_test_site_app_code (site, username, 0);

  ward_auth_flow_submit_code (flow, code);
}

/* Wrong codes until @policy locks @username out. */
void
ward_test_site_lock_out (WardTestSite *site,
                         WardPolicy   *policy,
                         const char   *username)
{
  WardTestPerson *person = ward_test_site_person (site, username);
  WardPolicyVerdict verdict = WARD_POLICY_ALLOWED;

  for (guint i = 0; i < WARD_POLICY_MAX_LOCKOUT_THRESHOLD && verdict != WARD_POLICY_LOCKED; i++)
    verdict = ward_policy_record_failure (policy, person->user_id, username, "totp", "wrong-code", NULL, NULL);
  g_assert_cmpint (verdict, ==, WARD_POLICY_LOCKED);
}

/* The details of the one newest audit record @filter finds (its limit is
 * set to one); the text stays valid until the next call. */
const char *
ward_test_site_newest_details (WardTestSite          *site,
                               const WardAuditFilter *filter)
{
  static char details[512];
  WardAuditFilter newest = *filter;
  g_autoptr(GPtrArray) records = NULL;

  newest.limit = 1;
  records = ward_audit_list (site->fixture->store, &newest, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_strlcpy (details, ((WardAuditRecord *) records->pdata[0])->details, sizeof details);
  return details;
}
