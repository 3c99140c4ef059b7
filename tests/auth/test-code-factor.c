/* test-code-factor.c: enrolling an authenticator app and signing in with its codes */
#include "config.h"

#include <string.h>

#include <liboath/oath.h>

#include "auth/ward-code-factor.h"
#include "data/ward-audit.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-store.h"

typedef struct
{
  WardTestStore  *fixture;
  WardPolicy     *policy;
  WardCodeFactor *factor;
  WardActor      *admin;
  gint64          nurse_id;
  GBytes         *secret;
} Site;

static void
site_set_up (Site          *site,
             gconstpointer  data)
{
  site->fixture = ward_test_store_new ();
  site->policy = ward_policy_new (site->fixture->store);
  site->factor = ward_code_factor_new (site->fixture->store, site->policy);
  ward_test_bootstrap_admin (site->fixture, "alice");
  site->admin = ward_actor_new_for_account (site->fixture->store, "alice", NULL);
  site->nurse_id = ward_directory_add_user (site->fixture->store, "nnurse", "Nina Nurse", NULL);
  g_assert_true (ward_directory_grant_role (site->fixture->store, site->nurse_id, "nurse", "test", NULL));
}

static void
site_tear_down (Site          *site,
                gconstpointer  data)
{
  g_clear_pointer (&site->secret, g_bytes_unref);
  g_clear_object (&site->admin);
  g_clear_object (&site->factor);
  g_clear_object (&site->policy);
  ward_test_store_free (site->fixture);
}

/* What the phone app would show at the kiosk's current time, computed from
 * the base32 secret the enrolment screen showed. */
static char *
app_code (Site   *site,
          gint64  offset_steps)
{
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  gint64 now = ward_clock_get_now (site->fixture->clock) + offset_steps * 30;

  return ward_totp_code_at (site->secret, &params, now, NULL);
}

static void
enrol (Site *site)
{
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  char *raw = NULL;
  size_t raw_len = 0;

  enrolment = ward_code_factor_begin_enrolment (site->factor, site->admin, "nnurse", "Ward 4B", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (enrolment->otpauth_uri, "otpauth://totp/Ward%204B:nnurse?secret="));
  g_assert_nonnull (strstr (enrolment->otpauth_uri, "&issuer=Ward%204B"));
  g_assert_cmpint (oath_base32_decode (enrolment->secret_base32, strlen (enrolment->secret_base32), &raw, &raw_len), ==, OATH_OK);
  g_assert_cmpuint (raw_len, ==, 20);
  site->secret = g_bytes_new (raw, raw_len);
  free (raw);

  /* Not usable before the first code confirms the app has it. */
  g_assert_false (ward_code_factor_is_enrolled (site->factor, site->nurse_id));
  g_assert_false (ward_test_file_contains (site->fixture->db_path, (const guint8 *) enrolment->secret_base32,
                                           strlen (enrolment->secret_base32)));

  g_assert_false (ward_code_factor_confirm_enrolment (site->factor, site->admin, "nnurse", "000000", &error));
  g_assert_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE);
  g_clear_error (&error);

  code = app_code (site, 0);
  g_assert_true (ward_code_factor_confirm_enrolment (site->factor, site->admin, "nnurse", code, &error));
  g_assert_no_error (error);
  g_assert_true (ward_code_factor_is_enrolled (site->factor, site->nurse_id));
}

static gboolean
verify (Site        *site,
        const char  *code,
        GError     **error)
{
  return ward_code_factor_verify (site->factor, site->nurse_id, "nnurse", code, NULL, NULL, error);
}

static void
test_enrol_then_sign_in (Site          *site,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  enrol (site);
  ward_clock_advance (site->fixture->clock, 30 * G_USEC_PER_SEC);
  next = app_code (site, 0);
  g_assert_true (verify (site, next, &error));
  g_assert_no_error (error);
}

static void
test_replayed_code_refused_like_a_wrong_one (Site          *site,
                                             gconstpointer  data)
{
  g_autoptr(GError) replay_error = NULL;
  g_autoptr(GError) wrong_error = NULL;
  g_autofree char *code = NULL;
  WardAuditFilter filter = { .event_prefix = "factor.failed" };
  g_autoptr(GPtrArray) failures = NULL;

  enrol (site);
  ward_clock_advance (site->fixture->clock, 60 * G_USEC_PER_SEC);
  code = app_code (site, 0);
  g_assert_true (verify (site, code, NULL));

  /* Someone who watched her type tries the same code again: refused with
   * the very words a wrong code gets. */
  g_assert_false (verify (site, code, &replay_error));
  g_assert_error (replay_error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE);
  g_assert_false (verify (site, "123456", &wrong_error));
  g_assert_error (wrong_error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_WRONG_CODE);
  g_assert_cmpstr (replay_error->message, ==, wrong_error->message);

  failures = ward_audit_list (site->fixture->store, &filter, NULL);
  g_assert_cmpuint (failures->len, ==, 2);
  g_assert_nonnull (strstr (((WardAuditRecord *) failures->pdata[0])->details, "\"wrong\""));
  g_assert_nonnull (strstr (((WardAuditRecord *) failures->pdata[1])->details, "\"replayed\""));
}

static void
test_window_is_one_step (Site          *site,
                         gconstpointer  data)
{
  g_autofree char *ahead = NULL;
  g_autofree char *two_ahead = NULL;
  g_autofree char *behind = NULL;

  enrol (site);
  ward_clock_advance (site->fixture->clock, 300 * G_USEC_PER_SEC);
  two_ahead = app_code (site, 2);
  behind = app_code (site, -1);
  ahead = app_code (site, 1);
  g_assert_false (verify (site, two_ahead, NULL));
  g_assert_true (verify (site, behind, NULL));
  g_assert_true (verify (site, ahead, NULL));
}

static void
test_wrong_codes_delay_then_lock (Site          *site,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;

  enrol (site);
  for (guint i = 0; i < 3; i++)
    g_assert_false (verify (site, "111111", NULL));
  good = app_code (site, 1);
  g_assert_false (verify (site, good, &error));
  g_assert_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_DELAYED);
  g_clear_error (&error);

  for (guint i = 0; i < 7; i++)
    {
      ward_clock_advance (site->fixture->clock, 16 * 60 * G_USEC_PER_SEC);
      g_assert_false (verify (site, "111111", NULL));
    }
  ward_clock_advance (site->fixture->clock, 16 * 60 * G_USEC_PER_SEC);
  g_free (good);
  good = app_code (site, 0);
  g_assert_false (verify (site, good, &error));
  g_assert_error (error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "unlock"));
}

static void
test_enrolment_needs_permission (Site          *site,
                                 gconstpointer  data)
{
  g_autoptr(WardActor) nurse = ward_actor_new_for_account (site->fixture->store, "nnurse", NULL);
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;

  enrolment = ward_code_factor_begin_enrolment (site->factor, nurse, "nnurse", "Ward", &error);
  g_assert_null (enrolment);
  g_assert_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED);
}

static void
test_reset (Site          *site,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  enrol (site);
  g_assert_true (ward_code_factor_reset (site->factor, site->admin, "nnurse", &error));
  g_assert_no_error (error);
  g_assert_false (ward_code_factor_is_enrolled (site->factor, site->nurse_id));
  ward_clock_advance (site->fixture->clock, 30 * G_USEC_PER_SEC);
  code = app_code (site, 0);
  g_assert_false (verify (site, code, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Site, NULL, site_set_up, func, site_tear_down)
  ADD ("/code-factor/enrol-then-sign-in", test_enrol_then_sign_in);
  ADD ("/code-factor/replayed-code-refused-like-a-wrong-one", test_replayed_code_refused_like_a_wrong_one);
  ADD ("/code-factor/window-is-one-step", test_window_is_one_step);
  ADD ("/code-factor/wrong-codes-delay-then-lock", test_wrong_codes_delay_then_lock);
  ADD ("/code-factor/enrolment-needs-permission", test_enrolment_needs_permission);
  ADD ("/code-factor/reset", test_reset);
#undef ADD

  return g_test_run ();
}
