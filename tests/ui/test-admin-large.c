/* test-admin-large.c: the administration screens on a large display: at 1920x1080 their words, rows and buttons are about a quarter larger than at 1280x800, lists and tables use the width, and the enrolment's QR code is drawn larger and still scans */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-qr-view.h"

/* What one size of screen shows: glyph heights (Pango's, in pixels, of the
 * widget's own font) and allocations. */
typedef struct
{
  int section_title;
  int row_title;
  int button_label;
  int sidebar_title;
  int audit_event;
  int matrix_permission;
  int row_height;
  int button_height;
  int sidebar_width;
  int users_list_width;
  int audit_list_width;
  int qr_side;
} Sizes;

typedef struct
{
  WardTestKiosk  k;   /* first: the kiosk's check hands this back */
  int            width;
  int            height;
  Sizes         *sizes;
  WardAdminPage *page;
} Run;

static GtkWidget *
root (Run *r)
{
  return GTK_WIDGET (r->k.window);
}

/* The height of a line of text in the widget's own font, as Pango lays it
 * out: what the eye sees grow, whatever the padding around it. */
static int
glyph_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "Ag");
  int height = 0;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
save (Run        *r,
      const char *what)
{
  g_autofree char *name = g_strdup_printf ("admin-large-%s-%dx%d.png", what, r->width, r->height);

  ward_test_spin (100);
  ward_test_wait_for_transitions (root (r));
  g_free (ward_test_save_screenshot (root (r), name));
  ward_test_assert_placeholders_whole (root (r));
}

static void
open_admin (Run *r)
{
  r->page = ward_test_xinput_open_admin (r->k.window, r->k.site, "aadmin", WARD_TEST_ADMIN_BADGE);
}

static void
open_section (Run        *r,
              const char *title,
              const char *name)
{
  ward_test_xinput_choose_section (GTK_WIDGET (r->page), title);
  g_assert_cmpstr (ward_admin_page_get_section (r->page), ==, name);
}

static void
measure_users (Run *r)
{
  GtkWidget *users, *row_title, *row, *button, *label, *sidebar;

  open_section (r, _("Staff accounts"), "users");
  save (r, "users");
  users = ward_admin_page_get_section_widget (r->page, "users");
  r->sizes->section_title = glyph_height (ward_test_get_with_class (users, "admin-section-title"));

  row_title = ward_test_get_with_class (users, "admin-row-title");
  r->sizes->row_title = glyph_height (row_title);
  row = gtk_widget_get_ancestor (row_title, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  r->sizes->row_height = gtk_widget_get_height (row);
  r->sizes->users_list_width = gtk_widget_get_width (gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX));

  button = ward_test_find_button (users, _("Add a person"));
  g_assert_nonnull (button);
  label = ward_test_find_widget (button, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  r->sizes->button_label = glyph_height (label);
  r->sizes->button_height = gtk_widget_get_height (button);

  sidebar = ward_test_find_widget (GTK_WIDGET (r->page), GTK_TYPE_STACK_SIDEBAR);
  r->sizes->sidebar_title = glyph_height (GTK_WIDGET (ward_test_find_label (sidebar, _("Audit trail"), FALSE)));
  r->sizes->sidebar_width = gtk_widget_get_width (sidebar);

  /* One person opened: the detail's cards and buttons, for the eye. */
  ward_test_xinput_click (row_title);
  ward_test_spin (600);
  gtk_test_widget_wait_for_draw (root (r));
  save (r, "user-detail");
}

static void
measure_audit (Run *r)
{
  GtkWidget *audit, *event;

  open_section (r, _("Audit trail"), "audit");
  save (r, "audit");
  audit = ward_admin_page_get_section_widget (r->page, "audit");
  event = ward_test_get_with_class (audit, "admin-audit-event");
  r->sizes->audit_event = glyph_height (event);
  r->sizes->audit_list_width = gtk_widget_get_width (gtk_widget_get_ancestor (event, GTK_TYPE_LIST_BOX));
}

/* A large display has the room for the whole roles table: every cell of
 * it, to the last permission's, lies inside the table's scrolled window
 * as it first shows, with nothing to scroll to. */
static void
assert_roles_unscrolled (GtkWidget *roles)
{
  GtkWidget *matrix = ward_test_find_by_id (roles, "matrix");
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  guint cells = 0;

  g_assert_nonnull (matrix);
  scroller = gtk_widget_get_ancestor (matrix, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  for (GtkWidget *cell = gtk_widget_get_first_child (matrix); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      graphene_rect_t bounds;
      int row = 0;

      gtk_grid_query_child (GTK_GRID (matrix), cell, NULL, &row, NULL, NULL);
      g_assert_true (gtk_widget_compute_bounds (cell, scroller, &bounds));
      if (bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > gtk_widget_get_height (scroller) + 1)
        g_error ("At 1920x1080 row %d of the roles table lies at %.0f…%.0f, outside the table's %d px",
                 row, bounds.origin.y, bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller));
      cells++;
    }
  g_assert_cmpuint (cells, >, 0);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_test_message ("roles table: %.0f px of rows in %.0f px", gtk_adjustment_get_upper (adjustment),
                  gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 1);
}

static void
measure_roles (Run *r)
{
  GtkWidget *roles;

  open_section (r, _("Roles and permissions"), "roles");
  save (r, "roles");
  roles = ward_admin_page_get_section_widget (r->page, "roles");
  r->sizes->matrix_permission = glyph_height (ward_test_get_with_class (roles, "admin-matrix-permission"));
  if (r->width >= 1920)
    assert_roles_unscrolled (roles);
}

/* A phone must still read the larger code: zbarimg reads the drawn widget
 * and must find the secret shown beside it. */
static void
assert_qr_scans (Run       *r,
                 GtkWidget *qr_view,
                 GtkWidget *secret_label)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *name = g_strdup_printf ("admin-large-qr-only-%dx%d.png", r->width, r->height);
  g_autofree char *png = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) groups = g_strsplit (gtk_label_get_text (GTK_LABEL (secret_label)), " ", -1);
  g_autofree char *secret = g_strjoinv ("", groups);
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* .ci/install-deps installs zbar-tools: a missing decoder is a broken
   * machine, not a reason to pass. */
  g_assert_nonnull (zbarimg);
  png = ward_test_save_screenshot (qr_view, name);
  {
    const char *argv[] = { zbarimg, "--nodbus", "-q", "--raw", png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                                 &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (out, "otpauth://totp/"));
  g_assert_cmpuint (strlen (secret), >=, 16);
  g_assert_nonnull (strstr (out, secret));
}

static void
measure_qr (Run *r)
{
  GtkWidget *enrolment, *qr_view;

  open_section (r, _("Enrol badge, key, app"), "enrolment");
  enrolment = ward_admin_page_get_section_widget (r->page, "enrolment");
  ward_test_xinput_click (ward_test_get_by_id (enrolment, "who_entry"));
  ward_test_xinput_type (root (r), "nnurse", 30);
  ward_test_xinput_click (ward_test_get_by_id (enrolment, "start_button"));
  ward_test_spin (300);
  save (r, "enrolment-badge");
  ward_test_xinput_click (ward_test_find_button (root (r), _("Skip the badge")));
  ward_test_spin (300);
  ward_test_xinput_click (ward_test_find_button (root (r), _("Skip the key")));
  ward_test_spin (300);
  ward_test_xinput_click (ward_test_get_by_id (enrolment, "show_qr_button"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (r));
  save (r, "enrolment-qr");

  qr_view = ward_test_get_by_id (enrolment, "qr_view");
  g_assert_false (ward_qr_view_is_empty (WARD_QR_VIEW (qr_view)));
  g_assert_true (gtk_widget_is_drawable (qr_view));
  g_assert_cmpint (gtk_widget_get_width (qr_view), ==, gtk_widget_get_height (qr_view));
  r->sizes->qr_side = gtk_widget_get_width (qr_view);
  assert_qr_scans (r, qr_view, ward_test_get_by_id (enrolment, "secret_label"));
}

static void
measure (WardTestKiosk *k)
{
  Run *r = (Run *) k;
  gboolean large = r->width >= 1920;

  g_assert_cmpint (gtk_widget_get_width (root (r)), ==, r->width);
  g_assert_cmpint (gtk_widget_get_height (root (r)), ==, r->height);
  g_assert_true (gtk_widget_has_css_class (root (r), "large") == large);
  open_admin (r);
  measure_users (r);
  measure_audit (r);
  measure_roles (r);
  measure_qr (r);
}

static void
measure_at (int    width,
            int    height,
            Sizes *sizes)
{
  Run r = { .width = width, .height = height, .sizes = sizes };

  ward_test_set_window_size (width, height);
  ward_test_kiosk_set_up (&r.k, NULL);
  ward_test_kiosk_run (&r.k, measure, FALSE);
  ward_test_kiosk_tear_down (&r.k, NULL);
  ward_test_set_window_size (1280, 800);
}

/* At least 115 % of the reference: the stylesheet's quarter, with room for
 * Pango's rounding of line heights. */
static void
assert_grew (const char *what,
             int         reference,
             int         large)
{
  g_test_message ("%s: %d px at 1280x800, %d px at 1920x1080", what, reference, large);
  g_assert_cmpint (reference, >, 0);
  if (large * 100 < reference * 115)
    g_error ("%s: %d px at 1920x1080 is less than 115 %% of its %d px at 1280x800", what, large, reference);
}

static void
test_admin_large (void)
{
  Sizes reference = { 0 }, large = { 0 };

  measure_at (1280, 800, &reference);
  measure_at (1920, 1080, &large);

  assert_grew ("a section title", reference.section_title, large.section_title);
  assert_grew ("a list row's name", reference.row_title, large.row_title);
  assert_grew ("a button's label", reference.button_label, large.button_label);
  assert_grew ("a sidebar title", reference.sidebar_title, large.sidebar_title);
  assert_grew ("an audit record's event", reference.audit_event, large.audit_event);
  assert_grew ("a permission in the roles table", reference.matrix_permission, large.matrix_permission);
  assert_grew ("a list row's height", reference.row_height, large.row_height);
  assert_grew ("a button's height", reference.button_height, large.button_height);
  assert_grew ("the sidebar's width", reference.sidebar_width, large.sidebar_width);
  assert_grew ("the QR code's side", reference.qr_side, large.qr_side);

  /* The lists use the width, not a narrow column in a sea of space. */
  g_test_message ("users list %d px, audit list %d px of 1920", large.users_list_width, large.audit_list_width);
  g_assert_cmpint (large.users_list_width * 100, >=, 1920 * 60);
  g_assert_cmpint (large.audit_list_width * 100, >=, 1920 * 60);
}

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/ui/admin-large/grows-at-1920x1080", test_admin_large);

  return g_test_run ();
}
