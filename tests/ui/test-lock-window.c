/* test-lock-window.c: the lock screen as a person meets it: texts, states, no close, screenshots */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "data/ward-clock.h"
#include "data/ward-folder.h"
#include "data/ward-install-key.h"
#include "data/ward-store.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-application.h"
#include "ui/ward-window.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#define TEST_SITE "Test General Hospital"
#define TEST_WARD "Ward 7C"
#define TEST_BED  "Bed 3"
#define TEST_LOCATION TEST_WARD " · " TEST_BED

typedef struct _Fixture Fixture;

/* A test's checks, run inside the application once its window is drawn. */
typedef void (*FixtureCheck) (Fixture *f);

struct _Fixture
{
  char            *dir;
  char            *db_path;
  WardApplication *app;
  GtkWindow       *window;
  FixtureCheck     check;
#ifdef TEST_X11
  Display         *wm_watch;
#endif
};

/* The out-of-service warning is expected in some tests; any other warning
 * stays fatal, as g_test_init() makes it. */
static const char *expected_warning;
static guint       expected_warning_seen;

static const char *
log_message (const GLogField *fields,
             gsize            n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
      return fields[i].value;
  return "";
}

static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) != 0 && expected_warning != NULL &&
      strstr (log_message (fields, n_fields), expected_warning) != NULL)
    {
      expected_warning_seen++;
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
expect_warning (const char *text)
{
  expected_warning = text;
  expected_warning_seen = 0;
}

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The screenshots show a fixed 03:07 (the hour the screen must work for),
 * not whatever time the tests happen to run at. */
static void
freeze_clock (GtkWindow *window)
{
  g_autoptr(GDateTime) night = g_date_time_new_local (2025, 3, 14, 3, 7, 0);
  g_autoptr(WardClock) clock = ward_clock_new_fake (g_date_time_to_unix (night) * G_USEC_PER_SEC);

  ward_lock_page_set_clock (ward_window_get_lock_page (WARD_WINDOW (window)), clock);
}

#ifdef TEST_X11
/* Xvfb has no window manager, so a fullscreen request is never applied.
 * A second connection listens on the root window, where a window manager
 * would receive it, to see that the kiosk asked. */
static Display *
wm_watch_start (void)
{
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return NULL;

  xdisplay = XOpenDisplay (NULL);
  g_assert_nonnull (xdisplay);
  XSelectInput (xdisplay, DefaultRootWindow (xdisplay), SubstructureNotifyMask);
  XSync (xdisplay, False);
  return xdisplay;
}

static gboolean
wm_watch_saw_fullscreen (Display   *xdisplay,
                         GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Window xid = gdk_x11_surface_get_xid (surface);
  Atom wm_state = XInternAtom (xdisplay, "_NET_WM_STATE", False);
  Atom fullscreen = XInternAtom (xdisplay, "_NET_WM_STATE_FULLSCREEN", False);
  gboolean seen = FALSE;

  gdk_display_sync (gdk_surface_get_display (surface));
  XSync (xdisplay, False);
  while (XPending (xdisplay) > 0)
    {
      XEvent event;

      XNextEvent (xdisplay, &event);
      if (event.type == ClientMessage &&
          event.xclient.window == xid &&
          event.xclient.message_type == wm_state &&
          event.xclient.data.l[0] == 1 /* _NET_WM_STATE_ADD */ &&
          (Atom) event.xclient.data.l[1] == fullscreen)
        seen = TRUE;
    }
  XCloseDisplay (xdisplay);
  return seen;
}
#endif

/* What /etc/wardgate/wardgate.conf would say; NULL: the kiosk reads the
 * file itself ($WARDGATE_CONFIG), as at boot. */
static WardSiteConfig *site_config;

static void
configure_site (void)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&site_config);
  site_config = ward_site_config_new_from_data ("[site]\n"
                                                "name = " TEST_SITE "\n"
                                                "ward = " TEST_WARD "\n"
                                                "bed = " TEST_BED "\n",
                                                "test site", &error);
  g_assert_no_error (error);
}

static void
create_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = ward_install_key_path_for_database (f->db_path);
  g_autoptr(WardInstallKey) key = ward_install_key_create (key_path, &error);
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = NULL;

  g_assert_no_error (error);
  store = ward_store_open (f->db_path, key, clock, "test-kiosk", WARD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* 1280×800 is the bedside screen the layout is made for. */
static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  gtk_window_set_default_size (window, 1280, 800);
}

static WardApplication *
new_application (void)
{
  /* Non-unique: a kiosk running on the same machine is left alone. */
  WardApplication *app = g_object_new (WARD_TYPE_APPLICATION,
                                       "application-id", APP_ID,
                                       "flags", G_APPLICATION_NON_UNIQUE,
                                       "site-config", site_config,
                                       NULL);

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return app;
}

static gboolean
run_check_then_quit (gpointer user_data)
{
  Fixture *f = user_data;

  f->window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_true (WARD_IS_WINDOW (f->window));
  freeze_clock (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  f->check (f);

  /* The system's way out, the only one there is. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  g_idle_add (run_check_then_quit, user_data);
}

/* The path a kiosk takes at boot: command line, activation, the store, and
 * at the end a clean exit through the quit action. g_application_run()
 * rather than register + activate: only it unregisters the application
 * and lets it go. */
static void
run_application (Fixture      *f,
                 FixtureCheck  check)
{
  char *argv[] = { (char *) "wardgate", (char *) "--db", f->db_path, NULL };
  int status;

  f->app = new_application ();
  f->check = check;
  g_signal_connect_after (f->app, "activate", G_CALLBACK (on_activate), f);

  status = g_application_run (G_APPLICATION (f->app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  g_assert_cmpstr (ward_application_get_database_path (f->app), ==, f->db_path);
  f->window = NULL;
  g_assert_finalize_object (g_steal_pointer (&f->app));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("wardgate-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "wardgate.db", NULL);
  configure_site ();
  expect_warning (NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_folder_remove (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  expect_warning (NULL);
}

static void
check_lock_screen (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *shot = NULL;

  g_assert_null (ward_application_get_store_error (f->app));
  g_assert_nonnull (ward_application_get_store (f->app));

  ward_test_assert_shows (GTK_WIDGET (f->window), TEST_SITE);
  ward_test_assert_shows (GTK_WIDGET (f->window), TEST_LOCATION);
  ward_test_assert_shows (GTK_WIDGET (f->window), "03:07");
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
  ward_test_assert_shows (GTK_WIDGET (f->window), "then touch your security key and enter your code");
  ward_test_assert_hides (GTK_WIDGET (f->window), "This kiosk is out of service");

  shot = ward_test_save_screenshot (GTK_WIDGET (f->window), "lock-screen.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  /* What the kiosk's own user may change (through dconf, as that user)
   * is the language and nothing else: no policy, not even the bed name. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  {
    g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

    g_assert_cmpuint (g_strv_length (keys), ==, 1);
    g_assert_cmpstr (keys[0], ==, "language");
  }
}

static void
test_lock_screen (Fixture       *f,
                  gconstpointer  data)
{
  create_database (f);
  run_application (f, check_lock_screen);
}

static void
check_fullscreen_requested (Fixture *f)
{
  /* Applied where a window manager or compositor runs. */
  if (gtk_window_is_fullscreen (f->window))
    return;

#ifdef TEST_X11
  g_assert_nonnull (f->wm_watch);
  g_assert_true (wm_watch_saw_fullscreen (g_steal_pointer (&f->wm_watch), f->window));
#else
  g_test_fail_printf ("The window is not fullscreen");
#endif
}

static void
check_cannot_be_closed (Fixture *f)
{
  check_fullscreen_requested (f);

  /* What Alt+F4 or a compositor's close button does. */
  gtk_window_close (f->window);
  spin_until_idle ();

  g_assert_nonnull (g_list_find (gtk_application_get_windows (GTK_APPLICATION (f->app)), f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  ward_test_assert_shows (GTK_WIDGET (f->window), "Tap your badge");
}

static void
test_window_cannot_be_closed (Fixture       *f,
                              gconstpointer  data)
{
#ifdef TEST_X11
  /* Listening before the window exists: the request is sent as it maps. */
  f->wm_watch = wm_watch_start ();
#endif
  create_database (f);
  run_application (f, check_cannot_be_closed);
#ifdef TEST_X11
  g_clear_pointer (&f->wm_watch, XCloseDisplay);
#endif
}

/* The nurse reads what happened and what to do, in plain words; the
 * technical cause waits, folded, in the details for IT. */
static void
assert_plain_words (Fixture    *f,
                    const char *sentence,
                    const char *technical)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  WardLockPage *page = ward_window_get_lock_page (WARD_WINDOW (f->window));

  ward_test_assert_shows (root, "This kiosk is out of service");
  ward_test_assert_shows (root, sentence);
  ward_test_assert_shows (root, "Please use another kiosk for now.");
  ward_test_assert_shows (root, "Please call IT.");
  g_assert_cmpstr (ward_lock_page_get_out_of_service_reason (page), ==, sentence);
  g_assert_nonnull (strstr (ward_lock_page_get_out_of_service_details (page), technical));
  ward_test_assert_it_details (root, technical);
  /* The card is the tallest thing the lock page shows: it must leave the
   * language menu on the bedside screen, not push the window past it. */
  ward_test_assert_fits_size (root, 1280, 800, "out of service");
}

static void
check_not_set_up (Fixture *f)
{
  g_autofree char *shot = NULL;

  g_assert_nonnull (ward_application_get_store_error (f->app));
  g_assert_null (ward_application_get_store (f->app));
  g_assert_true (ward_lock_page_get_out_of_service (ward_window_get_lock_page (WARD_WINDOW (f->window))));

  assert_plain_words (f, "This kiosk has not been set up yet.", "there is no database at");
  ward_test_assert_shows (GTK_WIDGET (f->window), TEST_LOCATION);
  ward_test_assert_hides (GTK_WIDGET (f->window), "Tap your badge");

  shot = ward_test_save_screenshot (GTK_WIDGET (f->window), "out-of-service.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
}

static void
test_missing_database_is_out_of_service (Fixture       *f,
                                         gconstpointer  data)
{
  expect_warning ("out of service");
  run_application (f, check_not_set_up);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
}

static void
check_key_missing (Fixture *f)
{
  g_assert_null (ward_application_get_store (f->app));
  assert_plain_words (f, "This kiosk cannot unlock its staff database.", "is missing; without it the database");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Tap your badge");
}

static void
test_missing_key_is_out_of_service (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *key_path = ward_install_key_path_for_database (f->db_path);

  create_database (f);
  g_assert_cmpint (g_unlink (key_path), ==, 0);
  expect_warning ("out of service");
  run_application (f, check_key_missing);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
}

static void
check_wrong_key (Fixture *f)
{
  g_autofree char *shot = NULL;

  g_assert_null (ward_application_get_store (f->app));
  g_assert_error ((GError *) ward_application_get_store_error (f->app), WARD_STORE_ERROR, WARD_STORE_ERROR_WRONG_KEY);
  assert_plain_words (f, "This kiosk cannot unlock its staff database.", "is not the key of the database");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Tap your badge");
  shot = ward_test_save_screenshot (GTK_WIDGET (f->window), "out-of-service-wrong-key.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
}

/* A key file that is there and valid, but was made for another database
 * (a backup restored without its key). */
static void
test_wrong_key_is_out_of_service (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *key_path = ward_install_key_path_for_database (f->db_path);
  g_autoptr(WardInstallKey) other = NULL;
  g_autoptr(GError) error = NULL;

  create_database (f);
  g_assert_cmpint (g_unlink (key_path), ==, 0);
  other = ward_install_key_create (key_path, &error);
  g_assert_no_error (error);
  expect_warning ("out of service");
  run_application (f, check_wrong_key);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
}

static void
check_damaged_database (Fixture *f)
{
  g_autofree char *shot = NULL;

  g_assert_null (ward_application_get_store (f->app));
  assert_plain_words (f, "The staff database of this kiosk is damaged.", "not a Wardgate database");
  shot = ward_test_save_screenshot (GTK_WIDGET (f->window), "out-of-service-damaged.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
}

static void
test_damaged_database_is_out_of_service (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  create_database (f);
  g_file_set_contents (f->db_path, "this is not SQLite", -1, &error);
  g_assert_no_error (error);
  expect_warning ("out of service");
  run_application (f, check_damaged_database);
  g_assert_cmpuint (expected_warning_seen, ==, 1);
}

static void
check_unsafe_config (Fixture *f)
{
  g_assert_null (ward_application_get_store (f->app));
  g_assert_null (ward_application_get_site_config (f->app));
  g_assert_error ((GError *) ward_application_get_store_error (f->app),
                  WARD_SITE_CONFIG_ERROR, WARD_SITE_CONFIG_ERROR_UNSAFE);
  assert_plain_words (f, "The settings of this kiosk cannot be trusted, so it stays locked.", "is not protected");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Tap your badge");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Weakened Hospital");
  /* Nor the built-in defaults: no bed at all rather than a wrong one. */
  ward_test_assert_hides (GTK_WIDGET (f->window), "St. Elsewhere General");
  ward_test_assert_hides (GTK_WIDGET (f->window), "Ward 4B · Bed 12");
}

/* A site file anyone may write is refused before the store is opened,
 * even when what it says is valid: the kiosk's own user could have
 * lengthened the idle lock in it. */
static void
test_unsafe_config_is_out_of_service (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "wardgate.conf", NULL);
  g_autoptr(GError) error = NULL;

  create_database (f);
  g_file_set_contents (path, "[site]\nname = Weakened Hospital\n[session]\nidle-lock-seconds = 900\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_clear_object (&site_config);
  g_setenv ("WARDGATE_CONFIG", path, TRUE);
  expect_warning ("out of service");
  run_application (f, check_unsafe_config);
  g_unsetenv ("WARDGATE_CONFIG");
  g_assert_cmpuint (expected_warning_seen, ==, 1);
}

static void
test_demo_refused (void)
{
  if (WARD_DEMO_BUILD)
    {
      g_test_skip ("This build has a demo mode");
      return;
    }

  if (g_test_subprocess ())
    {
      char *argv[] = { (char *) "wardgate", (char *) "--demo", NULL };
      g_autoptr(WardApplication) app = new_application ();

      exit (g_application_run (G_APPLICATION (app), 2, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*This build has no demo mode*");
}

int
main (int   argc,
      char *argv[])
{
  /* Tests read the English texts. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("WARDGATE_DB");
  g_unsetenv ("WARDGATE_KEY_FILE");
  g_unsetenv ("CREDENTIALS_DIRECTORY");
  g_unsetenv ("WARDGATE_CONFIG");
  /* No session bus: each test's application stays in this process instead
   * of exporting itself (or finding a running kiosk) under the real id. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (test_log_writer, NULL, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/lock-window/lock-screen", test_lock_screen);
  ADD ("/ui/lock-window/cannot-be-closed", test_window_cannot_be_closed);
  ADD ("/ui/lock-window/unsafe-config", test_unsafe_config_is_out_of_service);
  ADD ("/ui/lock-window/missing-database", test_missing_database_is_out_of_service);
  ADD ("/ui/lock-window/missing-key", test_missing_key_is_out_of_service);
  ADD ("/ui/lock-window/wrong-key", test_wrong_key_is_out_of_service);
  ADD ("/ui/lock-window/damaged-database", test_damaged_database_is_out_of_service);
#undef ADD
  g_test_add_func ("/ui/lock-window/demo-refused", test_demo_refused);

  return g_test_run ();
}
