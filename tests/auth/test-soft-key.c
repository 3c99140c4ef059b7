/* test-soft-key.c — drives the soft CTAP2 key through real libfido2 registration and sign-in */

#include "app/demo/ward-soft-key.h"

#include <string.h>

#include <fido/es256.h>

#define RP_ID "wardgate.test"

typedef struct
{
  WardSoftKey *key;
  fido_dev_t  *dev;
  GBytes      *cred_id;
  guint8       pubkey[64];   /* ES256 x‖y as libfido2 reports it */
} Fixture;

static void
random_hash (guint8 out[32])
{
  for (guint i = 0; i < 32; i++)
    out[i] = (guint8) g_random_int_range (0, 256);
}

static fido_dev_t *
open_device (WardSoftKey *key)
{
  fido_dev_t *dev = fido_dev_new ();

  g_assert_nonnull (dev);
  ward_soft_key_attach (key, dev);
  g_assert_cmpint (fido_dev_open (dev, ward_soft_key_get_path (key)), ==, FIDO_OK);
  g_assert_true (fido_dev_is_fido2 (dev));

  return dev;
}

static void
close_device (fido_dev_t **dev)
{
  fido_dev_close (*dev);
  fido_dev_free (dev);
}

static fido_cred_t *
new_cred_request (int cose_type)
{
  fido_cred_t *cred = fido_cred_new ();
  guint8 cdh[32];
  static const guint8 user_id[] = "nurse-0042";

  random_hash (cdh);
  g_assert_cmpint (fido_cred_set_type (cred, cose_type), ==, FIDO_OK);
  g_assert_cmpint (fido_cred_set_clientdata_hash (cred, cdh, sizeof cdh), ==, FIDO_OK);
  g_assert_cmpint (fido_cred_set_rp (cred, RP_ID, "Wardgate"), ==, FIDO_OK);
  g_assert_cmpint (fido_cred_set_user (cred, user_id, sizeof user_id - 1,
                                       "nurse", "Nurse", NULL), ==, FIDO_OK);
  return cred;
}

static void
register_credential (Fixture *f)
{
  fido_cred_t *cred = new_cred_request (COSE_ES256);

  g_assert_cmpint (fido_dev_make_cred (f->dev, cred, NULL), ==, FIDO_OK);
  g_assert_cmpstr (fido_cred_fmt (cred), ==, "packed");
  g_assert_null (fido_cred_x5c_ptr (cred));
  g_assert_cmpint (fido_cred_verify_self (cred), ==, FIDO_OK);
  g_assert_cmpuint (fido_cred_sigcount (cred), ==, 0);
  g_assert_cmpuint (fido_cred_aaguid_len (cred), ==, 16);
  g_assert_cmpuint (fido_cred_pubkey_len (cred), ==, sizeof f->pubkey);

  g_clear_pointer (&f->cred_id, g_bytes_unref);
  f->cred_id = g_bytes_new (fido_cred_id_ptr (cred), fido_cred_id_len (cred));
  memcpy (f->pubkey, fido_cred_pubkey_ptr (cred), sizeof f->pubkey);
  fido_cred_free (&cred);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  f->key = ward_soft_key_new ();
  f->dev = open_device (f->key);
  register_credential (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  if (f->dev != NULL)
    close_device (&f->dev);
  g_clear_pointer (&f->cred_id, g_bytes_unref);
  g_clear_object (&f->key);
}

static fido_assert_t *
new_assert_request (const char *rp_id,
                    GBytes     *allow_id)
{
  fido_assert_t *assert = fido_assert_new ();
  guint8 cdh[32];

  random_hash (cdh);
  g_assert_cmpint (fido_assert_set_rp (assert, rp_id), ==, FIDO_OK);
  g_assert_cmpint (fido_assert_set_clientdata_hash (assert, cdh, sizeof cdh), ==, FIDO_OK);
  g_assert_cmpint (fido_assert_allow_cred (assert, g_bytes_get_data (allow_id, NULL),
                                           g_bytes_get_size (allow_id)), ==, FIDO_OK);
  g_assert_cmpint (fido_assert_set_up (assert, FIDO_OPT_TRUE), ==, FIDO_OK);
  return assert;
}

/* Sign in once; returns libfido2's result and, on success, the assertion. */
static int
sign_in (Fixture        *f,
         fido_assert_t **out)
{
  fido_assert_t *assert = new_assert_request (RP_ID, f->cred_id);
  int r = fido_dev_get_assert (f->dev, assert, NULL);

  if (r == FIDO_OK && out != NULL)
    *out = assert;
  else
    fido_assert_free (&assert);

  return r;
}

static int
verify (fido_assert_t *assert,
        const guint8  *pubkey)
{
  es256_pk_t *pk = es256_pk_new ();
  int r;

  g_assert_cmpint (es256_pk_from_ptr (pk, pubkey, 64), ==, FIDO_OK);
  r = fido_assert_verify (assert, 0, COSE_ES256, pk);
  es256_pk_free (&pk);

  return r;
}

static gboolean
assert_id_is (fido_assert_t *assert,
              GBytes        *id)
{
  g_autoptr(GBytes) got = g_bytes_new (fido_assert_id_ptr (assert, 0),
                                       fido_assert_id_len (assert, 0));

  return g_bytes_equal (got, id);
}

/* ---- normal behaviour --------------------------------------------------- */

static void
test_info (void)
{
  g_autoptr(WardSoftKey) key = ward_soft_key_new ();
  fido_dev_t *dev = open_device (key);
  fido_cbor_info_t *info = fido_cbor_info_new ();
  char **options;

  g_assert_cmpint (fido_dev_get_cbor_info (dev, info), ==, FIDO_OK);
  g_assert_cmpuint (fido_cbor_info_versions_len (info), ==, 1);
  g_assert_cmpstr (fido_cbor_info_versions_ptr (info)[0], ==, "FIDO_2_0");
  g_assert_cmpuint (fido_cbor_info_aaguid_len (info), ==, 16);
  g_assert_cmpuint (fido_cbor_info_maxmsgsiz (info), ==, 1200);
  options = fido_cbor_info_options_name_ptr (info);
  for (size_t i = 0; i < fido_cbor_info_options_len (info); i++)
    g_assert_cmpstr (options[i], !=, "clientPin");
  g_assert_false (fido_dev_has_pin (dev));

  fido_cbor_info_free (&info);
  close_device (&dev);
}

static void
test_open_paths (void)
{
  g_autoptr(WardSoftKey) key = ward_soft_key_new ();
  fido_dev_t *dev = open_device (key);
  fido_dev_t *second = fido_dev_new ();

  /* A key is held by one device at a time, and unknown paths do not open. */
  ward_soft_key_attach (key, second);
  g_assert_cmpint (fido_dev_open (second, ward_soft_key_get_path (key)), !=, FIDO_OK);
  g_assert_cmpint (fido_dev_open (second, "soft:nowhere"), !=, FIDO_OK);
  close_device (&dev);
  g_assert_cmpint (fido_dev_open (second, ward_soft_key_get_path (key)), ==, FIDO_OK);
  close_device (&second);
}

static void
test_register_and_sign (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GBytes) first_id = NULL;

  for (guint32 expected = 1; expected <= 2; expected++)
    {
      fido_assert_t *assert = NULL;

      g_assert_cmpint (sign_in (f, &assert), ==, FIDO_OK);
      g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_OK);
      g_assert_true (assert_id_is (assert, f->cred_id));
      g_assert_cmpuint (fido_assert_sigcount (assert, 0), ==, expected);
      g_assert_true (fido_assert_flags (assert, 0) & 0x01);
      fido_assert_free (&assert);
    }

  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->key), ==, 1);
  first_id = g_bytes_ref (f->cred_id);
  register_credential (f);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->key), ==, 2);
  g_assert_false (g_bytes_equal (first_id, f->cred_id));
}

static void
test_silent_assertion (Fixture       *f,
                       gconstpointer  data G_GNUC_UNUSED)
{
  fido_assert_t *assert = new_assert_request (RP_ID, f->cred_id);

  /* up=false needs no touch even with auto-touch off, and carries no UP flag. */
  ward_soft_key_set_auto_touch (f->key, FALSE);
  g_assert_cmpint (fido_assert_set_up (assert, FIDO_OPT_FALSE), ==, FIDO_OK);
  g_assert_cmpint (fido_dev_get_assert (f->dev, assert, NULL), ==, FIDO_OK);
  g_assert_false (fido_assert_flags (assert, 0) & 0x01);
  g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_OK);
  fido_assert_free (&assert);
}

static void
test_exclude_list (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  fido_cred_t *cred = new_cred_request (COSE_ES256);

  g_assert_cmpint (fido_cred_exclude (cred, g_bytes_get_data (f->cred_id, NULL),
                                      g_bytes_get_size (f->cred_id)), ==, FIDO_OK);
  g_assert_cmpint (fido_dev_make_cred (f->dev, cred, NULL), ==, FIDO_ERR_CREDENTIAL_EXCLUDED);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->key), ==, 1);
  fido_cred_free (&cred);
}

static void
test_unsupported_algorithm (Fixture       *f,
                            gconstpointer  data G_GNUC_UNUSED)
{
  fido_cred_t *cred = new_cred_request (COSE_RS256);

  g_assert_cmpint (fido_dev_make_cred (f->dev, cred, NULL), ==, FIDO_ERR_UNSUPPORTED_ALGORITHM);
  fido_cred_free (&cred);
}

static void
test_unknown_credential (Fixture       *f,
                         gconstpointer  data G_GNUC_UNUSED)
{
  static const guint8 other[48] = { 1, 2, 3 };
  g_autoptr(GBytes) other_id = g_bytes_new_static (other, sizeof other);
  fido_assert_t *assert = new_assert_request (RP_ID, other_id);

  g_assert_cmpint (fido_dev_get_assert (f->dev, assert, NULL), ==, FIDO_ERR_NO_CREDENTIALS);
  fido_assert_free (&assert);

  /* Our id, but registered for another rp: the rpIdHash must match too. */
  assert = new_assert_request ("other.test", f->cred_id);
  g_assert_cmpint (fido_dev_get_assert (f->dev, assert, NULL), ==, FIDO_ERR_NO_CREDENTIALS);
  fido_assert_free (&assert);
}

/* ---- fault switches ----------------------------------------------------- */

/* Each fault still lets the key answer: what it signed, for the test to
 * judge. */
static fido_assert_t *
sign_in_with_fault (Fixture          *f,
                    WardSoftKeyFault  fault)
{
  fido_assert_t *assert = NULL;

  ward_soft_key_set_fault (f->key, fault);
  g_assert_cmpint (sign_in (f, &assert), ==, FIDO_OK);
  return assert;
}

/* A fault only verification can see: the answer is refused with @error. */
static void
assert_verify_refuses (Fixture          *f,
                       WardSoftKeyFault  fault,
                       int               error)
{
  fido_assert_t *assert = sign_in_with_fault (f, fault);

  g_assert_cmpint (verify (assert, f->pubkey), ==, error);
  fido_assert_free (&assert);
}

static void
test_fault_no_presence (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  /* libfido2 accepts the reply; only fido_assert_verify notices the missing
   * UP flag because the request set up=true. */
  fido_assert_t *assert = sign_in_with_fault (f, WARD_SOFT_KEY_FAULT_NO_PRESENCE);

  g_assert_false (fido_assert_flags (assert, 0) & 0x01);
  g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_ERR_INVALID_PARAM);
  fido_assert_free (&assert);
}

static void
test_fault_wrong_rp_hash (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  assert_verify_refuses (f, WARD_SOFT_KEY_FAULT_WRONG_RP_HASH, FIDO_ERR_INVALID_PARAM);
}

static void
test_fault_counter_stuck (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  guint32 counts[3];

  ward_soft_key_set_fault (f->key, WARD_SOFT_KEY_FAULT_COUNTER_STUCK);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      fido_assert_t *assert = NULL;

      g_assert_cmpint (sign_in (f, &assert), ==, FIDO_OK);
      /* The signature is genuine: only the counter gives the clone away. */
      g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_OK);
      counts[i] = fido_assert_sigcount (assert, 0);
      fido_assert_free (&assert);
    }

  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, counts[0]);
  g_assert_cmpuint (counts[2], ==, counts[0]);
}

static void
test_fault_foreign_credential (Fixture       *f,
                               gconstpointer  data G_GNUC_UNUSED)
{
  /* libfido2 does not compare the returned id with the allow list. */
  fido_assert_t *assert = sign_in_with_fault (f, WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL);

  g_assert_false (assert_id_is (assert, f->cred_id));
  g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_ERR_INVALID_SIG);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->key), ==, 1);
  fido_assert_free (&assert);
}

static void
test_fault_bad_signature (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  assert_verify_refuses (f, WARD_SOFT_KEY_FAULT_BAD_SIGNATURE, FIDO_ERR_INVALID_SIG);
}

static void
test_fault_never_touched (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  fido_assert_t *assert = NULL;
  gint64 start, elapsed;

  ward_soft_key_set_fault (f->key, WARD_SOFT_KEY_FAULT_NEVER_TOUCHED);
  g_assert_cmpint (fido_dev_set_timeout (f->dev, 500), ==, FIDO_OK);

  start = g_get_monotonic_time ();
  g_assert_cmpint (sign_in (f, NULL), ==, FIDO_ERR_RX);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 2 * G_TIME_SPAN_SECOND);

  /* After a timeout: cancel, close, reopen; the key then works again. */
  fido_dev_cancel (f->dev);
  close_device (&f->dev);
  ward_soft_key_set_fault (f->key, WARD_SOFT_KEY_FAULT_NONE);
  f->dev = open_device (f->key);
  g_assert_cmpint (sign_in (f, &assert), ==, FIDO_OK);
  g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_OK);
  fido_assert_free (&assert);
}

/* ---- touch and cancel from other threads -------------------------------- */

static gpointer
sign_in_thread (gpointer data)
{
  return GINT_TO_POINTER (sign_in (data, NULL));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data G_GNUC_UNUSED)
{
  GThread *thread;

  ward_soft_key_set_auto_touch (f->key, FALSE);
  /* Bounds the test should the cancel arrive before the request. */
  fido_dev_set_timeout (f->dev, 5000);
  thread = g_thread_new ("sign-in", sign_in_thread, f);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (fido_dev_cancel (f->dev), ==, FIDO_OK);
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (thread)), ==, FIDO_ERR_KEEPALIVE_CANCEL);
}

static gpointer
touch_thread (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  ward_soft_key_touch (data);
  return NULL;
}

static void
test_touch (Fixture       *f,
            gconstpointer  data G_GNUC_UNUSED)
{
  fido_assert_t *assert = NULL;
  GThread *thread;
  gint64 start;

  ward_soft_key_set_auto_touch (f->key, FALSE);
  fido_dev_set_timeout (f->dev, 5000);
  thread = g_thread_new ("touch", touch_thread, f->key);
  start = g_get_monotonic_time ();
  g_assert_cmpint (sign_in (f, &assert), ==, FIDO_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * G_TIME_SPAN_MILLISECOND);
  g_thread_join (thread);

  g_assert_cmpint (verify (assert, f->pubkey), ==, FIDO_OK);
  g_assert_cmpuint (fido_assert_sigcount (assert, 0), ==, 1);
  fido_assert_free (&assert);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  fido_init (0);

  g_test_add_func ("/soft-key/info", test_info);
  g_test_add_func ("/soft-key/open-paths", test_open_paths);
#define ADD(path, func) \
  g_test_add ("/soft-key/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register-and-sign", test_register_and_sign);
  ADD ("silent-assertion", test_silent_assertion);
  ADD ("exclude-list", test_exclude_list);
  ADD ("unsupported-algorithm", test_unsupported_algorithm);
  ADD ("unknown-credential", test_unknown_credential);
  ADD ("fault/no-presence", test_fault_no_presence);
  ADD ("fault/wrong-rp-hash", test_fault_wrong_rp_hash);
  ADD ("fault/counter-stuck", test_fault_counter_stuck);
  ADD ("fault/foreign-credential", test_fault_foreign_credential);
  ADD ("fault/bad-signature", test_fault_bad_signature);
  ADD ("fault/never-touched", test_fault_never_touched);
  ADD ("cancel", test_cancel);
  ADD ("touch", test_touch);
#undef ADD

  return g_test_run ();
}
