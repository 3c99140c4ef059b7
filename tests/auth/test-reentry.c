/* test-reentry.c: coming back to a session after an idle lock with badge and key, and every refusal of it */
#include "config.h"

#include <string.h>

#include "auth/ward-reentry-policy.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "data/ward-failures.h"
#include "tests/common/ward-test-flow.h"

#define NURSE_BADGE "04A1B2C3"
#define ADMIN_BADGE "04D4E5F6"
#define SECOND_NURSE_BADGE "04778899"

/* The default idle lock (2 min) and the nurses' default window (30 min
 * since the last touch). */
#define IDLE_LOCK_S 120
#define WINDOW_S    (30 * 60)

typedef struct
{
  WardTestSite *site;
  WardAuthFlow *flow;
} Kiosk;

static void
kiosk_set_up (Kiosk         *kiosk,
              gconstpointer  data)
{
  kiosk->site = ward_test_site_new ();
  ward_test_site_add_person (kiosk->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (kiosk->site, "mnurse", "nurse", SECOND_NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (kiosk->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  kiosk->flow = ward_test_flow_new (kiosk->site);
  ward_clock_advance (kiosk->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
kiosk_tear_down (Kiosk         *kiosk,
                 gconstpointer  data)
{
  ward_test_release_flow (&kiosk->flow);
  ward_test_site_free (kiosk->site);
}

static WardStore *
store (Kiosk *kiosk)
{
  return kiosk->site->fixture->store;
}

static guint
count_events (Kiosk      *kiosk,
              const char *event)
{
  WardAuditFilter filter = { .event = event };
  g_autoptr(GPtrArray) records = ward_audit_list (store (kiosk), &filter, NULL);

  return records->len;
}

static const char *
newest_details (Kiosk      *kiosk,
                const char *event)
{
  WardAuditFilter filter = { .event = event };

  return ward_test_site_newest_details (kiosk->site, &filter);
}

static void
use_key_of (Kiosk      *kiosk,
            const char *username)
{
  ward_test_site_insert_key (kiosk->site, ward_test_site_person (kiosk->site, username)->key);
}

static void
type_code (Kiosk      *kiosk,
           const char *username)
{
  ward_test_flow_type_code (kiosk->site, kiosk->flow, username);
}

static gint64
sign_in (Kiosk      *kiosk,
         const char *username,
         const char *badge)
{
  use_key_of (kiosk, username);
  ward_auth_flow_badge (kiosk->flow, badge);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  type_code (kiosk, username);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  return ward_session_get_id (ward_auth_flow_get_session (kiosk->flow));
}

/* Signs in and lets the idle lock come. */
static gint64
sign_in_and_idle (Kiosk      *kiosk,
                  const char *username,
                  const char *badge)
{
  gint64 id = sign_in (kiosk, username, badge);

  ward_test_flow_advance (kiosk->site, kiosk->flow, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  return id;
}

static WardReentry *
reentry (Kiosk *kiosk)
{
  return ward_auth_flow_get_reentry (kiosk->flow);
}

/* The full sign-in goes on for the same person: the code step, saying why
 * when @why is given. */
static void
assert_code_asked (Kiosk      *kiosk,
                   const char *why)
{
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_CODE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  if (why != NULL)
    g_assert_nonnull (strstr (ward_auth_flow_get_message (kiosk->flow), why));
  else
    g_assert_null (ward_auth_flow_get_message (kiosk->flow));
}

static void
test_badge_and_key_resume (Kiosk         *kiosk,
                           gconstpointer  data)
{
  gint64 signed_in_at = ward_clock_get_now (kiosk->site->fixture->clock);
  gint64 id = sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  WardSession *session;
  gint64 limit_left;

  /* Held for her, with her name and until when: 30 min after her last touch. */
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_cmpint (ward_reentry_get_user_id (reentry (kiosk)), ==,
                   ward_test_site_person (kiosk->site, "nnurse")->user_id);
  g_assert_cmpint (ward_reentry_get_until (reentry (kiosk)), ==, signed_in_at + WINDOW_S);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.timed-out"), "return_until"));

  /* Cancelling the key step keeps the session held. */
  ward_test_site_insert_key (kiosk->site, NULL);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_true (ward_auth_flow_get_returning (kiosk->flow));
  ward_auth_flow_cancel (kiosk->flow);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  /* Let the cancelled key request finish before the next. */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));

  /* 28 minutes after her last touch: badge and key, no code. */
  ward_test_flow_advance (kiosk->site, kiosk->flow, WINDOW_S - IDLE_LOCK_S - 2 * 60);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  use_key_of (kiosk, "nnurse");
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_true (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);

  /* The same session, going on: same record, same start (so the same
   * 12-hour end), able to act again, and audited. */
  session = ward_auth_flow_get_session (kiosk->flow);
  g_assert_cmpint (ward_session_get_id (session), ==, id);
  g_assert_cmpint (ward_session_get_state (session), ==, WARD_SESSION_ACTIVE);
  g_assert_true (ward_session_can (session, "device.adjust"));
  g_assert_false (ward_session_needs_step_up (session));
  limit_left = ward_session_get_seconds_until_limit (session);
  g_assert_cmpint (limit_left, ==, 12 * 3600 - (ward_clock_get_now (kiosk->site->fixture->clock) - signed_in_at));
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 1);
  g_assert_nonnull (strstr (newest_details (kiosk, "session.resumed"), "badge+key"));
  g_assert_cmpuint (count_events (kiosk, "session.signed-in"), ==, 1);

  /* It locks again after 2 min and comes back again. */
  ward_test_flow_advance (kiosk->site, kiosk->flow, IDLE_LOCK_S + 1);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 2);
}

/* The key step counts failures as any sign-in does, and a wrong key ends
 * the way back without the code. */
static void
test_wrong_key (Kiosk         *kiosk,
                gconstpointer  data)
{
  g_autoptr(WardSoftKey) stranger = ward_soft_key_new ();
  gint64 id = sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);

  ward_test_site_insert_key (kiosk->site, stranger);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_true (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_KEY);
  g_assert_cmpuint (ward_auth_flow_get_attempts_left (kiosk->flow), ==, 9);
  g_assert_nonnull (strstr (newest_details (kiosk, "factor.failed"), "wrong-key"));
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));

  use_key_of (kiosk, "nnurse");
  ward_auth_flow_retry_key (kiosk->flow);
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, "security key check failed");
  type_code (kiosk, "nnurse");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_cmpint (ward_session_get_id (ward_auth_flow_get_session (kiosk->flow)), !=, id);
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 0);
}

/* A copy of her key (its counter does not rise) is refused at re-entry
 * as at any sign-in. */
static void
test_replayed_key (Kiosk         *kiosk,
                   gconstpointer  data)
{
  WardSoftKey *key = ward_test_site_person (kiosk->site, "nnurse")->key;

  ward_soft_key_set_fault (key, WARD_SOFT_KEY_FAULT_COUNTER_STUCK);
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_true (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_KEY);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_KEY);
  g_assert_nonnull (strstr (newest_details (kiosk, "factor.failed"), "counter-not-rising"));
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_null (ward_auth_flow_get_session (kiosk->flow));
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 0);
}

static void
test_past_window (Kiosk         *kiosk,
                  gconstpointer  data)
{
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);

  /* Tapped in the very second the window closes, before the kiosk's tick
   * noticed: the code is asked, and the screen says why. */
  ward_clock_advance (kiosk->site->fixture->clock, (WINDOW_S - IDLE_LOCK_S - 1) * G_USEC_PER_SEC);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, "locked for too long");
  ward_auth_flow_cancel (kiosk->flow);

  /* Left alone, the held session ends when the window closes. */
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  ward_test_flow_advance (kiosk->site, kiosk->flow, WINDOW_S - IDLE_LOCK_S - 3);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 2);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, NULL);
}

/* Never past the 12-hour limit, however short ago the last touch. */
static void
test_twelve_hour_limit (Kiosk         *kiosk,
                        gconstpointer  data)
{
  gint64 signed_in_at = ward_clock_get_now (kiosk->site->fixture->clock);

  sign_in (kiosk, "nnurse", NURSE_BADGE);
  for (guint i = 0; i < 12 * 60 - 10; i++)
    {
      ward_test_flow_advance (kiosk->site, kiosk->flow, 60);
      ward_auth_flow_activity (kiosk->flow);
    }
  ward_test_flow_advance (kiosk->site, kiosk->flow, IDLE_LOCK_S + 1);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  /* The lock screen's "until" is the session's end, not 30 min away. */
  g_assert_cmpint (ward_reentry_get_until (reentry (kiosk)), ==, signed_in_at + 12 * 3600);

  ward_clock_advance (kiosk->site->fixture->clock, 8 * 60 * G_USEC_PER_SEC);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, "12-hour limit");
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 0);
}

static void
test_disabled_meanwhile (Kiosk         *kiosk,
                         gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");

  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  g_assert_true (ward_directory_set_disabled (store (kiosk), nurse->user_id, TRUE, NULL));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 1);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_DISABLED);
}

static void
test_locked_out_meanwhile (Kiosk         *kiosk,
                           gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");
  WardPolicyVerdict verdict = WARD_POLICY_ALLOWED;

  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  /* Someone else tried her account from another kiosk until it locked. */
  for (guint i = 0; i < 20 && verdict != WARD_POLICY_LOCKED; i++)
    {
      gint64 retry_at = 0;
      guint left = 0;

      verdict = ward_policy_record_failure (kiosk->site->policy, nurse->user_id, "nnurse", "totp", "wrong-code",
                                            &retry_at, &left);
    }
  g_assert_cmpint (verdict, ==, WARD_POLICY_LOCKED);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_cmpint (ward_auth_flow_get_refusal (kiosk->flow), ==, WARD_AUTH_REFUSAL_LOCKED_OUT);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_cmpuint (count_events (kiosk, "session.resumed"), ==, 0);
}

static void
test_role_changed_meanwhile (Kiosk         *kiosk,
                             gconstpointer  data)
{
  WardTestPerson *nurse = ward_test_site_person (kiosk->site, "nnurse");

  g_assert_true (ward_directory_grant_role (store (kiosk), nurse->user_id, "charge-nurse", "enroller", NULL));
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  g_assert_true (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_true (ward_directory_revoke_role (store (kiosk), nurse->user_id, "charge-nurse", NULL));
  use_key_of (kiosk, "nnurse");
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, "roles changed");
}

static void
test_admin_gets_full_sign_in (Kiosk         *kiosk,
                              gconstpointer  data)
{
  sign_in_and_idle (kiosk, "aadmin", ADMIN_BADGE);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_nonnull (strstr (newest_details (kiosk, "session.timed-out"), "idle"));
  ward_auth_flow_badge (kiosk->flow, ADMIN_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, NULL);
}

/* Turned off (or shortened) while she was away: it applies at once. */
static void
test_policy_off_meanwhile (Kiosk         *kiosk,
                           gconstpointer  data)
{
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  g_assert_true (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "charge-nurse", 0, NULL));
  g_assert_true (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "nurse", 0, NULL));
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, "always signs in with the code");
  type_code (kiosk, "nnurse");

  /* And the next idle lock holds nothing. */
  ward_test_flow_advance (kiosk->site, kiosk->flow, IDLE_LOCK_S + 1);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
}

/* Another person's badge at the locked kiosk ends the held session. */
static void
test_other_person_ends_it (Kiosk         *kiosk,
                           gconstpointer  data)
{
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  use_key_of (kiosk, "mnurse");
  ward_auth_flow_badge (kiosk->flow, SECOND_NURSE_BADGE);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, NULL);
  ward_auth_flow_cancel (kiosk->flow);

  /* Even cancelled, the first nurse's session is gone: she signs in fully. */
  use_key_of (kiosk, "nnurse");
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
  ward_test_flow_wait_for_key (kiosk->flow);
  assert_code_asked (kiosk, NULL);
}

/* Only an idle lock is held: a sign-out or a tap-out ends the session. */
static void
test_sign_out_and_tap_out_end_it (Kiosk         *kiosk,
                                  gconstpointer  data)
{
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_sign_out (kiosk->flow);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));

  ward_test_flow_advance (kiosk->site, kiosk->flow, 30);
  sign_in (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_LOCKED);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
  ward_test_flow_advance (kiosk->site, kiosk->flow, 30);
  ward_auth_flow_badge (kiosk->flow, NURSE_BADGE);
  g_assert_false (ward_auth_flow_get_returning (kiosk->flow));
}

/* Emergency access started by anyone ends a held session. */
static void
test_emergency_ends_it (Kiosk         *kiosk,
                        gconstpointer  data)
{
  sign_in_and_idle (kiosk, "nnurse", NURSE_BADGE);
  ward_auth_flow_emergency (kiosk->flow);
  ward_auth_flow_badge (kiosk->flow, SECOND_NURSE_BADGE);
  ward_auth_flow_submit_reason (kiosk->flow, "Patient arrested, pump needs stopping");
  g_assert_cmpint (ward_auth_flow_get_state (kiosk->flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_false (ward_reentry_is_holding (reentry (kiosk)));
}

static void
test_policy_rules (Kiosk         *kiosk,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardActor) nurse = ward_actor_new_for_account (store (kiosk), "nnurse", NULL);
  WardTestPerson *person = ward_test_site_person (kiosk->site, "nnurse");
  guint minutes = 99;

  /* The defaults: clinical roles 30 min, administrators none. */
  g_assert_true (ward_reentry_store_get_role_minutes (store (kiosk), "nurse", &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 30);
  g_assert_true (ward_reentry_store_get_role_minutes (store (kiosk), "biomed", &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 30);
  g_assert_true (ward_reentry_store_get_role_minutes (store (kiosk), "admin", &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 0);

  /* Only with roles.manage; never above an hour; administrators never
   * longer than nurses. */
  g_assert_false (ward_reentry_policy_set_role_minutes (store (kiosk), nurse, "nurse", 45, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "nurse", 61, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_false (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "admin", 45, &error));
  g_assert_error (error, WARD_POLICY_ERROR, WARD_POLICY_ERROR_TOO_WEAK);
  g_clear_error (&error);
  g_assert_true (ward_reentry_store_get_role_minutes (store (kiosk), "admin", &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 0);

  /* The shortest window among a person's roles applies. */
  g_assert_true (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "nurse", 45, NULL));
  g_assert_true (ward_reentry_policy_set_role_minutes (store (kiosk), kiosk->site->enroller, "charge-nurse", 10, NULL));
  g_assert_true (ward_reentry_store_get_user_minutes (store (kiosk), person->user_id, &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 45);
  g_assert_true (ward_directory_grant_role (store (kiosk), person->user_id, "charge-nurse", "enroller", NULL));
  g_assert_true (ward_reentry_store_get_user_minutes (store (kiosk), person->user_id, &minutes, NULL));
  g_assert_cmpuint (minutes, ==, 10);
  g_assert_cmpuint (count_events (kiosk, "policy.changed"), ==, 2);
  g_assert_nonnull (strstr (newest_details (kiosk, "policy.changed"), "reentry_minutes"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Kiosk, NULL, kiosk_set_up, func, kiosk_tear_down)
  ADD ("/reentry/badge-and-key-resume", test_badge_and_key_resume);
  ADD ("/reentry/wrong-key", test_wrong_key);
  ADD ("/reentry/replayed-key", test_replayed_key);
  ADD ("/reentry/past-window", test_past_window);
  ADD ("/reentry/twelve-hour-limit", test_twelve_hour_limit);
  ADD ("/reentry/disabled-meanwhile", test_disabled_meanwhile);
  ADD ("/reentry/locked-out-meanwhile", test_locked_out_meanwhile);
  ADD ("/reentry/role-changed-meanwhile", test_role_changed_meanwhile);
  ADD ("/reentry/admin-gets-full-sign-in", test_admin_gets_full_sign_in);
  ADD ("/reentry/policy-off-meanwhile", test_policy_off_meanwhile);
  ADD ("/reentry/other-person-ends-it", test_other_person_ends_it);
  ADD ("/reentry/sign-out-and-tap-out-end-it", test_sign_out_and_tap_out_end_it);
  ADD ("/reentry/emergency-ends-it", test_emergency_ends_it);
  ADD ("/reentry/policy-rules", test_policy_rules);
#undef ADD

  return g_test_run ();
}
