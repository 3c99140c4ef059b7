/* ward-ldap-watchdog.h: a deadline on every directory operation, kept by closing the connection's socket */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WardLdapWatchdog WardLdapWatchdog;

WardLdapWatchdog *ward_ldap_watchdog_new      (guint              timeout_seconds);
void              ward_ldap_watchdog_free     (WardLdapWatchdog  *self);
void              ward_ldap_watchdog_set_fd   (WardLdapWatchdog  *self,
                                               int                fd);
void              ward_ldap_watchdog_arm      (WardLdapWatchdog  *self);
void              ward_ldap_watchdog_disarm   (WardLdapWatchdog  *self);
gboolean          ward_ldap_watchdog_fired    (WardLdapWatchdog  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardLdapWatchdog, ward_ldap_watchdog_free)

G_END_DECLS
