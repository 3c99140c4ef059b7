/* ward-admin-attach.c: puts the administration page into the kiosk window */
#include "config.h"

#include "ui/admin/ward-admin-attach.h"
#include "ui/admin/ward-admin-page.h"

/* While the enrolment step waits for a badge, a tap is the new person's
 * card, not a tap-out. */
static gboolean
on_claim_badge (WardWindow    *window,
                const char    *uid,
                WardAdminPage *page)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (page)) || !ward_admin_page_wants_badge (page))
    return FALSE;
  return ward_admin_page_badge_read (page, uid);
}

/* Shown again means perhaps someone else: the sections follow the person
 * now signed in, and forget the previous person's half-done work. */
static void
on_map (GtkWidget *page,
        gpointer   user_data)
{
  ward_admin_page_refresh (WARD_ADMIN_PAGE (page));
}

void
ward_admin_attach (WardWindow *window,
                   WardKiosk  *kiosk)
{
  WardAdminPage *page = ward_admin_page_new (kiosk);

  ward_window_add_page (window, GTK_WIDGET (page), "admin");
  g_signal_connect (page, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_object (window, "claim-badge", G_CALLBACK (on_claim_badge), page, 0);
}
