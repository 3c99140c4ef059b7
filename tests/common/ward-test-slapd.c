/* ward-test-slapd.c: a real OpenLDAP slapd for one test run: throw-away CA, LDAPS and StartTLS, test staff and groups */
#include "config.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "data/ward-folder.h"
#include "tests/common/ward-test-slapd.h"

/* What AD has and OpenLDAP's schemas lack, so that AD-style entries
 * (sAMAccountName, userAccountControl, memberOf on the person) are tested
 * against the same server. */
static const char ad_schema[] =
  "attributetype ( 1.3.6.1.4.1.55555.1.1 NAME 'userAccountControl' EQUALITY integerMatch\n"
  "  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )\n"
  "attributetype ( 1.3.6.1.4.1.55555.1.2 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch\n"
  "  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )\n"
  "attributetype ( 1.3.6.1.4.1.55555.1.3 NAME 'memberOf' EQUALITY distinguishedNameMatch\n"
  "  SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )\n"
  "objectclass ( 1.3.6.1.4.1.55555.2.1 NAME 'wardgateTestAdUser' SUP top AUXILIARY\n"
  "  MAY ( userAccountControl $ sAMAccountName $ memberOf ) )\n";

static const char skeleton[] =
  "dn: dc=hospital,dc=test\nobjectClass: dcObject\nobjectClass: organization\no: Test Hospital\ndc: hospital\n\n"
  "dn: ou=services,dc=hospital,dc=test\nobjectClass: organizationalUnit\nou: services\n\n"
  "dn: ou=people,dc=hospital,dc=test\nobjectClass: organizationalUnit\nou: people\n\n"
  "dn: ou=groups,dc=hospital,dc=test\nobjectClass: organizationalUnit\nou: groups\n\n"
  "dn: " WARD_TEST_LDAP_BIND_DN "\nobjectClass: applicationProcess\nobjectClass: simpleSecurityObject\n"
  "cn: wardgate\nuserPassword: " WARD_TEST_LDAP_PASSWORD "\n\n";

static void
run (const char *const *argv,
     const char        *stdin_text)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (launcher, "LDAPNOINIT", "1", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s%s", argv[0], out, err);
}

static char *
path_in (WardTestSlapd *slapd,
         const char    *name)
{
  return g_build_filename (slapd->dir, name, NULL);
}

static void
make_ca (WardTestSlapd *slapd,
         const char    *name,
         const char    *subject)
{
  g_autofree char *key = g_strconcat (slapd->dir, "/", name, ".key", NULL);
  g_autofree char *pem = g_strconcat (slapd->dir, "/", name, ".pem", NULL);

  run ((const char *[]) { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                          "-out", pem, "-days", "2", "-subj", subject, NULL }, NULL);
}

static void
make_certificates (WardTestSlapd *slapd)
{
  g_autofree char *ext = path_in (slapd, "server.ext");
  g_autofree char *csr = path_in (slapd, "server.csr");
  g_autofree char *key = path_in (slapd, "server.key");
  g_autofree char *pem = path_in (slapd, "server.pem");
  g_autofree char *ca_key = path_in (slapd, "ca.key");

  make_ca (slapd, "ca", "/CN=Wardgate Test Hospital CA");
  make_ca (slapd, "other-ca", "/CN=Somebody Else's CA");
  slapd->ca_file = path_in (slapd, "ca.pem");
  slapd->other_ca_file = path_in (slapd, "other-ca.pem");
  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", -1, NULL));
  run ((const char *[]) { "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
                          "-subj", "/CN=127.0.0.1", NULL }, NULL);
  run ((const char *[]) { "openssl", "x509", "-req", "-in", csr, "-CA", slapd->ca_file, "-CAkey", ca_key,
                          "-CAcreateserial", "-out", pem, "-days", "2", "-extfile", ext, NULL }, NULL);
}

static guint
free_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);
  return ntohs (address.sin_port);
}

static void
write_config (WardTestSlapd *slapd)
{
  g_autofree char *schema = path_in (slapd, "ad.schema");
  g_autofree char *conf = path_in (slapd, "slapd.conf");
  g_autofree char *db = path_in (slapd, "db");
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (schema, ad_schema, -1, NULL));
  g_assert_cmpint (g_mkdir (db, 0700), ==, 0);
  /* The size limit applies per search; paged searches may go on past it
   * (size.prtotal), as on AD with MaxPageSize. */
  text = g_strdup_printf (
      "include /etc/ldap/schema/core.schema\n"
      "include /etc/ldap/schema/cosine.schema\n"
      "include /etc/ldap/schema/inetorgperson.schema\n"
      "include /etc/ldap/schema/nis.schema\n"
      "include %s\n"
      "modulepath /usr/lib/ldap\n"
      "moduleload back_mdb\n"
      "moduleload ppolicy\n"
      "pidfile %s/slapd.pid\n"
      "TLSCACertificateFile %s\n"
      "TLSCertificateFile %s/server.pem\n"
      "TLSCertificateKeyFile %s/server.key\n"
      "sizelimit size.soft=%u size.hard=%u size.prtotal=unlimited\n"
      "database mdb\n"
      "maxsize 1073741824\n"
      "suffix \"" WARD_TEST_LDAP_BASE "\"\n"
      "rootdn \"cn=root," WARD_TEST_LDAP_BASE "\"\n"
      "rootpw root-secret\n"
      "directory %s\n"
      "index objectClass eq\n"
      "index uid eq\n"
      "access to attrs=userPassword by anonymous auth by * none\n"
      "access to * by dn.exact=\"" WARD_TEST_LDAP_BIND_DN "\" read by * none\n"
      "overlay ppolicy\n",
      schema, slapd->dir, slapd->ca_file, slapd->dir, slapd->dir, slapd->size_limit, slapd->size_limit, db);
  g_assert_true (g_file_set_contents (conf, text, -1, NULL));
}

static void
die_with_parent (gpointer data)
{
  /* A failed assertion aborts the test without its tear-down: the server
   * must not outlive it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
port_open (guint port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port),
                                 .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gboolean open = connect (fd, (struct sockaddr *) &address, sizeof address) == 0;

  close (fd);
  return open;
}

static gboolean
launch (WardTestSlapd *slapd)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *conf = path_in (slapd, "slapd.conf");
  g_autofree char *urls = NULL;
  g_autoptr(GError) error = NULL;
  guint port = free_port (), tls_port = free_port ();

  g_free (slapd->ldap_uri);
  g_free (slapd->ldaps_uri);
  slapd->ldap_uri = g_strdup_printf ("ldap://127.0.0.1:%u", port);
  slapd->ldaps_uri = g_strdup_printf ("ldaps://127.0.0.1:%u", tls_port);
  urls = g_strdup_printf ("%s/ %s/", slapd->ldap_uri, slapd->ldaps_uri);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* -d 0: in the foreground, so the test owns the process. */
  slapd->process = g_subprocess_launcher_spawnv (launcher,
      (const char *[]) { "/usr/sbin/slapd", "-d", "0", "-f", conf, "-h", urls, NULL }, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      if (port_open (port) && port_open (tls_port))
        return TRUE;
      if (g_subprocess_get_identifier (slapd->process) == NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_subprocess_force_exit (slapd->process);
  g_subprocess_wait (slapd->process, NULL, NULL);
  g_clear_object (&slapd->process);
  return FALSE;
}

WardTestSlapd *
ward_test_slapd_start (const char *entries_ldif,
                       guint       size_limit)
{
  WardTestSlapd *slapd = g_new0 (WardTestSlapd, 1);
  g_autofree char *conf = NULL;
  g_autofree char *ldif_path = NULL;
  g_autofree char *ldif = g_strconcat (skeleton, entries_ldif != NULL ? entries_ldif : "", NULL);

  slapd->dir = g_dir_make_tmp ("wardgate-slapd-XXXXXX", NULL);
  g_assert_nonnull (slapd->dir);
  slapd->size_limit = size_limit > 0 ? size_limit : 500;
  make_certificates (slapd);
  write_config (slapd);
  conf = path_in (slapd, "slapd.conf");
  ldif_path = path_in (slapd, "staff.ldif");
  g_assert_true (g_file_set_contents (ldif_path, ldif, -1, NULL));
  /* Loaded offline, before the server starts: 10,000 people in seconds. */
  run ((const char *[]) { "/usr/sbin/slapadd", "-q", "-f", conf, "-l", ldif_path, NULL }, NULL);
  slapd->password_file = path_in (slapd, "bind-password");
  g_assert_true (g_file_set_contents (slapd->password_file, WARD_TEST_LDAP_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (slapd->password_file, 0600), ==, 0);

  /* Another process may take a port between choosing and binding it. */
  for (guint attempt = 0; attempt < 3 && slapd->process == NULL; attempt++)
    launch (slapd);
  if (slapd->process == NULL)
    g_error ("slapd did not start (see %s)", conf);
  return slapd;
}

void
ward_test_slapd_stop (WardTestSlapd *slapd)
{
  if (slapd == NULL)
    return;
  if (slapd->process != NULL)
    {
      g_subprocess_send_signal (slapd->process, SIGTERM);
      g_subprocess_wait (slapd->process, NULL, NULL);
      g_clear_object (&slapd->process);
    }
  if (slapd->dir != NULL)
    ward_folder_remove (slapd->dir);
  g_free (slapd->dir);
  g_free (slapd->ldap_uri);
  g_free (slapd->ldaps_uri);
  g_free (slapd->ca_file);
  g_free (slapd->other_ca_file);
  g_free (slapd->password_file);
  g_free (slapd);
}

/* Changes made as the directory's own administrator, as the hospital's
 * IT would make them. */
void
ward_test_slapd_modify (WardTestSlapd *slapd,
                        const char    *ldif)
{
  run ((const char *[]) { "ldapmodify", "-x", "-H", slapd->ldap_uri, "-D", "cn=root," WARD_TEST_LDAP_BASE,
                          "-w", "root-secret", NULL }, ldif);
}

/* The exit status of an unpaged search for every person: 4
 * (sizeLimitExceeded) proves that only paging reads them all. */
int
ward_test_slapd_search_unpaged (WardTestSlapd *slapd)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;

  g_subprocess_launcher_setenv (launcher, "LDAPNOINIT", "1", TRUE);
  process = g_subprocess_launcher_spawnv (launcher,
      (const char *[]) { "ldapsearch", "-x", "-H", slapd->ldap_uri, "-D", WARD_TEST_LDAP_BIND_DN,
                         "-w", WARD_TEST_LDAP_PASSWORD, "-b", "ou=people," WARD_TEST_LDAP_BASE,
                         "(objectClass=inetOrgPerson)", "uid", NULL }, NULL);
  g_assert_nonnull (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  return g_subprocess_get_exit_status (process);
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

/* n people (hcw00001 …) in n_groups groups (ward-001 …), each person in
 * one group by the group's member list, every tenth also in a second. */
char *
ward_test_slapd_generate_staff (guint n_people,
                                guint n_groups)
{
  GString *ldif = g_string_sized_new (n_people * 200);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (free_string);

  for (guint g = 0; g < n_groups; g++)
    g_ptr_array_add (members, g_string_new (NULL));
  for (guint i = 1; i <= n_people; i++)
    {
      g_string_append_printf (ldif,
          "dn: uid=hcw%05u,ou=people," WARD_TEST_LDAP_BASE "\nobjectClass: inetOrgPerson\n"
          "uid: hcw%05u\ncn: Staff Member %05u\nsn: Member\ndisplayName: Staff Member %05u\n\n",
          i, i, i, i);
      if (n_groups > 0)
        {
          g_string_append_printf (members->pdata[i % n_groups],
                                  "member: uid=hcw%05u,ou=people," WARD_TEST_LDAP_BASE "\n", i);
          if (i % 10 == 0 && (i / 10) % n_groups != i % n_groups)
            g_string_append_printf (members->pdata[(i / 10) % n_groups],
                                    "member: uid=hcw%05u,ou=people," WARD_TEST_LDAP_BASE "\n", i);
        }
    }
  for (guint g = 0; g < n_groups; g++)
    g_string_append_printf (ldif, "dn: cn=ward-%03u,ou=groups," WARD_TEST_LDAP_BASE "\nobjectClass: groupOfNames\n"
                            "cn: ward-%03u\n%s\n", g, g, ((GString *) members->pdata[g])->len > 0
                            ? ((GString *) members->pdata[g])->str
                            : "member: cn=wardgate,ou=services," WARD_TEST_LDAP_BASE "\n");
  return g_string_free (ldif, FALSE);
}
