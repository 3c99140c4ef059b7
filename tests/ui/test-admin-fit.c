/* test-admin-fit.c: the administration screens at 1024×768 and 1280×800, in English and German, walked by pointer clicks: a sidebar that keeps its width, table headings that break only between words, a header where a long name gives way to the title, flagged audit rows inside the window, the enrolment's key and authenticator steps within the screen */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "data/ward-audit.h"
#include "data/ward-sessions.h"
#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-language.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-screenshot.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"

/* Sixty characters, as the layout test's. */
#define LONG_NAME "Maximiliane Alexandra Konstantinopoulou-Wolfeschlegelsteinha"

typedef struct
{
  int         width;
  int         height;
  const char *language;
} Screen;

static const Screen screens[] = {
  { 1024, 768, "en" }, { 1280, 800, "en" }, { 1024, 768, "de" }, { 1280, 800, "de" },
};

typedef struct
{
  WardTestKiosk  k;   /* first: the kiosk's check hands this back */
  const Screen  *screen;
  char          *localedir;
  WardAdminPage *page;
  GPtrArray     *problems;
} Fixture;

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->k.window);
}

static void
rename_person (Fixture    *f,
               const char *username,
               const char *full_name)
{
  char *sql = sqlite3_mprintf ("UPDATE users SET full_name = %Q WHERE username = %Q", full_name, username);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->k.site->fixture->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  sqlite3_close (db);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WardStore *store;

  f->screen = data != NULL ? data : &screens[1];
  /* After the ward: setting the site up sets the language back. */
  ward_test_kiosk_set_up (&f->k, NULL);
  f->localedir = ward_test_language_use (f->screen->language);
  ward_test_set_window_size (f->screen->width, f->screen->height);
  rename_person (f, "aadmin", LONG_NAME);
  /* Records the audit marks for review, among ordinary ones. */
  store = f->k.site->fixture->store;
  for (guint i = 0; i < 12; i++)
    g_assert_true (ward_audit_append (store, WARD_AUDIT_ACCOUNT_UNLOCKED, "aadmin", "nnurse", NULL, i % 3 == 0,
                                      &error));
  g_assert_no_error (error);
  /* Emergency sessions waiting for review: the audit section's widest face. */
  for (guint i = 0; i < 2; i++)
    {
      gint64 id = ward_sessions_open (store, ward_test_site_person (f->k.site, "nnurse")->user_id, "break-glass",
                                      "Patient in VF, key left in the locker", &error);

      g_assert_no_error (error);
      ward_clock_advance (f->k.site->fixture->clock, 5 * 60 * G_USEC_PER_SEC);
      g_assert_true (ward_sessions_close (store, id, "signed-out", &error));
    }
  ward_clock_advance (f->k.site->fixture->clock, 30 * G_USEC_PER_SEC);
  f->problems = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_tear_down (&f->k, NULL);
  g_ptr_array_unref (f->problems);
  ward_test_set_window_size (1280, 800);
  ward_test_language_restore (g_steal_pointer (&f->localedir));
}

static char *
where (Fixture    *f,
       const char *what)
{
  return g_strdup_printf ("admin-fit-%s-%dx%d-%s", what, f->screen->width, f->screen->height, f->screen->language);
}

/* A button's label is read at a glance as one thing: broken over two
 * lines ("Passwort / zurücksetzen") it reads as two, or as a block of
 * text. Every button shown keeps each of its labels on one line. */
static void
collect_wrapped_buttons (GtkWidget  *widget,
                         const char *place,
                         GPtrArray  *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON) != NULL
      && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      int lines = pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (widget)));

      if (lines > 1)
        g_ptr_array_add (problems, g_strdup_printf ("%s: the button label “%s” is on %d lines", place,
                                                    gtk_label_get_text (GTK_LABEL (widget)), lines));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_wrapped_buttons (child, place, problems);
}

/* Saves what the screen shows and notes what does not fit; the test fails
 * at the end, naming every problem of every screen it walked. */
static void
look (Fixture    *f,
      const char *what)
{
  g_autofree char *place = where (f, what);
  g_autofree char *file = g_strconcat (place, ".png", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;

  ward_test_spin (100);
  ward_test_wait_for_transitions (root (f));
  g_free (ward_test_save_screenshot (root (f), file));
  if (gtk_widget_get_width (root (f)) != f->screen->width || gtk_widget_get_height (root (f)) != f->screen->height)
    g_ptr_array_add (f->problems, g_strdup_printf ("%s: the window grew to %d×%d", place,
                                                   gtk_widget_get_width (root (f)), gtk_widget_get_height (root (f))));
  problems = ward_test_layout_problems (root (f), place);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (f->problems, g_strdup (problems->pdata[i]));
  placeholders = ward_test_placeholder_problems (root (f), place);
  for (guint i = 0; i < placeholders->len; i++)
    g_ptr_array_add (f->problems, g_strdup (placeholders->pdata[i]));
  collect_wrapped_buttons (root (f), place, f->problems);
}

static void
assert_no_problems (Fixture *f)
{
  g_autofree char *all = NULL;

  if (f->problems->len == 0)
    return;
  g_ptr_array_add (f->problems, NULL);
  all = g_strjoinv ("\n  ", (char **) f->problems->pdata);
  g_error ("The administration screens do not fit:\n  %s", all);
}

/* A problem to report once every check has run, named by the screen's
 * size and language. */
static void G_GNUC_PRINTF (2, 3)
add_problem (Fixture    *f,
             const char *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (f->problems, g_strdup_printf ("%dx%d %s: %s", f->screen->width, f->screen->height,
                                                 f->screen->language, what));
}

static void
open_admin (Fixture *f)
{
  f->page = ward_test_xinput_open_admin (f->k.window, f->k.site, "aadmin", WARD_TEST_ADMIN_BADGE);
}

static GtkWidget *
sidebar (Fixture *f)
{
  GtkWidget *found = ward_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_STACK_SIDEBAR);

  g_assert_nonnull (found);
  return found;
}

/* The sections the sidebar offers this person, in its order. */
static GPtrArray *
sidebar_rows (Fixture *f)
{
  GtkWidget *list = ward_test_find_widget (sidebar (f), GTK_TYPE_LIST_BOX);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_is_drawable (row))
      g_ptr_array_add (rows, row);
  return rows;
}

static GtkLabel *
first_label (GtkWidget *widget)
{
  GtkWidget *label = ward_test_find_widget (widget, GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

static void
choose (Fixture   *f,
        GtkWidget *row)
{
  ward_test_xinput_click (row);
  ward_test_spin (600);
  gtk_test_widget_wait_for_draw (root (f));
}

/* The administration page open at the section the sidebar lists as
 * @title (@name in the page), chosen with the pointer and looked at. */
static GtkWidget *
open_section (Fixture    *f,
              const char *title,
              const char *name)
{
  g_autoptr(GPtrArray) rows = NULL;

  open_admin (f);
  rows = sidebar_rows (f);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (gtk_label_get_text (first_label (rows->pdata[i])), title))
      choose (f, rows->pdata[i]);
  g_assert_cmpstr (ward_admin_page_get_section (f->page), ==, name);
  look (f, name);
  return ward_admin_page_get_section_widget (f->page, name);
}

/* The widgets drawn with any of the classes (a NULL-terminated list) in
 * the section open_section() opens: what a check then measures. */
static GPtrArray * G_GNUC_NULL_TERMINATED
section_widgets_with_class (Fixture    *f,
                            const char *title,
                            const char *name,
                            ...)
{
  GtkWidget *section = open_section (f, title, name);
  GPtrArray *found = g_ptr_array_new ();
  const char *css_class;
  va_list args;

  va_start (args, name);
  while ((css_class = va_arg (args, const char *)) != NULL)
    ward_test_collect_with_class (section, css_class, found);
  va_end (args);
  return found;
}

/* -- 1. The sidebar keeps one width in every section ------------------------------------ */

/* The sidebar's width beside what the section shows now, against the
 * first one seen; and every title of the list read whole: its lines as
 * Pango laid them out no wider than the label, none begun inside a word,
 * nothing left out. */
static void
check_sidebar_beside (Fixture    *f,
                      GPtrArray  *rows,
                      const char *face,
                      int        *first_width)
{
  int width = gtk_widget_get_width (sidebar (f));
  g_autofree char *name = g_strconcat ("sidebar-", face, NULL);

  g_test_message ("%s: sidebar %d px wide", face, width);
  if (*first_width < 0)
    *first_width = width;
  else if (width != *first_width)
    add_problem (f, "the sidebar is %d px wide beside “%s”, %d px beside the first section",
                 width, face, *first_width);
  for (guint j = 0; j < rows->len; j++)
    {
      GtkLabel *title = first_label (rows->pdata[j]);
      PangoLayout *layout = gtk_label_get_layout (title);
      PangoRectangle extents;

      pango_layout_get_pixel_extents (layout, NULL, &extents);
      if (extents.width > gtk_widget_get_width (GTK_WIDGET (title)) + 1 || pango_layout_is_ellipsized (layout)
          || ward_test_label_breaks_inside_word (title))
        g_ptr_array_add (f->problems, g_strdup_printf ("%s: the sidebar's “%s” is cut (%d px of %d)", face,
                                                       gtk_label_get_text (title),
                                                       gtk_widget_get_width (GTK_WIDGET (title)), extents.width));
    }
  look (f, name);
}

static void
check_sidebar (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  g_autoptr(GPtrArray) rows = NULL;
  int first_width = -1;

  open_admin (f);
  rows = sidebar_rows (f);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const char *section;

      choose (f, row);
      section = ward_admin_page_get_section (f->page);
      g_assert_nonnull (section);
      g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
      check_sidebar_beside (f, rows, section, &first_width);
      if (g_str_equal (section, "users"))
        {
          /* The person with the long name, opened: the name in the
           * list, not the same name in the session bar above. */
          GtkWidget *users = ward_admin_page_get_section_widget (f->page, "users");

          ward_test_xinput_click (GTK_WIDGET (ward_test_find_label (users, LONG_NAME, FALSE)));
          ward_test_spin (600);
          gtk_test_widget_wait_for_draw (root (f));
          ward_test_assert_shows (users, _("All staff"));
          check_sidebar_beside (f, rows, "users-detail", &first_width);
        }
      else if (g_str_equal (section, "audit"))
        {
          /* The sessions waiting for review, opened. */
          ward_test_xinput_click (ward_test_find_by_id (root (f), "review_toggle"));
          ward_test_spin (600);
          gtk_test_widget_wait_for_draw (root (f));
          ward_test_assert_shows_part (root (f), "Patient in VF");
          check_sidebar_beside (f, rows, "audit-review", &first_width);
        }
    }
  assert_no_problems (f);
}

static void
test_sidebar (Fixture       *f,
              gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_sidebar, FALSE);
}

/* -- 4. The roles table's headings break between words only ---------------------------- */

static void
check_headings (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  g_autoptr(GPtrArray) heads = section_widgets_with_class (f, _("Roles and permissions"), "roles",
                                                           "admin-matrix-head", "admin-matrix-permission", NULL);

  /* The corner, five roles, eleven permissions. */
  g_assert_cmpuint (heads->len, >=, 17);
  for (guint i = 0; i < heads->len; i++)
    {
      GtkLabel *head = heads->pdata[i];
      int lines = pango_layout_get_line_count (gtk_label_get_layout (head));

      g_test_message ("heading “%s”: %d line(s)", gtk_label_get_text (head), lines);
      if (ward_test_label_breaks_inside_word (head))
        add_problem (f, "the heading “%s” breaks inside a word", gtk_label_get_text (head));
    }
  assert_no_problems (f);
}

static void
test_headings (Fixture       *f,
               gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_headings, FALSE);
}

/* -- 5. A long name gives way to the title ---------------------------------------------- */

static gboolean
rect_of (GtkWidget       *widget,
         GtkWidget       *relative_to,
         graphene_rect_t *rect)
{
  return gtk_widget_compute_bounds (widget, relative_to, rect);
}

static void
check_header (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  GtkWidget *actor;
  GtkLabel *title;
  graphene_rect_t actor_rect, title_rect;
  g_autofree char *expected = NULL;
  g_autofree char *description = NULL;
  int title_needed = 0;

  open_admin (f);
  look (f, "header");
  actor = ward_test_find_by_id (GTK_WIDGET (f->page), "actor_label");
  title = ward_test_find_label (GTK_WIDGET (f->page), _("Administration"), FALSE);
  g_assert_nonnull (actor);
  g_assert_nonnull (title);

  /* The title whole, on one line, at its full width. */
  gtk_widget_measure (GTK_WIDGET (title), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_needed, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (title)), >=, title_needed);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (title)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (title)), ==, 1);

  /* The name shortened, clear of the title, and whole in its tooltip. */
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (actor))));
  g_assert_true (rect_of (actor, root (f), &actor_rect));
  g_assert_true (rect_of (GTK_WIDGET (title), root (f), &title_rect));
  g_test_message ("title %.0f…%.0f, name %.0f…%.0f", title_rect.origin.x,
                  title_rect.origin.x + title_rect.size.width, actor_rect.origin.x,
                  actor_rect.origin.x + actor_rect.size.width);
  g_assert_cmpfloat (actor_rect.origin.x, >=, title_rect.origin.x + title_rect.size.width + 24);
  g_assert_cmpfloat (actor_rect.origin.x + actor_rect.size.width, <=, f->screen->width);
  expected = g_strdup_printf (_("Signed in: %s"), LONG_NAME);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (actor), ==, expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (actor)), ==, expected);
  /* A screen reader reads the whole name too. */
  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (actor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                    expected);
  g_assert_null (description);
  assert_no_problems (f);
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_header, FALSE);
}

/* -- 7. Flagged records stay inside the window ------------------------------------------- */

static void
check_audit (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  g_autoptr(GPtrArray) tags = section_widgets_with_class (f, _("Audit trail"), "audit", "admin-tag-warning", NULL);

  g_assert_cmpuint (tags->len, >=, 1);
  for (guint i = 0; i < tags->len; i++)
    {
      GtkWidget *tag = tags->pdata[i];
      GtkWidget *row = gtk_widget_get_ancestor (tag, GTK_TYPE_LIST_BOX_ROW);
      graphene_rect_t tag_rect, row_rect;

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tag)), ==, _("Flagged"));
      g_assert_true (rect_of (tag, root (f), &tag_rect));
      g_assert_true (rect_of (row, root (f), &row_rect));
      /* Inside its row, and the row inside the window, with room to spare. */
      if (tag_rect.origin.x + tag_rect.size.width > row_rect.origin.x + row_rect.size.width + 1
          || row_rect.origin.x + row_rect.size.width > f->screen->width - 8)
        add_problem (f, "a “Flagged” tag ends at x %.0f, its row at %.0f",
                     tag_rect.origin.x + tag_rect.size.width, row_rect.origin.x + row_rect.size.width);
    }
  assert_no_problems (f);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_audit, FALSE);
}

/* -- 5. Enrolment: the authenticator step ----------------------------------------------- */

static void
tap_and_look (Fixture    *f,
              GtkWidget  *widget,
              const char *face)
{
  g_assert_nonnull (widget);
  ward_test_xinput_click (widget);
  ward_test_spin (600);
  gtk_test_widget_wait_for_draw (root (f));
  look (f, face);
}

/* From 800 px high the whole authenticator step is in view; lower, the
 * keypad's OK key is a scroll away, and scrolling brings it into view. */
static void
check_ok_key_reachable (Fixture   *f,
                        GtkWidget *ok)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (ok, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double upper, page;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  g_test_message ("%dx%d %s: the authenticator step is %.0f px in %.0f", f->screen->width, f->screen->height,
                  f->screen->language, upper, page);
  if (f->screen->height >= 800 && upper > page + 0.5)
    add_problem (f, "the authenticator step needs scrolling: %.0f px in %.0f", upper, page);
  gtk_adjustment_set_value (adjustment, upper - page);
  ward_test_spin (100);
  gtk_test_widget_wait_for_draw (root (f));
  if (!gtk_widget_compute_bounds (ok, scroller, &bounds) || bounds.origin.y < -0.5
      || bounds.origin.y + bounds.size.height > gtk_widget_get_height (scroller) + 0.5)
    add_problem (f, "the OK key cannot be scrolled into view");
}

/* The authenticator step, the tallest and widest, under the session bar
 * and beside the sidebar, before and with its code shown: inside the
 * window, its keypad within reach (the step scrolls on a 768-high
 * screen rather than push the window past it). */
static void
check_enrolment (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  GtkWidget *enrolment = open_section (f, _("Enrol badge, key, app"), "enrolment");

  ward_test_xinput_click (ward_test_find_by_id (enrolment, "who_entry"));
  ward_test_xinput_type (root (f), "nnurse", 30);
  ward_test_xinput_click (ward_test_find_by_id (enrolment, "start_button"));
  ward_test_spin (600);
  tap_and_look (f, ward_test_find_button (root (f), _("Skip the badge")), "enrolment-key");
  tap_and_look (f, ward_test_find_button (root (f), _("Skip the key")), "enrolment-app");
  tap_and_look (f, ward_test_find_by_id (enrolment, "show_qr_button"), "enrolment-qr");
  g_assert_true (gtk_widget_is_drawable (ward_test_find_by_id (enrolment, "qr_view")));
  check_ok_key_reachable (f, ward_test_find_by_id (enrolment, "ok_button"));
  assert_no_problems (f);
}

static void
test_enrolment (Fixture       *f,
                gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_enrolment, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  ward_test_kiosk_init (&argc, &argv);
  g_setenv ("TZ", "UTC", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      static const struct
      {
        const char *name;
        void      (*test) (Fixture *f, gconstpointer data);
      } checks[] = {
        { "sidebar", test_sidebar },
        { "headings", test_headings },
        { "header", test_header },
        { "audit", test_audit },
        { "enrolment", test_enrolment },
      };

      for (guint j = 0; j < G_N_ELEMENTS (checks); j++)
        {
          g_autofree char *path = g_strdup_printf ("/ui/admin-fit/%dx%d/%s/%s", screens[i].width, screens[i].height,
                                                   screens[i].language, checks[j].name);

          g_test_add (path, Fixture, &screens[i], fixture_set_up, checks[j].test, fixture_tear_down);
        }
    }
  return g_test_run ();
}
