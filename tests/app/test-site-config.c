/* test-site-config.c: the site configuration file: values, ranges, line-and-key errors, who may write it */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app/ward-site-config.h"

/* Someone who is neither root nor the user running the test. */
#define OTHER_UID 65534

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("wardgate-config-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "wardgate.conf", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "link.conf", NULL);
  g_autofree char *inner = g_build_filename (f->dir, "inner", NULL);
  g_autofree char *inner_file = g_build_filename (inner, "wardgate.conf", NULL);

  g_unlink (f->path);
  g_unlink (link);
  g_unlink (inner_file);
  g_rmdir (inner);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
write_file (const char *path,
            const char *text,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* The user the file is safe against: when the test runs as root, any
 * unprivileged user; otherwise someone else than the file's owner. */
static uid_t
a_kiosk_user (void)
{
  return geteuid () == 0 ? OTHER_UID : geteuid () + 1;
}

static void
test_defaults (void)
{
  g_autoptr(WardSiteConfig) config = ward_site_config_new_default ();
  WardKioskSettings settings;

  g_assert_null (ward_site_config_get_path (config));
  g_assert_cmpstr (ward_site_config_get_relying_party_id (config), ==, "wardgate.local");
  g_assert_cmpuint (ward_site_config_get_badge_max_gap_ms (config), ==, 50);
  g_assert_cmpuint (ward_site_config_get_awareness_interval_hours (config), ==, 10);
  g_assert_cmpuint (ward_site_config_get_awareness_max_skips (config), ==, 2);
  g_assert_cmpint (ward_site_config_get_device_bus (config), ==, G_BUS_TYPE_SESSION);
  /* No issuer of its own: authenticator apps show the site's name. */
  g_assert_cmpstr (ward_site_config_get_totp_issuer (config), ==, ward_site_config_get_site_name (config));

  ward_site_config_get_kiosk_settings (config, &settings);
  g_assert_cmpint (settings.limits.idle_lock_us, ==, 120 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.idle_warning_us, ==, 30 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.max_duration_us, ==, (gint64) 12 * 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.step_up_us, ==, 300 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.break_glass_us, ==, 15 * 60 * G_USEC_PER_SEC);
}

static const char full_file[] =
  "# Ward 7C, bed 3\n"
  "[site]\n"
  "name = St. Test’s Hospital\n"
  "ward=Ward 7C\n"
  "bed = Bed 3\n"
  "kiosk-id = w7c-bed3\n"
  "it-extension = +44 20 4357\n"
  "\n"
  "[session]\n"
  "idle-lock-seconds = 900\n"
  "idle-warning-seconds = 10\n"
  "max-hours = 8\n"
  "step-up-seconds = 60\n"
  "break-glass-minutes = 5\n"
  "[factors]\n"
  "relying-party-id = wardgate.test-hospital.org\n"
  "totp-issuer = Test Hospital\n"
  "badge-max-gap-ms = 200\n"
  "[awareness]\n"
  "interval-hours = 168\n"
  "max-skips = 0\n"
  "[devices]\n"
  "gateway-bus = system\n";

static void
test_every_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = ward_site_config_new_from_data (full_file, "test", &error);
  g_autofree char *kiosk_id = NULL;
  WardKioskSettings settings;

  g_assert_no_error (error);
  kiosk_id = ward_site_config_dup_kiosk_id (config);
  g_assert_cmpstr (ward_site_config_get_site_name (config), ==, "St. Test’s Hospital");
  g_assert_cmpstr (ward_site_config_get_ward_name (config), ==, "Ward 7C");
  g_assert_cmpstr (ward_site_config_get_bed_name (config), ==, "Bed 3");
  g_assert_cmpstr (kiosk_id, ==, "w7c-bed3");
  g_assert_cmpstr (ward_site_config_get_it_extension (config), ==, "+44 20 4357");
  g_assert_cmpstr (ward_site_config_get_relying_party_id (config), ==, "wardgate.test-hospital.org");
  g_assert_cmpstr (ward_site_config_get_totp_issuer (config), ==, "Test Hospital");
  g_assert_cmpuint (ward_site_config_get_badge_max_gap_ms (config), ==, 200);
  g_assert_cmpuint (ward_site_config_get_awareness_interval_hours (config), ==, 168);
  g_assert_cmpuint (ward_site_config_get_awareness_max_skips (config), ==, 0);
  g_assert_cmpint (ward_site_config_get_device_bus (config), ==, G_BUS_TYPE_SYSTEM);

  ward_site_config_get_kiosk_settings (config, &settings);
  g_assert_cmpstr (settings.relying_party_id, ==, "wardgate.test-hospital.org");
  g_assert_cmpstr (settings.bed, ==, "Bed 3");
  g_assert_cmpint (settings.device_bus, ==, G_BUS_TYPE_SYSTEM);
  g_assert_cmpint (settings.limits.idle_lock_us, ==, 900 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.idle_warning_us, ==, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.max_duration_us, ==, (gint64) 8 * 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.step_up_us, ==, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (settings.limits.break_glass_us, ==, 5 * 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (settings.awareness_interval_hours, ==, 168);
  g_assert_cmpuint (settings.awareness_max_skips, ==, 0);
}

typedef struct
{
  const char *text;
  const char *expected;   /* a pattern for the message */
} Refusal;

/* Each is refused, naming the file, the line and the key, so that IT
 * finds the mistake without guessing; nothing is clamped into range. */
static const Refusal refusals[] = {
  { "[session]\nidle-lock-seconds = 901\n",
    "site.conf, line 2: “idle-lock-seconds” in [session] must be a whole number from 30 to 900, not “901”." },
  { "[session]\nidle-lock-seconds = 29\n", "*line 2*idle-lock-seconds*from 30 to 900*“29”*" },
  { "[session]\nidle-lock-seconds = -1\n", "*line 2*idle-lock-seconds*“-1”*" },
  { "[session]\nidle-lock-seconds = 2m\n", "*line 2*idle-lock-seconds*“2m”*" },
  { "[session]\nidle-lock-seconds =\n", "*line 2*idle-lock-seconds*“”*" },
  { "[session]\nidle-lock-seconds = 99999999999999999999\n", "*line 2*idle-lock-seconds*" },
  { "[session]\n\n# longest session\nmax-hours = 13\n", "*line 4*max-hours*from 1 to 12*" },
  { "[session]\nidle-warning-seconds = 9\n", "*line 2*idle-warning-seconds*from 10 to 120*" },
  { "[session]\nstep-up-seconds = 3601\n", "*line 2*step-up-seconds*from 30 to 3600*" },
  { "[session]\nbreak-glass-minutes = 61\n", "*line 2*break-glass-minutes*from 5 to 60*" },
  { "[factors]\nbadge-max-gap-ms = 201\n", "*line 2*badge-max-gap-ms*from 10 to 200*" },
  { "[awareness]\ninterval-hours = 0\n", "*line 2*interval-hours*from 1 to 168*" },
  { "[awareness]\nmax-skips = 6\n", "*line 2*max-skips*from 0 to 5*" },
  { "[session]\nidle-lock-secnds = 900\n", "site.conf, line 2: there is no key “idle-lock-secnds” in [session]." },
  { "[sessions]\nidle-lock-seconds = 900\n", "site.conf, line 1: there is no group “[sessions]”." },
  { "[session]\nidle-lock-seconds = 60\nidle-lock-seconds = 900\n",
    "site.conf, line 3: the key “idle-lock-seconds” in [session] was already set on line 2." },
  { "idle-lock-seconds = 60\n", "site.conf, line 1: the key “idle-lock-seconds” comes before any group." },
  { "[site]\nname Wardgate\n", "site.conf, line 2: this line is neither*" },
  { "[site\n", "site.conf, line 1: a group name must end with “]”." },
  { "[site]\nname[fr] = Hôpital\n", "*line 2*there is no key “name[fr]” in [site]*" },
  { "[site]\nname =\n", "*line 2*“name” in [site] must not be empty*" },
  { "[site]\nbed = Bed\\t3\n", "*line 2*“bed” in [site] is not valid*" },
  { "[site]\nkiosk-id = bed 3\n", "*line 2*“kiosk-id”*only letters, digits*" },
  { "[site]\nit-extension = call me\n", "*line 2*“it-extension”*only digits*" },
  { "[factors]\nrelying-party-id = Wardgate.Local\n", "*line 2*“relying-party-id”*lower case*" },
  { "[factors]\nrelying-party-id = wardgate local\n", "*line 2*“relying-party-id”*lower case*" },
  { "[factors]\nrelying-party-id =\n", "*line 2*“relying-party-id” in [factors] must not be empty*" },
  { "[devices]\ngateway-bus = both\n", "*line 2*“gateway-bus” in [devices] must be “system” or “session”, not “both”*" },
};

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WardSiteConfig) config = ward_site_config_new_from_data (refusals[i].text, "site.conf", &error);

      g_test_message ("%s", refusals[i].text);
      g_assert_null (config);
      g_assert_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID);
      if (!g_pattern_match_simple (refusals[i].expected, error->message))
        g_error ("“%s” does not match “%s”", error->message, refusals[i].expected);
    }
}

/* Keys left out keep their defaults; a group may be named again. */
static void
test_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config =
    ward_site_config_new_from_data ("[site]\nbed = Bed 9\n[factors]\ntotp-issuer =\n[site]\nward = ICU\n", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ward_site_config_get_bed_name (config), ==, "Bed 9");
  g_assert_cmpstr (ward_site_config_get_ward_name (config), ==, "ICU");
  g_assert_cmpstr (ward_site_config_get_site_name (config), ==, "St. Elsewhere General");
  g_assert_cmpstr (ward_site_config_get_totp_issuer (config), ==, "St. Elsewhere General");
}

static void
test_protected_file_loads (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = NULL;

  write_file (f->path, full_file, 0644);
  config = ward_site_config_load_file (f->path, a_kiosk_user (), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ward_site_config_get_path (config), ==, f->path);
  g_assert_cmpstr (ward_site_config_get_bed_name (config), ==, "Bed 3");
}

static void
assert_unsafe (const char *path,
               uid_t       runner,
               const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = ward_site_config_load_file (path, runner, TRUE, &error);

  g_assert_null (config);
  g_assert_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNSAFE);
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
}

/* Valid contents do not help a file someone else could have written. */
static void
test_writable_file_refused (Fixture       *f,
                            gconstpointer  data)
{
  write_file (f->path, full_file, 0664);
  assert_unsafe (f->path, a_kiosk_user (), "*is not protected*can change it*chmod 644*");
  write_file (f->path, full_file, 0646);
  assert_unsafe (f->path, a_kiosk_user (), "*is not protected*");
  /* Root running the command line is refused too: the kiosk would be. */
  assert_unsafe (f->path, 0, "*is not protected*");
}

/* Whoever owns the file can make it writable again: the kiosk's own user
 * must not own it, even when it is read-only now. */
static void
test_file_owned_by_kiosk_user_refused (Fixture       *f,
                                       gconstpointer  data)
{
  uid_t kiosk_user = geteuid ();

  write_file (f->path, full_file, 0444);
  if (geteuid () == 0)
    {
      kiosk_user = OTHER_UID;
      g_assert_cmpint (chown (f->path, kiosk_user, (gid_t) -1), ==, 0);
    }
  assert_unsafe (f->path, kiosk_user, "*is not protected*");
}

static void
test_writable_folder_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *inner = g_build_filename (f->dir, "inner", NULL);
  g_autofree char *inner_file = g_build_filename (inner, "wardgate.conf", NULL);

  g_assert_cmpint (g_mkdir (inner, 0755), ==, 0);
  write_file (inner_file, full_file, 0644);
  g_assert_cmpint (g_chmod (inner, 0775), ==, 0);
  assert_unsafe (inner_file, a_kiosk_user (), "*the folder*inner can be changed*");
  g_assert_cmpint (g_chmod (inner, 0755), ==, 0);
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (inner, OTHER_UID, (gid_t) -1), ==, 0);
      assert_unsafe (inner_file, OTHER_UID, "*the folder*inner can be changed*");
    }
  else
    assert_unsafe (inner_file, geteuid (), "*not protected*");
}

static void
test_symbolic_link_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "link.conf", NULL);

  write_file (f->path, full_file, 0644);
  g_assert_cmpint (symlink (f->path, link), ==, 0);
  assert_unsafe (link, a_kiosk_user (), "*is not protected: it is a symbolic link*");
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = NULL;

  /* The system file may be absent: the defaults are the safe ones. */
  config = ward_site_config_load_file (f->path, a_kiosk_user (), FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (ward_site_config_get_path (config));
  g_clear_object (&config);

  /* One named on purpose must be there. */
  config = ward_site_config_load_file (f->path, a_kiosk_user (), TRUE, &error);
  g_assert_null (config);
  g_assert_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_NOT_FOUND);
}

/* Errors in a file name the file itself. */
static void
test_invalid_file_names_path (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = NULL;
  g_autofree char *expected = g_strdup_printf ("%s, line 3: “max-skips” in [awareness] must be a whole number from 0 to 5, not “9”.",
                                               f->path);

  write_file (f->path, "[awareness]\n# never postponed more than twice\nmax-skips = 9\n", 0644);
  config = ward_site_config_load_file (f->path, a_kiosk_user (), TRUE, &error);
  g_assert_null (config);
  g_assert_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_environment_names_file (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = NULL;
  gboolean from_env = FALSE;
  g_autofree char *path = NULL;

  g_unsetenv ("WARDGATE_CONFIG");
  path = ward_site_config_default_path (&from_env);
  g_assert_false (from_env);
  g_assert_cmpstr (path, ==, WARD_SYSCONFDIR "/wardgate/wardgate.conf");
  g_clear_pointer (&path, g_free);

  g_setenv ("WARDGATE_CONFIG", f->path, TRUE);
  path = ward_site_config_default_path (&from_env);
  g_assert_true (from_env);
  g_assert_cmpstr (path, ==, f->path);

  /* Named, hence required. */
  config = ward_site_config_load (&error);
  g_assert_null (config);
  g_assert_error (error, WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_NOT_FOUND);
  g_unsetenv ("WARDGATE_CONFIG");
}

/* What config check prints reads back as the same policy. */
static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardSiteConfig) config = ward_site_config_new_from_data (full_file, "test", &error);
  g_autoptr(WardSiteConfig) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autoptr(WardSiteConfig) odd = NULL;
  g_autoptr(WardSiteConfig) odd_again = NULL;
  g_autofree char *odd_text = NULL;

  g_assert_no_error (error);
  text = ward_site_config_to_data (config);
  g_assert_nonnull (strstr (text, "[session]\nidle-lock-seconds = 900\n"));
  g_assert_nonnull (strstr (text, "gateway-bus = system\n"));
  again = ward_site_config_new_from_data (text, "printed", &error);
  g_assert_no_error (error);
  text_again = ward_site_config_to_data (again);
  g_assert_cmpstr (text, ==, text_again);

  /* Backslashes and a leading space survive the trip. */
  odd = ward_site_config_new_from_data ("[site]\nname = \\sSt. A\\\\B\n", "test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ward_site_config_get_site_name (odd), ==, " St. A\\B");
  odd_text = ward_site_config_to_data (odd);
  odd_again = ward_site_config_new_from_data (odd_text, "printed", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ward_site_config_get_site_name (odd_again), ==, " St. A\\B");
}

/* The file an install puts in /etc/wardgate is itself valid. */
static void
test_shipped_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(WardSiteConfig) config = NULL;

  g_file_get_contents (WARD_TEST_SHIPPED_CONFIG, &text, NULL, &error);
  g_assert_no_error (error);
  config = ward_site_config_new_from_data (text, WARD_TEST_SHIPPED_CONFIG, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ward_site_config_get_device_bus (config), ==, G_BUS_TYPE_SYSTEM);
  g_assert_cmpuint (ward_site_config_get_awareness_interval_hours (config), ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/site-config/defaults", test_defaults);
  g_test_add_func ("/app/site-config/every-key", test_every_key);
  g_test_add_func ("/app/site-config/refusals", test_refusals);
  g_test_add_func ("/app/site-config/partial", test_partial);
  g_test_add_func ("/app/site-config/shipped-file", test_shipped_file);
  g_test_add_func ("/app/site-config/round-trip", test_round_trip);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/site-config/protected-file-loads", test_protected_file_loads);
  ADD ("/app/site-config/writable-file-refused", test_writable_file_refused);
  ADD ("/app/site-config/owned-by-kiosk-user-refused", test_file_owned_by_kiosk_user_refused);
  ADD ("/app/site-config/writable-folder-refused", test_writable_folder_refused);
  ADD ("/app/site-config/symbolic-link-refused", test_symbolic_link_refused);
  ADD ("/app/site-config/missing-file", test_missing_file);
  ADD ("/app/site-config/invalid-file-names-path", test_invalid_file_names_path);
  ADD ("/app/site-config/environment-names-file", test_environment_names_file);
#undef ADD

  return g_test_run ();
}
