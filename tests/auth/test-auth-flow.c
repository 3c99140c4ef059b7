/* test-auth-flow.c: every transition of the sign-in flow, with a fake clock and soft keys */
#include "config.h"

#include <string.h>

#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-sessions.h"
#include "tests/common/ward-test-flow.h"

#define NURSE_BADGE "04A1B2C3"
#define ADMIN_BADGE "04D4E5F6"
#define SECOND_NURSE_BADGE "04778899"

typedef struct
{
  WardTestSite *site;
  WardAuthFlow *flow;
  guint         awareness_asked;
  gboolean      awareness_due;
} Kiosk;

static gboolean
awareness_due (gint64   user_id,
               gpointer user_data)
{
  Kiosk *kiosk = user_data;

  kiosk->awareness_asked++;
  return kiosk->awareness_due;
}

static void
kiosk_set_up (Kiosk         *kiosk,
              gconstpointer  data)
{
  kiosk->site = ward_test_site_new ();
  ward_test_site_add_person (kiosk->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (kiosk->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  kiosk->flow = ward_test_flow_new (kiosk->site);
  ward_auth_flow_set_awareness_hook (kiosk->flow, awareness_due, kiosk, NULL);
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, "nnurse")->key);
  ward_clock_advance (kiosk->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
kiosk_tear_down (Kiosk         *kiosk,
                 gconstpointer  data)
{
  ward_test_release_flow (&kiosk->flow);
  ward_test_site_free (kiosk->site);
}

static guint
count_events (Kiosk      *kiosk,
              const char *event)
{
  WardAuditFilter filter = { .event_prefix = event };
  g_autoptr(GPtrArray) records = ward_audit_list (kiosk->site->fixture->store, &filter, NULL);

  return records->len;
}

static const char *
newest_details (Kiosk      *kiosk,
                const char *event)
{
  WardAuditFilter filter = { .event_prefix = event };

  return ward_test_site_newest_details (kiosk->site, &filter);
}

static void
type_code (Kiosk      *kiosk,
           const char *username)
{
  ward_test_flow_type_code (kiosk->site, kiosk->flow, username);
}

static void
sign_in (Kiosk      *kiosk,
         const char *username,
         const char *badge)
{
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, username)->key);
  ward_auth_flow_badge (kiosk->flow, badge);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpstr (ward_auth_flow_get_message (kiosk->flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  type_code (kiosk, username);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
}

static void
assert_refused (Kiosk           *kiosk,
                WardAuthState    state,
                WardAuthRefusal  refusal,
                const char      *words)
{
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, state);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, refusal);
  g_assert_nonnull (strstr (ward_auth_flow_get_message (kiosk->flow), words));
}

static void
test_full_sign_in (Kiosk         *kiosk,
                   gconstpointer  data)
{
  WardSession *session;

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  session = ward_auth_flow_get_session (kiosk->flow);
  g_assert_cmpstr (ward_session_get_username (session), ==, "nnurse");
  g_assert_true (ward_session_can (session, "device.adjust"));
  g_assert_false (ward_session_can (session, "device.adjust.high-alert"));
  g_assert_false (ward_session_can (session, "users.manage"));
  g_assert_cmpuint (count_events (kiosk, "session.signed-in"), ==, 1);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.signed-in"), "badge+key+totp"));
  g_assert_cmpuint (kiosk->awareness_asked, ==, 1);
}

static void
test_unknown_badge (Kiosk         *kiosk,
                    gconstpointer  data)
{
  ward_auth_flow_badge (kiosk->flow, "DEADBEEF");
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_UNKNOWN_BADGE, "not recognised");
  g_assert_cmpuint (count_events (kiosk, "badge.unknown"), ==, 1);

  /* A burst of unknown cards pauses unknown badges for a minute (flagged
   * for review), while staff badges keep working. */
  for (guint i = 0; i < 6; i++)
    ward_auth_flow_badge (kiosk->flow, "DEADBEEF");
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_BADGE_COOLDOWN, "ignored for a minute");
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_flow_wait_for_key (kiosk->flow);
  ward_auth_flow_cancel (kiosk->flow);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 61);
  ward_auth_flow_badge (kiosk->flow, "DEADBEEF");
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_UNKNOWN_BADGE, "not recognised");
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_flow_wait_for_key (kiosk->flow);
}

static void
test_wrong_key (Kiosk         *kiosk,
                gconstpointer  data)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();

  ward_test_site_insert_key (kiosk->site, stranger);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_refused (kiosk, WARD_AUTH_STATE_KEY, WARD_AUTH_REFUSAL_KEY, "not your registered key");
  g_assert_cmpuint (ward_auth_flow_get_attempts_left (kiosk->flow), ==, 9);
  g_assert_nonnull (strstr (newest_details (kiosk, "factor.failed"), "wrong-key"));

  /* The right key, then, on a retry. */
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, "nnurse")->key);
  ward_auth_flow_retry_key (kiosk->flow);
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
}

static void
test_misbehaving_key (Kiosk         *kiosk,
                      gconstpointer  data)
{
  WardSoftKey *key = ward_test_site_person (kiosk->site, "nnurse")->key;

  ward_soft_key_set_fault (key, WARD_SOFT_KEY_FAULT_COUNTER_STUCK);
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_sign_out (kiosk->flow);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 30);

  /* The second use shows the same counter: a copied key. */
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_refused (kiosk, WARD_AUTH_STATE_KEY, WARD_AUTH_REFUSAL_KEY, "copied");
  g_assert_nonnull (strstr (newest_details (kiosk, "factor.failed"), "counter-not-rising"));
}

static void
test_wrong_and_replayed_code (Kiosk         *kiosk,
                              gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autofree char *wrong_words = NULL;

  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  ward_auth_flow_submit_code (kiosk->flow, "000000");
  assert_refused (kiosk, WARD_AUTH_STATE_CODE, WARD_AUTH_REFUSAL_WRONG_CODE, "not accepted");
  g_assert_cmpuint (ward_auth_flow_get_attempts_left (kiosk->flow), ==, 9);
  wrong_words = g_strdup (ward_auth_flow_get_message (kiosk->flow));

  code = ward_test_site_app_code (kiosk->site, "nnurse", 0);
  ward_auth_flow_submit_code (kiosk->flow, code);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_auth_flow_sign_out (kiosk->flow);

  /* Someone who watched her type tries the same code at once. */
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  ward_auth_flow_submit_code (kiosk->flow, code);
  assert_refused (kiosk, WARD_AUTH_STATE_CODE, WARD_AUTH_REFUSAL_WRONG_CODE, "not accepted");
  g_assert_cmpstr (ward_auth_flow_get_message (kiosk->flow), ==, wrong_words);
  g_assert_nonnull (strstr (newest_details (kiosk, "factor.failed"), "replayed"));
}

static void
test_lockout (Kiosk         *kiosk,
              gconstpointer  data)
{
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  for (guint i = 0; i < 30 && ward_auth_flow_get_state (kiosk->flow) == WARD_AUTH_STATE_CODE; i++)
    {
      ward_auth_flow_submit_code (kiosk->flow, "000000");
      if (ward_auth_flow_get_state (kiosk->flow) == WARD_AUTH_STATE_LOCKED
          && ward_auth_flow_get_refusal (kiosk->flow) == WARD_AUTH_REFUSAL_DELAYED)
        {
          ward_test_flow_advance (kiosk->site, kiosk->flow, 16 * 60);
          ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
          ward_test_flow_wait_for_key (kiosk->flow);
        }
    }
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_LOCKED_OUT, "unlock");
  g_assert_cmpuint (count_events (kiosk, "account.locked"), ==, 1);

  /* Locked means locked: the next badge tap is refused before any factor. */
  ward_test_flow_advance (kiosk->site, kiosk->flow, 3600);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_LOCKED_OUT, "charge nurse");
  g_assert_nonnull (strstr (newest_details (kiosk, "session.refused"), "locked"));
}

static void
test_disabled_and_not_enrolled (Kiosk         *kiosk,
                                gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");

  ward_test_site_add_person (kiosk->site, "newbie", "nurse", SECOND_NURSE_BADGE, TRUE, FALSE);
  ward_auth_flow_badge (kiosk->flow, SECOND_NURSE_BADGE);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_NOT_ENROLLED, "Ask the charge nurse");

  g_assert_true (ward_directory_set_disabled (kiosk->site->fixture->store, nurse->user_id, TRUE, NULL));
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_DISABLED, "call the ward manager or IT");
}

static void
test_step_timeouts_and_cancel (Kiosk         *kiosk,
                               gconstpointer  data)
{
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  g_assert_cmpint (ward_auth_flow_get_seconds_left (kiosk->flow), ==, 60);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 59);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 2);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_TIMED_OUT, "timed out");
  g_assert_nonnull (strstr (newest_details (kiosk, "session.timed-out"), "code"));

  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  ward_auth_flow_cancel (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_pending_user_id (kiosk->flow), ==, 0);
}

static void
test_key_never_touched_then_cancelled (Kiosk         *kiosk,
                                       gconstpointer  data)
{
  WardSoftKey *key = ward_test_site_person (kiosk->site, "nnurse")->key;

  ward_soft_key_set_auto_touch (key, FALSE);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_true (ward_auth_flow_get_key_busy (kiosk->flow));
  ward_auth_flow_cancel (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);

  /* The late answer of the cancelled check changes nothing. */
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_NONE);
}

static void
test_idle_lock (Kiosk         *kiosk,
                gconstpointer  data)
{
  WardSession *session;

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  session = ward_auth_flow_get_session (kiosk->flow);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 89);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 2);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_IDLE_WARNING);
  g_assert_cmpint (ward_auth_flow_get_seconds_left (kiosk->flow), ==, 29);

  /* Touching the screen keeps her signed in. */
  ward_auth_flow_activity (kiosk->flow);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 119);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 2);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  g_assert_nonnull (strstr (newest_details (kiosk, "session.timed-out"), "idle"));
}

/* Work awaited (a witness, a device's answer) holds the idle lock off
 * however long it takes; from the release she has the whole idle time
 * again, not a lock at the next tick for the minutes spent waiting. */
static void
test_hold_then_release (Kiosk         *kiosk,
                        gconstpointer  data)
{
  WardSession *session;

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  session = ward_auth_flow_get_session (kiosk->flow);
  ward_session_hold (session);
  g_assert_true (ward_session_is_held (session));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 300);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);

  ward_session_release (session);
  g_assert_false (ward_session_is_held (session));
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  g_assert_cmpint (ward_session_get_seconds_until_lock (session), ==, 120);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 1);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 120);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
}

/* Disabled elsewhere (by an administrator, or by a directory sync from
 * another machine): her session ends at the next tick, not at sign-out. */
static void
test_disabled_meanwhile_ends_session (Kiosk         *kiosk,
                                      gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");
  WardSession *session;

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  session = ward_auth_flow_get_session (kiosk->flow);
  g_assert_true (ward_session_can (session, "device.view"));
  g_assert_true (ward_directory_set_disabled (kiosk->site->fixture->store, nurse->user_id, TRUE, NULL));
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACCOUNT_DISABLED);
  g_assert_false (ward_session_can (session, "device.view"));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 1);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  g_assert_nonnull (strstr (newest_details (kiosk, "session.signed-out"), "account-disabled"));
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_DISABLED);
}

static void
test_twelve_hour_limit (Kiosk         *kiosk,
                        gconstpointer  data)
{
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  for (guint i = 0; i < 12 * 60 - 1; i++)
    {
      ward_test_flow_advance (kiosk->site, kiosk->flow, 60);
      ward_auth_flow_activity (kiosk->flow);
    }
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 61);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.timed-out"), "time-limit"));
}

static void
test_tap_out_and_tap_over (Kiosk         *kiosk,
                           gconstpointer  data)
{
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.signed-out"), "tap-out"));

  ward_test_flow_advance (kiosk->site, kiosk->flow, 30);
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, "aadmin")->key);
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpint (ward_auth_flow_get_pending_user_id (kiosk->flow), ==,
                   ward_test_site_person (kiosk->site, "aadmin")->user_id);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.signed-out"), "tap-over"));
  ward_test_flow_wait_for_key (kiosk->flow);
  type_code (kiosk, "aadmin");
  g_assert_true (ward_session_can (ward_auth_flow_get_session (kiosk->flow), "users.manage"));

  /* An unknown card at a busy kiosk does not end the session. */
  ward_auth_flow_badge (kiosk->flow, "0BADCAFE");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
}

static void
test_step_up (Kiosk         *kiosk,
              gconstpointer  data)
{
  WardSession *session;

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  session = ward_auth_flow_get_session (kiosk->flow);
  g_assert_false (ward_session_needs_step_up (session));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 100);
  ward_auth_flow_activity (kiosk->flow);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 100);
  ward_auth_flow_activity (kiosk->flow);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 100);
  g_assert_true (ward_session_needs_step_up (session));
  ward_session_record_strong_verification (session);
  g_assert_false (ward_session_needs_step_up (session));
  g_assert_cmpuint (count_events (kiosk, "session.step-up"), ==, 1);
}

static void
test_break_glass (Kiosk         *kiosk,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) pending_review = NULL;
  WardSession *session;

  ward_auth_flow_emergency (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_BADGE);
  ward_auth_flow_badge (kiosk->flow, "DEADBEEF");
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_UNKNOWN_BADGE, "not recognised");

  /* An administrator is not clinical staff: no emergency device access. */
  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_NOT_ELIGIBLE, "clinical staff");

  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_auth_flow_submit_reason (kiosk->flow, "  arrest  ");
  assert_refused (kiosk, WARD_AUTH_STATE_BREAK_GLASS_REASON, WARD_AUTH_REFUSAL_REASON_TOO_SHORT, "10 characters");
  ward_auth_flow_submit_reason (kiosk->flow, "Cardiac arrest in bed 12");
  g_assert_cmpstr (ward_auth_flow_get_message (kiosk->flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);

  /* The break-glass role's permissions only, whoever taps. */
  session = ward_auth_flow_get_session (kiosk->flow);
  g_assert_cmpint (ward_session_get_kind (session), ==, WARD_SESSION_KIND_BREAK_GLASS);
  g_assert_true (ward_session_can (session, "device.adjust"));
  g_assert_false (ward_session_can (session, "users.manage"));
  g_assert_nonnull (strstr (newest_details (kiosk, "break-glass.started"), "Cardiac arrest in bed 12"));
  g_assert_cmpuint (kiosk->awareness_asked, ==, 0);

  /* No idle lock in an emergency: ten minutes without a touch (hands on
   * the patient) and it is still open. */
  for (guint i = 0; i < 10; i++)
    ward_test_flow_advance (kiosk->site, kiosk->flow, 60);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);

  /* Another person's badge asks first; "no" keeps the emergency going. */
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_true (ward_auth_flow_get_session (kiosk->flow) == session);
  g_assert_nonnull (ward_auth_flow_get_tap_over_name (kiosk->flow));
  ward_auth_flow_answer_tap_over (kiosk->flow, FALSE);
  g_assert_null (ward_auth_flow_get_tap_over_name (kiosk->flow));
  g_assert_true (ward_auth_flow_get_session (kiosk->flow) == session);
  /* Unanswered, the question goes away by itself after 30 s. */
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  g_assert_nonnull (ward_auth_flow_get_tap_over_name (kiosk->flow));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 31);
  g_assert_null (ward_auth_flow_get_tap_over_name (kiosk->flow));
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);

  /* However busy she keeps it, the emergency session ends after 15 minutes. */
  for (guint i = 0; i < 3; i++)
    {
      ward_test_flow_advance (kiosk->site, kiosk->flow, 60);
      ward_auth_flow_activity (kiosk->flow);
    }
  ward_test_flow_advance (kiosk->site, kiosk->flow, 60);
  ward_auth_flow_activity (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  ward_test_flow_advance (kiosk->site, kiosk->flow, 30);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpuint (count_events (kiosk, "break-glass.ended"), ==, 1);

  {
    WardAuditFilter flagged = { .flagged_only = TRUE };
    g_autoptr(GPtrArray) records = ward_audit_list (kiosk->site->fixture->store, &flagged, NULL);
    g_assert_cmpuint (records->len, >=, 3);
  }
  pending_review = ward_sessions_list_break_glass (kiosk->site->fixture->store, TRUE, NULL);
  g_assert_cmpuint (pending_review->len, ==, 1);
  g_assert_cmpstr (((WardSessionRecord *) pending_review->pdata[0])->reason, ==, "Cardiac arrest in bed 12");

  /* A third use in an hour is allowed (care comes first) and raised as a
   * high-priority alert for review; the second is not. */
  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_auth_flow_submit_reason (kiosk->flow, "Still resuscitating bed 12");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (kiosk, "break-glass.overused"), ==, 0);
  /* A tap by another person, answered yes: the emergency ends, her sign-in begins. */
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  ward_auth_flow_answer_tap_over (kiosk->flow, TRUE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), !=, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), !=, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpuint (count_events (kiosk, "break-glass.ended"), ==, 2);
  ward_auth_flow_cancel (kiosk->flow);
  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
  ward_auth_flow_submit_reason (kiosk->flow, "Third arrest call in bed 12");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (kiosk, "break-glass.overused"), ==, 1);
  g_assert_nonnull (strstr (newest_details (kiosk, "break-glass.overused"), "\"use_in_hour\":\"3\""));
  g_assert_nonnull (strstr (newest_details (kiosk, "break-glass.overused"), "\"priority\":\"high\""));
}

/* Item 7 of the hardening review: three kiosks each count the nurse's
 * emergency uses when her badge is tapped (none yet), and each stores its
 * session when the reason is typed. None is refused (care comes first);
 * each use gets its own number as it is stored, and exactly the one past
 * the usual two is raised as an alert. */
static void
test_break_glass_racing_kiosks (Kiosk         *kiosk,
                                gconstpointer  data)
{
  WardAuthFlow *kiosks[3];
  gboolean numbers_seen[4] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (kiosks); i++)
    {
      kiosks[i] = ward_auth_flow_new (kiosk->site->fixture->store, kiosk->site->policy,
                                      kiosk->site->keys, kiosk->site->codes);
      ward_auth_flow_emergency (kiosks[i]);
      ward_auth_flow_badge (kiosks[i], NURSE_BADGE);
      g_assert_cmpint (ward_auth_flow_get_state (kiosks[i]), ==, WARD_AUTH_STATE_BREAK_GLASS_REASON);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kiosks); i++)
    {
      guint use;

      ward_auth_flow_submit_reason (kiosks[i], "Cardiac arrest in bed 12");
      g_assert_cmpint (ward_auth_flow_get_state (kiosks[i]), ==, WARD_AUTH_STATE_SIGNED_IN);
      use = ward_session_get_emergency_use (ward_auth_flow_get_session (kiosks[i]));
      g_assert_cmpuint (use, >=, 1);
      g_assert_cmpuint (use, <=, 3);
      g_assert_false (numbers_seen[use]);
      numbers_seen[use] = TRUE;
    }
  g_assert_cmpuint (ward_sessions_count_started (kiosk->site->fixture->store,
                                                 ward_test_site_person (kiosk->site, "nnurse")->user_id,
                                                 "break-glass", 0, NULL), ==, 3);
  g_assert_cmpuint (count_events (kiosk, "break-glass.overused"), ==, 1);
  g_assert_nonnull (strstr (newest_details (kiosk, "break-glass.overused"), "\"use_in_hour\":\"3\""));
  for (guint i = 0; i < G_N_ELEMENTS (kiosks); i++)
    g_object_unref (kiosks[i]);
}

static void
test_break_glass_refused_when_locked (Kiosk         *kiosk,
                                      gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");

  for (guint i = 0; i < 10; i++)
    {
      ward_policy_record_failure (kiosk->site->policy, nurse->user_id, "nnurse", "totp", "wrong", NULL, NULL);
      ward_test_flow_advance (kiosk->site, kiosk->flow, 16 * 60);
    }
  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  assert_refused (kiosk, WARD_AUTH_STATE_LOCKED, WARD_AUTH_REFUSAL_LOCKED_OUT, "emergency access is refused");
  g_assert_nonnull (strstr (newest_details (kiosk, "session.refused"), "break-glass"));
}

static void
test_awareness_step (Kiosk         *kiosk,
                     gconstpointer  data)
{
  kiosk->awareness_due = TRUE;
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  type_code (kiosk, "nnurse");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_AWARENESS);
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  ward_auth_flow_awareness_done (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
}

static void
test_other_badge_restarts (Kiosk         *kiosk,
                           gconstpointer  data)
{
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  /* The same badge again changes nothing. */
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, "aadmin")->key);
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  g_assert_cmpint (ward_auth_flow_get_pending_user_id (kiosk->flow), ==,
                   ward_test_site_person (kiosk->site, "aadmin")->user_id);
  ward_test_flow_wait_for_key (kiosk->flow);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Kiosk, NULL, kiosk_set_up, func, kiosk_tear_down)
  ADD ("/auth-flow/full-sign-in", test_full_sign_in);
  ADD ("/auth-flow/unknown-badge", test_unknown_badge);
  ADD ("/auth-flow/wrong-key", test_wrong_key);
  ADD ("/auth-flow/misbehaving-key", test_misbehaving_key);
  ADD ("/auth-flow/wrong-and-replayed-code", test_wrong_and_replayed_code);
  ADD ("/auth-flow/lockout", test_lockout);
  ADD ("/auth-flow/disabled-and-not-enrolled", test_disabled_and_not_enrolled);
  ADD ("/auth-flow/step-timeouts-and-cancel", test_step_timeouts_and_cancel);
  ADD ("/auth-flow/key-never-touched-then-cancelled", test_key_never_touched_then_cancelled);
  ADD ("/auth-flow/idle-lock", test_idle_lock);
  ADD ("/auth-flow/hold-then-release", test_hold_then_release);
  ADD ("/auth-flow/disabled-meanwhile-ends-session", test_disabled_meanwhile_ends_session);
  ADD ("/auth-flow/twelve-hour-limit", test_twelve_hour_limit);
  ADD ("/auth-flow/tap-out-and-tap-over", test_tap_out_and_tap_over);
  ADD ("/auth-flow/step-up", test_step_up);
  ADD ("/auth-flow/break-glass", test_break_glass);
  ADD ("/auth-flow/break-glass-refused-when-locked", test_break_glass_refused_when_locked);
  ADD ("/auth-flow/break-glass-racing-kiosks", test_break_glass_racing_kiosks);
  ADD ("/auth-flow/awareness-step", test_awareness_step);
  ADD ("/auth-flow/other-badge-restarts", test_other_badge_restarts);
#undef ADD

  return g_test_run ();
}
