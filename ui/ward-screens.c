/* ward-screens.c: puts the screens used after sign-in (devices, administration) into a kiosk window, once */
#include "config.h"

#include "ui/admin/ward-admin-attach.h"
#include "ui/devices/ward-devices.h"
#include "ui/ward-screens.h"

#define ATTACHED_KEY "ward-screens-attached"
#define PENDING_KEY  "ward-screens-pending"

gboolean
ward_screens_get_attached (WardWindow *window)
{
  g_return_val_if_fail (WARD_IS_WINDOW (window), FALSE);
  return g_object_get_data (G_OBJECT (window), ATTACHED_KEY) != NULL;
}

void
ward_screens_attach (WardWindow *window,
                     WardKiosk  *kiosk)
{
  g_return_if_fail (WARD_IS_WINDOW (window));
  g_return_if_fail (WARD_IS_KIOSK (kiosk));

  if (ward_screens_get_attached (window))
    return;
  g_object_set_data (G_OBJECT (window), ATTACHED_KEY, GINT_TO_POINTER (TRUE));
  /* Whatever was waiting to do this has nothing left to do. */
  g_object_set_data (G_OBJECT (window), PENDING_KEY, NULL);
  ward_devices_attach (window, kiosk);
  ward_admin_attach (window, kiosk);
}

/* What waits to attach the screens: an idle after the first frame, and the
 * sign-in flow's first step away from the lock screen. Freed with the
 * window, or as soon as the screens are attached. */
typedef struct
{
  WardWindow    *window;    /* not a reference: this lives on the window */
  WardAuthFlow  *flow;
  gulong         flow_handler;
  GdkFrameClock *clock;
  gulong         paint_handler;
  gulong         realize_handler;
  guint          idle_id;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_handle_id (&pending->idle_id, g_source_remove);
  g_clear_signal_handler (&pending->flow_handler, pending->flow);
  g_clear_object (&pending->flow);
  g_clear_signal_handler (&pending->paint_handler, pending->clock);
  g_clear_object (&pending->clock);
  /* Freed with the window, whose handlers are gone by then. */
  if (pending->realize_handler != 0 && g_signal_handler_is_connected (pending->window, pending->realize_handler))
    g_signal_handler_disconnect (pending->window, pending->realize_handler);
  g_free (pending);
}

/* The window's kiosk at the moment of attaching: none once the window has
 * been destroyed (its dispose lets go of it), and then nothing is built. */
static void
pending_attach_now (Pending *pending)
{
  WardWindow *window = pending->window;
  WardKiosk *kiosk = ward_window_get_kiosk (window);

  if (kiosk != NULL)
    ward_screens_attach (window, kiosk);
  else
    g_object_set_data (G_OBJECT (window), PENDING_KEY, NULL);
}

static gboolean
on_idle_after_first_frame (gpointer user_data)
{
  Pending *pending = user_data;

  pending->idle_id = 0;
  pending_attach_now (pending);
  return G_SOURCE_REMOVE;
}

/* Not in the paint itself: the frame clock is still in its paint phase,
 * and a window that grows a page there would lay out again at once. */
static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  Pending *pending = user_data;

  g_clear_signal_handler (&pending->paint_handler, pending->clock);
  if (pending->idle_id == 0)
    pending->idle_id = g_idle_add (on_idle_after_first_frame, pending);
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  Pending *pending = user_data;

  g_clear_signal_handler (&pending->realize_handler, pending->window);
  g_set_object (&pending->clock, gtk_widget_get_frame_clock (widget));
  pending->paint_handler = g_signal_connect (pending->clock, "after-paint", G_CALLBACK (on_after_paint), pending);
}

/* A badge tapped before the idle came (the kiosk just started, or a test
 * that drives the flow at once): the screens are there before the sign-in
 * can reach them, as they were when built with the window. Connected after
 * the window's own handler, so this runs once the window has followed the
 * flow. */
static void
on_flow_changed (WardAuthFlow *flow,
                 gpointer      user_data)
{
  Pending *pending = user_data;

  if (ward_auth_flow_get_state (flow) != WARD_AUTH_STATE_LOCKED)
    pending_attach_now (pending);
}

/* The device and administration screens are built after the window's first
 * frame (the lock screen needs neither), or at once when the sign-in flow
 * leaves the lock screen first; in either case before anyone is signed in.
 * Nothing of theirs is on screen until then: the home page's device section
 * and the pages are shown only to someone signed in. */
void
ward_screens_attach_soon (WardWindow *window,
                          WardKiosk  *kiosk)
{
  Pending *pending;

  g_return_if_fail (WARD_IS_WINDOW (window));
  g_return_if_fail (WARD_IS_KIOSK (kiosk));
  g_return_if_fail (ward_window_get_kiosk (window) == kiosk);

  if (ward_screens_get_attached (window) || g_object_get_data (G_OBJECT (window), PENDING_KEY) != NULL)
    return;
  /* Signed in already (a window rebuilt for a new language, say): now. */
  if (ward_auth_flow_get_state (ward_kiosk_get_flow (kiosk)) != WARD_AUTH_STATE_LOCKED)
    {
      ward_screens_attach (window, kiosk);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->window = window;
  pending->flow = g_object_ref (ward_kiosk_get_flow (kiosk));
  g_object_set_data_full (G_OBJECT (window), PENDING_KEY, pending, pending_free);
  pending->flow_handler = g_signal_connect (pending->flow, "changed", G_CALLBACK (on_flow_changed), pending);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), pending);
  else
    pending->realize_handler = g_signal_connect (window, "realize", G_CALLBACK (on_realize), pending);
}
