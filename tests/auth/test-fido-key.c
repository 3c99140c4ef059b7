/* test-fido-key.c: FIDO2 enrolment and sign-in through WardFidoKey, against software keys */

#include "auth/ward-fido-key.h"
#include "app/demo/ward-soft-key.h"

#include <string.h>

#define RP_ID   "wardgate.test"
#define RP_NAME "Wardgate"
#define N_KEYS  3

/* Bounds every wait on the main loop, so a hang fails instead of blocking CI. */
#define HANG_GUARD_S 10

typedef struct
{
  WardFidoKey *fkey;
  WardSoftKey *keys[N_KEYS];  /* 0: the user's key, 1: their backup, 2: someone else's */
  WardSoftKey *current;       /* the key "plugged in": what the opener opens */
  GPtrArray   *creds;         /* WardFidoCredential*: the user's registered credentials */
  int          n_opens;       /* atomic: opener calls */
  GBytes      *user_handle;
} Fixture;

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  gboolean      hung;
} Waiter;

/* ---- plumbing -------------------------------------------------------------- */

static fido_dev_t *
open_soft_key (WardSoftKey  *key,
               GError      **error)
{
  fido_dev_t *dev = fido_dev_new ();
  int r;

  ward_soft_key_attach (key, dev);
  r = fido_dev_open (dev, ward_soft_key_get_path (key));
  if (r != FIDO_OK)
    {
      fido_dev_free (&dev);
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_DEVICE,
                   "soft key did not open: %s", fido_strerr (r));
      return NULL;
    }
  return dev;
}

/* Runs in the worker thread, like any opener. */
static fido_dev_t *
open_current_key (gpointer   data,
                  GError   **error)
{
  Fixture *f = data;

  g_atomic_int_inc (&f->n_opens);
  return open_soft_key (f->current, error);
}

static fido_dev_t *
open_nothing (gpointer   data G_GNUC_UNUSED,
              GError   **error)
{
  g_set_error_literal (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE,
                       "No security key found. Plug in your key.");
  return NULL;
}

static fido_dev_t *
open_silently_failing (gpointer   data G_GNUC_UNUSED,
                       GError   **error G_GNUC_UNUSED)
{
  return NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  static const char handle[] = "user-0042";

  f->fkey = ward_fido_key_new (RP_ID, RP_NAME);
  for (guint i = 0; i < N_KEYS; i++)
    f->keys[i] = ward_soft_key_new ();
  f->current = f->keys[0];
  f->creds = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_fido_credential_free);
  f->user_handle = g_bytes_new_static (handle, sizeof handle - 1);
  ward_fido_key_set_opener (f->fkey, open_current_key, f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->fkey);
  for (guint i = 0; i < N_KEYS; i++)
    g_clear_object (&f->keys[i]);
  g_clear_pointer (&f->creds, g_ptr_array_unref);
  g_clear_pointer (&f->user_handle, g_bytes_unref);
}

static void
on_done (GObject      *source G_GNUC_UNUSED,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *w = data;

  w->result = g_object_ref (result);
  g_main_loop_quit (w->loop);
}

static gboolean
on_hang (gpointer data)
{
  Waiter *w = data;

  w->hung = TRUE;
  g_main_loop_quit (w->loop);
  return G_SOURCE_REMOVE;
}

static void
waiter_init (Waiter *w)
{
  w->loop = g_main_loop_new (NULL, FALSE);
  w->result = NULL;
  w->hung = FALSE;
}

static void
waiter_clear (Waiter *w)
{
  g_clear_object (&w->result);
  g_clear_pointer (&w->loop, g_main_loop_unref);
}

/* Drives the default main context until the operation's callback ran. */
static void
waiter_wait (Waiter *w)
{
  guint guard = g_timeout_add_seconds (HANG_GUARD_S, on_hang, w);

  while (w->result == NULL && !w->hung)
    g_main_loop_run (w->loop);
  g_assert_false (w->hung);
  g_source_remove (guard);
}

static WardFidoCredential *
enroll (Fixture     *f,
        guint        key,
        gboolean     require_uv,
        const char  *pin,
        GError     **error)
{
  Waiter w;
  WardFidoCredential *credential;

  f->current = f->keys[key];
  waiter_init (&w);
  ward_fido_key_enroll_async (f->fkey, f->user_handle, "nurse.a", "Nurse A",
                              f->creds, require_uv, pin, NULL, on_done, &w);
  waiter_wait (&w);
  credential = ward_fido_key_enroll_finish (f->fkey, w.result, error);
  waiter_clear (&w);
  return credential;
}

/* Enrols @key and adds its credential to the user's list. */
static void
enroll_ok (Fixture *f,
           guint    key)
{
  g_autoptr(GError) error = NULL;
  WardFidoCredential *credential = enroll (f, key, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (credential);
  g_ptr_array_add (f->creds, credential);
}

static void
start_sign_in (Fixture      *f,
               guint         key,
               gboolean      require_uv,
               const char   *pin,
               GCancellable *cancellable,
               Waiter       *w)
{
  f->current = f->keys[key];
  waiter_init (w);
  ward_fido_key_verify_async (f->fkey, f->creds, require_uv, pin, cancellable, on_done, w);
}

static gboolean
sign_in_full (Fixture       *f,
              guint          key,
              gboolean       require_uv,
              const char    *pin,
              GCancellable  *cancellable,
              guint         *index,
              guint32       *count,
              GError       **error)
{
  Waiter w;
  gboolean ok;

  start_sign_in (f, key, require_uv, pin, cancellable, &w);
  waiter_wait (&w);
  ok = ward_fido_key_verify_finish (f->fkey, w.result, index, count, error);
  waiter_clear (&w);
  return ok;
}

static gboolean
sign_in (Fixture  *f,
         guint     key,
         guint    *index,
         guint32  *count,
         GError  **error)
{
  return sign_in_full (f, key, FALSE, NULL, NULL, index, count, error);
}

/* Signs in with @key, expects its credential, and stores the new counter
 * as the caller of the real API must. */
static guint32
sign_in_ok (Fixture *f,
            guint    key,
            guint    expected_index)
{
  g_autoptr(GError) error = NULL;
  WardFidoCredential *credential;
  guint index = G_MAXUINT;
  guint32 count = 0;

  g_assert_true (sign_in (f, key, &index, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, expected_index);
  credential = f->creds->pdata[index];
  g_assert_cmpuint (count, >, credential->sign_count);
  credential->sign_count = count;
  return count;
}

static void
assert_sign_in_fails (Fixture       *f,
                      guint          key,
                      WardFidoError  expected)
{
  g_autoptr(GError) error = NULL;
  guint index = G_MAXUINT;
  guint32 count = G_MAXUINT32;

  g_assert_false (sign_in (f, key, &index, &count, &error));
  g_assert_error (error, WARD_FIDO_ERROR, (int) expected);
  /* Outputs are left alone on failure. */
  g_assert_cmpuint (index, ==, G_MAXUINT);
  g_assert_cmpuint (count, ==, G_MAXUINT32);
}

/* ---- enrolment and sign-in ------------------------------------------------- */

static void
test_enroll_and_sign_in (Fixture       *f,
                         gconstpointer  data G_GNUC_UNUSED)
{
  WardFidoCredential *credential;

  enroll_ok (f, 0);
  credential = f->creds->pdata[0];
  g_assert_cmpint (credential->cose_alg, ==, COSE_ES256);
  g_assert_cmpuint (g_bytes_get_size (credential->public_key), ==, 64);
  g_assert_cmpuint (g_bytes_get_size (credential->credential_id), >, 0);
  g_assert_cmpuint (g_bytes_get_size (credential->aaguid), ==, 16);
  g_assert_cmpstr (credential->format, ==, "packed");
  g_assert_cmpuint (credential->sign_count, ==, 0);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->keys[0]), ==, 1);

  g_assert_cmpuint (sign_in_ok (f, 0, 0), ==, 1);
  g_assert_cmpuint (sign_in_ok (f, 0, 0), ==, 2);
  g_assert_cmpint (g_atomic_int_get (&f->n_opens), ==, 3);
}

static void
test_backup_key (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  WardFidoCredential *again;

  enroll_ok (f, 0);
  enroll_ok (f, 1);
  g_assert_false (g_bytes_equal (((WardFidoCredential *) f->creds->pdata[0])->credential_id,
                                 ((WardFidoCredential *) f->creds->pdata[1])->credential_id));

  sign_in_ok (f, 1, 1);
  sign_in_ok (f, 0, 0);
  sign_in_ok (f, 1, 1);

  /* The exclude list: the same key cannot be enrolled twice for one user. */
  again = enroll (f, 0, FALSE, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_DEVICE);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->keys[0]), ==, 1);
}

static void
test_not_registered (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  enroll_ok (f, 0);
  assert_sign_in_fails (f, 2, WARD_FIDO_ERROR_NOT_REGISTERED);

  /* A user without credentials: refused without opening any device. */
  g_ptr_array_set_size (f->creds, 0);
  g_atomic_int_set (&f->n_opens, 0);
  g_assert_false (sign_in (f, 0, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NOT_REGISTERED);
  g_assert_cmpstr (error->message, ==, "This is not your registered key.");
  g_assert_cmpint (g_atomic_int_get (&f->n_opens), ==, 0);
}

static void
test_sync (Fixture       *f,
           gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  WardFidoCredential *credential;
  guint index = G_MAXUINT;
  guint32 count = 0;

  credential = ward_fido_key_enroll_sync (f->fkey, f->user_handle, "nurse.a", NULL,
                                          NULL, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (credential);
  g_ptr_array_add (f->creds, credential);

  g_assert_true (ward_fido_key_verify_sync (f->fkey, f->creds, FALSE, NULL, NULL,
                                            &index, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (count, ==, 1);
}

/* ---- refusals --------------------------------------------------------------- */

typedef struct
{
  const char       *path;
  WardSoftKeyFault  fault;
  WardFidoError     expected;
} FaultCase;

static const FaultCase fault_cases[] = {
  { "no-presence",        WARD_SOFT_KEY_FAULT_NO_PRESENCE,        WARD_FIDO_ERROR_NO_PRESENCE },
  { "wrong-rp-hash",      WARD_SOFT_KEY_FAULT_WRONG_RP_HASH,      WARD_FIDO_ERROR_BAD_SIGNATURE },
  { "counter-stuck",      WARD_SOFT_KEY_FAULT_COUNTER_STUCK,      WARD_FIDO_ERROR_COUNTER_NOT_RISING },
  { "foreign-credential", WARD_SOFT_KEY_FAULT_FOREIGN_CREDENTIAL, WARD_FIDO_ERROR_FOREIGN_CREDENTIAL },
  { "bad-signature",      WARD_SOFT_KEY_FAULT_BAD_SIGNATURE,      WARD_FIDO_ERROR_BAD_SIGNATURE },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *c = data;

  enroll_ok (f, 0);
  /* One good sign-in first, so a stuck counter is non-zero and stored. */
  sign_in_ok (f, 0, 0);
  ward_soft_key_set_fault (f->keys[0], c->fault);
  assert_sign_in_fails (f, 0, c->expected);

  /* The key itself is fine again once it behaves. */
  ward_soft_key_set_fault (f->keys[0], WARD_SOFT_KEY_FAULT_NONE);
  sign_in_ok (f, 0, 0);
}

static void
test_cloned_key (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  enroll_ok (f, 0);
  /* The original key has been used 5 times; this copy is behind it. */
  ((WardFidoCredential *) f->creds->pdata[0])->sign_count = 5;
  g_assert_false (sign_in (f, 0, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_COUNTER_NOT_RISING);
  g_assert_cmpstr (error->message, ==,
                   "This key may have been copied. It has been refused; call the help desk.");
}

static void
test_require_uv (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  WardFidoCredential *credential;
  gint64 start;

  enroll_ok (f, 0);

  /* The soft key has neither PIN nor built-in UV: it cannot satisfy the
   * policy, and is refused before anyone is asked to touch it (auto-touch
   * off and a long timeout would make a touch wait show). */
  ward_soft_key_set_auto_touch (f->keys[0], FALSE);
  ward_fido_key_set_timeout_ms (f->fkey, 5000);
  start = g_get_monotonic_time ();
  g_assert_false (sign_in_full (f, 0, TRUE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_UV_MISSING);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_TIME_SPAN_SECOND);
  g_clear_error (&error);

  /* A PIN typed for a key that has none. */
  g_assert_false (sign_in_full (f, 0, FALSE, "1234", NULL, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_UV_MISSING);
  g_clear_error (&error);

  credential = enroll (f, 1, TRUE, NULL, &error);
  g_assert_null (credential);
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_UV_MISSING);
  g_assert_cmpuint (ward_soft_key_get_n_credentials (f->keys[1]), ==, 0);
}

/* ---- timeout, cancel, touch -------------------------------------------------- */

static void
test_timeout (Fixture       *f,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  enroll_ok (f, 0);
  ward_soft_key_set_fault (f->keys[0], WARD_SOFT_KEY_FAULT_NEVER_TOUCHED);
  ward_fido_key_set_timeout_ms (f->fkey, 500);

  start = g_get_monotonic_time ();
  g_assert_false (sign_in (f, 0, NULL, NULL, &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_TIMEOUT);
  g_test_message ("timed out after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);

  /* The device was closed after the timeout, so the key opens again. */
  ward_soft_key_set_fault (f->keys[0], WARD_SOFT_KEY_FAULT_NONE);
  ward_fido_key_set_timeout_ms (f->fkey, 30000);
  sign_in_ok (f, 0, 0);
}

typedef struct
{
  GCancellable *cancellable;
  gint64        cancelled_at;
} CancelLater;

static gboolean
cancel_later (gpointer data)
{
  CancelLater *c = data;

  c->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (c->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_while_waiting (Fixture       *f,
                           gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelLater c = { cancellable, 0 };
  gint64 elapsed;

  enroll_ok (f, 0);
  ward_soft_key_set_auto_touch (f->keys[0], FALSE);
  g_timeout_add (200, cancel_later, &c);
  g_assert_false (sign_in_full (f, 0, FALSE, NULL, cancellable, NULL, NULL, &error));
  elapsed = g_get_monotonic_time () - c.cancelled_at;
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_CANCELLED);
  g_test_message ("ended %" G_GINT64_FORMAT " ms after the cancel", elapsed / 1000);
  g_assert_cmpint (c.cancelled_at, >, 0);
  g_assert_cmpint (elapsed, <, 2 * G_TIME_SPAN_SECOND);

  /* Closed after the cancel: the key opens again and works. */
  ward_soft_key_set_auto_touch (f->keys[0], TRUE);
  sign_in_ok (f, 0, 0);
}

static void
test_cancel_before_start (Fixture       *f,
                          gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  WardFidoCredential *credential;

  enroll_ok (f, 0);
  g_atomic_int_set (&f->n_opens, 0);
  g_cancellable_cancel (cancellable);

  g_assert_false (sign_in_full (f, 0, FALSE, NULL, cancellable, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_CANCELLED);
  g_clear_error (&error);

  credential = ward_fido_key_enroll_sync (f->fkey, f->user_handle, "nurse.a", NULL,
                                          NULL, FALSE, NULL, cancellable, &error);
  g_assert_null (credential);
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&f->n_opens), ==, 0);
}

static gpointer
touch_after_200_ms (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  ward_soft_key_touch (data);
  return NULL;
}

static void
test_touch_from_thread (Fixture       *f,
                        gconstpointer  data G_GNUC_UNUSED)
{
  GThread *thread;
  gint64 start;

  enroll_ok (f, 0);
  ward_soft_key_set_auto_touch (f->keys[0], FALSE);
  thread = g_thread_new ("touch", touch_after_200_ms, f->keys[0]);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (sign_in_ok (f, 0, 0), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * G_TIME_SPAN_MILLISECOND);
  g_thread_join (thread);
}

/* ---- serialisation ----------------------------------------------------------- */

typedef struct
{
  WardSoftKey *key;
  gint         stop;   /* atomic */
} Toucher;

static gpointer
touch_until_stopped (gpointer data)
{
  Toucher *t = data;

  while (!g_atomic_int_get (&t->stop))
    {
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
      ward_soft_key_touch (t->key);
    }
  return NULL;
}

static void
test_operations_queue (Fixture       *f,
                       gconstpointer  data G_GNUC_UNUSED)
{
  Toucher t = { NULL, 0 };
  Waiter w[2];
  guint32 counts[2] = { 0, 0 };
  GThread *thread;

  enroll_ok (f, 0);
  ward_soft_key_set_auto_touch (f->keys[0], FALSE);
  t.key = f->keys[0];

  /* The soft key, like a real one, opens for one device at a time: without
   * serialisation the second operation could not open it. */
  start_sign_in (f, 0, FALSE, NULL, NULL, &w[0]);
  start_sign_in (f, 0, FALSE, NULL, NULL, &w[1]);
  thread = g_thread_new ("toucher", touch_until_stopped, &t);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      guint index = G_MAXUINT;

      waiter_wait (&w[i]);
      g_assert_true (ward_fido_key_verify_finish (f->fkey, w[i].result, &index, &counts[i],
                                                  &error));
      g_assert_no_error (error);
      g_assert_cmpuint (index, ==, 0);
      waiter_clear (&w[i]);
    }
  g_atomic_int_set (&t.stop, 1);
  g_thread_join (thread);

  /* Served in the order asked for, whatever order the workers started in. */
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpint (g_atomic_int_get (&f->n_opens), ==, 3);
}

static void
test_cancel_queued (Fixture       *f,
                    gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GCancellable) first = g_cancellable_new ();
  g_autoptr(GCancellable) second = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelLater c = { second, 0 };
  Waiter w[2];

  enroll_ok (f, 0);
  ward_soft_key_set_auto_touch (f->keys[0], FALSE);
  g_atomic_int_set (&f->n_opens, 0);

  start_sign_in (f, 0, FALSE, NULL, first, &w[0]);
  start_sign_in (f, 0, FALSE, NULL, second, &w[1]);
  g_timeout_add (200, cancel_later, &c);

  /* The queued one ends at once, while the first still waits for a touch. */
  waiter_wait (&w[1]);
  g_assert_false (ward_fido_key_verify_finish (f->fkey, w[1].result, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - c.cancelled_at, <, 2 * G_TIME_SPAN_SECOND);
  g_assert_null (w[0].result);
  g_clear_error (&error);

  g_cancellable_cancel (first);
  waiter_wait (&w[0]);
  g_assert_false (ward_fido_key_verify_finish (f->fkey, w[0].result, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&f->n_opens), ==, 1);
  waiter_clear (&w[0]);
  waiter_clear (&w[1]);
}

/* ---- openers ----------------------------------------------------------------- */

static void
test_opener_error (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  enroll_ok (f, 0);
  ward_fido_key_set_opener (f->fkey, open_nothing, NULL, NULL);
  assert_sign_in_fails (f, 0, WARD_FIDO_ERROR_NO_DEVICE);

  /* An opener that forgets to set the error still yields one. */
  ward_fido_key_set_opener (f->fkey, open_silently_failing, NULL, NULL);
  g_assert_null (enroll (f, 0, FALSE, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_DEVICE);
}

static gboolean
hidraw_present (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "hidraw"))
      return TRUE;
  return FALSE;
}

static void
test_default_opener_no_device (void)
{
  g_autoptr(WardFidoKey) fkey = NULL;
  g_autoptr(GPtrArray) allowed = NULL;
  g_autoptr(GBytes) id = g_bytes_new_static ("id", 2);
  g_autoptr(GBytes) pk = g_bytes_new_static ("0123456789abcdef0123456789abcdef"
                                             "0123456789abcdef0123456789abcdef", 64);
  g_autoptr(GError) error = NULL;

  if (hidraw_present ())
    {
      g_test_skip ("/dev/hidraw* exists: a real security key may be plugged in");
      return;
    }

  fkey = ward_fido_key_new (RP_ID, RP_NAME);
  allowed = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_fido_credential_free);
  g_ptr_array_add (allowed, ward_fido_credential_new (id, COSE_ES256, pk, 0, NULL, NULL));
  g_assert_false (ward_fido_key_verify_sync (fkey, allowed, FALSE, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE);
  g_assert_cmpstr (error->message, ==, "No security key found. Plug in your key.");
}

static void
test_credential_copy (void)
{
  g_autoptr(GBytes) id = g_bytes_new_static ("id", 2);
  g_autoptr(GBytes) pk = g_bytes_new_static ("k", 1);
  g_autoptr(WardFidoCredential) a = ward_fido_credential_new (id, COSE_ES256, pk, 7,
                                                              NULL, "packed");
  g_autoptr(WardFidoCredential) b = ward_fido_credential_copy (a);

  g_assert_true (g_bytes_equal (a->credential_id, b->credential_id));
  g_assert_true (g_bytes_equal (a->public_key, b->public_key));
  g_assert_null (b->aaguid);
  g_assert_cmpuint (b->sign_count, ==, 7);
  g_assert_cmpstr (b->format, ==, "packed");
  g_assert_true (G_TYPE_IS_BOXED (WARD_TYPE_FIDO_CREDENTIAL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fido-key/credential-copy", test_credential_copy);
  g_test_add_func ("/fido-key/default-opener-no-device", test_default_opener_no_device);
#define ADD(path, func) \
  g_test_add ("/fido-key/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("enroll-and-sign-in", test_enroll_and_sign_in);
  ADD ("backup-key", test_backup_key);
  ADD ("not-registered", test_not_registered);
  ADD ("sync", test_sync);
  ADD ("cloned-key", test_cloned_key);
  ADD ("require-uv", test_require_uv);
  ADD ("timeout", test_timeout);
  ADD ("cancel-while-waiting", test_cancel_while_waiting);
  ADD ("cancel-before-start", test_cancel_before_start);
  ADD ("touch-from-thread", test_touch_from_thread);
  ADD ("operations-queue", test_operations_queue);
  ADD ("cancel-queued", test_cancel_queued);
  ADD ("opener-error", test_opener_error);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/fido-key/fault/", fault_cases[i].path, NULL);

      g_test_add (path, Fixture, &fault_cases[i], fixture_set_up, test_fault, fixture_tear_down);
    }

  return g_test_run ();
}
