/* test-admin-layout.c: the administration screens at the bedside screens' sizes: the audit list fills the room it has, the roles table keeps its headings in view while it scrolls */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "data/ward-audit.h"
#include "data/ward-sessions.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"

#define ADMIN_BADGE "04D4E5F6"
#define LONG_NAME "Maximiliane Alexandra Konstantinopoulou-Wolfeschlegelsteinha"

typedef struct
{
  int width;
  int height;
} Size;

static const Size sizes[] = { { 1280, 800 }, { 1024, 768 } };

typedef struct
{
  const Size    *size;
  WardTestSite  *site;
  WardWindow    *window;
  WardAdminPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  WardStore *store;
  g_autoptr(GError) error = NULL;
  gint64 nurse_id;

  f->size = data;
  ward_test_configure_site ("Bed 12");
  ward_test_set_window_size (f->size->width, f->size->height);
  f->site = ward_test_site_new ();
  ward_test_site_add_person (f->site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  nurse_id = ward_test_site_add_person (f->site, "nnurse", "nurse", "04A1B2C3", TRUE, TRUE)->user_id;
  store = f->site->fixture->store;
  ward_test_site_rename (f->site, "aadmin", LONG_NAME);
  /* A busy week: emergency sessions waiting for review, many records. */
  for (guint i = 0; i < 4; i++)
    {
      gint64 id = ward_sessions_open (store, nurse_id, "break-glass", "Patient in VF, key left in the locker", &error);

      g_assert_no_error (error);
      ward_clock_advance (f->site->fixture->clock, 5 * 60 * G_USEC_PER_SEC);
      g_assert_true (ward_sessions_close (store, id, "signed-out", &error));
    }
  for (guint i = 0; i < 40; i++)
    g_assert_true (ward_audit_append (store, WARD_AUDIT_ACCOUNT_UNLOCKED, "aadmin", "nnurse", NULL, FALSE, &error));
  ward_clock_advance (f->site->fixture->clock, 30 * G_USEC_PER_SEC);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_site_free (f->site);
  ward_test_set_window_size (1280, 800);
}

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->window);
}

static void
sign_in_and_open_admin (Fixture         *f,
                        WardApplication *app)
{
  f->window = ward_test_xinput_kiosk_ready (app, f->site);
  f->page = ward_test_xinput_open_admin (f->window, f->site, "aadmin", ADMIN_BADGE);
}

/* How much of @widget shows inside its scrolled window's viewport. */
static int
rows_in_view (GtkWidget *list)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  int shown = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!GTK_IS_LIST_BOX_ROW (row) || !gtk_widget_compute_bounds (row, viewport, &bounds))
        continue;
      if (bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (viewport) + 1)
        shown++;
    }
  return shown;
}

static void
screenshot (Fixture    *f,
            const char *what)
{
  g_autofree char *name = g_strdup_printf ("admin-layout-%s-%dx%d.png", what, f->size->width, f->size->height);

  ward_test_wait_for_transitions (root (f));
  g_free (ward_test_save_screenshot (root (f), name));
  ward_test_assert_placeholders_whole (root (f));
  g_assert_cmpint (gtk_widget_get_width (root (f)), ==, f->size->width);
  g_assert_cmpint (gtk_widget_get_height (root (f)), ==, f->size->height);
}

/* -- The audit trail: the records take the room the screen has ------------- */

static void
walk_audit (WardApplication *app,
            gpointer         data)
{
  Fixture *f = data;
  GtkWidget *records;
  GtkWidget *scroller;
  int shown;

  sign_in_and_open_admin (f, app);
  ward_test_xinput_choose_section (root (f), "Audit trail");
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, "audit");
  ward_test_assert_shows_part (root (f), "4 emergency sessions await review");
  ward_test_spin (300);
  records = ward_test_find_with_class (root (f), "admin-audit-list");
  g_assert_nonnull (records);
  scroller = gtk_widget_get_ancestor (records, GTK_TYPE_SCROLLED_WINDOW);
  shown = rows_in_view (records);
  g_test_message ("%d×%d: %d audit rows in view, list %d px high", f->size->width, f->size->height, shown,
                  gtk_widget_get_height (scroller));
  screenshot (f, "audit");
  /* The records are what the screen is for: at least a third of the
   * window's height, and rows enough to read a sequence of events,
   * whatever else the section shows above them. */
  g_assert_cmpint (gtk_widget_get_height (scroller), >=, f->size->height * 3 / 10);
  g_assert_cmpint (shown, >=, 5);

  /* The sessions open on demand, each reachable by scrolling the card. */
  ward_test_assert_hides (root (f), "Patient in VF");
  ward_test_xinput_click (ward_test_find_by_id (root (f), "review_toggle"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (root (f));
  ward_test_assert_shows_part (root (f), "Patient in VF");
  screenshot (f, "audit-review");
  {
    GtkWidget *card = ward_test_find_by_id (root (f), "review_scroller");
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (card));

    for (guint i = 0; i < 20 && gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                                  < gtk_adjustment_get_upper (adjustment) - 1; i++)
      {
        ward_test_xinput_click_button (card, 5);
        ward_test_spin (100);
      }
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment), >=,
                       gtk_adjustment_get_upper (adjustment) - 1);
    /* The records keep rows to read while the sessions are open. */
    g_assert_cmpint (rows_in_view (records), >=, 1);
  }
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk_audit, f);
}

/* -- The roles table: headings stay while the permissions scroll ----------- */

static double
y_in_window (Fixture   *f,
             GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, root (f), &bounds));
  return bounds.origin.y;
}

static gboolean
in_view (GtkWidget *widget,
         GtkWidget *viewport,
         gboolean   whole)
{
  graphene_rect_t bounds;
  double top, bottom;

  if (!gtk_widget_compute_bounds (widget, viewport, &bounds))
    return FALSE;
  top = bounds.origin.y;
  bottom = bounds.origin.y + bounds.size.height;
  if (whole)
    return top >= 0 && bottom <= gtk_widget_get_height (viewport) + 1;
  return bottom > 0 && top < gtk_widget_get_height (viewport);
}

/* A row of boxes is read by its permission's name: wherever a box is in
 * view, so is the name of its row (at least in part). */
static void
assert_row_headers_in_view (GtkWidget *scroller)
{
  GtkGrid *matrix = GTK_GRID (ward_test_find_widget (scroller, GTK_TYPE_GRID));
  guint checked = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (matrix)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *check = ward_test_find_widget (cell, GTK_TYPE_CHECK_BUTTON);
      int column, row;
      GtkWidget *header;

      if (check == NULL || !in_view (check, scroller, FALSE))
        continue;
      gtk_grid_query_child (matrix, cell, &column, &row, NULL, NULL);
      header = gtk_grid_get_child_at (matrix, 0, row);
      g_assert_nonnull (header);
      g_assert_null (ward_test_find_widget (header, GTK_TYPE_CHECK_BUTTON));
      if (!in_view (header, scroller, FALSE))
        g_error ("A box of row %d is in view, the name of its permission is not", row);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

/* Scrolled to its end, the table shows its last permission whole, name
 * and boxes: no row lies beyond the reach of scrolling. */
static void
assert_last_row_in_view (GtkWidget *scroller)
{
  GtkGrid *matrix = GTK_GRID (ward_test_find_widget (scroller, GTK_TYPE_GRID));
  int last_row = 0;

  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (matrix)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      int row;

      gtk_grid_query_child (matrix, cell, NULL, &row, NULL, NULL);
      last_row = MAX (last_row, row);
    }
  g_assert_cmpint (last_row, >, 1);
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (matrix)); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      int column, row;

      gtk_grid_query_child (matrix, cell, &column, &row, NULL, NULL);
      if (row == last_row && !in_view (cell, scroller, TRUE))
        {
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_compute_bounds (cell, scroller, &bounds));
          int minimum, natural;

          gtk_widget_measure (GTK_WIDGET (matrix), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (matrix)),
                              &minimum, &natural, NULL, NULL);
          g_error ("Scrolled to its end, the last row's cell in column %d lies at %.0f…%.0f, outside the "
                   "table's %d px (the table's grid asks for %d–%d px at its width, and was given %d px)",
                   column, bounds.origin.y, bounds.origin.y + bounds.size.height, gtk_widget_get_height (scroller),
                   minimum, natural, gtk_widget_get_height (GTK_WIDGET (matrix)));
        }
    }
}

static void
walk_roles (WardApplication *app,
            gpointer         data)
{
  Fixture *f = data;
  GtkWidget *heads;
  GtkWidget *matrix;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  const char *const role_titles[] = { "Nurse", "Charge nurse", "Administrator" };
  double heads_y;

  sign_in_and_open_admin (f, app);
  ward_test_xinput_choose_section (root (f), "Roles and permissions");
  heads = ward_test_find_with_class (root (f), "admin-matrix-heads");
  g_assert_nonnull (heads);
  heads_y = y_in_window (f, heads);
  matrix = ward_test_find_widget (gtk_widget_get_ancestor (heads, GTK_TYPE_BOX), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (matrix);
  scroller = matrix;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));

  /* The wheel, over the table, to its end. */
  for (guint i = 0; i < 30 && gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                                < gtk_adjustment_get_upper (adjustment) - 1; i++)
    {
      ward_test_xinput_click_button (scroller, 5);
      ward_test_spin (100);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment), >=,
                     gtk_adjustment_get_upper (adjustment) - 1);
  screenshot (f, "roles-scrolled");

  /* The role names have not moved and are all there to read. */
  g_assert_cmpfloat (y_in_window (f, heads), ==, heads_y);
  for (guint i = 0; i < G_N_ELEMENTS (role_titles); i++)
    g_assert_nonnull (ward_test_find_label (heads, role_titles[i], FALSE));
  /* Every row of boxes in view has its permission's name in view with it. */
  assert_row_headers_in_view (scroller);
  assert_last_row_in_view (scroller);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  ward_test_run_kiosk (f->site, FALSE, walk_roles, f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  ward_test_isolate_kiosk ();
  gtk_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *audit = g_strdup_printf ("/ui/admin-layout/%dx%d/audit", sizes[i].width, sizes[i].height);
      g_autofree char *roles = g_strdup_printf ("/ui/admin-layout/%dx%d/roles", sizes[i].width, sizes[i].height);

      g_test_add (audit, Fixture, &sizes[i], fixture_set_up, test_audit, fixture_tear_down);
      g_test_add (roles, Fixture, &sizes[i], fixture_set_up, test_roles, fixture_tear_down);
    }
  return g_test_run ();
}
