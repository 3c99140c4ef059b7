/* ward-test-ui.c: finding what a window shows, waiting for it, and driving a kiosk over a test ward */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tests/ui/ward-test-ui.h"
#include "ui/ward-lock-page.h"

/* A label's text as a person reads it: the invisible characters that
 * keep a value on one line (word joiners, no-break spaces) are not part
 * of what the tests look for. */
static char *
as_read (const char *shown)
{
  GString *read = g_string_new (NULL);

  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x00A0)
        g_string_append_c (read, ' ');
      else if (c != 0x2060)
        g_string_append_unichar (read, c);
    }
  return g_string_free (read, FALSE);
}

typedef gboolean (*Match) (GtkWidget     *widget,
                           gconstpointer  query);

/* Depth first, the first widget below @root (or @root) that @match takes. */
static GtkWidget *
find_first (GtkWidget     *root,
            Match          match,
            gconstpointer  query)
{
  if (match (root, query))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, query);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* As find_first(), where the test cannot go on without the widget: the
 * failure says what was looked for, as @wanted followed by @text. */
static GtkWidget *
get_first (GtkWidget  *root,
           Match       match,
           const char *text,
           const char *wanted)
{
  GtkWidget *found = find_first (root, match, text);

  if (found == NULL)
    g_error ("The screen holds no %s “%s”", wanted, text);
  return found;
}

typedef struct
{
  const char *text;
  gboolean    substring;
} LabelQuery;

/* Widgets a person can see: drawable, so not on a hidden stack page. */
static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  query)
{
  const LabelQuery *label = query;
  g_autofree char *shown = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  shown = as_read (gtk_label_get_text (GTK_LABEL (widget)));
  return label->substring ? strstr (shown, label->text) != NULL : g_str_equal (shown, label->text);
}

GtkLabel *
ward_test_find_label (GtkWidget  *root,
                      const char *text,
                      gboolean    substring)
{
  LabelQuery query = { text, substring };

  return (GtkLabel *) find_first (root, is_label_saying, &query);
}

static gboolean
is_shown_of_type (GtkWidget     *widget,
                  gconstpointer  query)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) query) && gtk_widget_is_drawable (widget);
}

/* The first visible widget of @type, depth first. */
GtkWidget *
ward_test_find_widget (GtkWidget *root,
                       GType      type)
{
  return find_first (root, is_shown_of_type, &type);
}

static gboolean
has_id (GtkWidget     *widget,
        gconstpointer  query)
{
  return GTK_IS_BUILDABLE (widget) && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), query) == 0;
}

/* The widget a template names @id, shown or not. */
GtkWidget *
ward_test_find_by_id (GtkWidget  *root,
                      const char *id)
{
  return find_first (root, has_id, id);
}

/* As ward_test_find_by_id(), for a widget the test cannot go on without. */
GtkWidget *
ward_test_get_by_id (GtkWidget  *root,
                     const char *id)
{
  return get_first (root, has_id, id, "a widget named");
}

/* Only what is drawn counts: a widget with the class on a hidden page or
 * a closed overlay is not what a person sees. */
static gboolean
is_shown_with_class (GtkWidget     *widget,
                     gconstpointer  query)
{
  return gtk_widget_has_css_class (widget, query) && gtk_widget_is_drawable (widget);
}

GtkWidget *
ward_test_find_with_class (GtkWidget  *root,
                           const char *css_class)
{
  return find_first (root, is_shown_with_class, css_class);
}

GtkWidget *
ward_test_get_with_class (GtkWidget  *root,
                          const char *css_class)
{
  return get_first (root, is_shown_with_class, css_class, "anything shown with the class");
}

/* Every drawn widget with the class, in the order they stand in the tree. */
void
ward_test_collect_with_class (GtkWidget  *root,
                              const char *css_class,
                              GPtrArray  *found)
{
  if (is_shown_with_class (root, css_class))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    ward_test_collect_with_class (child, css_class, found);
}

/* The visible button whose label (or whose child label) says @label. */
GtkWidget *
ward_test_find_button (GtkWidget  *root,
                       const char *label)
{
  GtkLabel *shown = ward_test_find_label (root, label, FALSE);
  GtkWidget *widget = GTK_WIDGET (shown);

  while (widget != NULL && !GTK_IS_BUTTON (widget))
    widget = gtk_widget_get_parent (widget);
  if (widget == NULL)
    g_error ("No visible button says “%s”", label);
  return widget;
}

void
ward_test_assert_shows (GtkWidget  *root,
                        const char *text)
{
  if (ward_test_find_label (root, text, FALSE) == NULL)
    g_error ("The window does not show “%s”", text);
}

void
ward_test_assert_shows_part (GtkWidget  *root,
                             const char *text)
{
  if (ward_test_find_label (root, text, TRUE) == NULL)
    g_error ("The window shows nothing containing “%s”", text);
}

void
ward_test_assert_hides (GtkWidget  *root,
                        const char *text)
{
  if (ward_test_find_label (root, text, FALSE) != NULL)
    g_error ("The window shows “%s” but should not", text);
}

/* A technical cause behind a plain sentence: in a "Details for IT"
 * expander that starts closed, so the person at the bed does not read it,
 * and that shows it once IT opens it. */
void
ward_test_assert_it_details (GtkWidget  *root,
                             const char *technical)
{
  GtkWidget *expander = ward_test_find_widget (root, GTK_TYPE_EXPANDER);
  GtkWidget *child;

  if (expander == NULL)
    g_error ("The window offers no details for IT");
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, "Details for IT");
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  child = gtk_expander_get_child (GTK_EXPANDER (expander));
  g_assert_true (GTK_IS_LABEL (child));
  if (strstr (gtk_label_get_text (GTK_LABEL (child)), technical) == NULL)
    g_error ("The details for IT say “%s”, not “%s”", gtk_label_get_text (GTK_LABEL (child)), technical);
  if (ward_test_find_label (root, technical, TRUE) != NULL)
    g_error ("“%s” shows before the details for IT are opened", technical);

  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  ward_test_spin (100);
  ward_test_assert_shows_part (root, technical);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), FALSE);
  ward_test_spin (100);
}

/* Runs the main loop for a while: timers, idles and redraws happen. */
void
ward_test_spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

typedef struct
{
  gboolean clicked;
} Click;

static void
on_clicked (GtkButton *button,
            Click     *click)
{
  click->clicked = TRUE;
}

static gboolean
click_done (gpointer data)
{
  return ((Click *) data)->clicked;
}

/* As a press of the button does: gtk_widget_activate() shows the button
 * pressed and emits "clicked" a moment later, so wait for it. */
void
ward_test_click (GtkWidget *button)
{
  Click click = { FALSE };
  gulong id;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  id = g_signal_connect (button, "clicked", G_CALLBACK (on_clicked), &click);
  g_assert_true (gtk_widget_activate (button));
  ward_test_wait_for (click_done, &click);
  g_signal_handler_disconnect (button, id);
}

/* Runs a program to its end while the main loop keeps going, so that the
 * window handles the input the program makes. */
void
ward_test_run_program (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, ward_test_keep_result_cb, &result);
  ward_test_wait_for_result (&result);
  ok = g_subprocess_wait_check_finish (process, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static fido_dev_t *
open_site_key (gpointer   user_data,
               GError   **error)
{
  WardTestSite *site = user_data;

  if (site->key_in_reader == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE, "No security key found.");
      return NULL;
    }
  return ward_soft_key_open_device (site->key_in_reader, error);
}

/* The kiosk's key factor reads the soft key the test put in the site's
 * reader, as the site's own factor does. */
/* Nothing of the machine's own reaches a kiosk under test: no database,
 * install key or systemd credentials from the environment, and a PC/SC
 * socket that is not there, so no real reader takes part. */
void
ward_test_isolate_kiosk (void)
{
  g_unsetenv ("WARDGATE_DB");
  g_unsetenv ("WARDGATE_KEY_FILE");
  g_unsetenv ("CREDENTIALS_DIRECTORY");
  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", TRUE);
}

void
ward_test_use_site_keys (WardKiosk    *kiosk,
                         WardTestSite *site)
{
  WardFidoKey *fido = ward_key_factor_get_fido_key (ward_kiosk_get_keys (kiosk));

  ward_fido_key_set_opener (fido, open_site_key, site, NULL);
  ward_fido_key_set_timeout_ms (fido, 5000);
}

/* The site configuration every screen test starts from, as the file in
 * /etc/wardgate would say it; more: further lines (a group may be named
 * again). Kept for the kiosks the test runs next. */
static WardSiteConfig *test_site_config;

void
ward_test_configure_site_with (const char *bed_name,
                               const char *more)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("[site]\n"
                                           "name = Test General Hospital\n"
                                           "ward = Ward 7C\n"
                                           "bed = %s\n"
                                           "[session]\n"
                                           "idle-lock-seconds = 120\n"
                                           "idle-warning-seconds = 30\n"
                                           "break-glass-minutes = 15\n"
                                           "[awareness]\n"
                                           "max-skips = 2\n"
                                           /* The test ward enrols its keys for this relying party. */
                                           "[factors]\n"
                                           "relying-party-id = wardgate.test\n"
                                           "%s",
                                           bed_name, more != NULL ? more : "");

  g_clear_object (&test_site_config);
  test_site_config = ward_site_config_new_from_data (text, "test site", &error);
  g_assert_no_error (error);
  /* GSettings is the memory backend in tests: nothing leaks between runs. */
  g_settings_set_string (settings, "language", "");
}

void
ward_test_configure_site (const char *bed_name)
{
  ward_test_configure_site_with (bed_name, NULL);
}

WardSiteConfig *
ward_test_site_config (void)
{
  if (test_site_config == NULL)
    ward_test_configure_site ("Bed 12");
  return test_site_config;
}

typedef struct
{
  WardTestSite       *site;
  WardApplication    *app;
  WardTestKioskReady  ready;
  gpointer            data;
} KioskRun;

/* The bedside screen's size: 1280×800 unless a test asks for another. */
static int window_width = 1280;
static int window_height = 800;

void
ward_test_set_window_size (int width,
                           int height)
{
  window_width = width;
  window_height = height;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  gtk_window_set_default_size (window, window_width, window_height);
}

static gboolean
ready_then_quit (gpointer user_data)
{
  KioskRun *run = user_data;
  WardApplication *app = run->app;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Screenshots show the ward's fake time, not the time of the run. */
  ward_lock_page_set_clock (ward_window_get_lock_page (WARD_WINDOW (window)), run->site->fixture->clock);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  run->ready (app, run->data);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             gpointer      user_data)
{
  g_idle_add (ready_then_quit, user_data);
}

/* The kiosk as it boots, over the test ward's database and fake clock (or
 * its own demo ward): ready runs once the window is drawn, then it quits,
 * and the application must be freed. */
void
ward_test_run_kiosk (WardTestSite       *site,
                     gboolean            demo,
                     WardTestKioskReady  ready,
                     gpointer            data)
{
  char *argv[] = { (char *) "wardgate", (char *) "--db", site->fixture->db_path, NULL };
  char *demo_argv[] = { (char *) "wardgate", (char *) "--demo", NULL };
  g_autoptr(WardApplication) app = g_object_new (WARD_TYPE_APPLICATION,
                                                 "application-id", APP_ID,
                                                 "flags", G_APPLICATION_NON_UNIQUE,
                                                 "clock", site->fixture->clock,
                                                 "site-config", ward_test_site_config (),
                                                 NULL);
  KioskRun run = { site, app, ready, data };
  int status;

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);
  status = demo ? g_application_run (G_APPLICATION (app), 2, demo_argv)
                : g_application_run (G_APPLICATION (app), 3, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&app));
}

/* A German catalogue compiled from @po into a folder of the test's own:
 * bind the text domain to the folder returned. */
char *
ward_test_compile_german (const char *po)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wardgate-locale-XXXXXX", &error);
  g_autofree char *messages = NULL;
  g_autofree char *mo = NULL;
  const char *argv[] = { "msgfmt", "-o", NULL, po, NULL };
  int status = -1;

  g_assert_no_error (error);
  messages = g_build_filename (dir, "de", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  argv[2] = mo;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&dir);
}

void
ward_test_remove_german (const char *localedir)
{
  g_autofree char *mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *messages = g_build_filename (localedir, "de", "LC_MESSAGES", NULL);
  g_autofree char *de = g_build_filename (localedir, "de", NULL);

  g_remove (mo);
  g_rmdir (messages);
  g_rmdir (de);
  g_rmdir (localedir);
}

/* -- Placeholders and animations --------------------------------------------- */

/* The label a GtkText shows its placeholder in; GtkEntry, GtkSearchEntry
 * and GtkPasswordEntry show theirs through the GtkText inside them. */
static GtkWidget *
placeholder_label (GtkWidget *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (text); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_str_equal (gtk_widget_get_css_name (child), "placeholder"))
      return child;
  return NULL;
}

/* GTK ellipsizes a placeholder and measures it at three characters, so
 * neither its size request nor the layout check see it cut: its whole
 * text is laid out here in the placeholder's own font and compared with
 * the room the entry's text gives it. Every entry is checked, typed in or
 * not: a cleared entry shows its placeholder again. */
static void
collect_cut_placeholders (GtkWidget  *widget,
                          const char *where,
                          GPtrArray  *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_TEXT (widget))
    {
      const char *text = gtk_text_get_placeholder_text (GTK_TEXT (widget));
      GtkWidget *label = placeholder_label (widget);

      if (text != NULL && *text != '\0' && label != NULL)
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);
          int needed = 0;
          int room = gtk_widget_get_width (widget);

          pango_layout_get_pixel_size (layout, &needed, NULL);
          if (needed > room + 1)
            g_ptr_array_add (problems, g_strdup_printf ("%s: the placeholder “%s” needs %d px but has %d px",
                                                        where, text, needed, room));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_cut_placeholders (child, where, problems);
}

GPtrArray *
ward_test_placeholder_problems (GtkWidget  *root,
                                const char *where)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  collect_cut_placeholders (root, where, problems);
  return problems;
}

void
ward_test_assert_placeholders_whole (GtkWidget *root)
{
  g_autoptr(GPtrArray) problems = ward_test_placeholder_problems (root, "the window");
  g_autofree char *all = NULL;

  if (problems->len == 0)
    return;
  g_ptr_array_add (problems, NULL);
  all = g_strjoinv ("\n  ", (char **) problems->pdata);
  g_error ("Placeholders cut:\n  %s", all);
}

/* A stack or revealer under @widget still moving: what it shows is
 * between two screens (half slid in, half faded). Only what is mapped
 * moves: an unmapped one jumps to its end. */
static gboolean
transition_running (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget)
      && gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) != gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
transitions_done (gpointer data)
{
  return !transition_running (data);
}

void
ward_test_wait_for_transitions (GtkWidget *root)
{
  ward_test_wait_for (transitions_done, root);
  /* The frame after the last step of the animation. */
  gtk_test_widget_wait_for_draw (root);
}
