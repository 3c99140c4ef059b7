/* ward-application.c: the kiosk application: options, settings, the store and the window */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "app/ward-kiosk.h"
#include "app/ward-kiosk-store.h"
#include "app/ward-site-config.h"
#include "ui/ward-screens.h"
#include "ui/ward-size-class.h"
#include "ui/ward-application.h"
#include "ui/ward-first-frame.h"
#include "ui/ward-language.h"
#include "ui/ward-window.h"

#if WARD_DEMO_BUILD
#include <signal.h>
#include <sys/prctl.h>

#include "app/demo/ward-demo.h"
#include "ui/ward-demo-strip.h"
#endif

#if WARD_HAVE_PCSC
#include "auth/ward-pcsc-reader.h"

/* Where pcscd listens unless told otherwise (pcsclite's default). */
#define PCSC_DEFAULT_SOCKET "/run/pcscd/pcscd.comm"
#endif

/* The exit status of a command line this build cannot honour, as in
 * command-line tools' usage errors. */
#define EXIT_USAGE 2

struct _WardApplication
{
  GtkApplication  parent_instance;

  char           *database_path;
  char           *key_file;
  gboolean        demo;

  GSettings      *settings;      /* what a person may change here: the language */
  WardSiteConfig *config;        /* the site's policy: /etc/wardgate/wardgate.conf */
  WardClock      *clock;
  WardStore      *store;
  GError         *store_error;
  WardKiosk      *kiosk;
  char           *demo_dir;      /* the demo's throw-away database folder */
#if WARD_DEMO_BUILD
  WardDemo       *demo_ward;
  GSubprocess    *devsim;        /* the demo's simulated device gateway */
#endif
#if WARD_HAVE_PCSC
  WardPcscReader *pcsc;
#endif
  GtkCssProvider *css;
  guint           sigterm_id;
  guint           sigint_id;
  guint           rebuild_id;
  guint           retry_id;
};

G_DEFINE_FINAL_TYPE (WardApplication, ward_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DEMO,
  PROP_CLOCK,
  PROP_SITE_CONFIG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH, or a PostgreSQL server (postgresql://… or service=NAME) "
       "(default: $WARDGATE_DB, then the user data folder)"), N_("PATH") },
  { "key-file", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the site key in FILE (default: $WARDGATE_KEY_FILE, a systemd credential, "
       "beside a database file, or /etc/wardgate/site.key for a server)"), N_("FILE") },
  /* Hidden, not absent, in clinical builds: asking for it must fail loudly. */
  { "demo", 0, WARD_DEMO_BUILD ? 0 : G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    N_("Seed demo staff and devices and use a virtual security key; never for clinical use"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

WardApplication *
ward_application_new (void)
{
  return g_object_new (WARD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
ward_application_get_database_path (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->database_path;
}

WardStore *
ward_application_get_store (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->store;
}

/* The sign-in flow, factors and administration the kiosk runs on, or NULL
 * while it is out of service. */
WardKiosk *
ward_application_get_kiosk (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->kiosk;
}

/* Why the store is not open, or NULL when it is (or was not tried yet). */
const GError *
ward_application_get_store_error (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->store_error;
}

/* The site's policy, or NULL when its file was refused (the reason is
 * then the out-of-service reason). */
WardSiteConfig *
ward_application_get_site_config (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->config;
}

static WardStore *
application_open_store (WardApplication  *self,
                        GError          **error)
{
  g_autofree char *kiosk_id = ward_site_config_dup_kiosk_id (self->config);

  return ward_kiosk_store_open (self->database_path, self->key_file, self->clock, kiosk_id, error);
}

/* The demo's virtual keys live only in this process, so every demo starts
 * from a fresh database in a folder of its own, removed at exit; a real
 * kiosk's database is never touched by it. */
static WardStore *
application_open_demo_store (WardApplication  *self,
                             GError          **error)
{
  self->demo_dir = g_dir_make_tmp ("wardgate-demo-XXXXXX", error);
  if (self->demo_dir == NULL)
    return NULL;
  return ward_kiosk_store_create_demo (self->demo_dir, self->clock, error);
}

static WardKiosk *
application_new_kiosk (WardApplication *self)
{
  WardKioskSettings kiosk_settings;

  ward_site_config_get_kiosk_settings (self->config, &kiosk_settings);
  return ward_kiosk_new (self->store, &kiosk_settings);
}

#if WARD_HAVE_PCSC
static void
on_card_present (WardPcscReader  *reader,
                 const char      *uid,
                 const char      *reader_name,
                 WardApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Through the window, so that a double check on screen gets its witness. */
  if (WARD_IS_WINDOW (window))
    ward_window_badge (WARD_WINDOW (window), uid);
  else if (self->kiosk != NULL)
    ward_auth_flow_badge (ward_kiosk_get_flow (self->kiosk), uid);
}

static void
on_pcsc_error (WardPcscReader  *reader,
               const char      *message,
               WardApplication *self)
{
  g_message ("Badge reader: %s", message);
}

/* Contactless readers through pcscd, where the site has them. Without the
 * service the keyboard-wedge readers still work: nothing here is fatal. */
static void
application_start_pcsc (WardApplication *self)
{
  const char *socket = g_getenv ("PCSCLITE_CSOCK_NAME");
  g_autoptr(GError) error = NULL;

  if (socket == NULL || *socket == '\0')
    socket = PCSC_DEFAULT_SOCKET;
  if (!g_file_test (socket, G_FILE_TEST_EXISTS))
    {
      g_debug ("No PC/SC service at %s: badges come from keyboard-wedge readers only", socket);
      return;
    }

  self->pcsc = ward_pcsc_reader_new ();
  g_signal_connect_object (self->pcsc, "card-present", G_CALLBACK (on_card_present), self, 0);
  g_signal_connect_object (self->pcsc, "error", G_CALLBACK (on_pcsc_error), self, 0);
  if (!ward_pcsc_reader_start (self->pcsc, &error))
    {
      g_message ("Badge reader watcher not started: %s", error->message);
      g_clear_object (&self->pcsc);
    }
}
#endif

#if WARD_DEMO_BUILD
/* Beside the kiosk in the build tree (ui/ and app/) or installed together. */
static char *
application_find_devsim (void)
{
  const char *configured = g_getenv ("WARDGATE_DEVSIM");
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *here = self_path != NULL ? g_path_get_dirname (self_path) : NULL;
  g_autofree char *beside = here != NULL ? g_build_filename (here, "wardgate-devsim", NULL) : NULL;
  g_autofree char *build_tree = here != NULL ? g_build_filename (here, "..", "app", "wardgate-devsim", NULL) : NULL;
  const char *candidates[] = { configured, beside, build_tree, WARD_BINDIR "/wardgate-devsim" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (candidates[i]);
  return NULL;
}

/* A kiosk that crashes takes its simulated devices with it. */
static void
devsim_die_with_kiosk (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The demo's bedside devices: a simulated gateway of its own, at the bed
 * the kiosk is set up for, its state kept in the demo's folder. Without
 * it the devices simply show as unavailable. */
static void
application_start_devsim (WardApplication *self)
{
  g_autofree char *devsim = application_find_devsim ();
  const char *bed = ward_site_config_get_bed_name (self->config);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  if (devsim == NULL)
    {
      g_message ("No wardgate-devsim found: the demo's devices show as unavailable");
      return;
    }
  g_subprocess_launcher_set_child_setup (launcher, devsim_die_with_kiosk, NULL, NULL);
  self->devsim = g_subprocess_launcher_spawn (launcher, &error, devsim, "--state", self->demo_dir,
                                              "--bed", bed, "--replace", NULL);
  if (self->devsim == NULL)
    g_message ("The demo's device simulator did not start: %s", error->message);
}

static void
application_stop_devsim (WardApplication *self)
{
  if (self->devsim == NULL)
    return;
  g_subprocess_send_signal (self->devsim, SIGTERM);
  g_subprocess_wait (self->devsim, NULL, NULL);
  g_clear_object (&self->devsim);
}
#endif

/* Opens the store (or makes the demo one) and builds the kiosk over it,
 * once; a failure leaves the reason for the out-of-service screen. */
static void
application_open_kiosk (WardApplication *self)
{
  if (self->store != NULL || self->store_error != NULL)
    return;

  /* A policy someone other than root could have written is no policy:
   * the kiosk stays out of service (a calm screen, not a restart loop)
   * and says why, here and in the journal. */
  if (self->config == NULL)
    self->config = ward_site_config_load (&self->store_error);
  if (self->config == NULL)
    {
      g_printerr ("%s\n", self->store_error->message);
      return;
    }

  self->store = self->demo ? application_open_demo_store (self, &self->store_error)
                           : application_open_store (self, &self->store_error);
  if (self->store == NULL)
    return;
  self->kiosk = application_new_kiosk (self);

#if WARD_DEMO_BUILD
  if (self->demo)
    {
      self->demo_ward = ward_demo_new (self->store, ward_kiosk_get_keys (self->kiosk),
                                       ward_kiosk_get_codes (self->kiosk), &self->store_error);
      if (self->demo_ward == NULL)
        {
          g_clear_object (&self->kiosk);
          g_clear_object (&self->store);
          return;
        }
      application_start_devsim (self);
    }
#endif
#if WARD_HAVE_PCSC
  application_start_pcsc (self);
#endif
}

static void
application_quit (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window;

  /* Destroying, not closing: the window refuses close requests. */
  while ((window = gtk_application_get_active_window (app)) != NULL)
    gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (app));
}

static void application_action_set_language (GSimpleAction   *action,
                                             GVariant        *parameter,
                                             gpointer         user_data);
static void on_language_setting_changed     (GSettings       *settings,
                                             const char      *key,
                                             WardApplication *self);

static const GActionEntry app_actions[] = {
  { "quit", application_quit },
  { "set-language", application_action_set_language, "s" },
};

/* systemd and cage stop the kiosk with SIGTERM: leave as cleanly as the
 * quit action does, so the store is closed and the journal says so. */
static gboolean
on_stop_signal (gpointer user_data)
{
  g_message ("Stopping the kiosk on a signal from the system");
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
application_load_style (WardApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  self->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* The stylesheet paints a dark page; stock widgets added later
   * (entries, buttons) must be drawn for a dark page too. Where GTK_THEME
   * names the theme (main() names the dark one before GTK starts), GTK
   * ignores this setting, and changing it would only parse the same theme
   * again. */
  if (g_getenv ("GTK_THEME") == NULL)
    g_object_set (gtk_settings_get_for_display (display),
                  "gtk-application-prefer-dark-theme", TRUE,
                  NULL);
}

/* Tests run several applications in one process, some never reaching
 * shutdown: leave the display as it was found. */
static void
application_unload_style (WardApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (self->css != NULL && display != NULL)
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (self->css));
  g_clear_object (&self->css);
}

static int
ward_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  WardApplication *self = WARD_APPLICATION (app);
  const char *db = NULL;
  const char *key_file = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("wardgate %s%s\n", PACKAGE_VERSION, WARD_DEMO_BUILD ? " (demo build)" : "");
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && *db != '\0')
    g_object_set (self, "database-path", db, NULL);
  if (g_variant_dict_lookup (options, "key-file", "^&ay", &key_file) && *key_file != '\0')
    {
      g_free (self->key_file);
      self->key_file = g_strdup (key_file);
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      /* A clinical build must not be talked into seeding fake staff. */
      if (!WARD_DEMO_BUILD)
        {
          g_printerr ("%s\n", _("This build has no demo mode."));
          return EXIT_USAGE;
        }
      g_object_set (self, "demo", TRUE, NULL);
    }

  return -1;
}

/* The site's language, unless someone chose another on the lock screen. */
static void
application_apply_configured_language (WardApplication *self)
{
  g_autofree char *code = g_settings_get_string (self->settings, "language");

  if (*code != '\0' && !ward_language_apply (code))
    g_warning ("Could not switch the interface language to “%s”", code);
}

static void
ward_application_startup (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);

  G_APPLICATION_CLASS (ward_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  application_apply_configured_language (self);
  g_signal_connect_object (self->settings, "changed::language", G_CALLBACK (on_language_setting_changed), self, 0);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, self);
  application_load_style (self);
}

static gboolean application_rebuild_window (gpointer user_data);

#define STORE_RETRY_SECONDS 5

/* A database server that could not be reached is tried again, quietly,
 * until it answers; then the kiosk is built and shown. Any other reason
 * (no database, wrong key, bad site file) needs a person, not a retry. */
static gboolean
application_retry_store (gpointer user_data)
{
  WardApplication *self = WARD_APPLICATION (user_data);

  self->retry_id = 0;
  g_clear_error (&self->store_error);
  application_open_kiosk (self);
  if (self->store != NULL)
    {
      g_info ("The staff database answers again: kiosk in service");
      application_rebuild_window (self);
    }
  else if (ward_kiosk_store_error_is_transient (self->store_error))
    self->retry_id = g_timeout_add_seconds (STORE_RETRY_SECONDS, application_retry_store, self);
  else
    application_rebuild_window (self);
  return G_SOURCE_REMOVE;
}

/* A kiosk that cannot reach its store still shows a calm screen that says
 * so and whom to call: never a crash loop, never a dialog. */
static void
application_show_store_state (WardApplication *self,
                              WardWindow      *window)
{
  WardLockPage *lock_page = ward_window_get_lock_page (window);

  if (self->store != NULL)
    {
      ward_lock_page_set_out_of_service (lock_page, NULL, NULL);
      return;
    }

  g_warning ("Kiosk out of service: %s", self->store_error->message);
  ward_lock_page_set_out_of_service (lock_page, ward_kiosk_store_error_summary (self->store_error),
                                     self->store_error->message);
  if (self->retry_id == 0 && ward_kiosk_store_error_is_transient (self->store_error))
    self->retry_id = g_timeout_add_seconds (STORE_RETRY_SECONDS, application_retry_store, self);
}

static GtkWindow *
application_build_window (WardApplication *self)
{
  WardWindow *window = ward_window_new (GTK_APPLICATION (self), self->config);

  application_show_store_state (self, window);
  ward_size_class_follow (GTK_WINDOW (window));
  ward_window_set_kiosk (window, self->kiosk);
  /* Not needed for the lock screen's first frame: built right after it. */
  if (self->kiosk != NULL)
    ward_screens_attach_soon (window, self->kiosk);
#if WARD_DEMO_BUILD
  if (self->demo_ward != NULL)
    ward_window_set_demo_strip (window, ward_demo_strip_new (self->demo_ward, ward_kiosk_get_flow (self->kiosk)));
#endif
  return GTK_WINDOW (window);
}

static void
ward_application_activate (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      application_open_kiosk (self);
      window = application_build_window (self);
      ward_first_frame_report_if_asked (window);
    }

  gtk_window_present (window);
}

/* Every string is translated when its widget is built: a new language
 * means a new window. The new one is shown before the old one goes, so the
 * screen never shows the desktop behind. */
static gboolean
application_rebuild_window (gpointer user_data)
{
  WardApplication *self = WARD_APPLICATION (user_data);
  GtkWindow *old = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window;

  self->rebuild_id = 0;
  if (old == NULL)
    return G_SOURCE_REMOVE;
  window = application_build_window (self);
  gtk_window_present (window);
  gtk_window_destroy (old);
  return G_SOURCE_REMOVE;
}

/* Deferred: the request comes from a widget of the window about to go. */
static void
application_set_language (WardApplication *self,
                          const char      *code)
{
  if (!ward_language_apply (code))
    g_warning ("Could not switch the interface language to “%s”", code);
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (application_rebuild_window, self);
}

static void
application_action_set_language (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  application_set_language (WARD_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
on_language_setting_changed (GSettings       *settings,
                             const char      *key,
                             WardApplication *self)
{
  g_autofree char *code = g_settings_get_string (settings, "language");

  application_set_language (self, code);
}

/* The flow first (ending a session still writes to the store), the store
 * before its folder: a demo leaves nothing behind. */
static void
application_close_kiosk (WardApplication *self)
{
#if WARD_HAVE_PCSC
  if (self->pcsc != NULL)
    ward_pcsc_reader_stop (self->pcsc);
  g_clear_object (&self->pcsc);
#endif
#if WARD_DEMO_BUILD
  application_stop_devsim (self);
  g_clear_object (&self->demo_ward);
#endif
  g_clear_object (&self->kiosk);
  g_clear_object (&self->store);
  if (self->demo_dir != NULL)
    ward_kiosk_store_remove_demo (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static void
ward_application_shutdown (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  application_close_kiosk (self);

  application_unload_style (self);

  G_APPLICATION_CLASS (ward_application_parent_class)->shutdown (app);
}

static void
ward_application_dispose (GObject *object)
{
  WardApplication *self = WARD_APPLICATION (object);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  application_close_kiosk (self);
  g_clear_object (&self->clock);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);
  application_unload_style (self);

  G_OBJECT_CLASS (ward_application_parent_class)->dispose (object);
}

static void
ward_application_finalize (GObject *object)
{
  WardApplication *self = WARD_APPLICATION (object);

  g_free (self->database_path);
  g_free (self->key_file);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (ward_application_parent_class)->finalize (object);
}

static void
ward_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WardApplication *self = WARD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SITE_CONFIG:
      g_value_set_object (value, self->config);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_application_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WardApplication *self = WARD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;
    case PROP_CLOCK:
      g_set_object (&self->clock, g_value_get_object (value));
      break;
    case PROP_SITE_CONFIG:
      g_set_object (&self->config, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_application_class_init (WardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ward_application_dispose;
  object_class->finalize = ward_application_finalize;
  object_class->get_property = ward_application_get_property;
  object_class->set_property = ward_application_set_property;
  app_class->handle_local_options = ward_application_handle_local_options;
  app_class->startup = ward_application_startup;
  app_class->activate = ward_application_activate;
  app_class->shutdown = ward_application_shutdown;

  /* NULL: the store decides ($WARDGATE_DB, then XDG). */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* NULL: the system's clock. Tests give a fake one, shared with their
   * fixtures, so that time moves when they say. */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, WARD_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: read at start from $WARDGATE_CONFIG or /etc/wardgate/wardgate.conf.
   * Tests give one made from text. */
  properties[PROP_SITE_CONFIG] =
    g_param_spec_object ("site-config", NULL, NULL, WARD_TYPE_SITE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ward_application_init (WardApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The bedside staff-access kiosk."));
}
