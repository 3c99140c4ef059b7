/* ward-demo.c: the demo ward: seeded staff with badges, virtual security keys and app secrets (demo builds only) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <liboath/oath.h>

#include <glib/gi18n-lib.h>

#include "app/admin/ward-account-admin.h"
#include "app/admin/ward-badge-admin.h"
#include "app/demo/ward-demo.h"
#include "auth/ward-totp.h"
#include "app/demo/ward-soft-key.h"
#include "data/ward-directory.h"

#if !WARD_DEMO_BUILD
#error "The demo ward exists only in builds configured with -Ddemo=true"
#endif

/* Fictional people; the badge numbers are printed on the demo strip. */
static const WardDemoPerson demo_people[] = {
  { "amorgan", "Alex Morgan",  "admin",        "D0A10001" },
  { "nokafor", "Nadia Okafor", "nurse",        "D0A10002" },
  { "treyes",  "Tom Reyes",    "nurse",        "D0A10003" },
  { "glin",    "Grace Lin",    "charge-nurse", "D0A10004" },
  { "spatel",  "Sam Patel",    "biomed",       "D0A10005" },
};

struct _WardDemo
{
  GObject         parent_instance;
  WardStore      *store;
  WardKeyFactor  *keys;
  WardCodeFactor *codes;
  GHashTable     *soft_keys;   /* user id → WardSoftKey */
  WardSoftKey    *inserted;    /* the key in the virtual reader, if any */
  GMutex          lock;        /* the opener runs in the key's worker thread */
};

G_DEFINE_FINAL_TYPE (WardDemo, ward_demo, G_TYPE_OBJECT)

static void
ward_demo_finalize (GObject *object)
{
  WardDemo *self = WARD_DEMO (object);

  g_clear_object (&self->inserted);
  g_hash_table_unref (self->soft_keys);
  g_clear_object (&self->codes);
  g_clear_object (&self->keys);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ward_demo_parent_class)->finalize (object);
}

static void
ward_demo_class_init (WardDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_demo_finalize;
}

static void
ward_demo_init (WardDemo *self)
{
  self->soft_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_mutex_init (&self->lock);
}

const WardDemoPerson *
ward_demo_get_people (guint *n_people)
{
  *n_people = G_N_ELEMENTS (demo_people);
  return demo_people;
}

/* The virtual reader: whoever's key the demo "plugged in". */
static fido_dev_t *
open_inserted_key (gpointer   user_data,
                   GError   **error)
{
  WardDemo *self = user_data;
  g_autoptr(WardSoftKey) key = NULL;

  g_mutex_lock (&self->lock);
  key = self->inserted != NULL ? g_object_ref (self->inserted) : NULL;
  g_mutex_unlock (&self->lock);

  if (key == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE,
                   _("No security key found. Plug in your key."));
      return NULL;
    }
  return ward_soft_key_open_device (key, error);
}

void
ward_demo_insert_key_of (WardDemo *self,
                         gint64    user_id)
{
  WardSoftKey *key = g_hash_table_lookup (self->soft_keys, &user_id);

  g_mutex_lock (&self->lock);
  g_set_object (&self->inserted, key);
  g_mutex_unlock (&self->lock);
}

gint64
ward_demo_user_id (WardDemo   *self,
                   const char *username)
{
  g_autoptr(WardUserRecord) user = ward_directory_find_user (self->store, username, NULL);

  return user != NULL ? user->id : 0;
}

void
ward_demo_touch_key (WardDemo *self)
{
  g_mutex_lock (&self->lock);
  if (self->inserted != NULL)
    ward_soft_key_touch (self->inserted);
  g_mutex_unlock (&self->lock);
}

char *
ward_demo_current_code (WardDemo *self,
                        gint64    user_id)
{
  return ward_code_factor_current_code (self->codes, user_id, 0, NULL);
}

typedef struct
{
  gboolean done;
  GError  *error;
} Wait;

static void
enrolled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  ward_key_factor_enroll_finish (WARD_KEY_FACTOR (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
enrol_key (WardDemo   *self,
           WardActor  *admin,
           gint64      user_id,
           const char *username,
           GError    **error)
{
  WardSoftKey *key = ward_soft_key_new ();
  Wait wait = { 0 };

  g_hash_table_insert (self->soft_keys, g_memdup2 (&user_id, sizeof user_id), key);
  ward_demo_insert_key_of (self, user_id);
  ward_key_factor_enroll_async (self->keys, admin, username, _("Virtual key"), NULL, NULL, enrolled_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  ward_demo_insert_key_of (self, 0);

  /* From now on the key waits for the "Touch virtual key" button. */
  ward_soft_key_set_auto_touch (key, FALSE);
  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return FALSE;
    }
  return TRUE;
}

/* Plays the person's phone: the code is computed from the secret the
 * enrolment shows, one period back so that the code the strip shows right
 * after start-up is still unused. */
static char *
phone_code (WardCodeEnrolment *enrolment,
            WardStore         *store,
            GError           **error)
{
  g_autoptr(GBytes) secret = NULL;
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  char *raw = NULL;
  size_t raw_length = 0;

  if (oath_base32_decode (enrolment->secret_base32, strlen (enrolment->secret_base32), &raw, &raw_length) != OATH_OK)
    {
      g_set_error (error, WARD_TOTP_ERROR, WARD_TOTP_ERROR_FAILED, "The demo could not read its own secret.");
      return NULL;
    }
  secret = ward_totp_secret_new ((const guint8 *) raw, raw_length);
  explicit_bzero (raw, raw_length);
  free (raw);
  return ward_totp_code_at (secret, &params, ward_clock_get_now (ward_store_get_clock (store)) - params.period, error);
}

static gboolean
enrol_app (WardDemo   *self,
           WardActor  *admin,
           gint64      user_id,
           const char *username,
           GError    **error)
{
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  g_autofree char *code = NULL;

  enrolment = ward_code_factor_begin_enrolment (self->codes, admin, username, _("Wardgate demo"), error);
  if (enrolment == NULL)
    return FALSE;
  code = phone_code (enrolment, self->store, error);
  return code != NULL && ward_code_factor_confirm_enrolment (self->codes, admin, username, code, error);
}

static gboolean
seed_person (WardDemo             *self,
             WardAccountAdmin     *accounts,
             WardBadgeAdmin       *badges,
             WardActor            *admin,
             const WardDemoPerson *person,
             GError              **error)
{
  const char *roles[] = { person->role, NULL };
  g_autoptr(WardUserRecord) user = NULL;

  if (!g_str_equal (person->username, ward_actor_get_name (admin))
      && !ward_account_admin_add_user (accounts, admin, person->username, person->full_name, roles, error))
    return FALSE;
  user = ward_directory_find_user (self->store, person->username, error);
  return user != NULL
      && ward_badge_admin_enroll (badges, admin, person->username, person->badge_uid, error)
      && enrol_key (self, admin, user->id, person->username, error)
      && enrol_app (self, admin, user->id, person->username, error);
}

static gboolean
seed (WardDemo  *self,
      GError   **error)
{
  g_autoptr(WardAccountAdmin) accounts = ward_account_admin_new (self->store);
  g_autoptr(WardBadgeAdmin) badges = ward_badge_admin_new (self->store);
  g_autoptr(WardActor) os_actor = ward_actor_new_bootstrap ("demo");
  g_autoptr(WardActor) admin = NULL;

  if (!ward_account_admin_bootstrap (accounts, os_actor, demo_people[0].username, demo_people[0].full_name, error))
    return FALSE;
  admin = ward_actor_new_for_account (self->store, demo_people[0].username, error);
  if (admin == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    if (!seed_person (self, accounts, badges, admin, &demo_people[i], error))
      return FALSE;
  return TRUE;
}

/* Seeds an empty database with the demo ward. The virtual keys live only
 * in this process, so the demo always starts from a fresh database. */
WardDemo *
ward_demo_new (WardStore       *store,
               WardKeyFactor   *keys,
               WardCodeFactor  *codes,
               GError         **error)
{
  g_autoptr(WardDemo) self = g_object_new (WARD_TYPE_DEMO, NULL);

  self->store = g_object_ref (store);
  self->keys = g_object_ref (keys);
  self->codes = g_object_ref (codes);
  ward_fido_key_set_opener (ward_key_factor_get_fido_key (keys), open_inserted_key, self, NULL);
  if (!seed (self, error))
    return NULL;
  return g_steal_pointer (&self);
}
