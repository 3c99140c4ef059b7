/* ward-ldap-watchdog.c: a deadline on every directory operation, kept by closing the connection's socket */
#include "config.h"

#include <sys/socket.h>

#include "app/directory/ward-ldap-watchdog.h"

/* libldap 2.5 does not bound every wait by its timeouts: a TLS handshake
 * with a server that accepted the connection and then says nothing spins
 * for ever, and so does waiting for the StartTLS answer. A second thread
 * shuts the socket down at the deadline; libldap then sees a closed
 * connection and returns, and the sync reports a timeout. */
struct _WardLdapWatchdog
{
  GMutex   lock;
  GCond    changed;
  GThread *thread;
  gint64   timeout_us;
  gint64   deadline;    /* monotonic; 0: not armed */
  int      fd;          /* -1: not connected yet */
  gboolean fired;
  gboolean stopping;
};

static gpointer
watch (gpointer data)
{
  WardLdapWatchdog *self = data;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      if (self->deadline == 0)
        g_cond_wait (&self->changed, &self->lock);
      else if (g_get_monotonic_time () >= self->deadline)
        {
          if (self->fd >= 0)
            shutdown (self->fd, SHUT_RDWR);
          self->fired = TRUE;
          self->deadline = 0;
        }
      else
        g_cond_wait_until (&self->changed, &self->lock, self->deadline);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

WardLdapWatchdog *
ward_ldap_watchdog_new (guint timeout_seconds)
{
  WardLdapWatchdog *self = g_new0 (WardLdapWatchdog, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->timeout_us = (gint64) timeout_seconds * G_USEC_PER_SEC;
  self->fd = -1;
  self->thread = g_thread_new ("ward-ldap-watchdog", watch, self);
  return self;
}

void
ward_ldap_watchdog_free (WardLdapWatchdog *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self);
}

/* Called by libldap (LDAP_OPT_CONNECT_CB) once the TCP connection stands,
 * before any TLS. */
void
ward_ldap_watchdog_set_fd (WardLdapWatchdog *self,
                           int               fd)
{
  g_mutex_lock (&self->lock);
  self->fd = fd;
  g_mutex_unlock (&self->lock);
}

void
ward_ldap_watchdog_arm (WardLdapWatchdog *self)
{
  g_mutex_lock (&self->lock);
  self->deadline = g_get_monotonic_time () + self->timeout_us;
  g_cond_signal (&self->changed);
  g_mutex_unlock (&self->lock);
}

void
ward_ldap_watchdog_disarm (WardLdapWatchdog *self)
{
  g_mutex_lock (&self->lock);
  self->deadline = 0;
  g_cond_signal (&self->changed);
  g_mutex_unlock (&self->lock);
}

gboolean
ward_ldap_watchdog_fired (WardLdapWatchdog *self)
{
  gboolean fired;

  g_mutex_lock (&self->lock);
  fired = self->fired;
  g_mutex_unlock (&self->lock);
  return fired;
}
