/* ward-application.c: the kiosk application: options, settings, the store and the window */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "data/ward-clock.h"
#include "data/ward-install-key.h"
#include "ui/ward-application.h"
#include "ui/ward-window.h"

/* The exit status of a command line this build cannot honour, as in
 * command-line tools' usage errors. */
#define EXIT_USAGE 2

struct _WardApplication
{
  GtkApplication  parent_instance;

  char           *database_path;
  gboolean        demo;

  GSettings      *settings;
  WardClock      *clock;
  WardStore      *store;
  GError         *store_error;
  GtkCssProvider *css;
  guint           sigterm_id;
  guint           sigint_id;
};

G_DEFINE_FINAL_TYPE (WardApplication, ward_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH (default: $WARDGATE_DB, then the user data folder)"), N_("PATH") },
  /* Hidden, not absent, in clinical builds: asking for it must fail loudly. */
  { "demo", 0, WARD_DEMO_BUILD ? 0 : G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    N_("Seed demo staff and devices and use a virtual security key; never for clinical use"), NULL },
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

gboolean
ward_application_get_demo (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), FALSE);
  return self->demo;
}

GSettings *
ward_application_get_settings (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->settings;
}

WardStore *
ward_application_get_store (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->store;
}

/* Why the store is not open, or NULL when it is (or was not tried yet). */
const GError *
ward_application_get_store_error (WardApplication *self)
{
  g_return_val_if_fail (WARD_IS_APPLICATION (self), NULL);
  return self->store_error;
}

/* The audit trail names the kiosk; a site that did not name it still gets
 * a stable, recognisable name. */
static char *
application_kiosk_id (WardApplication *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "kiosk-id");

  if (*configured != '\0')
    return g_steal_pointer (&configured);
  return g_strdup (g_get_host_name ());
}

static WardStore *
application_open_store (WardApplication  *self,
                        GError          **error)
{
  g_autofree char *path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *kiosk_id = NULL;
  g_autoptr(WardInstallKey) key = NULL;

  path = self->database_path != NULL ? g_strdup (self->database_path) : ward_store_default_path ();

  /* Checked before the key, whose file sits beside the database: on a
   * kiosk never set up, "no database" is the cause, a missing key only a
   * consequence. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WARD_STORE_ERROR, WARD_STORE_ERROR_MISSING,
                   _("This kiosk has not been set up: there is no database at %s."), path);
      return NULL;
    }

  key_path = ward_install_key_path_for_database (path);
  key = ward_install_key_load (key_path, error);
  if (key == NULL)
    return NULL;

  kiosk_id = application_kiosk_id (self);
  return ward_store_open (path, key, self->clock, kiosk_id, WARD_STORE_OPEN_DEFAULT, error);
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

static const GActionEntry app_actions[] = {
  { "quit", application_quit },
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
   * (entries, buttons) must be drawn for a dark page too. */
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

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && *db != '\0')
    g_object_set (self, "database-path", db, NULL);

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

static void
ward_application_startup (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);

  G_APPLICATION_CLASS (ward_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  self->clock = ward_clock_new_system ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_stop_signal, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_stop_signal, self);
  application_load_style (self);
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
      ward_lock_page_set_out_of_service (lock_page, NULL);
      return;
    }

  g_warning ("Kiosk out of service: %s", self->store_error->message);
  ward_lock_page_set_out_of_service (lock_page, self->store_error->message);
}

static void
ward_application_activate (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (ward_window_new (GTK_APPLICATION (app), self->settings));

      g_clear_error (&self->store_error);
      self->store = application_open_store (self, &self->store_error);
      application_show_store_state (self, WARD_WINDOW (window));
    }

  gtk_window_present (window);
}

static void
ward_application_shutdown (GApplication *app)
{
  WardApplication *self = WARD_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_object (&self->store);

  application_unload_style (self);

  G_APPLICATION_CLASS (ward_application_parent_class)->shutdown (app);
}

static void
ward_application_dispose (GObject *object)
{
  WardApplication *self = WARD_APPLICATION (object);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  application_unload_style (self);

  G_OBJECT_CLASS (ward_application_parent_class)->dispose (object);
}

static void
ward_application_finalize (GObject *object)
{
  WardApplication *self = WARD_APPLICATION (object);

  g_free (self->database_path);
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

  /* NULL: ward_store_default_path() decides ($WARDGATE_DB, then XDG). */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ward_application_init (WardApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The bedside staff-access kiosk."));
}
