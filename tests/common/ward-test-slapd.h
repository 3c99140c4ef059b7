/* ward-test-slapd.h: a real OpenLDAP slapd for one test run: throw-away CA, LDAPS and StartTLS, test staff and groups */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WARD_TEST_LDAP_BASE       "dc=hospital,dc=test"
#define WARD_TEST_LDAP_BIND_DN    "cn=wardgate,ou=services,dc=hospital,dc=test"
#define WARD_TEST_LDAP_PASSWORD   "Bind-Secret-7f3a9c1e"

typedef struct
{
  char        *dir;
  char        *ldap_uri;       /* ldap://127.0.0.1:PORT (StartTLS offered) */
  char        *ldaps_uri;      /* ldaps://127.0.0.1:PORT */
  char        *ca_file;        /* the CA that signed the server's certificate */
  char        *other_ca_file;  /* a CA that did not */
  char        *password_file;  /* holds WARD_TEST_LDAP_PASSWORD */
  guint        size_limit;
  GSubprocess *process;
} WardTestSlapd;

WardTestSlapd *ward_test_slapd_start       (const char    *entries_ldif,
                                            guint          size_limit);
void           ward_test_slapd_stop        (WardTestSlapd *slapd);
void           ward_test_slapd_modify      (WardTestSlapd *slapd,
                                            const char    *ldif);
int            ward_test_slapd_search_unpaged (WardTestSlapd *slapd);
char          *ward_test_slapd_generate_staff (guint       n_people,
                                            guint          n_groups);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardTestSlapd, ward_test_slapd_stop)

G_END_DECLS
