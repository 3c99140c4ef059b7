/* ward-test-admin.c: the administration page in a bare window over a test ward, and the steps of driving it */
#include "config.h"

#include <string.h>

#include "tests/ui/ward-test-admin.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"

/* Only what a person can see counts: drawable, so not on a hidden page. */
GtkWidget *
ward_test_admin_find_text (GtkWidget  *root,
                           const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ward_test_admin_find_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
ward_test_admin_assert_shows (GtkWidget  *root,
                              const char *text)
{
  if (ward_test_admin_find_text (root, text) == NULL)
    g_error ("The screen shows nothing containing “%s”", text);
}

void
ward_test_admin_assert_hides (GtkWidget  *root,
                              const char *text)
{
  if (ward_test_admin_find_text (root, text) != NULL)
    g_error ("The screen shows “%s” but should not", text);
}

GtkWidget *
ward_test_admin_find_button (GtkWidget  *root,
                             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ward_test_admin_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkCheckButton *
ward_test_admin_find_check (GtkWidget  *root,
                            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = ward_test_admin_find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
ward_test_admin_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A tap: the button must be on screen and usable, as for a person. */
void
ward_test_admin_tap (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ward_test_admin_spin ();
}

void
ward_test_admin_tap_id (GtkWidget  *root,
                        const char *id)
{
  ward_test_admin_tap (ward_test_get_by_id (root, id));
}

void
ward_test_admin_tap_label (GtkWidget  *root,
                           const char *label)
{
  GtkWidget *button = ward_test_admin_find_button (root, label);

  if (button == NULL)
    g_error ("No button “%s” on the screen", label);
  ward_test_admin_tap (button);
}

void
ward_test_admin_type_into (GtkWidget  *root,
                           const char *id,
                           const char *text)
{
  GtkWidget *entry = ward_test_get_by_id (root, id);

  g_assert_true (gtk_widget_is_drawable (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ward_test_admin_spin ();
}

GtkWidget *
ward_test_admin_section (WardTestAdmin *f,
                         const char    *name)
{
  return ward_admin_page_get_section_widget (f->page, name);
}

void
ward_test_admin_open_section (WardTestAdmin *f,
                              const char    *name)
{
  g_assert_true (ward_admin_page_show_section (f->page, name));
  ward_test_admin_spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

void
ward_test_admin_screenshot (WardTestAdmin *f,
                            const char    *name)
{
  g_autofree char *path = NULL;

  ward_test_admin_spin ();
  path = ward_test_save_screenshot (GTK_WIDGET (f->window), name);
  /* Everything fits the bedside screen: nothing has pushed the window
   * wider or taller than 1280×800 (a window never shrinks back). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 1280);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, 800);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- The kiosk and who stands at it ---------------------------------------- */

/* Runs in the key operation's worker thread; the test changes the key only
 * while no operation runs. */
static fido_dev_t *
open_reader_key (gpointer   user_data,
                 GError   **error)
{
  WardTestAdmin *f = user_data;

  if (f->reader_key == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE, "No security key found.");
      return NULL;
    }
  return ward_soft_key_open_device (f->reader_key, error);
}

/* A test at @path over a fresh ward, torn down after. */
void
ward_test_admin_add (const char *path,
                     void      (*test) (WardTestAdmin *f,
                                        gconstpointer  data))
{
  g_test_add (path, WardTestAdmin, NULL, ward_test_admin_set_up, test, ward_test_admin_tear_down);
}

void
ward_test_admin_set_up (WardTestAdmin *f,
                        gconstpointer  data)
{
  WardKioskSettings settings = {
    .relying_party_id = "wardgate.test",
    .site_name = "Test ward",
    .limits = WARD_SESSION_LIMITS_DEFAULT,
  };
  WardFidoKey *fido;

  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "aadmin", "admin", "04D4E5F6", TRUE, TRUE);
  ward_test_site_add_person (f->site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE);
  ward_test_site_add_person (f->site, "ccharge", "charge-nurse", "04778899", TRUE, TRUE);
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);

  f->kiosk = ward_kiosk_new (f->site->fixture->store, &settings);
  fido = ward_key_factor_get_fido_key (ward_kiosk_get_keys (f->kiosk));
  ward_fido_key_set_opener (fido, open_reader_key, f, NULL);
  ward_fido_key_set_timeout_ms (fido, 5000);
}

void
ward_test_admin_tear_down (WardTestAdmin *f,
                           gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  ward_test_admin_spin ();
  g_clear_object (&f->kiosk);
  g_clear_object (&f->reader_key);
  ward_test_site_free (f->site);
}

static gboolean
key_settled (gpointer data)
{
  return !ward_auth_flow_get_key_busy (data);
}

void
ward_test_admin_sign_in_with (WardTestAdmin *f,
                              const char    *badge,
                              WardSoftKey   *key,
                              GBytes        *secret)
{
  WardAuthFlow *flow = ward_kiosk_get_flow (f->kiosk);
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  g_autofree char *code = NULL;

  g_set_object (&f->reader_key, key);
  ward_auth_flow_badge (flow, badge);
  g_assert_cmpstr (ward_auth_flow_get_message (flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_KEY);
  ward_test_wait_for (key_settled, flow);
  g_assert_cmpstr (ward_auth_flow_get_message (flow), ==, NULL);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_CODE);
  code = ward_totp_code_at (secret, &params, ward_clock_get_now (f->site->fixture->clock), NULL);
  ward_auth_flow_submit_code (flow, code);
  if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_AWARENESS)
    ward_auth_flow_awareness_done (flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);
}

void
ward_test_admin_sign_in (WardTestAdmin *f,
                         const char    *username)
{
  WardTestPerson *person = ward_test_site_person (f->site, username);

  ward_test_admin_sign_in_with (f, person->badge, person->key, person->secret);
}

static void
go_home (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  ((WardTestAdmin *) user_data)->went_home++;
}

/* The page in a bare window the size of the bedside screen, with the
 * window's "win.show-home" action, as the kiosk window provides it. */
void
ward_test_admin_show_page (WardTestAdmin *f)
{
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) home = g_simple_action_new ("show-home", NULL);

  g_signal_connect (home, "activate", G_CALLBACK (go_home), f);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (home));

  f->page = ward_admin_page_new (f->kiosk);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (f->window), "ward-kiosk");
  gtk_window_set_default_size (f->window, 1280, 800);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (win));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  ward_admin_page_refresh (f->page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ward_test_admin_spin ();
}

/* What main () does first: English texts, a clock that reads the same
 * wherever the tests run, the shipped catalogue, and the kiosk's style. */
void
ward_test_admin_init (int    *argc,
                      char ***argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  g_setenv ("LANGUAGE", "C", TRUE);
  /* The fixed test clock reads the same wherever the tests run. */
  g_setenv ("TZ", "UTC", TRUE);
  /* The kiosk reads the shipped device catalogue; these screens do not
   * use it, but an unreadable one is a (fatal) warning. */
  g_setenv ("WARDGATE_CATALOGUE", WARD_TEST_CATALOGUE, FALSE);
  gtk_test_init (argc, argv, NULL);
  provider = gtk_css_provider_new ();
  display = gdk_display_get_default ();

  /* What WardApplication sets up: the dark theme, the stylesheet, the icons. */
  g_object_set (gtk_settings_get_default (),
                "gtk-application-prefer-dark-theme", TRUE,
                "gtk-enable-animations", FALSE,
                NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_PREFIX "/icons");
}
