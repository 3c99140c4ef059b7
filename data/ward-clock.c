/* ward-clock.c: the time source every layer asks, real or set by a test */
#include "config.h"

#include "data/ward-clock.h"

struct _WardClock
{
  GObject  parent_instance;
  gboolean fake;
  /* A fake clock moves only when a test moves it, so timeouts and lockout
   * delays are checked without sleeping. Guarded because worker threads
   * (FIDO2, device link) read the time too. */
  GMutex   lock;
  gint64   fake_now_us;
  gint64   fake_monotonic_us;
};

G_DEFINE_FINAL_TYPE (WardClock, ward_clock, G_TYPE_OBJECT)

static void
ward_clock_finalize (GObject *object)
{
  WardClock *self = WARD_CLOCK (object);

  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ward_clock_parent_class)->finalize (object);
}

static void
ward_clock_class_init (WardClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_clock_finalize;
}

static void
ward_clock_init (WardClock *self)
{
  g_mutex_init (&self->lock);
}

WardClock *
ward_clock_new_system (void)
{
  return g_object_new (WARD_TYPE_CLOCK, NULL);
}

WardClock *
ward_clock_new_fake (gint64 start_us)
{
  WardClock *self = g_object_new (WARD_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->fake_now_us = start_us;
  self->fake_monotonic_us = 1;
  return self;
}

/* The machine's time, or under the lock the fake clock's @fake field. */
static gint64
read_time (WardClock     *self,
           gint64       (*real) (void),
           const gint64  *fake)
{
  gint64 now;

  if (!self->fake)
    return real ();
  g_mutex_lock (&self->lock);
  now = *fake;
  g_mutex_unlock (&self->lock);
  return now;
}

/* Wall-clock time in microseconds since the Unix epoch (UTC). */
gint64
ward_clock_get_now_us (WardClock *self)
{
  g_return_val_if_fail (WARD_IS_CLOCK (self), 0);
  return read_time (self, g_get_real_time, &self->fake_now_us);
}

/* Wall-clock time in whole seconds since the Unix epoch (UTC). */
gint64
ward_clock_get_now (WardClock *self)
{
  return ward_clock_get_now_us (self) / G_USEC_PER_SEC;
}

/* Idle and session limits use monotonic time, so that a wall-clock jump
 * (NTP, a technician setting the date) neither ends nor extends a session. */
gint64
ward_clock_get_monotonic_us (WardClock *self)
{
  g_return_val_if_fail (WARD_IS_CLOCK (self), 0);
  return read_time (self, g_get_monotonic_time, &self->fake_monotonic_us);
}

void
ward_clock_set_now_us (WardClock *self,
                       gint64     now_us)
{
  g_return_if_fail (WARD_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  g_mutex_lock (&self->lock);
  self->fake_now_us = now_us;
  g_mutex_unlock (&self->lock);
}

void
ward_clock_advance (WardClock *self,
                    gint64     delta_us)
{
  g_return_if_fail (WARD_IS_CLOCK (self));
  g_return_if_fail (self->fake);
  g_return_if_fail (delta_us >= 0);

  g_mutex_lock (&self->lock);
  self->fake_now_us += delta_us;
  self->fake_monotonic_us += delta_us;
  g_mutex_unlock (&self->lock);
}
