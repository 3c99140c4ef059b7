/* test-screen-details.c: the small things a nurse meets at the lock screen and sign-in: lasting refusals, waits in words, a code step that stays put, touch-sized language rows, large displays */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "app/ward-kiosk.h"
#include "tests/common/ward-test-site.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "ui/ward-badge-capture.h"
#include "ui/ward-code-page.h"
#include "ui/ward-lock-page.h"
#include "ui/ward-refusal-banner.h"

#if defined (WARD_TEST_HAVE_X11) && defined (GDK_WINDOWING_X11)
#define TEST_X11 1
#include <gdk/x11/gdkx.h>
#endif

#define NURSE_BADGE   "04A1B2C3"
#define UNKNOWN_BADGE "04EEEEEE"

/* -- Finding widgets ------------------------------------------------------- */

/* Shown or not: the banner is looked for while it is hidden too. */
static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_by_css_name (GtkWidget  *root,
                     const char *css_name,
                     GPtrArray  *found)
{
  if (g_strcmp0 (gtk_widget_get_css_name (root), css_name) == 0)
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_by_css_name (child, css_name, found);
}

/* -- The kiosk, as it boots ------------------------------------------------ */

typedef struct _Kiosk Kiosk;
typedef void (*KioskCheck) (Kiosk *k);

struct _Kiosk
{
  WardTestSite *site;
  WardWindow   *window;
  WardKiosk    *kiosk;
  WardAuthFlow *flow;
  KioskCheck    check;
};

static void
kiosk_ready (WardApplication *app,
             gpointer         data)
{
  Kiosk *k = data;

  k->window = WARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  k->kiosk = ward_application_get_kiosk (app);
  k->flow = ward_kiosk_get_flow (k->kiosk);
  ward_test_use_site_keys (k->kiosk, k->site);
  ward_auth_flow_set_awareness_hook (k->flow, NULL, NULL, NULL);
  k->check (k);
}

static void
run_kiosk (KioskCheck check,
           int        width,
           int        height)
{
  Kiosk k = { 0 };

  ward_test_configure_site ("Bed 3");
  k.site = ward_test_site_new ();
  k.check = check;
  ward_test_site_add_person (k.site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  /* Away from the enrolment's time step, as the flow tests do. */
  ward_clock_advance (k.site->fixture->clock, 30 * G_USEC_PER_SEC);
  ward_test_set_window_size (width, height);
  ward_test_run_kiosk (k.site, FALSE, kiosk_ready, &k);
  ward_test_set_window_size (1280, 800);
  ward_test_site_free (k.site);
}

static void
kiosk_screenshot (Kiosk      *k,
                  const char *name)
{
  g_autofree char *path = NULL;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (k->window));
  path = ward_test_save_screenshot (GTK_WIDGET (k->window), name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

#ifdef TEST_X11
static gboolean
xdotool_usable (Kiosk *k)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (k->window)));
}

/* Keys through the X server, the path a keyboard-wedge reader takes. */
static void
xdotool (Kiosk      *k,
         const char *command,
         const char *text,
         guint       delay_ms)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (k->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *delay = g_strdup_printf ("%u", delay_ms);
  const char *type_argv[] = { "xdotool", "windowfocus", "--sync", xid, "type", "--delay", delay, text, NULL };
  const char *key_argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", text, NULL };

  ward_test_run_program (g_str_equal (command, "type") ? type_argv : key_argv);
  ward_test_spin (300);
}
#endif

static gboolean
banner_says (gpointer data)
{
  Kiosk *k = data;
  WardRefusalBanner *banner = WARD_REFUSAL_BANNER (find_by_type (GTK_WIDGET (k->window), WARD_TYPE_REFUSAL_BANNER));

  return gtk_widget_get_visible (GTK_WIDGET (banner)) && *ward_refusal_banner_get_message (banner) != '\0';
}

/* A badge at the reader: typed through the X server where there is one
 * (again if a loaded machine stretched the keys into typing), else fed to
 * the window's capture with a reader's timing. */
static void
tap_badge (Kiosk      *k,
           const char *badge)
{
  WardRefusalBanner *banner = WARD_REFUSAL_BANNER (find_by_type (GTK_WIDGET (k->window), WARD_TYPE_REFUSAL_BANNER));

  ward_refusal_banner_hide (banner);
#ifdef TEST_X11
  if (xdotool_usable (k))
    {
      g_autofree char *keys = g_strconcat (badge, "\n", NULL);

      for (guint attempt = 0; attempt < 3 && !banner_says (k); attempt++)
        {
          xdotool (k, "type", keys, 5);
          ward_test_spin (500);
        }
    }
#endif
  if (!banner_says (k))
    {
      WardBadgeCapture *capture = ward_window_get_badge_capture (k->window);
      guint32 time_ms = 100000;

      for (const char *c = badge; *c != '\0'; c++, time_ms += 5)
        ward_badge_capture_feed_key (capture, gdk_unicode_to_keyval ((guchar) *c), 0, time_ms);
      ward_badge_capture_feed_key (capture, GDK_KEY_Return, 0, time_ms);
    }
  ward_test_wait_for (banner_says, k);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (k->window));
}

static WardRefusalBanner *
banner_of (Kiosk *k)
{
  return WARD_REFUSAL_BANNER (find_by_type (GTK_WIDGET (k->window), WARD_TYPE_REFUSAL_BANNER));
}

static WardTestPerson *
nurse (Kiosk *k)
{
  return ward_test_site_person (k->site, "nnurse");
}

/* -- 1. A lasting refusal stays; a passing one goes ------------------------- */

static void
check_lasting_refusal (Kiosk *k)
{
  WardPolicy *policy = ward_kiosk_get_policy (k->kiosk);
  g_autoptr(GError) error = NULL;
  WardRefusalBanner *banner = banner_of (k);

  g_assert_true (ward_policy_set_lockout_threshold (policy, k->site->enroller, 3, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    ward_policy_record_failure (policy, nurse (k)->user_id, "nnurse", "totp", "wrong", NULL, NULL);

  tap_badge (k, NURSE_BADGE);
  g_assert_cmpint (ward_auth_flow_get_refusal (k->flow), ==, WARD_AUTH_REFUSAL_LOCKED_OUT);
  g_assert_nonnull (strstr (ward_refusal_banner_get_message (banner), "locked"));
  g_assert_true (ward_refusal_banner_get_lasting (banner));
  kiosk_screenshot (k, "refusal-locked-lasting.png");

  /* Past the few seconds a passing refusal gets: still there to act on. */
  ward_test_spin (10500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (banner)));
  g_assert_nonnull (strstr (ward_refusal_banner_get_message (banner), "locked"));

  /* The next tap replaces it; an unknown badge's refusal passes. */
  tap_badge (k, UNKNOWN_BADGE);
  g_assert_cmpint (ward_auth_flow_get_refusal (k->flow), ==, WARD_AUTH_REFUSAL_UNKNOWN_BADGE);
  g_assert_false (ward_refusal_banner_get_lasting (banner));
  ward_test_spin (9000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (banner)));
}

static void
test_lasting_refusal (void)
{
  run_kiosk (check_lasting_refusal, 1280, 800);
}

/* -- 2. "Wait a moment" says how long --------------------------------------- */

static void
check_wait_in_words (Kiosk *k)
{
  WardPolicy *policy = ward_kiosk_get_policy (k->kiosk);
  WardRefusalBanner *banner = banner_of (k);
  const char *message;

  /* Three wrong codes: the default policy then makes her wait 30 s. */
  for (guint i = 0; i < 3; i++)
    ward_policy_record_failure (policy, nurse (k)->user_id, "nnurse", "totp", "wrong", NULL, NULL);
  g_assert_cmpint (ward_policy_check_account (policy, nurse (k)->user_id, NULL), ==, WARD_POLICY_DELAYED);

  tap_badge (k, NURSE_BADGE);
  message = ward_refusal_banner_get_message (banner);
  g_assert_cmpint (ward_auth_flow_get_refusal (k->flow), ==, WARD_AUTH_REFUSAL_DELAYED);
  g_assert_cmpstr (message, ==, "Too many failed tries. Wait 30 seconds, then tap your badge again.");
  g_assert_false (ward_refusal_banner_get_lasting (banner));
  kiosk_screenshot (k, "refusal-wait-30-seconds.png");

  /* Later, less: the time left, never more than she must wait. */
  ward_clock_advance (k->site->fixture->clock, 21 * G_USEC_PER_SEC);
  ward_auth_flow_badge (k->flow, NURSE_BADGE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (k->window));
  g_assert_cmpstr (ward_refusal_banner_get_message (banner), ==,
                   "Too many failed tries. Wait 9 seconds, then tap your badge again.");
}

static void
test_wait_in_words (void)
{
  run_kiosk (check_wait_in_words, 1280, 800);
}

/* -- 3. A wrong code does not move the screen -------------------------------- */

static gboolean
at_code_step (gpointer data)
{
  WardAuthFlow *flow = data;

  return ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_CODE && !ward_auth_flow_get_key_busy (flow);
}

static gboolean
wrong_code_shown (gpointer data)
{
  return ward_auth_flow_get_refusal (data) == WARD_AUTH_REFUSAL_WRONG_CODE;
}

static void
position_of (GtkWidget *widget,
             GtkWidget *window,
             graphene_point_t *point)
{
  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (0, 0), point));
}

static void
check_wrong_code_layout (Kiosk *k)
{
  GtkWidget *window = GTK_WIDGET (k->window);
  WardCodePage *page;
  GtkWidget *entry, *keypad, *title;
  graphene_point_t entry_before, keypad_before, title_before, entry_after, keypad_after, title_after;
  int width = gtk_widget_get_width (window);
  g_autofree char *name = NULL;

  ward_soft_key_set_auto_touch (nurse (k)->key, TRUE);
  ward_test_site_insert_key (k->site, nurse (k)->key);
  ward_auth_flow_badge (k->flow, NURSE_BADGE);
  ward_test_wait_for (at_code_step, k->flow);
  gtk_test_widget_wait_for_draw (window);

  page = WARD_CODE_PAGE (ward_test_find_widget (window, WARD_TYPE_CODE_PAGE));
  entry = GTK_WIDGET (ward_code_page_get_entry (page));
  keypad = GTK_WIDGET (ward_code_page_get_keypad (page));
  /* A touch keyboard offers digits for the code, not letters. */
  g_assert_cmpint (gtk_entry_get_input_purpose (GTK_ENTRY (entry)), ==, GTK_INPUT_PURPOSE_PIN);
  title = GTK_WIDGET (ward_test_find_label (GTK_WIDGET (page), "Enter your code", FALSE));
  position_of (entry, window, &entry_before);
  position_of (keypad, window, &keypad_before);
  position_of (title, window, &title_before);

#ifdef TEST_X11
  /* Typed as a person types, slower than a reader, then Enter. */
  if (xdotool_usable (k))
    {
      xdotool (k, "type", "000000", 150);
      xdotool (k, "key", "Return", 0);
    }
#endif
  if (!wrong_code_shown (k->flow))
    ward_auth_flow_submit_code (k->flow, "000000");
  ward_test_wait_for (wrong_code_shown, k->flow);
  gtk_test_widget_wait_for_draw (window);
  ward_test_assert_shows_part (window, "not accepted");

  position_of (entry, window, &entry_after);
  position_of (keypad, window, &keypad_after);
  position_of (title, window, &title_after);
  g_assert_cmpfloat (entry_after.y, ==, entry_before.y);
  g_assert_cmpfloat (keypad_after.y, ==, keypad_before.y);
  g_assert_cmpfloat (keypad_after.x, ==, keypad_before.x);
  g_assert_cmpfloat (title_after.y, ==, title_before.y);
  name = g_strdup_printf ("code-step-wrong-code-%dx%d.png", width, gtk_widget_get_height (window));
  kiosk_screenshot (k, name);
}

static void
test_wrong_code_layout (void)
{
  run_kiosk (check_wrong_code_layout, 1280, 800);
  run_kiosk (check_wrong_code_layout, 1024, 768);
  run_kiosk (check_wrong_code_layout, 1920, 1080);
}

/* -- 4. The language list has touch-sized rows ------------------------------- */

static gboolean
language_rows_shown (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_by_css_name (data, "row", rows);
  return rows->len > 0 && gtk_widget_get_mapped (rows->pdata[0]) && gtk_widget_get_height (rows->pdata[0]) > 0;
}

static void
check_language_rows (Kiosk *k)
{
  GtkWidget *dropdown = ward_test_find_widget (GTK_WIDGET (k->window), GTK_TYPE_DROP_DOWN);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_assert_nonnull (dropdown);
#ifdef TEST_X11
  /* A reader's Enter must not open it, so it is opened as a person would:
   * the menu's own button, through the X server. */
  if (xdotool_usable (k))
    {
      gtk_widget_grab_focus (dropdown);
      xdotool (k, "key", "space", 0);
    }
#endif
  if (!language_rows_shown (dropdown))
    g_signal_emit_by_name (dropdown, "activate");
  ward_test_wait_for (language_rows_shown, dropdown);
  ward_test_spin (200);

  collect_by_css_name (dropdown, "row", rows);
  g_assert_cmpuint (rows->len, >=, 2);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (gtk_widget_get_height (rows->pdata[i]), >=, 48);
  /* Closed again before the kiosk quits: a popup left over a window that
   * goes would be asked for the pointer of a surface already gone. */
  gtk_popover_popdown (GTK_POPOVER (find_by_type (dropdown, GTK_TYPE_POPOVER)));
  ward_test_spin (300);
}

static void
test_language_rows (void)
{
  run_kiosk (check_language_rows, 1280, 800);
}

/* -- 5. A large display gets larger words ------------------------------------- */

static int large_glyph_height;
static int reference_glyph_height;

static int
glyph_height (Kiosk *k)
{
  GtkLabel *instruction = ward_test_find_label (GTK_WIDGET (k->window), "Tap your badge", TRUE);
  g_autoptr(PangoLayout) layout = NULL;
  int height = 0;

  g_assert_nonnull (instruction);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (instruction), "Tap");
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
check_large (Kiosk *k)
{
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (k->window), "large"));
  large_glyph_height = glyph_height (k);
  kiosk_screenshot (k, "lock-screen-1920x1080.png");
}

static void
check_reference (Kiosk *k)
{
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (k->window), "large"));
  reference_glyph_height = glyph_height (k);
  kiosk_screenshot (k, "lock-screen-1280x800.png");
}

static void
check_small (Kiosk *k)
{
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (k->window), "large"));
  kiosk_screenshot (k, "lock-screen-1024x768.png");
}

static void
test_large_display (void)
{
  run_kiosk (check_reference, 1280, 800);
  run_kiosk (check_small, 1024, 768);
  run_kiosk (check_large, 1920, 1080);
  g_assert_cmpint (large_glyph_height * 100, >=, reference_glyph_height * 115);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/screen-details/lasting-refusal", test_lasting_refusal);
  g_test_add_func ("/ui/screen-details/wait-in-words", test_wait_in_words);
  g_test_add_func ("/ui/screen-details/wrong-code-keeps-layout", test_wrong_code_layout);
  g_test_add_func ("/ui/screen-details/language-rows", test_language_rows);
  g_test_add_func ("/ui/screen-details/large-display", test_large_display);

  return g_test_run ();
}
