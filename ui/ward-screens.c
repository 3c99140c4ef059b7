/* ward-screens.c: puts the screens used after sign-in (devices, administration) into a kiosk window, now or just after its first frame */
#include "config.h"

#include "ui/admin/ward-admin-attach.h"
#include "ui/devices/ward-devices.h"
#include "ui/ward-screens.h"

#define ATTACHED_KEY "ward-screens-attached"
#define PENDING_KEY  "ward-screens-pending"

typedef struct
{
  WardWindow *window;   /* not owned: the pending work goes with it */
  WardKiosk  *kiosk;
  gulong      paint_id;
  gulong      destroy_id;
  guint       idle_id;
} Pending;

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
  ward_devices_attach (window, kiosk);
  ward_admin_attach (window, kiosk);
}

static void
pending_free (Pending *pending)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (pending->window));

  if (pending->paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, pending->paint_id);
  g_clear_signal_handler (&pending->destroy_id, pending->window);
  g_clear_handle_id (&pending->idle_id, g_source_remove);
  g_object_unref (pending->kiosk);
  g_free (pending);
}

static gboolean
on_idle (gpointer user_data)
{
  Pending *pending = user_data;
  WardWindow *window = pending->window;

  pending->idle_id = 0;
  ward_screens_attach (window, pending->kiosk);
  g_object_set_data (G_OBJECT (window), PENDING_KEY, NULL);
  return G_SOURCE_REMOVE;
}

/* Not in the paint itself: the frame is on screen first, then the work. */
static void
on_after_paint (GdkFrameClock *clock,
                Pending       *pending)
{
  g_clear_signal_handler (&pending->paint_id, clock);
  if (pending->idle_id == 0)
    pending->idle_id = g_idle_add (on_idle, pending);
}

static void
on_realize (GtkWidget *widget,
            Pending   *pending)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, on_realize, pending);
  pending->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), pending);
}

static void
on_destroy (GtkWidget *widget,
            Pending   *pending)
{
  /* Quitting before the first frame: nothing to attach to. */
  g_object_set_data (G_OBJECT (widget), PENDING_KEY, NULL);
}

/**
 * ward_screens_attach_after_first_frame:
 *
 * The lock screen is all a kiosk shows until someone signs in: the device
 * and administration screens are built once its first frame is on screen,
 * long before a badge, a key and a code can have been given.
 */
void
ward_screens_attach_after_first_frame (WardWindow *window,
                                       WardKiosk  *kiosk)
{
  Pending *pending;

  g_return_if_fail (WARD_IS_WINDOW (window));
  g_return_if_fail (WARD_IS_KIOSK (kiosk));

  if (ward_screens_get_attached (window) || g_object_get_data (G_OBJECT (window), PENDING_KEY) != NULL)
    return;
  pending = g_new0 (Pending, 1);
  pending->window = window;
  pending->kiosk = g_object_ref (kiosk);
  g_object_set_data_full (G_OBJECT (window), PENDING_KEY, pending, (GDestroyNotify) pending_free);
  pending->destroy_id = g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), pending);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), pending);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), pending);
}
