/* ward-kiosk.c: everything one kiosk runs on, built once from its store and settings */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/devices/ward-dbus-device-link.h"
#include "app/ward-kiosk.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"
#include "data/ward-sessions.h"

struct _WardKiosk
{
  GObject           parent_instance;
  WardStore        *store;
  WardPolicy       *policy;
  WardKeyFactor    *keys;
  WardCodeFactor   *codes;
  WardAuthFlow     *flow;
  WardAccountAdmin *accounts;
  WardBadgeAdmin   *badges;
  WardAwarenessScheduler *awareness;
  WardCatalogue    *catalogue;
  char             *catalogue_error;
  WardDeviceLink   *link;
  char             *site_name;
  char             *bed;
};

G_DEFINE_FINAL_TYPE (WardKiosk, ward_kiosk, G_TYPE_OBJECT)

static void
ward_kiosk_dispose (GObject *object)
{
  WardKiosk *self = WARD_KIOSK (object);

  /* The flow first: ending a session still writes to the store. */
  g_clear_object (&self->flow);
  g_clear_object (&self->awareness);
  g_clear_object (&self->link);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->accounts);
  g_clear_object (&self->badges);
  g_clear_object (&self->codes);
  g_clear_object (&self->keys);
  g_clear_object (&self->policy);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ward_kiosk_parent_class)->dispose (object);
}

static void
ward_kiosk_finalize (GObject *object)
{
  g_free (WARD_KIOSK (object)->site_name);
  g_free (WARD_KIOSK (object)->bed);
  g_free (WARD_KIOSK (object)->catalogue_error);
  G_OBJECT_CLASS (ward_kiosk_parent_class)->finalize (object);
}

static void
ward_kiosk_class_init (WardKioskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ward_kiosk_dispose;
  G_OBJECT_CLASS (klass)->finalize = ward_kiosk_finalize;
}

static void
ward_kiosk_init (WardKiosk *self)
{
}

/* Training never blocks a sign-in: without content, no prompt is due. */
static void
set_up_awareness (WardKiosk               *self,
                  const WardKioskSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardAwarenessCatalogue) prompts = ward_awareness_catalogue_new_default (&error);

  if (prompts == NULL)
    {
      g_warning ("No security-awareness prompts: %s", error->message);
      return;
    }
  self->awareness = ward_awareness_scheduler_new (self->store, prompts);
  if (settings->awareness_interval_hours > 0)
    ward_awareness_scheduler_set_interval_hours (self->awareness, settings->awareness_interval_hours);
  ward_awareness_scheduler_set_max_skips (self->awareness, settings->awareness_max_skips);
  ward_auth_flow_set_awareness_hook (self->flow, ward_awareness_scheduler_due_for_flow,
                                     g_object_ref (self->awareness), g_object_unref);
}

/* A refused catalogue is kept as a reason, not papered over: the screens
 * show devices as unavailable rather than guess at limits. */
static void
set_up_devices (WardKiosk               *self,
                const WardKioskSettings *settings)
{
  g_autoptr(GError) error = NULL;

  self->catalogue = ward_catalogue_load_default (&error);
  if (self->catalogue == NULL)
    {
      g_warning ("Device catalogue refused: %s", error->message);
      self->catalogue_error = g_strdup (error->message);
    }
  if (settings->device_bus != G_BUS_TYPE_NONE)
    self->link = WARD_DEVICE_LINK (ward_dbus_device_link_new (settings->device_bus));
}

/* A kiosk that crashed left its sessions open; an emergency session left
 * open could never be reviewed. They end now, before anyone signs in. */
static void
close_abandoned_sessions (WardStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) emergency = NULL;
  gboolean ok = ward_store_begin (store, &error);

  if (ok)
    {
      emergency = ward_sessions_close_abandoned (store, &error);
      ok = emergency != NULL;
      for (guint i = 0; ok && i < emergency->len; i++)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (emergency, gint64, i));
          g_autofree char *details = ward_audit_details ("how", "kiosk-restarted", "session", id, NULL);

          ok = ward_audit_append (store, WARD_AUDIT_BREAK_GLASS_ENDED, "kiosk", NULL, details, TRUE, &error);
        }
      if (ok)
        ok = ward_store_commit (store, &error);
      else
        ward_store_rollback (store);
    }
  if (!ok)
    g_warning ("Could not end the sessions left open by an earlier run: %s", error->message);
}

WardKiosk *
ward_kiosk_new (WardStore               *store,
                const WardKioskSettings *settings)
{
  WardKiosk *self = g_object_new (WARD_TYPE_KIOSK, NULL);
  g_autoptr(WardFidoKey) fido = ward_fido_key_new (settings->relying_party_id, settings->site_name);

  self->store = g_object_ref (store);
  close_abandoned_sessions (store);
  self->site_name = g_strdup (settings->site_name);
  self->policy = ward_policy_new (store);
  self->keys = ward_key_factor_new (store, self->policy, fido);
  self->codes = ward_code_factor_new (store, self->policy);
  self->accounts = ward_account_admin_new (store);
  self->badges = ward_badge_admin_new (store);
  self->flow = ward_auth_flow_new (store, self->policy, self->keys, self->codes);
  ward_auth_flow_set_limits (self->flow, &settings->limits);
  if (settings->step_timeout_s > 0)
    ward_auth_flow_set_step_timeout (self->flow, settings->step_timeout_s);
  self->bed = g_strdup (settings->bed != NULL ? settings->bed : "");
  set_up_awareness (self, settings);
  set_up_devices (self, settings);
  return self;
}

WardStore *
ward_kiosk_get_store (WardKiosk *self)
{
  return self->store;
}

WardPolicy *
ward_kiosk_get_policy (WardKiosk *self)
{
  return self->policy;
}

WardKeyFactor *
ward_kiosk_get_keys (WardKiosk *self)
{
  return self->keys;
}

WardCodeFactor *
ward_kiosk_get_codes (WardKiosk *self)
{
  return self->codes;
}

WardAuthFlow *
ward_kiosk_get_flow (WardKiosk *self)
{
  return self->flow;
}

WardAccountAdmin *
ward_kiosk_get_accounts (WardKiosk *self)
{
  return self->accounts;
}

WardBadgeAdmin *
ward_kiosk_get_badges (WardKiosk *self)
{
  return self->badges;
}

const char *
ward_kiosk_get_site_name (WardKiosk *self)
{
  return self->site_name;
}

WardActor *
ward_kiosk_get_actor (WardKiosk *self)
{
  WardSession *session = ward_auth_flow_get_session (self->flow);
  WardSessionState state;

  if (session == NULL)
    return NULL;
  /* A session past its idle or time limit acts for nobody, even in the
   * second before the flow notices and locks the screen. */
  state = ward_session_get_state (session);
  if (state != WARD_SESSION_ACTIVE && state != WARD_SESSION_IDLE_WARNING)
    return NULL;
  return ward_session_get_actor (session);
}

const char *
ward_kiosk_get_bed (WardKiosk *self)
{
  return self->bed;
}

WardAwarenessScheduler *
ward_kiosk_get_awareness (WardKiosk *self)
{
  return self->awareness;
}

WardCatalogue *
ward_kiosk_get_catalogue (WardKiosk *self)
{
  return self->catalogue;
}

const char *
ward_kiosk_get_catalogue_error (WardKiosk *self)
{
  return self->catalogue_error;
}

WardDeviceLink *
ward_kiosk_get_device_link (WardKiosk *self)
{
  return self->link;
}

/* What a device change needs; FALSE when devices cannot be changed here. */
gboolean
ward_kiosk_get_change_context (WardKiosk               *self,
                               WardDeviceChangeContext *context)
{
  if (self->catalogue == NULL || self->link == NULL)
    return FALSE;
  context->store = self->store;
  context->policy = self->policy;
  context->keys = self->keys;
  context->catalogue = self->catalogue;
  context->link = self->link;
  return TRUE;
}

/* Who changed what on a device, newest first (WardSettingChangeRecord),
 * for the signed-in person if they may see devices. */
GPtrArray *
ward_kiosk_list_device_history (WardKiosk   *self,
                                const char  *device_id,
                                guint        limit,
                                GError     **error)
{
  WardActor *actor = ward_kiosk_get_actor (self);

  if (actor == NULL)
    {
      g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_NOT_PERMITTED,
                   _("Sign in to see the device history."));
      return NULL;
    }
  if (!ward_actor_require (actor, self->store, "device.view", "device history", error))
    return NULL;
  return ward_device_changes_list_recent (self->store, device_id, limit, error);
}
