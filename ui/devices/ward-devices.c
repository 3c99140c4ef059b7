/* ward-devices.c: puts the device screens into a kiosk window: the home section, the device page, the badge route */
#include "config.h"

#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices.h"
#include "ui/devices/ward-devices-section.h"
#include "ui/ward-lock-page.h"

#define DEVICE_PAGE "device"

static gboolean
signed_in (WardKiosk *kiosk)
{
  return ward_auth_flow_get_state (ward_kiosk_get_flow (kiosk)) == WARD_AUTH_STATE_SIGNED_IN;
}

/* Only for someone signed in; what they may change is the page's (and
 * the pipeline's) business. */
static void
on_show_device (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WardDevicePage *page = user_data;
  WardWindow *window = WARD_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));
  WardKiosk *kiosk = ward_window_get_kiosk (window);

  if (kiosk == NULL || !signed_in (kiosk))
    return;
  ward_device_page_show_device (page, g_variant_get_string (parameter, NULL));
  ward_window_show_page (window, DEVICE_PAGE);
}

static void
on_change_dropped (WardDevicePage *page,
                   const char     *notice,
                   WardWindow     *window)
{
  ward_lock_page_set_notice (ward_window_get_lock_page (window), notice);
}

static gboolean
on_claim_badge (WardWindow     *window,
                const char     *uid,
                WardDevicePage *page)
{
  return ward_device_page_badge_read (page, uid);
}

void
ward_devices_attach (WardWindow *window,
                     WardKiosk  *kiosk)
{
  GtkWidget *page;
  g_autoptr(GSimpleAction) show = NULL;

  g_return_if_fail (WARD_IS_WINDOW (window));
  g_return_if_fail (WARD_IS_KIOSK (kiosk));

  ward_home_page_add_section (ward_window_get_home_page (window), ward_devices_section_new (kiosk));
  page = ward_device_page_new (kiosk);
  ward_window_add_page (window, page, DEVICE_PAGE);

  show = g_simple_action_new ("show-device", G_VARIANT_TYPE_STRING);
  g_signal_connect_object (show, "activate", G_CALLBACK (on_show_device), page, 0);
  g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (show));
  g_signal_connect_object (window, "claim-badge", G_CALLBACK (on_claim_badge), page, 0);
  g_signal_connect_object (page, "change-dropped", G_CALLBACK (on_change_dropped), window, 0);
}
