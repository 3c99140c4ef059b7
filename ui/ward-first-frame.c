/* ward-first-frame.c: reports when a window's first frame is painted, for the start-up benchmark */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui/ward-first-frame.h"

/* The process's resident memory now and at its peak, in KiB, from
 * /proc/self/status (0 where it cannot be read). */
static void
read_memory (guint64 *rss_kib,
             guint64 *peak_kib)
{
  g_autofree char *status = NULL;
  const char *line;

  *rss_kib = *peak_kib = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *rss_kib = g_ascii_strtoull (line + 6, NULL, 10);
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *peak_kib = g_ascii_strtoull (line + 6, NULL, 10);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWindow *window = user_data;
  guint64 rss_kib, peak_kib;

  read_memory (&rss_kib, &peak_kib);
  /* One line on stdout, read by bench/wardgate-startup-bench: the
   * monotonic clock is the same for every process of the machine. */
  printf ("first-frame-us %" G_GINT64_FORMAT " rss-kib %" G_GUINT64_FORMAT " peak-kib %" G_GUINT64_FORMAT "\n",
          g_get_monotonic_time (), rss_kib, peak_kib);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, user_data);
  if (g_getenv ("WARDGATE_QUIT_AFTER_FIRST_FRAME") != NULL)
    gtk_window_destroy (window);
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), widget);
}

/* Only when WARDGATE_REPORT_FIRST_FRAME is set: the benchmark asks, a
 * kiosk in service never does. */
void
ward_first_frame_report_if_asked (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("WARDGATE_REPORT_FIRST_FRAME") == NULL)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}
