/* ward-site-config.c: the site's policy for this kiosk, read from a root-owned key file */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "app/ward-site-config-private.h"

#define MAX_TEXT_LENGTH 200

G_DEFINE_QUARK (ward-site-config-error-quark, ward_site_config_error)

typedef enum
{
  SITE_NAME,
  WARD_NAME,
  BED_NAME,
  KIOSK_ID,
  IT_EXTENSION,
  IDLE_LOCK_SECONDS,
  IDLE_WARNING_SECONDS,
  SESSION_MAX_HOURS,
  STEP_UP_SECONDS,
  BREAK_GLASS_MINUTES,
  RELYING_PARTY_ID,
  TOTP_ISSUER,
  BADGE_MAX_GAP_MS,
  AWARENESS_INTERVAL_HOURS,
  AWARENESS_MAX_SKIPS,
  GATEWAY_BUS,
  N_ENTRIES
} Entry;

typedef enum
{
  KIND_TEXT,        /* free text shown on screen: no control characters */
  KIND_NAME,        /* [A-Za-z0-9._-], may be empty */
  KIND_DOMAIN,      /* a lower-case DNS name: the FIDO2 relying party */
  KIND_PHONE,       /* digits, spaces, + and -, may be empty */
  KIND_NUMBER,
  KIND_BUS,
} Kind;

typedef struct
{
  const char *group;
  const char *key;
  Kind        kind;
  guint       min;
  guint       max;
  guint       default_number;
  const char *default_text;
} EntryInfo;

/* The ranges are the ones the standards allow (see wardgate.conf(5)): a
 * value outside them is refused, never clamped, so that IT learns at once
 * that the kiosk does not do what the file says. */
static const EntryInfo entries[N_ENTRIES] = {
  [SITE_NAME]                = { "site", "name", KIND_TEXT, 1, 0, 0, "St. Elsewhere General" },
  [WARD_NAME]                = { "site", "ward", KIND_TEXT, 1, 0, 0, "Ward 4B" },
  [BED_NAME]                 = { "site", "bed", KIND_TEXT, 1, 0, 0, "Bed 12" },
  [KIOSK_ID]                 = { "site", "kiosk-id", KIND_NAME, 0, 0, 0, "" },
  [IT_EXTENSION]             = { "site", "it-extension", KIND_PHONE, 0, 0, 0, "" },
  [IDLE_LOCK_SECONDS]        = { "session", "idle-lock-seconds", KIND_NUMBER, 30, 900, 120, NULL },
  [IDLE_WARNING_SECONDS]     = { "session", "idle-warning-seconds", KIND_NUMBER, 10, 120, 30, NULL },
  [SESSION_MAX_HOURS]        = { "session", "max-hours", KIND_NUMBER, 1, 12, 12, NULL },
  [STEP_UP_SECONDS]          = { "session", "step-up-seconds", KIND_NUMBER, 30, 3600, 300, NULL },
  [BREAK_GLASS_MINUTES]      = { "session", "break-glass-minutes", KIND_NUMBER, 5, 60, 15, NULL },
  [RELYING_PARTY_ID]         = { "factors", "relying-party-id", KIND_DOMAIN, 1, 0, 0, "wardgate.local" },
  [TOTP_ISSUER]              = { "factors", "totp-issuer", KIND_TEXT, 0, 0, 0, "" },
  [BADGE_MAX_GAP_MS]         = { "factors", "badge-max-gap-ms", KIND_NUMBER, 10, 200, 50, NULL },
  [AWARENESS_INTERVAL_HOURS] = { "awareness", "interval-hours", KIND_NUMBER, 1, 168, 10, NULL },
  [AWARENESS_MAX_SKIPS]      = { "awareness", "max-skips", KIND_NUMBER, 0, 5, 2, NULL },
  [GATEWAY_BUS]              = { "devices", "gateway-bus", KIND_BUS, 0, 0, 0, "session" },
};

struct _WardSiteConfig
{
  GObject  parent_instance;
  char    *path;                 /* NULL: the built-in defaults */
  char    *text[N_ENTRIES];
  guint    number[N_ENTRIES];
};

G_DEFINE_FINAL_TYPE (WardSiteConfig, ward_site_config, G_TYPE_OBJECT)

static void
ward_site_config_finalize (GObject *object)
{
  WardSiteConfig *self = WARD_SITE_CONFIG (object);

  g_free (self->path);
  for (guint i = 0; i < N_ENTRIES; i++)
    g_free (self->text[i]);
  G_OBJECT_CLASS (ward_site_config_parent_class)->finalize (object);
}

static void
ward_site_config_class_init (WardSiteConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ward_site_config_finalize;
}

static void
ward_site_config_init (WardSiteConfig *self)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      self->text[i] = g_strdup (entries[i].default_text);
      self->number[i] = entries[i].default_number;
    }
}

WardSiteConfig *
ward_site_config_new_default (void)
{
  return g_object_new (WARD_TYPE_SITE_CONFIG, NULL);
}

static int
find_entry (const char *group,
            const char *key)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (g_str_equal (entries[i].group, group) && g_str_equal (entries[i].key, key))
      return (int) i;
  return -1;
}

static gboolean
group_known (const char *group)
{
  for (guint i = 0; i < N_ENTRIES; i++)
    if (g_str_equal (entries[i].group, group))
      return TRUE;
  return FALSE;
}

static void
set_invalid (GError     **error,
             const char  *origin,
             guint        line,
             const char  *message)
{
  /* Translators: "/etc/wardgate/wardgate.conf, line 12: …" */
  g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
               _("%s, line %u: %s"), origin, line, message);
}

/* GKeyFile parses leniently and says neither where a key was nor whether
 * it was known: a typo in a key name would silently leave the default in
 * force. So every line is looked at first, and each key remembers its line
 * for the messages about its value. */
static gboolean
scan_lines (const char  *data,
            const char  *origin,
            guint        key_lines[N_ENTRIES],
            GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  g_autofree char *group = NULL;

  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[n]));
      guint number = n + 1;
      const char *equals;
      g_autofree char *key = NULL;
      g_autofree char *message = NULL;
      int entry;

      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '[')
        {
          if (line[strlen (line) - 1] != ']')
            {
              set_invalid (error, origin, number, _("a group name must end with “]”."));
              return FALSE;
            }
          g_free (group);
          group = g_strndup (line + 1, strlen (line) - 2);
          if (!group_known (group))
            {
              message = g_strdup_printf (_("there is no group “[%s]”."), group);
              set_invalid (error, origin, number, message);
              return FALSE;
            }
          continue;
        }

      equals = strchr (line, '=');
      if (equals == NULL)
        {
          set_invalid (error, origin, number, _("this line is neither a group, a “key = value” line nor a comment."));
          return FALSE;
        }
      key = g_strstrip (g_strndup (line, (gsize) (equals - line)));
      if (group == NULL)
        {
          message = g_strdup_printf (_("the key “%s” comes before any group."), key);
          set_invalid (error, origin, number, message);
          return FALSE;
        }
      entry = find_entry (group, key);
      if (entry < 0)
        {
          message = g_strdup_printf (_("there is no key “%s” in [%s]."), key, group);
          set_invalid (error, origin, number, message);
          return FALSE;
        }
      if (key_lines[entry] != 0)
        {
          message = g_strdup_printf (_("the key “%s” in [%s] was already set on line %u."),
                                     key, group, key_lines[entry]);
          set_invalid (error, origin, number, message);
          return FALSE;
        }
      key_lines[entry] = number;
    }
  return TRUE;
}

static gboolean
text_ok (const char *value,
         Kind        kind)
{
  if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > MAX_TEXT_LENGTH)
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (kind)
        {
        case KIND_TEXT:
          if (g_unichar_iscntrl (c))
            return FALSE;
          break;
        case KIND_NAME:
          if (!(g_ascii_isalnum (c) || c == '.' || c == '_' || c == '-'))
            return FALSE;
          break;
        case KIND_DOMAIN:
          if (!(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '.' || c == '-'))
            return FALSE;
          break;
        case KIND_PHONE:
          if (!(g_ascii_isdigit (c) || c == ' ' || c == '+' || c == '-'))
            return FALSE;
          break;
        case KIND_NUMBER:
        case KIND_BUS:
        default:
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
describe_kind (Kind kind)
{
  switch (kind)
    {
    case KIND_NAME:
      return _("it may hold only letters, digits, “.”, “_” and “-”");
    case KIND_DOMAIN:
      return _("it must be a host name in lower case, such as “wardgate.example.org”");
    case KIND_PHONE:
      return _("it may hold only digits, spaces, “+” and “-”");
    case KIND_TEXT:
    case KIND_NUMBER:
    case KIND_BUS:
    default:
      return _("it must be text of at most 200 characters without control characters");
    }
}

static gboolean
read_entry (WardSiteConfig  *self,
            GKeyFile        *file,
            Entry            entry,
            const char      *origin,
            guint            line,
            GError         **error)
{
  const EntryInfo *info = &entries[entry];
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = g_key_file_get_string (file, info->group, info->key, &local_error);
  g_autofree char *message = NULL;
  guint64 number = 0;

  if (value == NULL)
    {
      message = g_strdup_printf (_("the value of “%s” in [%s] cannot be read: %s"),
                                 info->key, info->group, local_error->message);
      set_invalid (error, origin, line, message);
      return FALSE;
    }

  switch (info->kind)
    {
    case KIND_NUMBER:
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL)
          || number < info->min || number > info->max)
        {
          message = g_strdup_printf (_("“%s” in [%s] must be a whole number from %u to %u, not “%s”."),
                                     info->key, info->group, info->min, info->max, value);
          set_invalid (error, origin, line, message);
          return FALSE;
        }
      self->number[entry] = (guint) number;
      return TRUE;

    case KIND_BUS:
      if (!g_str_equal (value, "system") && !g_str_equal (value, "session"))
        {
          message = g_strdup_printf (_("“%s” in [%s] must be “system” or “session”, not “%s”."),
                                     info->key, info->group, value);
          set_invalid (error, origin, line, message);
          return FALSE;
        }
      break;

    case KIND_TEXT:
    case KIND_NAME:
    case KIND_DOMAIN:
    case KIND_PHONE:
    default:
      if ((info->min > 0 && *value == '\0') || (*value != '\0' && !text_ok (value, info->kind)))
        {
          if (*value == '\0')
            message = g_strdup_printf (_("“%s” in [%s] must not be empty."), info->key, info->group);
          else
            message = g_strdup_printf (_("“%s” in [%s] is not valid: %s."),
                                       info->key, info->group, describe_kind (info->kind));
          set_invalid (error, origin, line, message);
          return FALSE;
        }
      break;
    }

  g_free (self->text[entry]);
  self->text[entry] = g_steal_pointer (&value);
  return TRUE;
}

/* origin names the file in messages. Keys left out keep their defaults. */
WardSiteConfig *
ward_site_config_new_from_data (const char  *data,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(WardSiteConfig) self = ward_site_config_new_default ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  guint key_lines[N_ENTRIES] = { 0 };

  g_return_val_if_fail (data != NULL, NULL);

  if (origin == NULL)
    origin = "wardgate.conf";
  if (!g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
                   _("%s is not UTF-8 text."), origin);
      return NULL;
    }
  if (!scan_lines (data, origin, key_lines, error))
    return NULL;
  if (!g_key_file_load_from_data (file, data, (gsize) -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID,
                   _("%s cannot be read as a key file: %s"), origin, local_error->message);
      return NULL;
    }

  for (guint i = 0; i < N_ENTRIES; i++)
    if (key_lines[i] != 0 && !read_entry (self, file, (Entry) i, origin, key_lines[i], error))
      return NULL;

  return g_steal_pointer (&self);
}

/* runner is the user the kiosk (or the command line) runs as: a file or
 * folder that user could change is refused, whatever it says. Without
 * required, a missing file means the built-in defaults. */
WardSiteConfig *
ward_site_config_load_file (const char  *path,
                            uid_t        runner,
                            gboolean     required,
                            GError     **error)
{
  g_autofree char *data = NULL;
  gboolean missing = FALSE;
  WardSiteConfig *self;

  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), NULL);

  data = _ward_site_config_read_file (path, runner, required, &missing, error);
  if (missing)
    return ward_site_config_new_default ();
  if (data == NULL)
    return NULL;
  if (!_ward_site_config_check_folders (path, runner, error))
    return NULL;

  self = ward_site_config_new_from_data (data, path, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

/* $WARDGATE_CONFIG (tests, unusual installs) or the system file. */
char *
ward_site_config_default_path (gboolean *from_environment)
{
  const char *configured = g_getenv ("WARDGATE_CONFIG");
  gboolean from_env = configured != NULL && *configured != '\0';

  if (from_environment != NULL)
    *from_environment = from_env;
  if (from_env)
    return g_canonicalize_filename (configured, NULL);
  return g_build_filename (WARD_SYSCONFDIR, "wardgate", "wardgate.conf", NULL);
}

/* A file named on purpose must be there; the system file may be absent
 * (the defaults are the safe ones). */
WardSiteConfig *
ward_site_config_load (GError **error)
{
  gboolean from_env = FALSE;
  g_autofree char *path = ward_site_config_default_path (&from_env);

  return ward_site_config_load_file (path, geteuid (), from_env, error);
}

/* The values in force, as a key file: what the file said, and the
 * defaults for what it left out. Read back, it gives the same policy. */
char *
ward_site_config_to_data (WardSiteConfig *self)
{
  GString *text = g_string_new (NULL);
  const char *group = NULL;

  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      if (g_strcmp0 (group, entries[i].group) != 0)
        {
          group = entries[i].group;
          g_string_append_printf (text, "%s[%s]\n", text->len > 0 ? "\n" : "", group);
        }
      if (entries[i].kind == KIND_NUMBER)
        g_string_append_printf (text, "%s = %u\n", entries[i].key, self->number[i]);
      else
        {
          g_string_append_printf (text, *self->text[i] != '\0' ? "%s = " : "%s =", entries[i].key);
          /* As GKeyFile reads values back: backslashes doubled, a leading
           * space kept as \s (no text value holds control characters). */
          for (const char *p = self->text[i]; *p != '\0'; p++)
            {
              if (*p == '\\')
                g_string_append (text, "\\\\");
              else if (*p == ' ' && p == self->text[i])
                g_string_append (text, "\\s");
              else
                g_string_append_c (text, *p);
            }
          g_string_append_c (text, '\n');
        }
    }
  return g_string_free (text, FALSE);
}

const char *
ward_site_config_get_path (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->path;
}

const char *
ward_site_config_get_site_name (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->text[SITE_NAME];
}

const char *
ward_site_config_get_ward_name (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->text[WARD_NAME];
}

const char *
ward_site_config_get_bed_name (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->text[BED_NAME];
}

/* The audit trail names the kiosk; a site that did not name it still gets
 * a stable, recognisable name. */
char *
ward_site_config_dup_kiosk_id (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  if (*self->text[KIOSK_ID] != '\0')
    return g_strdup (self->text[KIOSK_ID]);
  return g_strdup (g_get_host_name ());
}

const char *
ward_site_config_get_it_extension (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->text[IT_EXTENSION];
}

const char *
ward_site_config_get_relying_party_id (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return self->text[RELYING_PARTY_ID];
}

/* Empty in the file means the site name. */
const char *
ward_site_config_get_totp_issuer (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), NULL);
  return *self->text[TOTP_ISSUER] != '\0' ? self->text[TOTP_ISSUER] : self->text[SITE_NAME];
}

guint
ward_site_config_get_badge_max_gap_ms (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), 0);
  return self->number[BADGE_MAX_GAP_MS];
}

guint
ward_site_config_get_awareness_interval_hours (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), 0);
  return self->number[AWARENESS_INTERVAL_HOURS];
}

guint
ward_site_config_get_awareness_max_skips (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), 0);
  return self->number[AWARENESS_MAX_SKIPS];
}

GBusType
ward_site_config_get_device_bus (WardSiteConfig *self)
{
  g_return_val_if_fail (WARD_IS_SITE_CONFIG (self), G_BUS_TYPE_NONE);
  return g_str_equal (self->text[GATEWAY_BUS], "system") ? G_BUS_TYPE_SYSTEM : G_BUS_TYPE_SESSION;
}

/* The strings stay owned by the configuration, which must outlive the
 * call that uses them. */
void
ward_site_config_get_kiosk_settings (WardSiteConfig    *self,
                                     WardKioskSettings *settings)
{
  g_return_if_fail (WARD_IS_SITE_CONFIG (self));
  g_return_if_fail (settings != NULL);

  *settings = (WardKioskSettings) {
    .relying_party_id = self->text[RELYING_PARTY_ID],
    .site_name = self->text[SITE_NAME],
    .bed = self->text[BED_NAME],
    .awareness_interval_hours = self->number[AWARENESS_INTERVAL_HOURS],
    .awareness_max_skips = self->number[AWARENESS_MAX_SKIPS],
    .device_bus = ward_site_config_get_device_bus (self),
    .limits = {
      .idle_lock_us = (gint64) self->number[IDLE_LOCK_SECONDS] * G_USEC_PER_SEC,
      .idle_warning_us = (gint64) self->number[IDLE_WARNING_SECONDS] * G_USEC_PER_SEC,
      .max_duration_us = (gint64) self->number[SESSION_MAX_HOURS] * 3600 * G_USEC_PER_SEC,
      .step_up_us = (gint64) self->number[STEP_UP_SECONDS] * G_USEC_PER_SEC,
      .break_glass_us = (gint64) self->number[BREAK_GLASS_MINUTES] * 60 * G_USEC_PER_SEC,
    },
  };
}
