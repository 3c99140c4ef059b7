/* ward-install-key.c: the install's secret key: sealing, badge hashing, audit MACs */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "data/ward-install-key.h"
#include "data/ward-store-location.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_CIPHER_CTX, EVP_CIPHER_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MAC, EVP_MAC_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MAC_CTX, EVP_MAC_CTX_free)

#define KEY_MAGIC        "WGK1"
#define KEY_MAGIC_LEN    4
#define KEY_LEN          32
#define KEY_FILE_LEN     (KEY_MAGIC_LEN + KEY_LEN)
#define SEAL_VERSION     0x01
#define SEAL_NONCE_LEN   12
#define SEAL_TAG_LEN     16
#define SEAL_HEADER_LEN  (1 + SEAL_NONCE_LEN)

/* systemd hands credentials to a service in $CREDENTIALS_DIRECTORY; this is
 * the name the unit's LoadCredential= gives the install key. */
#define SYSTEMD_CREDENTIAL_NAME "wardgate-install-key"

/* One master key, several purposes: each gets its own derived key so that
 * a badge hash can never double as an audit MAC or a sealing key. */
typedef struct
{
  guint8 seal_key[KEY_LEN];
  guint8 badge_key[KEY_LEN];
  guint8 audit_key[KEY_LEN];
  guint8 integrity_key[KEY_LEN];
  guint8 check_key[KEY_LEN];
} DerivedKeys;

struct _WardInstallKey
{
  GObject      parent_instance;
  char        *path;
  DerivedKeys *keys;        /* a page of its own: locked, left out of core dumps */
  gsize        keys_size;
};

G_DEFINE_FINAL_TYPE (WardInstallKey, ward_install_key, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-install-key-error-quark, ward_install_key_error)

static void
ward_install_key_finalize (GObject *object)
{
  WardInstallKey *self = WARD_INSTALL_KEY (object);

  if (self->keys != NULL)
    {
      OPENSSL_cleanse (self->keys, sizeof *self->keys);
      munlock (self->keys, self->keys_size);
      munmap (self->keys, self->keys_size);
    }
  g_free (self->path);
  G_OBJECT_CLASS (ward_install_key_parent_class)->finalize (object);
}

static void
ward_install_key_class_init (WardInstallKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_install_key_finalize;
}

static void
ward_install_key_init (WardInstallKey *self)
{
}

/* The key lives beside the database unless the service manager provides it
 * (a systemd credential) or the operator names it explicitly. */
char *
ward_install_key_path_for_database (const char *db_path)
{
  const char *explicit_path = g_getenv ("WARDGATE_KEY_FILE");
  const char *credentials = g_getenv ("CREDENTIALS_DIRECTORY");
  g_autofree char *dir = NULL;

  if (explicit_path != NULL && *explicit_path != '\0')
    return g_strdup (explicit_path);

  if (credentials != NULL && *credentials != '\0')
    {
      g_autofree char *candidate = g_build_filename (credentials, SYSTEMD_CREDENTIAL_NAME, NULL);

      if (g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }

  /* A server has no folder of its own on this machine: every kiosk and the
   * command line hold the site key in the same place. */
  if (ward_store_location_is_server (db_path))
    return g_strdup (WARD_SITE_KEY_DEFAULT_PATH);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "wardgate.key", NULL);
}

static void
derive (const guint8 master[KEY_LEN],
        const char  *label,
        guint8       out[KEY_LEN])
{
  unsigned int out_len = KEY_LEN;

  /* A single HMAC block is HKDF-Expand for one output block: enough to
   * separate purposes from a uniformly random master key. */
  HMAC (EVP_sha256 (), master, KEY_LEN, (const guint8 *) label, strlen (label), out, &out_len);
}

static WardInstallKey *
ward_install_key_new_from_master (const char   *path,
                                  const guint8  master[KEY_LEN])
{
  WardInstallKey *self = g_object_new (WARD_TYPE_INSTALL_KEY, NULL);
  long page = sysconf (_SC_PAGESIZE);

  self->path = g_strdup (path);
  /* The derived keys forge the audit and open every sealed secret: keep
   * them out of swap (mlock) and out of core dumps (MADV_DONTDUMP). A
   * failed lock (RLIMIT_MEMLOCK) is not fatal: dumps are still excluded. */
  self->keys_size = (gsize) MAX (page, (long) sizeof (DerivedKeys));
  self->keys = mmap (NULL, self->keys_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (self->keys == MAP_FAILED)
    g_error ("Cannot allocate memory for the install key");
  if (madvise (self->keys, self->keys_size, MADV_DONTDUMP) != 0)
    g_warning ("Could not keep the install key out of core dumps");
  if (mlock (self->keys, self->keys_size) != 0)
    g_debug ("Could not lock the install key in memory");
  derive (master, "wardgate/seal/v1", self->keys->seal_key);
  derive (master, "wardgate/badge/v1", self->keys->badge_key);
  derive (master, "wardgate/audit/v1", self->keys->audit_key);
  derive (master, "wardgate/integrity/v1", self->keys->integrity_key);
  derive (master, "wardgate/check/v1", self->keys->check_key);
  return self;
}

const char *
ward_install_key_get_path (WardInstallKey *self)
{
  g_return_val_if_fail (WARD_IS_INSTALL_KEY (self), NULL);
  return self->path;
}

static gboolean
check_key_file_mode (const char  *path,
                     int          fd,
                     GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_IO,
                   _("Cannot read the install key %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* A key another local user made (and so knows) is not this install's:
   * they could forge the audit chain and read every secret sealed with it. */
  if (st.st_uid != geteuid () && st.st_uid != 0)
    {
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_PERMISSIONS,
                   _("The install key %s belongs to another user; it was not used."), path);
      return FALSE;
    }

  /* Anyone who can read the key can forge the audit chain and unseal every
   * TOTP secret: refuse a key that others on the machine may read. */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_PERMISSIONS,
                   _("The install key %s can be read by other users; restrict it with “chmod 600”."),
                   path);
      return FALSE;
    }

  return TRUE;
}

WardInstallKey *
ward_install_key_load (const char  *path,
                       GError     **error)
{
  guint8 buffer[KEY_FILE_LEN + 1];
  WardInstallKey *self;
  ssize_t n_read;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, WARD_INSTALL_KEY_ERROR,
                   saved_errno == ENOENT ? WARD_INSTALL_KEY_ERROR_MISSING : WARD_INSTALL_KEY_ERROR_IO,
                   saved_errno == ENOENT ? _("The install key %s is missing; without it the database cannot be used.")
                                         : _("Cannot read the install key %s."),
                   path);
      return NULL;
    }

  if (!check_key_file_mode (path, fd, error))
    {
      close (fd);
      return NULL;
    }

  n_read = read (fd, buffer, sizeof buffer);
  close (fd);

  if (n_read != KEY_FILE_LEN || memcmp (buffer, KEY_MAGIC, KEY_MAGIC_LEN) != 0)
    {
      OPENSSL_cleanse (buffer, sizeof buffer);
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_INVALID,
                   _("The install key %s is not a Wardgate key file."), path);
      return NULL;
    }

  self = ward_install_key_new_from_master (path, buffer + KEY_MAGIC_LEN);
  OPENSSL_cleanse (buffer, sizeof buffer);
  return self;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

WardInstallKey *
ward_install_key_create (const char  *path,
                         GError     **error)
{
  guint8 buffer[KEY_FILE_LEN];
  WardInstallKey *self;
  gboolean written;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  memcpy (buffer, KEY_MAGIC, KEY_MAGIC_LEN);
  if (RAND_bytes (buffer + KEY_MAGIC_LEN, KEY_LEN) != 1)
    {
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_IO,
                   _("The system could not provide random bytes for a new install key."));
      return NULL;
    }

  /* O_EXCL: never overwrite an existing key, which would orphan every
   * sealed secret and break the audit chain. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      OPENSSL_cleanse (buffer, sizeof buffer);
      g_set_error (error, WARD_INSTALL_KEY_ERROR,
                   saved_errno == EEXIST ? WARD_INSTALL_KEY_ERROR_EXISTS : WARD_INSTALL_KEY_ERROR_IO,
                   _("Cannot create the install key %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  written = write_all (fd, buffer, sizeof buffer) && fsync (fd) == 0;
  close (fd);
  if (!written)
    {
      OPENSSL_cleanse (buffer, sizeof buffer);
      g_unlink (path);
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_IO,
                   _("Cannot write the install key %s; is the disk full?"), path);
      return NULL;
    }

  self = ward_install_key_new_from_master (path, buffer + KEY_MAGIC_LEN);
  OPENSSL_cleanse (buffer, sizeof buffer);
  return self;
}

static void
wipe_and_free (gpointer data)
{
  gsize *block = data;

  /* The length is stored just before the bytes so the plaintext can be
   * wiped when the last reference to it goes. */
  OPENSSL_cleanse (block, block[0] + sizeof (gsize));
  g_free (block);
}

static GBytes *
secure_bytes_new (gsize    length,
                  guint8 **data_out)
{
  gsize *block = g_malloc0 (sizeof (gsize) + MAX (length, 1));

  block[0] = length;
  *data_out = (guint8 *) (block + 1);
  return g_bytes_new_with_free_func (*data_out, length, wipe_and_free, block);
}

/* AES-256-GCM with a fresh nonce. The context (for example "totp:42") is
 * authenticated data: a sealed secret copied onto another user's row no
 * longer opens. Layout: version ‖ nonce ‖ ciphertext ‖ tag. */
GBytes *
ward_install_key_seal (WardInstallKey  *self,
                       const guint8    *plaintext,
                       gsize            length,
                       const char      *context,
                       GError         **error)
{
  g_autoptr(EVP_CIPHER_CTX) ctx = NULL;
  guint8 *out;
  int out_len = 0, final_len = 0;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_INSTALL_KEY (self), NULL);
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (length <= G_MAXINT, NULL);

  out = g_malloc (SEAL_HEADER_LEN + length + SEAL_TAG_LEN);
  out[0] = SEAL_VERSION;
  ctx = EVP_CIPHER_CTX_new ();
  ok = ctx != NULL
    && RAND_bytes (out + 1, SEAL_NONCE_LEN) == 1
    && EVP_EncryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, self->keys->seal_key, out + 1) == 1
    && EVP_EncryptUpdate (ctx, NULL, &out_len, (const guint8 *) context, (int) strlen (context)) == 1
    && EVP_EncryptUpdate (ctx, out + SEAL_HEADER_LEN, &out_len, plaintext, (int) length) == 1
    && EVP_EncryptFinal_ex (ctx, out + SEAL_HEADER_LEN + out_len, &final_len) == 1
    && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_GET_TAG, SEAL_TAG_LEN,
                            out + SEAL_HEADER_LEN + length) == 1;

  if (!ok)
    {
      g_free (out);
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_SEAL,
                   _("A secret could not be encrypted."));
      return NULL;
    }

  return g_bytes_new_take (out, SEAL_HEADER_LEN + length + SEAL_TAG_LEN);
}

GBytes *
ward_install_key_unseal (WardInstallKey  *self,
                         GBytes          *sealed,
                         const char      *context,
                         GError         **error)
{
  g_autoptr(EVP_CIPHER_CTX) ctx = NULL;
  g_autoptr(GBytes) plain = NULL;
  const guint8 *in;
  guint8 *out;
  gsize in_len, length;
  int out_len = 0, final_len = 0;
  gboolean ok;

  g_return_val_if_fail (WARD_IS_INSTALL_KEY (self), NULL);
  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  in = g_bytes_get_data (sealed, &in_len);
  if (in_len < SEAL_HEADER_LEN + SEAL_TAG_LEN || in[0] != SEAL_VERSION || in_len > G_MAXINT)
    {
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_UNSEAL,
                   _("A stored secret is damaged and cannot be opened."));
      return NULL;
    }

  length = in_len - SEAL_HEADER_LEN - SEAL_TAG_LEN;
  plain = secure_bytes_new (length, &out);
  ctx = EVP_CIPHER_CTX_new ();
  ok = ctx != NULL
    && EVP_DecryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, self->keys->seal_key, in + 1) == 1
    && EVP_DecryptUpdate (ctx, NULL, &out_len, (const guint8 *) context, (int) strlen (context)) == 1
    && EVP_DecryptUpdate (ctx, out, &out_len, in + SEAL_HEADER_LEN, (int) length) == 1
    && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_TAG, SEAL_TAG_LEN,
                            (void *) (in + SEAL_HEADER_LEN + length)) == 1
    && EVP_DecryptFinal_ex (ctx, out + out_len, &final_len) == 1;

  if (!ok)
    {
      g_set_error (error, WARD_INSTALL_KEY_ERROR, WARD_INSTALL_KEY_ERROR_UNSEAL,
                   _("A stored secret could not be opened with this install key."));
      return NULL;
    }

  return g_steal_pointer (&plain);
}

/* Badge UIDs are not secret but they are personal: only this keyed hash is
 * stored, so a copy of the database cannot be matched against card lists. */
void
ward_install_key_badge_hash (WardInstallKey *self,
                             const char     *badge_uid,
                             guint8          out[WARD_INSTALL_KEY_MAC_LEN])
{
  unsigned int out_len = WARD_INSTALL_KEY_MAC_LEN;
  g_autoptr(GString) normalised = g_string_new (NULL);

  g_return_if_fail (WARD_IS_INSTALL_KEY (self));
  g_return_if_fail (badge_uid != NULL);

  /* Readers differ in case and separators; the same card must hash alike. */
  for (const char *p = badge_uid; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (normalised, g_ascii_toupper (*p));

  HMAC (EVP_sha256 (), self->keys->badge_key, KEY_LEN,
        (const guint8 *) normalised->str, normalised->len, out, &out_len);
}

/* HMAC-SHA-256 under @key of @first followed by @second. */
static void
mac_two_parts (const guint8 *key,
               const guint8 *first,
               gsize         first_length,
               const guint8 *second,
               gsize         second_length,
               guint8        out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_autoptr(EVP_MAC) mac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  g_autoptr(EVP_MAC_CTX) ctx = EVP_MAC_CTX_new (mac);
  OSSL_PARAM params[2];
  gsize out_len = 0;

  params[0] = OSSL_PARAM_construct_utf8_string ("digest", (char *) "SHA256", 0);
  params[1] = OSSL_PARAM_construct_end ();

  if (!EVP_MAC_init (ctx, key, KEY_LEN, params)
      || !EVP_MAC_update (ctx, first, first_length)
      || !EVP_MAC_update (ctx, second, second_length)
      || !EVP_MAC_final (ctx, out, &out_len, WARD_INSTALL_KEY_MAC_LEN))
    g_error ("HMAC-SHA-256 failed inside libcrypto");
}

void
ward_install_key_audit_mac (WardInstallKey *self,
                            const guint8   *prev_hash,
                            gsize           prev_length,
                            const char     *canonical_row,
                            gsize           row_length,
                            guint8          out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_return_if_fail (WARD_IS_INSTALL_KEY (self));
  mac_two_parts (self->keys->audit_key, prev_hash, prev_length,
                 (const guint8 *) canonical_row, row_length, out);
}

/* A value anyone may store beside the data (it reveals nothing of the key)
 * that tells whether a key is the one the data was written with. */
void
ward_install_key_check_value (WardInstallKey *self,
                              guint8          out[WARD_INSTALL_KEY_MAC_LEN])
{
  static const char label[] = "wardgate-key-check-v1";
  unsigned int out_len = WARD_INSTALL_KEY_MAC_LEN;

  g_return_if_fail (WARD_IS_INSTALL_KEY (self));
  HMAC (EVP_sha256 (), self->keys->check_key, KEY_LEN, (const guint8 *) label, sizeof label - 1, out, &out_len);
}

/* The MAC of one row that decides who may do what (a role grant, a
 * credential's owner, a policy value), over a canonical text the caller
 * builds; @table keeps a row of one table from passing as another's. */
void
ward_install_key_row_mac (WardInstallKey *self,
                          const char     *table,
                          const char     *canonical_row,
                          gsize           row_length,
                          guint8          out[WARD_INSTALL_KEY_MAC_LEN])
{
  g_return_if_fail (WARD_IS_INSTALL_KEY (self));
  /* The table name's NUL ends it: "ab" + "c…" never passes as "a" + "bc…". */
  mac_two_parts (self->keys->integrity_key, (const guint8 *) table, strlen (table) + 1,
                 (const guint8 *) canonical_row, row_length, out);
}

/* Called first thing by the kiosk and the command line: a core dump of
 * either would hold the derived keys and any secret being enrolled. */
void
ward_install_key_protect_process (void)
{
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not turn off core dumps for this process");
}
