/* ward-ldap-client.c: reading staff and groups from the hospital directory (libldap: TLS, simple bind, paged search) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define LDAP_DEPRECATED 0
#include <ldap.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "app/directory/ward-ldap-client.h"
#include "app/directory/ward-ldap-watchdog.h"

/* Below every server's usual size limit (AD: 1000, OpenLDAP: 500), so that
 * a directory of any size is read in pages rather than cut off. */
#define PAGE_SIZE 250

struct _WardLdapClient
{
  GObject            parent_instance;
  LDAP              *ld;
  WardLdapSettings  *settings;
  struct timeval     timeout;
  guint              pages;
  WardLdapWatchdog  *watchdog;
  ldap_conncb        connect_callback;
};

G_DEFINE_FINAL_TYPE (WardLdapClient, ward_ldap_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-directory-error-quark, ward_directory_error)

void
ward_ldap_person_free (WardLdapPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->dn);
  g_free (person->login);
  g_free (person->full_name);
  g_clear_pointer (&person->member_of, g_ptr_array_unref);
  g_free (person);
}

static void
ward_ldap_client_finalize (GObject *object)
{
  WardLdapClient *self = WARD_LDAP_CLIENT (object);

  if (self->ld != NULL)
    ldap_unbind_ext_s (self->ld, NULL, NULL);
  g_clear_pointer (&self->watchdog, ward_ldap_watchdog_free);
  g_clear_pointer (&self->settings, ward_ldap_settings_free);
  G_OBJECT_CLASS (ward_ldap_client_parent_class)->finalize (object);
}

static void
ward_ldap_client_class_init (WardLdapClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_ldap_client_finalize;
}

static void
ward_ldap_client_init (WardLdapClient *self)
{
}

/* DNs are compared as the directory compares them: "CN=Nurses, OU=Groups"
 * and "cn=nurses,ou=groups" are one group. */
char *
ward_ldap_normalize_dn (const char *dn)
{
  char *pretty = NULL;
  g_autofree char *folded = NULL;

  if (dn == NULL)
    return NULL;
  if (ldap_dn_normalize (dn, LDAP_DN_FORMAT_LDAP, &pretty, LDAP_DN_FORMAT_LDAPV3) == LDAP_SUCCESS && pretty != NULL)
    {
      folded = g_utf8_casefold (pretty, -1);
      ldap_memfree (pretty);
      return g_steal_pointer (&folded);
    }
  return g_utf8_casefold (dn, -1);
}

/* Settings that cannot work, or would send the bind password in clear. */
gboolean
ward_ldap_check_settings (const WardLdapSettings  *settings,
                          GError                 **error)
{
  LDAPURLDesc *url = NULL;
  g_autofree char *base = NULL;
  gboolean ldaps;

  if (settings->uri == NULL || ldap_url_parse (settings->uri, &url) != LDAP_URL_SUCCESS)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("“%s” is not a directory address: use ldaps://HOST or ldap://HOST with --starttls."),
                   settings->uri != NULL ? settings->uri : "");
      return FALSE;
    }
  ldaps = g_ascii_strcasecmp (url->lud_scheme, "ldaps") == 0;
  if (!ldaps && g_ascii_strcasecmp (url->lud_scheme, "ldap") != 0)
    {
      ldap_free_urldesc (url);
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("Only ldaps:// and ldap:// addresses are supported."));
      return FALSE;
    }
  ldap_free_urldesc (url);
  if (ldaps && settings->starttls)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("An ldaps:// address is already encrypted: --starttls is for ldap:// addresses."));
      return FALSE;
    }
  if (!ldaps && !settings->starttls && !settings->insecure)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INSECURE,
                   _("A plain ldap:// address would send the bind password and every staff record "
                     "unencrypted over the network. Use ldaps://, or add --starttls."));
      return FALSE;
    }
  if (settings->base_dn == NULL || ldap_dn_normalize (settings->base_dn, LDAP_DN_FORMAT_LDAP, &base,
                                                      LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS
      || settings->bind_dn == NULL || *settings->bind_dn == '\0')
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("The base and the bind account must be distinguished names, such as "
                     "“ou=staff,dc=hospital,dc=org”."));
      return FALSE;
    }
  return TRUE;
}

static char *
diagnostic (LDAP *ld)
{
  char *message = NULL;
  char *copy;

  if (ld == NULL || ldap_get_option (ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) != LDAP_OPT_SUCCESS
      || message == NULL)
    return g_strdup ("");
  copy = g_strdup (message);
  ldap_memfree (message);
  return copy;
}

/* libldap reports a refused certificate as a failed connection, often
 * with no words at all ("unknown error code"): when the server's port
 * answers a plain TCP connection, it was the TLS handshake that failed. */
static gboolean
port_answers (const char *uri,
              guint       timeout_seconds)
{
  LDAPURLDesc *url = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  gboolean answers;

  if (ldap_url_parse (uri, &url) != LDAP_URL_SUCCESS)
    return FALSE;
  g_socket_client_set_timeout (client, timeout_seconds);
  connection = g_socket_client_connect_to_host (client, url->lud_host != NULL && *url->lud_host != '\0'
                                                        ? url->lud_host : "localhost",
                                                url->lud_port > 0 ? url->lud_port
                                                : g_ascii_strcasecmp (url->lud_scheme, "ldaps") == 0 ? 636 : 389,
                                                NULL, NULL);
  answers = connection != NULL;
  ldap_free_urldesc (url);
  return answers;
}

/* A sentence an administrator can act on, for every way talking to the
 * directory fails. The server's own words are kept for the log. */
static void
set_ldap_error (GError     **error,
                LDAP        *ld,
                int          rc,
                const char  *uri,
                gboolean     tls,
                gboolean     timed_out)
{
  gboolean handshake_failed;

  g_autofree char *detail = diagnostic (ld);

  g_debug ("Directory error %d (%s): %s", rc, ldap_err2string (rc), detail);
  if (timed_out)
    rc = LDAP_TIMEOUT;
  switch (rc)
    {
    case LDAP_INVALID_CREDENTIALS:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS,
                   _("The directory refused the bind account or its password. Check --bind-dn and the "
                     "password file, then run “directory set” again."));
      return;
    case LDAP_FILTER_ERROR:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_FILTER,
                   _("The user filter is not a valid LDAP filter. Check --user-filter."));
      return;
    case LDAP_TIMEOUT:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_TIMEOUT,
                   _("The directory at %s did not answer in time. Nothing was changed."), uri);
      return;
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
      /* CONNECT_ERROR comes from StartTLS, after the server had answered. */
      handshake_failed = tls && (rc == LDAP_CONNECT_ERROR || port_answers (uri, 5));
      if (handshake_failed)
        g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE,
                     _("The directory at %s answered, but its certificate is not trusted or the secure "
                       "connection failed. Check --ca-file and that the certificate names this address. "
                       "Nothing was changed."), uri);
      else
        g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_UNREACHABLE,
                     _("The directory at %s cannot be reached. Check the address and the network. "
                       "Nothing was changed."), uri);
      return;
    case LDAP_NO_SUCH_OBJECT:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("The directory has no entry at the base or group given (%s)."), detail);
      return;
    case LDAP_STRONG_AUTH_REQUIRED:
    case LDAP_CONFIDENTIALITY_REQUIRED:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INSECURE,
                   _("The directory requires an encrypted connection: use ldaps:// or --starttls."));
      return;
    default:
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_FAILED,
                   _("The directory answered “%s”. Nothing was changed."), ldap_err2string (rc));
      return;
    }
}

static gboolean
is_ldaps (const char *uri)
{
  return g_ascii_strncasecmp (uri, "ldaps:", 6) == 0;
}

static void
fail (WardLdapClient  *self,
      GError         **error,
      int              rc)
{
  set_ldap_error (error, self->ld, rc, self->settings->uri, is_ldaps (self->settings->uri) || self->settings->starttls,
                  ward_ldap_watchdog_fired (self->watchdog));
}

static int
on_connected (LDAP         *ld,
              Sockbuf      *sb,
              LDAPURLDesc  *server,
              struct sockaddr *address,
              ldap_conncb  *callback)
{
  WardLdapClient *self = callback->lc_arg;
  ber_socket_t fd = -1;

  if (ber_sockbuf_ctrl (sb, LBER_SB_OPT_GET_FD, &fd) == 1)
    ward_ldap_watchdog_set_fd (self->watchdog, fd);
  return 0;
}

static void
on_disconnected (LDAP        *ld,
                 Sockbuf     *sb,
                 ldap_conncb *callback)
{
  WardLdapClient *self = callback->lc_arg;

  ward_ldap_watchdog_set_fd (self->watchdog, -1);
}

static gboolean
set_options (WardLdapClient  *self,
             GError         **error)
{
  const WardLdapSettings *settings = self->settings;
  int version = LDAP_VERSION3;
  int demand = LDAP_OPT_X_TLS_DEMAND;
  int min_tls = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2;
  int no_server = 0;
  int rc = LDAP_OPT_SUCCESS;

  /* Referrals off: a referral could carry the bind to a server nobody
   * configured. Every option on this handle only, so the process-wide
   * ldap.conf cannot weaken certificate checks. */
  self->connect_callback.lc_add = on_connected;
  self->connect_callback.lc_del = on_disconnected;
  self->connect_callback.lc_arg = self;
  if (ldap_set_option (self->ld, LDAP_OPT_CONNECT_CB, &self->connect_callback) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_PROTOCOL_VERSION, &version) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_NETWORK_TIMEOUT, &self->timeout) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_TIMEOUT, &self->timeout) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand) != LDAP_OPT_SUCCESS
      || ldap_set_option (self->ld, LDAP_OPT_X_TLS_PROTOCOL_MIN, &min_tls) != LDAP_OPT_SUCCESS)
    rc = LDAP_OTHER;
  if (rc == LDAP_OPT_SUCCESS && settings->ca_file != NULL)
    {
      if (!g_file_test (settings->ca_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE,
                       _("The CA file %s cannot be read."), settings->ca_file);
          return FALSE;
        }
      if (ldap_set_option (self->ld, LDAP_OPT_X_TLS_CACERTFILE, settings->ca_file) != LDAP_OPT_SUCCESS)
        rc = LDAP_OTHER;
    }
  /* The handle's TLS options take effect only in a context made for it. */
  if (rc == LDAP_OPT_SUCCESS && (is_ldaps (settings->uri) || settings->starttls)
      && ldap_set_option (self->ld, LDAP_OPT_X_TLS_NEWCTX, &no_server) != LDAP_OPT_SUCCESS)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CERTIFICATE,
                   _("The CA file %s holds no usable certificate."),
                   settings->ca_file != NULL ? settings->ca_file : "");
      return FALSE;
    }
  if (rc != LDAP_OPT_SUCCESS)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_FAILED,
                   _("The directory connection could not be set up."));
      return FALSE;
    }
  return TRUE;
}

static WardLdapSettings *
copy_settings (const WardLdapSettings *settings)
{
  WardLdapSettings *copy = g_new0 (WardLdapSettings, 1);

  copy->uri = g_strdup (settings->uri);
  copy->base_dn = g_strdup (settings->base_dn);
  copy->bind_dn = g_strdup (settings->bind_dn);
  copy->user_filter = g_strdup (settings->user_filter);
  copy->ca_file = g_strdup (settings->ca_file);
  copy->disabled_attribute = g_strdup (settings->disabled_attribute);
  copy->starttls = settings->starttls;
  copy->insecure = settings->insecure;
  copy->updated_by = g_strdup (settings->updated_by);
  return copy;
}

WardLdapClient *
ward_ldap_client_connect (const WardLdapSettings  *settings,
                          GBytes                  *bind_password,
                          guint                    timeout_seconds,
                          GError                 **error)
{
  g_autoptr(WardLdapClient) self = NULL;
  struct berval credentials = { 0 };
  int rc;

  if (!ward_ldap_check_settings (settings, error))
    return NULL;
  /* An empty password is an unauthenticated bind (RFC 4513 §5.1.2), which
   * many servers accept: never treat it as proof of the bind account. */
  if (bind_password == NULL || g_bytes_get_size (bind_password) == 0)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_BAD_CREDENTIALS,
                   _("The bind password is empty."));
      return NULL;
    }

  self = g_object_new (WARD_TYPE_LDAP_CLIENT, NULL);
  self->settings = copy_settings (settings);
  self->timeout.tv_sec = timeout_seconds > 0 ? timeout_seconds : 10;
  self->watchdog = ward_ldap_watchdog_new (self->timeout.tv_sec);
  if (ldap_initialize (&self->ld, settings->uri) != LDAP_SUCCESS || self->ld == NULL)
    {
      g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                   _("“%s” is not a directory address."), settings->uri);
      return NULL;
    }
  if (!set_options (self, error))
    return NULL;

  /* Connecting, TLS and the bind together get one timeout. */
  ward_ldap_watchdog_arm (self->watchdog);
  if (settings->starttls)
    {
      rc = ldap_start_tls_s (self->ld, NULL, NULL);
      if (rc != LDAP_SUCCESS)
        {
          /* A server that answers but will not start TLS is not a
           * certificate problem. */
          ward_ldap_watchdog_disarm (self->watchdog);
          if (rc == LDAP_PROTOCOL_ERROR || rc == LDAP_UNAVAILABLE || rc == LDAP_OPERATIONS_ERROR)
            g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INSECURE,
                         _("The directory at %s does not offer StartTLS."), settings->uri);
          else
            fail (self, error, rc);
          return NULL;
        }
    }

  credentials.bv_val = (char *) g_bytes_get_data (bind_password, NULL);
  credentials.bv_len = g_bytes_get_size (bind_password);
  rc = ldap_sasl_bind_s (self->ld, settings->bind_dn, LDAP_SASL_SIMPLE, &credentials, NULL, NULL, NULL);
  ward_ldap_watchdog_disarm (self->watchdog);
  if (rc != LDAP_SUCCESS)
    {
      fail (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint
ward_ldap_client_get_pages (WardLdapClient *self)
{
  return self->pages;
}

static char *
first_value (LDAP        *ld,
             LDAPMessage *entry,
             const char  *attribute)
{
  struct berval **values;
  char *value = NULL;

  if (attribute == NULL)
    return NULL;
  values = ldap_get_values_len (ld, entry, attribute);
  if (values != NULL && values[0] != NULL && g_utf8_validate (values[0]->bv_val, values[0]->bv_len, NULL))
    value = g_strndup (values[0]->bv_val, values[0]->bv_len);
  ldap_value_free_len (values);
  return value;
}

/* AD: userAccountControl bit 2 (ACCOUNTDISABLE). OpenLDAP ppolicy:
 * pwdAccountLockedTime set. 389-DS / FreeIPA: nsAccountLock TRUE. And the
 * site's own attribute, when one is configured. */
static gboolean
entry_disabled (LDAP                   *ld,
                LDAPMessage            *entry,
                const WardLdapSettings *settings)
{
  g_autofree char *control = first_value (ld, entry, "userAccountControl");
  g_autofree char *locked_time = first_value (ld, entry, "pwdAccountLockedTime");
  g_autofree char *ns_lock = first_value (ld, entry, "nsAccountLock");
  g_autofree char *custom = first_value (ld, entry, settings->disabled_attribute);

  if (control != NULL && (g_ascii_strtoull (control, NULL, 10) & 0x2) != 0)
    return TRUE;
  if (locked_time != NULL)
    return TRUE;
  if (ns_lock != NULL && g_ascii_strcasecmp (ns_lock, "TRUE") == 0)
    return TRUE;
  if (custom != NULL && g_ascii_strcasecmp (custom, "FALSE") != 0 && g_strcmp0 (custom, "0") != 0
      && g_ascii_strcasecmp (custom, "no") != 0)
    return TRUE;
  return FALSE;
}

static WardLdapPerson *
person_from_entry (WardLdapClient *self,
                   LDAPMessage    *entry)
{
  g_autoptr(WardLdapPerson) person = g_new0 (WardLdapPerson, 1);
  g_autofree char *login = first_value (self->ld, entry, "sAMAccountName");
  char *dn = ldap_get_dn (self->ld, entry);
  struct berval **groups;

  person->dn = ward_ldap_normalize_dn (dn);
  ldap_memfree (dn);
  if (login == NULL)
    login = first_value (self->ld, entry, "uid");
  person->login = login != NULL ? g_utf8_strdown (login, -1) : NULL;
  person->full_name = first_value (self->ld, entry, "displayName");
  if (person->full_name == NULL)
    person->full_name = first_value (self->ld, entry, "cn");
  person->disabled = entry_disabled (self->ld, entry, self->settings);
  person->member_of = g_ptr_array_new_with_free_func (g_free);
  groups = ldap_get_values_len (self->ld, entry, "memberOf");
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      g_autofree char *value = g_strndup (groups[i]->bv_val, groups[i]->bv_len);

      g_ptr_array_add (person->member_of, ward_ldap_normalize_dn (value));
    }
  ldap_value_free_len (groups);
  return g_steal_pointer (&person);
}

/* Every person under the base who matches the filter, page by page (RFC
 * 2696): the server's size limit applies to a page, not to the whole. */
GPtrArray *
ward_ldap_client_read_people (WardLdapClient  *self,
                              GError         **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_ldap_person_free);
  const char *attributes[] = { "uid", "sAMAccountName", "displayName", "cn", "userAccountControl",
                               "pwdAccountLockedTime", "nsAccountLock", "memberOf",
                               self->settings->disabled_attribute, NULL };
  struct berval *cookie = NULL;
  gboolean more = TRUE;

  while (more)
    {
      LDAPControl *page = NULL;
      LDAPControl **response_controls = NULL;
      LDAPMessage *result = NULL;
      int rc, result_code = LDAP_SUCCESS;

      rc = ldap_create_page_control (self->ld, PAGE_SIZE, cookie, 1, &page);
      ward_ldap_watchdog_arm (self->watchdog);
      if (rc == LDAP_SUCCESS)
        rc = ldap_search_ext_s (self->ld, self->settings->base_dn, LDAP_SCOPE_SUBTREE,
                                self->settings->user_filter, (char **) attributes, 0,
                                (LDAPControl *[]) { page, NULL }, NULL, &self->timeout, LDAP_NO_LIMIT,
                                &result);
      ward_ldap_watchdog_disarm (self->watchdog);
      ldap_control_free (page);
      g_clear_pointer (&cookie, ber_bvfree);
      if (rc == LDAP_SUCCESS && result != NULL)
        rc = ldap_parse_result (self->ld, result, &result_code, NULL, NULL, NULL, &response_controls, 0);
      if (rc == LDAP_SUCCESS)
        rc = result_code;
      if (rc != LDAP_SUCCESS)
        {
          ldap_msgfree (result);
          ldap_controls_free (response_controls);
          fail (self, error, rc);
          return NULL;
        }

      self->pages++;
      for (LDAPMessage *entry = ldap_first_entry (self->ld, result); entry != NULL;
           entry = ldap_next_entry (self->ld, entry))
        g_ptr_array_add (people, person_from_entry (self, entry));

      more = FALSE;
      {
        LDAPControl *response = ldap_control_find (LDAP_CONTROL_PAGEDRESULTS, response_controls, NULL);
        struct berval next = { 0 };
        ber_int_t estimate = 0;

        if (response != NULL
            && ldap_parse_pageresponse_control (self->ld, response, &estimate, &next) == LDAP_SUCCESS)
          {
            if (next.bv_val != NULL && next.bv_len > 0)
              {
                cookie = ber_bvdup (&next);
                more = TRUE;
              }
            ber_memfree (next.bv_val);
          }
      }
      ldap_controls_free (response_controls);
      ldap_msgfree (result);
    }
  return g_steal_pointer (&people);
}

/* "member;range=0-1499": Active Directory hands out large groups in
 * ranges; the end is "*" on the last one. */
static gboolean
parse_range (const char *attribute,
             guint64    *next_start)
{
  const char *range = strstr (attribute, ";range=");
  const char *dash;

  if (range == NULL || (dash = strchr (range, '-')) == NULL || dash[1] == '*')
    return FALSE;
  *next_start = g_ascii_strtoull (dash + 1, NULL, 10) + 1;
  return TRUE;
}

/* The members of one group (member and uniqueMember), as normalised DNs. */
GPtrArray *
ward_ldap_client_read_group_members (WardLdapClient  *self,
                                     const char      *group_dn,
                                     GError         **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *member_attribute = g_strdup ("member");
  gboolean more = TRUE;

  while (more)
    {
      const char *attributes[] = { member_attribute, "uniqueMember", NULL };
      LDAPMessage *result = NULL;
      LDAPMessage *entry;
      BerElement *ber = NULL;
      int rc;

      more = FALSE;
      ward_ldap_watchdog_arm (self->watchdog);
      rc = ldap_search_ext_s (self->ld, group_dn, LDAP_SCOPE_BASE, "(objectClass=*)", (char **) attributes,
                              0, NULL, NULL, &self->timeout, LDAP_NO_LIMIT, &result);
      ward_ldap_watchdog_disarm (self->watchdog);
      if (rc != LDAP_SUCCESS)
        {
          ldap_msgfree (result);
          if (rc == LDAP_NO_SUCH_OBJECT)
            g_set_error (error, WARD_DIRECTORY_ERROR, WARD_DIRECTORY_ERROR_INVALID,
                         _("The group “%s” given a role is not in the directory. Fix its name with "
                           "“directory unmap” and “directory map”; no role was changed."), group_dn);
          else
            fail (self, error, rc);
          return NULL;
        }
      entry = ldap_first_entry (self->ld, result);
      for (char *attribute = entry != NULL ? ldap_first_attribute (self->ld, entry, &ber) : NULL;
           attribute != NULL; attribute = ldap_next_attribute (self->ld, entry, ber))
        {
          struct berval **values = ldap_get_values_len (self->ld, entry, attribute);
          guint64 next_start;

          for (guint i = 0; values != NULL && values[i] != NULL; i++)
            {
              g_autofree char *value = g_strndup (values[i]->bv_val, values[i]->bv_len);
              /* uniqueMember may end in "#'0101'B", a UID suffix. */
              char *hash = g_ascii_strncasecmp (attribute, "uniqueMember", 12) == 0 ? strrchr (value, '#') : NULL;

              if (hash != NULL)
                *hash = '\0';
              g_ptr_array_add (members, ward_ldap_normalize_dn (value));
            }
          ldap_value_free_len (values);
          if (g_ascii_strncasecmp (attribute, "member;", 7) == 0 && parse_range (attribute, &next_start))
            {
              g_free (member_attribute);
              member_attribute = g_strdup_printf ("member;range=%" G_GUINT64_FORMAT "-*", next_start);
              more = TRUE;
            }
          ldap_memfree (attribute);
        }
      if (ber != NULL)
        ber_free (ber, 0);
      ldap_msgfree (result);
    }
  return g_steal_pointer (&members);
}
