/* ward-test-site.c: a small ward for sign-in tests: people with badges, soft keys and app secrets */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>

#include "data/ward-credentials.h"
#include "data/ward-directory.h"
#include "tests/common/ward-test-site.h"

static void
person_free (WardTestPerson *person)
{
  g_free (person->username);
  g_free (person->badge);
  g_clear_object (&person->key);
  g_clear_pointer (&person->secret, g_bytes_unref);
  g_free (person);
}

/* The "reader" holds whichever soft key the test inserted last. */
static fido_dev_t *
open_inserted_key (gpointer   user_data,
                   GError   **error)
{
  WardTestSite *site = user_data;

  if (site->key_in_reader == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE, "No security key found.");
      return NULL;
    }
  return ward_soft_key_open_device (site->key_in_reader, error);
}

WardTestSite *
ward_test_site_new (void)
{
  WardTestSite *site = g_new0 (WardTestSite, 1);

  site->fixture = ward_test_store_new ();
  site->policy = ward_policy_new (site->fixture->store);
  site->fido = ward_fido_key_new ("wardgate.test", "Wardgate test ward");
  ward_fido_key_set_opener (site->fido, open_inserted_key, site, NULL);
  ward_fido_key_set_timeout_ms (site->fido, 3000);
  site->keys = ward_key_factor_new (site->fixture->store, site->policy, site->fido);
  site->codes = ward_code_factor_new (site->fixture->store, site->policy);
  site->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) person_free);

  ward_test_bootstrap_admin (site->fixture, "enroller");
  site->enroller = ward_actor_new_for_account (site->fixture->store, "enroller", NULL);
  return site;
}

void
ward_test_site_free (WardTestSite *site)
{
  g_hash_table_unref (site->people);
  g_clear_object (&site->enroller);
  g_clear_object (&site->codes);
  g_clear_object (&site->keys);
  g_clear_object (&site->fido);
  g_clear_object (&site->policy);
  g_clear_object (&site->key_in_reader);
  ward_test_store_free (site->fixture);
  g_free (site);
}

void
ward_test_site_insert_key (WardTestSite *site,
                           WardSoftKey  *key)
{
  g_set_object (&site->key_in_reader, key);
}

void
ward_test_wait_for (gboolean (*done) (gpointer),
                    gpointer   data)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
}

/* Keeps the answer of an asynchronous call for its _finish function, which
 * the test then calls itself, as the product's own callers do. */
void
ward_test_keep_result_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  g_assert_null (*kept);
  *kept = g_object_ref (result);
}

static gboolean
result_kept (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
ward_test_wait_for_result (GAsyncResult **result)
{
  ward_test_wait_for (result_kept, result);
}

static gboolean
flow_finalized (gpointer data)
{
  return *(WardAuthFlow **) data == NULL;
}

/* A key check the flow gave up on (a sign-out, another badge) still runs
 * on its thread until the key answers, and reads the site's inserted key;
 * each check holds the flow, so the flow going away means none still runs
 * and the site may be freed. */
void
ward_test_release_flow (WardAuthFlow **flow)
{
  if (*flow == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (*flow), (gpointer *) flow);
  g_object_unref (*flow);
  ward_test_wait_for (flow_finalized, flow);
}

static void
enrol_key_for (WardTestSite   *site,
           WardTestPerson *person)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key_id;

  person->key = ward_soft_key_new ();
  ward_test_site_insert_key (site, person->key);
  ward_key_factor_enroll_async (site->keys, site->enroller, person->username, NULL, NULL, NULL,
                                ward_test_keep_result_cb, &result);
  ward_test_wait_for_result (&result);
  key_id = ward_key_factor_enroll_finish (site->keys, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (key_id, >, 0);
}

static void
enrol_app (WardTestSite   *site,
           WardTestPerson *person)
{
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  g_autofree char *code = NULL;
  char *raw = NULL;
  size_t raw_len = 0;

  enrolment = ward_code_factor_begin_enrolment (site->codes, site->enroller, person->username, "Test ward", NULL);
  g_assert_nonnull (enrolment);
  g_assert_cmpint (oath_base32_decode (enrolment->secret_base32, strlen (enrolment->secret_base32),
                                       &raw, &raw_len), ==, OATH_OK);
  person->secret = g_bytes_new (raw, raw_len);
  free (raw);

  /* The confirmation code uses the step before now, so the step a test
   * types first is still fresh. */
  code = ward_test_site_app_code (site, person->username, -1);
  g_assert_true (ward_code_factor_confirm_enrolment (site->codes, site->enroller, person->username, code, NULL));
}

WardTestPerson *
ward_test_site_add_person (WardTestSite *site,
                           const char   *username,
                           const char   *role,
                           const char   *badge,
                           gboolean      enrol_key,
                           gboolean      enrol_app_secret)
{
  WardTestPerson *person = g_new0 (WardTestPerson, 1);
  g_autoptr(GError) error = NULL;

  person->username = g_strdup (username);
  person->badge = g_strdup (badge);
  person->user_id = ward_directory_add_user (site->fixture->store, username, "Test Person", &error);
  g_assert_no_error (error);
  g_assert_true (ward_directory_grant_role (site->fixture->store, person->user_id, role, "test", NULL));
  if (badge != NULL)
    g_assert_true (ward_credentials_add_badge (site->fixture->store, person->user_id, badge, 0, NULL));
  g_hash_table_insert (site->people, person->username, person);

  if (enrol_key)
    enrol_key_for (site, person);
  if (enrol_app_secret)
    enrol_app (site, person);
  return person;
}

WardTestPerson *
ward_test_site_person (WardTestSite *site,
                       const char   *username)
{
  return g_hash_table_lookup (site->people, username);
}

/* The name the screens show for @username (people start as "Test Person"). */
void
ward_test_site_rename (WardTestSite *site,
                       const char   *username,
                       const char   *full_name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_directory_set_full_name (site->fixture->store, ward_test_site_person (site, username)->user_id,
                                               full_name, &error));
  g_assert_no_error (error);
}

char *
ward_test_site_app_code (WardTestSite *site,
                         const char   *username,
                         gint64        offset_steps)
{
  WardTestPerson *person = ward_test_site_person (site, username);
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  gint64 now = ward_clock_get_now (site->fixture->clock) + offset_steps * 30;

  return ward_totp_code_at (person->secret, &params, now, NULL);
}
