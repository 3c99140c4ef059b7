/* test-admin-details.c: the small things on the device and administration screens: a disabled Apply that looks it, one delete key, enrolment focus and a code that can be hidden, no score per person */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "auth/ward-totp.h"
#include "tests/common/ward-test-site.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"
#include "ui/ward-keypad.h"

#define NURSE_BADGE "04A1B2C3"

/* -- Finding widgets ------------------------------------------------------- */

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  guint count = GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    count += count_labels (child, text);
  return count;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The middle of what @widget draws, as mean red, green and blue (0–255). */
static void
mean_colour (GtkWidget *widget,
             double     rgb[3])
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = NULL;
  gsize stride = (gsize) width * 4;
  guint n = 0;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node, NULL);
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  rgb[0] = rgb[1] = rgb[2] = 0;
  /* The inner half: the fill, away from the border and the rounded corners. */
  for (int y = height / 4; y < height * 3 / 4; y++)
    for (int x = width / 4; x < width * 3 / 4; x++, n++)
      {
        const guchar *p = pixels + y * stride + x * 4;   /* B, G, R, A (premultiplied) */

        rgb[0] += p[2];
        rgb[1] += p[1];
        rgb[2] += p[0];
      }
  for (guint i = 0; i < 3; i++)
    rgb[i] /= MAX (n, 1);
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* What WardApplication sets up for the screens built outside it. */
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE,
                "gtk-enable-animations", FALSE, NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* -- 6. A disabled Apply looks disabled ---------------------------------------- */

static void
test_apply_disabled (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *enabled = gtk_button_new_with_label ("Apply");
  GtkWidget *disabled = gtk_button_new_with_label ("Apply");
  double on[3], off[3];

  for (GtkWidget **b = (GtkWidget *[]) { enabled, disabled, NULL }; *b != NULL; b++)
    {
      gtk_widget_add_css_class (*b, "primary-button");
      gtk_widget_add_css_class (*b, "change-button");
      gtk_widget_set_size_request (*b, 260, 72);
      gtk_box_append (GTK_BOX (box), *b);
    }
  gtk_widget_set_sensitive (disabled, FALSE);
  gtk_widget_add_css_class (window, "ward-kiosk");
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  mean_colour (enabled, on);
  mean_colour (disabled, off);
  g_test_message ("Apply: enabled %.0f,%.0f,%.0f; disabled %.0f,%.0f,%.0f", on[0], on[1], on[2], off[0], off[1], off[2]);
  /* Enabled: the teal of "press me" (green well above red). Disabled: a
   * grey, no teal left, and darker. */
  g_assert_cmpfloat (on[1] - on[0], >, 80);
  g_assert_cmpfloat (fabs (off[1] - off[0]), <, 30);
  g_assert_cmpfloat (off[0] + off[1] + off[2], <, (on[0] + on[1] + on[2]) * 0.6);
  {
    g_autofree char *path = ward_test_save_screenshot (window, "apply-enabled-and-disabled.png");

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* -- The administration page in a window of its own ---------------------------- */

typedef struct
{
  WardTestSite  *site;
  WardKiosk     *kiosk;
  WardSoftKey   *reader_key;
  GtkWindow     *window;
  WardAdminPage *page;
} Admin;

static fido_dev_t *
open_reader_key (gpointer   user_data,
                 GError   **error)
{
  Admin *a = user_data;

  if (a->reader_key == NULL)
    {
      g_set_error (error, WARD_FIDO_ERROR, WARD_FIDO_ERROR_NO_DEVICE, "No security key found.");
      return NULL;
    }
  return ward_soft_key_open_device (a->reader_key, error);
}

static gboolean
key_settled (gpointer data)
{
  return !ward_auth_flow_get_key_busy (data);
}

static void
admin_set_up (Admin *a,
              int    width,
              int    height)
{
  WardKioskSettings settings = {
    .relying_party_id = "wardgate.test",
    .site_name = "Test ward",
    .limits = WARD_SESSION_LIMITS_DEFAULT,
  };
  WardTestPerson *admin;
  WardAuthFlow *flow;
  WardTotpParams params = WARD_TOTP_PARAMS_DEFAULT;
  g_autofree char *code = NULL;
  WardFidoKey *fido;
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) home = g_simple_action_new ("show-home", NULL);

  a->site = ward_test_site_new ();
  admin = ward_test_site_add_person (a->site, "aadmin", "admin", "04D4E5F6", TRUE, TRUE);
  ward_test_site_add_person (a->site, "nnurse", "nurse", NURSE_BADGE, FALSE, FALSE);
  ward_clock_advance (a->site->fixture->clock, 30 * G_USEC_PER_SEC);
  a->kiosk = ward_kiosk_new (a->site->fixture->store, &settings);
  fido = ward_key_factor_get_fido_key (ward_kiosk_get_keys (a->kiosk));
  ward_fido_key_set_opener (fido, open_reader_key, a, NULL);
  ward_fido_key_set_timeout_ms (fido, 5000);

  /* The administrator signs in with badge, key and code. */
  flow = ward_kiosk_get_flow (a->kiosk);
  g_set_object (&a->reader_key, admin->key);
  ward_auth_flow_badge (flow, admin->badge);
  ward_test_wait_for (key_settled, flow);
  code = ward_totp_code_at (admin->secret, &params, ward_clock_get_now (a->site->fixture->clock), NULL);
  ward_auth_flow_submit_code (flow, code);
  if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_AWARENESS)
    ward_auth_flow_awareness_done (flow);
  g_assert_cmpint (ward_auth_flow_get_state (flow), ==, WARD_AUTH_STATE_SIGNED_IN);

  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (home));
  a->page = ward_admin_page_new (a->kiosk);
  a->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (a->window), "ward-kiosk");
  gtk_window_set_default_size (a->window, width, height);
  gtk_widget_insert_action_group (GTK_WIDGET (a->window), "win", G_ACTION_GROUP (win));
  gtk_window_set_child (a->window, GTK_WIDGET (a->page));
  gtk_window_present (a->window);
  ward_admin_page_refresh (a->page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (a->window));
  spin ();
}

static void
admin_tear_down (Admin *a)
{
  gtk_window_destroy (a->window);
  spin ();
  g_clear_object (&a->kiosk);
  g_clear_object (&a->reader_key);
  ward_test_site_free (a->site);
}

static void
admin_open (Admin      *a,
            const char *section)
{
  g_assert_true (ward_admin_page_show_section (a->page, section));
  spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (a->window));
  spin ();
}

static void
admin_screenshot (Admin      *a,
                  const char *name)
{
  g_autofree char *path = NULL;

  spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (a->window));
  path = ward_test_save_screenshot (GTK_WIDGET (a->window), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* -- 7. The two keypads draw their delete key one way --------------------------- */

static void
test_delete_key (void)
{
  Admin a = { 0 };
  GtkWidget *keypad = ward_keypad_new ();
  GtkWidget *sign_in_delete, *enrol_delete;

  g_object_ref_sink (keypad);
  sign_in_delete = ward_keypad_get_button (WARD_KEYPAD (keypad), "backspace");
  admin_set_up (&a, 1280, 800);
  enrol_delete = ward_test_get_by_id (ward_admin_page_get_section_widget (a.page, "enrolment"), "backspace_button");

  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (sign_in_delete)), ==, "edit-clear-symbolic");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (enrol_delete)), ==,
                   gtk_button_get_icon_name (GTK_BUTTON (sign_in_delete)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (enrol_delete), ==, gtk_widget_get_tooltip_text (sign_in_delete));
  g_assert_true (GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (enrol_delete))));
  g_assert_true (GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (sign_in_delete))));
  /* The same icon size: the class that sizes it on the sign-in keypad. */
  g_assert_true (gtk_widget_has_css_class (sign_in_delete, "keypad-backspace"));
  g_assert_true (gtk_widget_has_css_class (enrol_delete, "keypad-backspace"));

  admin_tear_down (&a);
  g_object_unref (keypad);
}

/* -- 9. Enrolment: focus on the way forward, a code that can be hidden --------- */

static gboolean
key_answered (gpointer data)
{
  GtkWidget *message = data;

  return gtk_widget_get_visible (message) && *gtk_label_get_text (GTK_LABEL (message)) != '\0';
}

static void
check_enrolment (int width,
                 int height)
{
  Admin a = { 0 };
  g_autoptr(WardSoftKey) key = ward_soft_key_new ();
  GtkWidget *enrolment, *message;
  gint64 give_up;
  g_autofree char *name = NULL;

  admin_set_up (&a, width, height);
  admin_open (&a, "enrolment");
  enrolment = ward_admin_page_get_section_widget (a.page, "enrolment");
  gtk_editable_set_text (GTK_EDITABLE (ward_test_get_by_id (enrolment, "who_entry")), "nnurse");
  g_assert_true (gtk_widget_activate_action (enrolment, "enrol.start", NULL));
  spin ();
  g_assert_true (gtk_widget_activate_action (enrolment, "enrol.next", NULL));
  spin ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (a.window));

  /* The key step: its own button has the focus, not "Stop here". */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (a.window)) == ward_test_get_by_id (enrolment, "key_button"));

  ward_soft_key_set_auto_touch (key, FALSE);
  g_set_object (&a.reader_key, key);
  g_assert_true (gtk_widget_activate_action (enrolment, "enrol.key", NULL));
  message = ward_test_get_by_id (enrolment, "key_message");
  give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!key_answered (message))
    {
      ward_soft_key_touch (key);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
  spin ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "enrolled"));
  /* Enrolled: the focus moves on to "Next", where Enter continues. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (a.window)) == ward_test_get_by_id (enrolment, "next_button"));

  g_assert_true (gtk_widget_activate_action (enrolment, "enrol.next", NULL));
  spin ();
  g_assert_true (gtk_widget_activate_action (enrolment, "enrol.show-qr", NULL));
  spin ();
  g_assert_false (ward_qr_view_is_empty (WARD_QR_VIEW (ward_test_get_by_id (enrolment, "qr_view"))));
  g_assert_true (gtk_widget_is_drawable (ward_test_get_by_id (enrolment, "hide_qr_button")));
  name = g_strdup_printf ("admin-enrolment-qr-hide-%dx%d.png", width, height);
  admin_screenshot (&a, name);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (a.window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (a.window)), ==, height);

  /* Hide: the code and the typed-in key leave the screen. */
  g_signal_emit_by_name (ward_test_get_by_id (enrolment, "hide_qr_button"), "clicked");
  spin ();
  g_assert_true (ward_qr_view_is_empty (WARD_QR_VIEW (ward_test_get_by_id (enrolment, "qr_view"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ward_test_get_by_id (enrolment, "secret_label"))), ==, "");
  g_assert_false (gtk_widget_is_drawable (ward_test_get_by_id (enrolment, "secret_label")));
  g_assert_true (gtk_widget_is_drawable (ward_test_get_by_id (enrolment, "show_qr_button")));

  admin_tear_down (&a);
}

static void
test_enrolment_focus_and_hide (void)
{
  check_enrolment (1280, 800);
  check_enrolment (1920, 1080);
}

/* -- 10. No score per person at the bedside ------------------------------------- */

static void
test_no_score_per_person (void)
{
  Admin a = { 0 };
  GtkWidget *awareness;

  admin_set_up (&a, 1280, 800);
  admin_open (&a, "awareness");
  awareness = ward_admin_page_get_section_widget (a.page, "awareness");
  /* One "% right" column, the topics'; none in the list of people. */
  g_assert_cmpuint (count_labels (awareness, "% right"), ==, 1);
  g_assert_cmpuint (count_labels (ward_test_get_by_id (awareness, "users_list"), "% right"), ==, 0);
  admin_screenshot (&a, "admin-awareness-no-score-per-person.png");
  admin_tear_down (&a);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  load_style ();

  g_test_add_func ("/ui/admin-details/apply-disabled", test_apply_disabled);
  g_test_add_func ("/ui/admin-details/delete-key", test_delete_key);
  g_test_add_func ("/ui/admin-details/enrolment-focus-and-hide", test_enrolment_focus_and_hide);
  g_test_add_func ("/ui/admin-details/no-score-per-person", test_no_score_per_person);

  return g_test_run ();
}
