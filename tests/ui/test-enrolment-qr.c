/* test-enrolment-qr.c: the authenticator app's enrolment code at the kiosk, by pointer clicks and typed keys: Hide takes it off the screen, and a code left showing hides itself after its time */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"

typedef struct
{
  WardTestKiosk  k;   /* first: the kiosk's check hands this back */
  WardAdminPage *page;
  GtkWidget     *enrolment;
} Fixture;

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->k.window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ward_test_set_window_size (1280, 800);
  ward_test_kiosk_set_up (&f->k, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_tear_down (&f->k, NULL);
}

static GtkWidget *
part (Fixture    *f,
      const char *id)
{
  return ward_test_get_by_id (f->enrolment, id);
}

/* What a passer-by could read or scan. */
static gboolean
code_readable (Fixture *f)
{
  GtkWidget *secret = part (f, "secret_label");

  return !ward_qr_view_is_empty (WARD_QR_VIEW (part (f, "qr_view")))
      || (gtk_widget_is_drawable (secret) && *gtk_label_get_text (GTK_LABEL (secret)) != '\0')
      || gtk_widget_is_drawable (part (f, "qr_view"));
}

static void
assert_code_gone (Fixture *f)
{
  g_assert_false (code_readable (f));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "secret_label"))), ==, "");
  g_assert_true (ward_qr_view_is_empty (WARD_QR_VIEW (part (f, "qr_view"))));
  g_assert_false (gtk_widget_is_drawable (part (f, "hide_qr_button")));
  g_assert_true (gtk_widget_is_drawable (part (f, "show_qr_button")));
}

static void
show_code (Fixture *f)
{
  ward_test_xinput_click (part (f, "show_qr_button"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_true (code_readable (f));
  g_assert_false (ward_qr_view_is_empty (WARD_QR_VIEW (part (f, "qr_view"))));
  g_assert_true (gtk_widget_is_drawable (part (f, "qr_view")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (f, "secret_label"))), !=, "");
  g_assert_true (gtk_widget_is_drawable (part (f, "hide_qr_button")));
}

/* The administrator signs in, opens the enrolment, types whose app it is,
 * and skips the badge and key steps with the pointer. */
static void
reach_app_step (Fixture *f)
{
  GtkWidget *sidebar;

  ward_test_xinput_require (root (f));
  ward_test_xinput_sign_in (f->k.window, f->k.site, "aadmin", WARD_TEST_ADMIN_BADGE);
  ward_test_xinput_click (ward_test_find_button (root (f), _("Administration")));
  ward_test_spin (600);
  f->page = WARD_ADMIN_PAGE (ward_test_find_widget (root (f), WARD_TYPE_ADMIN_PAGE));
  g_assert_nonnull (f->page);
  sidebar = ward_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_STACK_SIDEBAR);
  ward_test_xinput_click (GTK_WIDGET (ward_test_find_label (sidebar, "Enrol badge, key, app", FALSE)));
  ward_test_spin (600);
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "enrolment");
  f->enrolment = ward_admin_page_get_section_widget (f->page, "enrolment");

  ward_test_xinput_click (part (f, "who_entry"));
  ward_test_xinput_type (root (f), "nnurse", 30);
  ward_test_xinput_click (part (f, "start_button"));
  ward_test_spin (300);
  ward_test_xinput_click (ward_test_find_button (root (f), "Skip the badge"));
  ward_test_spin (300);
  ward_test_xinput_click (ward_test_find_button (root (f), "Skip the key"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_true (gtk_widget_is_drawable (part (f, "show_qr_button")));
  g_assert_false (code_readable (f));
}

/* -- Hide, by a click ------------------------------------------------------------------- */

static void
check_hide (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  guint seconds = 0;

  reach_app_step (f);
  /* The kiosk's own time, two minutes, unless something set it shorter. */
  g_object_get (f->enrolment, "qr-shown-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 120);
  show_code (f);
  ward_test_xinput_click (part (f, "hide_qr_button"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (f));
  assert_code_gone (f);
  /* Shown again on demand: a new code. */
  show_code (f);
}

static void
test_hide (Fixture       *f,
           gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_hide, FALSE);
}

/* -- Left on screen, it goes by itself ------------------------------------------------- */

static gboolean
code_gone (gpointer data)
{
  return !code_readable (data);
}

static void
check_times_out (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  gint64 shown_at;
  guint seconds = 0;

  reach_app_step (f);
  /* Never longer than two minutes: a longer time is refused. */
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*qr-shown-seconds*");
  g_object_set (f->enrolment, "qr-shown-seconds", 600u, NULL);
  g_test_assert_expected_messages ();
  g_object_get (f->enrolment, "qr-shown-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 120);

  g_object_set (f->enrolment, "qr-shown-seconds", 3u, NULL);
  show_code (f);
  shown_at = g_get_monotonic_time ();
  /* Still there a moment later: the time is not zero. A timer in whole
   * seconds may fire up to a second early (GLib groups them on the
   * second), so three seconds means at least two. */
  ward_test_spin (1500);
  g_assert_true (code_readable (f));
  ward_test_wait_for (code_gone, f);
  gtk_test_widget_wait_for_draw (root (f));
  g_assert_cmpint (g_get_monotonic_time () - shown_at, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - shown_at, <, 5 * G_USEC_PER_SEC);
  assert_code_gone (f);
  /* The person can still show it again. */
  show_code (f);
}

static void
test_times_out (Fixture       *f,
                gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_times_out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);

  g_test_add ("/ui/enrolment-qr/hide", Fixture, NULL, fixture_set_up, test_hide, fixture_tear_down);
  g_test_add ("/ui/enrolment-qr/times-out", Fixture, NULL, fixture_set_up, test_times_out, fixture_tear_down);
  return g_test_run ();
}
