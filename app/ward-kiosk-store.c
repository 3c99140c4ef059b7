/* ward-kiosk-store.c: opening the kiosk's store with its install key, and the demo's throw-away one */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/ward-kiosk-store.h"
#include "app/ward-site-config.h"
#include "data/ward-audit.h"
#include "data/ward-folder.h"
#include "data/ward-install-key.h"
#include "data/ward-kiosks.h"
#include "data/ward-store-location.h"

static WardClock *
clock_or_system (WardClock *clock)
{
  return clock != NULL ? g_object_ref (clock) : ward_clock_new_system ();
}

WardStore *
ward_kiosk_store_open (const char  *location,
                       const char  *key_file,
                       WardClock   *clock,
                       const char  *kiosk_id,
                       GError     **error)
{
  g_autofree char *path = location != NULL ? g_strdup (location) : ward_store_default_path ();
  g_autofree char *key_path = NULL;
  g_autoptr(WardInstallKey) key = NULL;
  g_autoptr(WardClock) time_source = clock_or_system (clock);
  g_autoptr(WardStore) store = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Checked before the key, whose file sits beside the database: on a
   * kiosk never set up, "no database" is the cause, a missing key only a
   * consequence. */
  if (!ward_store_location_exists (path, &local_error))
    {
      g_autofree char *shown = ward_store_location_display (path);

      if (g_error_matches (local_error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING))
        g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                     _("This kiosk has not been set up: there is no database at %s."), shown);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  key_path = key_file != NULL ? g_strdup (key_file) : ward_install_key_path_for_database (path);
  key = ward_install_key_load (key_path, error);
  if (key == NULL)
    return NULL;
  store = ward_store_open (path, key, time_source, kiosk_id, WARD_STORE_OPEN_DEFAULT, error);
  /* `wardgate-admin kiosk list` shows which kiosks run which schema. */
  if (store != NULL && !ward_kiosks_record_start (store, error))
    g_clear_object (&store);
  return g_steal_pointer (&store);
}

gboolean
ward_kiosk_store_error_is_transient (const GError *error)
{
  return g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_UNREACHABLE);
}

/* The store's reasons, grouped by what they mean at the bed; the message
 * itself names files and library errors, which only IT can act on. */
static const char *
store_error_summary (gint code)
{
  switch (code)
    {
    case WARD_STORE_ERROR_MISSING:
      return _("This kiosk has not been set up yet.");
    case WARD_STORE_ERROR_WRONG_KEY:
      return _("This kiosk cannot unlock its staff database.");
    case WARD_STORE_ERROR_NOT_DATABASE:
    case WARD_STORE_ERROR_CORRUPT:
    case WARD_STORE_ERROR_TAMPERED:
      return _("The staff database of this kiosk is damaged.");
    case WARD_STORE_ERROR_TOO_NEW:
      return _("This kiosk needs a software update before it can open its staff database.");
    case WARD_STORE_ERROR_UNREACHABLE:
      return _("The staff database cannot be reached just now. This kiosk keeps trying by itself.");
    default:
      return _("This kiosk cannot open its staff database.");
    }
}

const char *
ward_kiosk_store_error_summary (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == WARD_STORE_ERROR)
    return store_error_summary (error->code);
  /* Missing, unreadable or unprotected: whichever, the key cannot be used. */
  if (error->domain == WARD_INSTALL_KEY_ERROR)
    return _("This kiosk cannot unlock its staff database.");
  if (error->domain == WARD_SITE_CONFIG_ERROR)
    return _("The settings of this kiosk cannot be trusted, so it stays locked.");
  return _("This kiosk cannot open its staff database.");
}

WardStore *
ward_kiosk_store_create_demo (const char  *dir,
                              WardClock   *clock,
                              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "wardgate.db", NULL);
  g_autofree char *key_path = g_build_filename (dir, "wardgate.key", NULL);
  g_autoptr(WardInstallKey) key = ward_install_key_create (key_path, error);
  g_autoptr(WardClock) time_source = clock_or_system (clock);

  if (key == NULL)
    return NULL;
  return ward_store_open (path, key, time_source, "demo-kiosk", WARD_STORE_OPEN_CREATE, error);
}

void
ward_kiosk_store_remove_demo (const char *dir)
{
  ward_folder_remove (dir);
}

/* Before anything else: no core dump of the kiosk (it would hold the
 * install key's derived keys), and audit events to the journal. */
void
ward_kiosk_store_init_logging (void)
{
  ward_install_key_protect_process ();
  g_log_set_writer_func (ward_audit_log_writer, NULL, NULL);
}

