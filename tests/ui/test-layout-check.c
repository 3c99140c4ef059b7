/* test-layout-check.c: the layout check itself fails on each fault it is meant to find, and stays quiet on designed cases */
#include "config.h"

#include <string.h>

#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-ui.h"

/* GTK 4.8's own containers rather draw a child past their edge than give
 * it less than its minimum, so a parent that squeezes or misplaces its
 * child on purpose is built here with a custom layout: its only child is
 * given the rectangle the test sets. */
typedef struct
{
  int x, y, width, height;
} Place;

static Place place;

static void
place_child (GtkWidget *widget,
             int        width,
             int        height,
             int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  /* GTK asks that a child be measured before it is allocated. */
  if (child != NULL)
    {
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { place.x, place.y, place.width, place.height }, -1);
    }
}

static void
measure_nothing (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  *minimum = *natural = 0;
}

/* A 600×400 window holding a fixed 400×300 frame at its top left, which
 * places @child as the test says. */
static GtkWidget *
window_with (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_layout_manager (frame, gtk_custom_layout_new (NULL, measure_nothing, place_child));
  gtk_widget_set_size_request (frame, 400, 300);
  gtk_widget_set_halign (frame, GTK_ALIGN_START);
  gtk_widget_set_valign (frame, GTK_ALIGN_START);
  gtk_widget_set_parent (child, frame);
  gtk_box_append (GTK_BOX (outer), frame);
  gtk_window_set_child (GTK_WINDOW (window), outer);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  ward_test_spin (50);
  return window;
}

static char *
problems_of (GtkWidget *window)
{
  g_autoptr(GPtrArray) problems = ward_test_layout_problems (window, "self-test");

  g_ptr_array_add (problems, NULL);
  return g_strjoinv ("\n", (char **) problems->pdata);
}

static void
done (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ward_test_spin (20);
}

/* A label given less width than its words: named, with what it needs. */
static void
test_below_minimum (void)
{
  GtkWidget *label = gtk_label_new ("Infusion pump rate");
  GtkWidget *window;
  g_autofree char *found = NULL;

  place = (Place) { 10, 10, 30, 40 };
  window = window_with (label);
  found = problems_of (window);
  g_test_message ("%s", found);
  g_assert_nonnull (strstr (found, "label “Infusion pump rate”"));
  g_assert_nonnull (strstr (found, "got 30 px of width but needs at least"));
  done (window);
}

/* A child drawn past its parent's edge, though inside the window. */
static void
test_outside_parent (void)
{
  GtkWidget *button = gtk_button_new_with_label ("Apply");
  GtkWidget *window;
  g_autofree char *found = NULL;

  gtk_widget_add_css_class (button, "self-test-apply");
  place = (Place) { 300, 250, 160, 100 };
  window = window_with (button);
  found = problems_of (window);
  g_test_message ("%s", found);
  g_assert_nonnull (strstr (found, "GtkButton button"));
  g_assert_nonnull (strstr (found, "self-test-apply spans 300…460 × 250…350"));
  g_assert_nonnull (strstr (found, "outside its parent GtkBox box"));
  done (window);
}

/* A word split over two lines, given the room its lines take. */
static void
test_word_break (void)
{
  GtkWidget *label = gtk_label_new ("Beatmungsgerät");
  GtkWidget *window;
  int min_h = 0;
  g_autofree char *found = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 60, &min_h, NULL, NULL, NULL);
  place = (Place) { 10, 10, 60, min_h };
  window = window_with (label);
  found = problems_of (window);
  g_test_message ("%s", found);
  g_assert_nonnull (strstr (found, "label “Beatmungsgerät” breaks a word or a value over two lines: “"));
  done (window);
}

/* A range broken after its dash reads as two numbers. */
static void
test_value_break (void)
{
  GtkWidget *label = gtk_label_new ("0.1–25.0");
  GtkWidget *window;
  int natural_w = 0, min_h = 0;
  g_autofree char *found = NULL;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural_w, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, natural_w - 4, &min_h, NULL, NULL, NULL);
  place = (Place) { 10, 10, natural_w - 4, min_h };
  window = window_with (label);
  found = problems_of (window);
  g_test_message ("%s", found);
  g_assert_nonnull (strstr (found, "label “0.1–25.0” breaks a word or a value over two lines: “0.1–” | “25.0”"));
  done (window);
}

/* What is designed so draws nothing out of place stays quiet. */
static void
assert_quiet (GtkWidget *child)
{
  GtkWidget *window;
  g_autofree char *found = NULL;

  place = (Place) { 0, 0, 400, 300 };
  window = window_with (child);
  found = problems_of (window);
  g_assert_cmpstr (found, ==, "");
  done (window);
}

/* A homogeneous stack asks for its hidden page's size too; given less,
 * it still gives the page it shows that page's own minimum. */
static void
test_stack_hidden_page (void)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *hidden = gtk_label_new (NULL);

  gtk_widget_set_size_request (hidden, 900, 900);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Shown"), "shown");
  gtk_stack_add_named (GTK_STACK (stack), hidden, "hidden");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "shown");
  assert_quiet (stack);
}

/* What a scrolled window scrolls lies past its bottom edge. */
static void
test_scrolled (void)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (int i = 0; i < 30; i++)
    gtk_box_append (GTK_BOX (list), gtk_label_new ("A row of the list"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  assert_quiet (scrolled);
}

/* A long name that ellipsizes is shortened by design. */
static void
test_ellipsized (void)
{
  GtkWidget *label = gtk_label_new ("Maximiliane Alexandra Konstantinopoulou-Wittgenstein von Hohenberg");

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  assert_quiet (label);
}

/* An entry narrower than its placeholder: GTK ellipsizes the placeholder
 * and the layout check passes it, the placeholder check names it. The
 * same entry wide enough is not named. */
static void
test_placeholder (void)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *window;
  g_autoptr(GPtrArray) cut = NULL;
  g_autoptr(GPtrArray) whole = NULL;

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "What you checked, and what follows");
  place = (Place) { 10, 10, 120, 48 };
  window = window_with (entry);
  cut = ward_test_placeholder_problems (window, "self-test");
  g_assert_cmpuint (cut->len, ==, 1);
  g_test_message ("%s", (char *) cut->pdata[0]);
  g_assert_nonnull (strstr (cut->pdata[0], "the placeholder “What you checked, and what follows” needs"));
  done (window);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "user name");
  place = (Place) { 10, 10, 380, 48 };
  window = window_with (entry);
  whole = ward_test_placeholder_problems (window, "self-test");
  g_assert_cmpuint (whole->len, ==, 0);
  done (window);
}

/* A revealer opening is waited for: once the wait returns it has ended. */
static void
test_transitions (void)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *window;

  gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), 400);
  gtk_revealer_set_child (GTK_REVEALER (revealer), gtk_label_new ("Applied"));
  place = (Place) { 10, 10, 200, 40 };
  window = window_with (revealer);
  gtk_revealer_set_reveal_child (GTK_REVEALER (revealer), TRUE);
  ward_test_wait_for_transitions (window);
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)));
  done (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/layout-check/below-minimum", test_below_minimum);
  g_test_add_func ("/ui/layout-check/outside-parent", test_outside_parent);
  g_test_add_func ("/ui/layout-check/word-break", test_word_break);
  g_test_add_func ("/ui/layout-check/value-break", test_value_break);
  g_test_add_func ("/ui/layout-check/stack-hidden-page", test_stack_hidden_page);
  g_test_add_func ("/ui/layout-check/scrolled", test_scrolled);
  g_test_add_func ("/ui/layout-check/ellipsized", test_ellipsized);
  g_test_add_func ("/ui/layout-check/placeholder", test_placeholder);
  g_test_add_func ("/ui/layout-check/transitions", test_transitions);
  return g_test_run ();
}
