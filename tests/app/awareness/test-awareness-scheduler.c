/* test-awareness-scheduler.c: when an awareness prompt is due and which one, on a fake clock */
#include "config.h"

#include <string.h>

#include "app/awareness/ward-awareness-scheduler.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-site.h"

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define NURSE_BADGE "04A1B2C3"

/* Small content with a known order: rotation starts at alpha; delta is
 * only for biomedical engineers. */
static const char test_content[] =
  "<awareness version=\"1\">"
  "<topic id=\"alpha\" on-events=\"factor.failed:replayed\"><name>Alpha</name></topic>"
  "<topic id=\"beta\" on-events=\"account.locked\"><name>Beta</name></topic>"
  "<topic id=\"gamma\" on-events=\"factor.failed:wrong-key\"><name>Gamma</name></topic>"
  "<topic id=\"delta\"><name>Delta</name></topic>"
#define PROMPT(id, topic, roles) \
  "<prompt id=\"" id "\" topic=\"" topic "\"" roles "><scenario>One. Two.</scenario><question>Q?</question>" \
  "<choice id=\"right\" correct=\"yes\"><label>R</label><explanation>Right " id ".</explanation></choice>" \
  "<choice id=\"wrong\" correct=\"no\"><label>W</label><explanation>Wrong " id ".</explanation></choice>" \
  "</prompt>"
  PROMPT ("alpha-1", "alpha", "") PROMPT ("alpha-2", "alpha", "")
  PROMPT ("beta-1", "beta", "") PROMPT ("beta-2", "beta", "")
  PROMPT ("gamma-1", "gamma", "") PROMPT ("gamma-2", "gamma", "")
  PROMPT ("delta-1", "delta", " roles=\"biomed\"")
  "</awareness>";

typedef struct
{
  WardTestSite           *site;
  WardStore              *store;
  WardClock              *clock;
  WardAwarenessScheduler *scheduler;
  gint64                  nurse;
  gint64                  biomed;
} Fixture;

static gint64
add_user (Fixture    *fixture,
          const char *username,
          const char *role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ward_directory_add_user (fixture->store, username, "Test Person", &error);

  g_assert_no_error (error);
  ward_directory_grant_role (fixture->store, id, role, "test", &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) catalogue =
    ward_awareness_catalogue_new_from_data (test_content, -1, "test-content", &error);

  g_assert_no_error (error);
  fixture->site = ward_test_site_new ();
  fixture->store = fixture->site->fixture->store;
  fixture->clock = fixture->site->fixture->clock;
  fixture->scheduler = ward_awareness_scheduler_new (fixture->store, catalogue);
  fixture->nurse = ward_test_site_add_person (fixture->site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE)->user_id;
  fixture->biomed = add_user (fixture, "bbiomed", "biomed");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->scheduler);
  ward_test_site_free (fixture->site);
}

static void
advance (Fixture *fixture,
         gint64   delta_us)
{
  ward_clock_advance (fixture->clock, delta_us);
}

/* The id of the prompt due now (or NULL), checking the reason given. */
static char *
due (Fixture             *fixture,
     gint64               user_id,
     WardAwarenessReason  expected)
{
  WardAwarenessReason reason = -1;
  g_autoptr(WardAwarenessPrompt) prompt =
    ward_awareness_scheduler_pick_with_reason (fixture->scheduler, user_id, NULL, FALSE, &reason);

  g_assert_cmpint (reason, ==, expected);
  return prompt != NULL ? g_strdup (ward_awareness_prompt_get_id (prompt)) : NULL;
}

static void
assert_due (Fixture             *fixture,
            gint64               user_id,
            WardAwarenessReason  reason,
            const char          *prompt_id)
{
  g_autofree char *id = due (fixture, user_id, reason);

  g_assert_cmpstr (id, ==, prompt_id);
}

static gboolean
answer (Fixture    *fixture,
        gint64      user_id,
        const char *prompt_id,
        const char *choice)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (fixture->scheduler);
  WardAwarenessPrompt *prompt = ward_awareness_catalogue_lookup_prompt (catalogue, prompt_id);
  g_autoptr(GError) error = NULL;
  const char *explanation = NULL;
  gboolean correct = FALSE;

  g_assert_true (ward_awareness_scheduler_record_answer (fixture->scheduler, user_id, prompt, choice,
                                                         &correct, &explanation, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (explanation, prompt_id));
  return correct;
}

static void
audit_event (Fixture        *fixture,
             WardAuditEvent  event,
             const char     *username,
             const char     *reason)
{
  g_autofree char *details = ward_audit_details ("factor", "key", "reason", reason, NULL);
  g_autoptr(GError) error = NULL;

  ward_audit_append (fixture->store, event, username, username, details, FALSE, &error);
  g_assert_no_error (error);
}

static guint
count_events (Fixture    *fixture,
              const char *event)
{
  WardAuditFilter filter = { .event_prefix = event };
  g_autoptr(GPtrArray) records = ward_audit_list (fixture->store, &filter, NULL);

  return records->len;
}

static void
test_due_and_not_due (Fixture       *fixture,
                      gconstpointer  data)
{
  /* Never answered: due at once. */
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_FIRST, "alpha-1");
  g_assert_true (answer (fixture, fixture->nurse, "alpha-1", "right"));

  /* Signing in again during the shift: nothing. */
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, 10 * HOUR - G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);

  /* The next shift. */
  advance (fixture, G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_INTERVAL, "beta-1");
  g_assert_true (answer (fixture, fixture->nurse, "beta-1", "right"));

  /* The interval is a setting. */
  ward_awareness_scheduler_set_interval_hours (fixture->scheduler, 4);
  advance (fixture, 4 * HOUR - G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_INTERVAL, "gamma-1");
  g_assert_cmpuint (count_events (fixture, "awareness.answered"), ==, 2);
}

/* Least recently seen topic first; within it, the prompt least recently
 * answered, so every prompt is met before any comes round again. */
static void
test_rotation (Fixture       *fixture,
               gconstpointer  data)
{
  const char *expected[] = { "alpha-1", "beta-1", "gamma-1", "alpha-2", "beta-2", "gamma-2",
                             "alpha-1", "beta-1" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *id = due (fixture, fixture->nurse,
                                 i == 0 ? WARD_AWARENESS_REASON_FIRST : WARD_AWARENESS_REASON_INTERVAL);

      g_assert_cmpstr (id, ==, expected[i]);
      g_assert_true (answer (fixture, fixture->nurse, id, "right"));
      advance (fixture, 10 * HOUR);
    }
}

/* Role targeting: only the biomedical engineer meets delta. */
static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  const char *expected[] = { "alpha-1", "beta-1", "gamma-1", "delta-1", "alpha-2" };
  const char *nurse_roles[] = { "nurse", NULL };
  g_autoptr(WardAwarenessPrompt) for_nurse = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *id = due (fixture, fixture->biomed,
                                 i == 0 ? WARD_AWARENESS_REASON_FIRST : WARD_AWARENESS_REASON_INTERVAL);

      g_assert_cmpstr (id, ==, expected[i]);
      g_assert_true (answer (fixture, fixture->biomed, id, "right"));
      advance (fixture, 10 * HOUR);
    }

  /* Roles passed in win over the directory's. */
  for_nurse = ward_awareness_scheduler_pick (fixture->scheduler, fixture->biomed, nurse_roles, FALSE);
  g_assert_cmpstr (ward_awareness_prompt_get_id (for_nurse), ==, "beta-2");
}

static void
test_wrong_answer_repeats_topic (Fixture       *fixture,
                                 gconstpointer  data)
{
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_FIRST, "alpha-1");
  g_assert_false (answer (fixture, fixture->nurse, "alpha-1", "wrong"));

  /* Not again within the shift: five minutes later, nor a minute before
   * the next shift begins. */
  advance (fixture, 5 * 60 * G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, WARD_AWARENESS_NEXT_SHIFT_HOURS * HOUR - 6 * 60 * G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);

  /* The first sign-in of the next shift: same topic, another prompt. */
  advance (fixture, 60 * G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_WRONG_ANSWER, "alpha-2");
  g_assert_false (answer (fixture, fixture->nurse, "alpha-2", "wrong"));
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, WARD_AWARENESS_NEXT_SHIFT_HOURS * HOUR);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_WRONG_ANSWER, "alpha-1");
  g_assert_true (answer (fixture, fixture->nurse, "alpha-1", "right"));

  /* Right at last: back to the shift rhythm and the rotation. */
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, 10 * HOUR);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_INTERVAL, "beta-1");
}

static void
test_security_event_brings_topic (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_assert_true (answer (fixture, fixture->nurse, "alpha-1", "right"));
  advance (fixture, HOUR);

  /* Events that mean nothing here, or on someone else's account. */
  audit_event (fixture, WARD_AUDIT_FACTOR_FAILED, "nnurse", "wrong");
  audit_event (fixture, WARD_AUDIT_ACCOUNT_LOCKED, "bbiomed", "wrong");
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);

  /* A replayed code within the shift: its topic, at once. */
  audit_event (fixture, WARD_AUDIT_FACTOR_FAILED, "nnurse", "replayed");
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_SECURITY_EVENT, "alpha-2");
  g_assert_true (answer (fixture, fixture->nurse, "alpha-2", "right"));
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);

  /* In the same second as the answer, but after it: still news. The
   * newest event decides: an unknown key, then a lockout. */
  audit_event (fixture, WARD_AUDIT_FACTOR_FAILED, "nnurse", "wrong-key");
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_SECURITY_EVENT, "gamma-1");
  audit_event (fixture, WARD_AUDIT_ACCOUNT_LOCKED, "nnurse", "wrong-key");
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_SECURITY_EVENT, "beta-1");
  g_assert_false (answer (fixture, fixture->nurse, "beta-1", "wrong"));

  /* Answered (even wrongly) after the events: they are dealt with, and
   * the wrong answer brings its own topic back, next shift. */
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, WARD_AWARENESS_NEXT_SHIFT_HOURS * HOUR);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_WRONG_ANSWER, "beta-2");
}

/* A site that asks more often than once a shift: the repeat never waits
 * longer than its ordinary interval. */
static void
test_wrong_answer_short_interval (Fixture       *fixture,
                                  gconstpointer  data)
{
  ward_awareness_scheduler_set_interval_hours (fixture->scheduler, 4);
  g_assert_cmpint (ward_awareness_scheduler_repeat_delay (fixture->scheduler), ==, 4 * 3600);
  g_assert_false (answer (fixture, fixture->nurse, "alpha-1", "wrong"));
  advance (fixture, 4 * HOUR - G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_NONE, NULL);
  advance (fixture, G_USEC_PER_SEC);
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_WRONG_ANSWER, "alpha-2");

  /* The default interval (10 h) is longer than a shift: 8 h rules. */
  ward_awareness_scheduler_set_interval_hours (fixture->scheduler, WARD_AWARENESS_DEFAULT_INTERVAL_HOURS);
  g_assert_cmpint (ward_awareness_scheduler_repeat_delay (fixture->scheduler), ==,
                   WARD_AWARENESS_NEXT_SHIFT_HOURS * 3600);
}

static gboolean
skip (Fixture    *fixture,
      const char *prompt_id,
      GError    **error)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (fixture->scheduler);

  return ward_awareness_scheduler_record_skip (fixture->scheduler, fixture->nurse,
                                               ward_awareness_catalogue_lookup_prompt (catalogue, prompt_id),
                                               error);
}

static void
test_skip_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* "Not now" twice: the same prompt waits at each sign-in. */
  for (guint i = 0; i < 2; i++)
    {
      assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_FIRST, "alpha-1");
      g_assert_true (ward_awareness_scheduler_can_skip (fixture->scheduler, fixture->nurse));
      g_assert_cmpuint (ward_awareness_scheduler_skips_left (fixture->scheduler, fixture->nurse), ==, 2 - i);
      g_assert_true (skip (fixture, "alpha-1", &error));
      g_assert_no_error (error);
      advance (fixture, HOUR);
    }

  /* The third time it must be answered. */
  assert_due (fixture, fixture->nurse, WARD_AWARENESS_REASON_FIRST, "alpha-1");
  g_assert_false (ward_awareness_scheduler_can_skip (fixture->scheduler, fixture->nurse));
  g_assert_cmpuint (ward_awareness_scheduler_skips_left (fixture->scheduler, fixture->nurse), ==, 0);
  g_assert_false (skip (fixture, "alpha-1", &error));
  g_assert_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_MUST_ANSWER);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (fixture, "awareness.skipped"), ==, 2);

  /* An answer resets the count. */
  g_assert_true (answer (fixture, fixture->nurse, "alpha-1", "right"));
  g_assert_true (ward_awareness_scheduler_can_skip (fixture->scheduler, fixture->nurse));

  /* The limit is a setting; 0 means never. */
  ward_awareness_scheduler_set_max_skips (fixture->scheduler, 0);
  advance (fixture, 10 * HOUR);
  g_assert_false (ward_awareness_scheduler_can_skip (fixture->scheduler, fixture->nurse));
  g_assert_false (skip (fixture, "beta-1", &error));
  g_assert_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_MUST_ANSWER);
}

static void
test_never_in_break_glass (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(WardAwarenessPrompt) prompt = NULL;

  audit_event (fixture, WARD_AUDIT_ACCOUNT_LOCKED, "nnurse", "wrong");
  prompt = ward_awareness_scheduler_pick (fixture->scheduler, fixture->nurse, NULL, TRUE);
  g_assert_null (prompt);
  prompt = ward_awareness_scheduler_pick (fixture->scheduler, fixture->nurse, NULL, FALSE);
  g_assert_nonnull (prompt);
}

static void
test_unknown_choice_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (fixture->scheduler);
  WardAwarenessPrompt *prompt = ward_awareness_catalogue_lookup_prompt (catalogue, "alpha-1");
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_awareness_scheduler_record_answer (fixture->scheduler, fixture->nurse, prompt,
                                                          "maybe", NULL, NULL, &error));
  g_assert_error (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_UNKNOWN);
  g_assert_cmpuint (count_events (fixture, "awareness.answered"), ==, 0);
}

/* Through the sign-in flow, as the kiosk wires it. */

static gboolean
key_settled (gpointer flow)
{
  return !ward_auth_flow_get_key_busy (flow);
}

static void
sign_in_to_awareness (Fixture      *fixture,
                      WardAuthFlow *flow)
{
  g_autofree char *code = NULL;

  ward_auth_flow_badge (flow, NURSE_BADGE);
  ward_test_wait_for (key_settled, flow);
  code = ward_test_site_app_code (fixture->site, "nnurse", 0);
  ward_auth_flow_submit_code (flow, code);
}

static void
test_flow_hook (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(WardAuthFlow) flow = ward_auth_flow_new (fixture->store, fixture->site->policy,
                                                     fixture->site->keys, fixture->site->codes);
  WardAwarenessPrompt *pending;

  ward_auth_flow_set_awareness_hook (flow, ward_awareness_scheduler_due_for_flow,
                                     g_object_ref (fixture->scheduler), g_object_unref);
  ward_test_site_insert_key (fixture->site, ward_test_site_person (fixture->site, "nnurse")->key);
  advance (fixture, 30 * G_USEC_PER_SEC);

  sign_in_to_awareness (fixture, flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_AWARENESS);
  pending = ward_awareness_scheduler_get_pending (fixture->scheduler);
  g_assert_nonnull (pending);
  g_assert_cmpint (ward_awareness_scheduler_get_pending_user_id (fixture->scheduler), ==, fixture->nurse);
  g_assert_cmpint (ward_awareness_scheduler_get_pending_reason (fixture->scheduler), ==,
                   WARD_AWARENESS_REASON_FIRST);
  g_assert_true (answer (fixture, fixture->nurse, ward_awareness_prompt_get_id (pending), "right"));
  g_assert_null (ward_awareness_scheduler_get_pending (fixture->scheduler));
  ward_auth_flow_awareness_done (flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);

  /* Back a few minutes later: straight in. */
  ward_auth_flow_sign_out (flow);
  advance (fixture, 5 * 60 * G_USEC_PER_SEC);
  sign_in_to_awareness (fixture, flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_null (ward_awareness_scheduler_get_pending (fixture->scheduler));

  /* In an emergency, never, even when one is due. */
  ward_auth_flow_sign_out (flow);
  advance (fixture, 11 * HOUR);
  ward_auth_flow_emergency (flow);
  ward_auth_flow_badge (flow, NURSE_BADGE);
  ward_auth_flow_submit_reason (flow, "Cardiac arrest in bed 12");
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);
  g_assert_null (ward_awareness_scheduler_get_pending (fixture->scheduler));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/awareness/scheduler/due", test_due_and_not_due);
  ADD ("/awareness/scheduler/rotation", test_rotation);
  ADD ("/awareness/scheduler/roles", test_roles);
  ADD ("/awareness/scheduler/wrong-answer", test_wrong_answer_repeats_topic);
  ADD ("/awareness/scheduler/wrong-answer-short-interval", test_wrong_answer_short_interval);
  ADD ("/awareness/scheduler/security-event", test_security_event_brings_topic);
  ADD ("/awareness/scheduler/skip-limit", test_skip_limit);
  ADD ("/awareness/scheduler/break-glass", test_never_in_break_glass);
  ADD ("/awareness/scheduler/unknown-choice", test_unknown_choice_refused);
  ADD ("/awareness/scheduler/flow", test_flow_hook);
#undef ADD
  return g_test_run ();
}
