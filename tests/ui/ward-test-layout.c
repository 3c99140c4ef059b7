/* ward-test-layout.c: checking that a window's widgets fit inside it and that no label a person must read is cut */
#include "config.h"

#include "tests/ui/ward-test-layout.h"

/* Half a pixel of rounding either way is not a cut. */
#define SLACK 1.0

typedef struct
{
  GtkWidget  *window;
  const char *where;
  GPtrArray  *problems;
  double      width;
  double      height;
} Walk;

static char *
describe (GtkWidget *widget)
{
  const char *css_name = gtk_widget_get_css_name (widget);
  const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);
  g_autofree char *joined = g_strjoinv (".", classes);
  const char *dot = *joined != '\0' ? " ." : "";

  if (GTK_IS_LABEL (widget))
    return g_strdup_printf ("label “%s”%s%s", gtk_label_get_text (GTK_LABEL (widget)), dot, joined);
  return g_strdup_printf ("%s %s%s%s%s%s", G_OBJECT_TYPE_NAME (widget), css_name,
                          id != NULL ? " #" : "", id != NULL ? id : "", dot, joined);
}

/* Takes @what. */
static void
add_problem (Walk      *walk,
             GtkWidget *widget,
             char      *what)
{
  g_autofree char *who = describe (widget);
  g_autofree char *owned = what;

  g_ptr_array_add (walk->problems, g_strdup_printf ("%s: %s %s", walk->where, who, what));
}

/* gtk_widget_measure() counts the CSS margin, border and padding and the
 * margin properties; the size a widget got is its content's: the whole
 * box it was given, to compare with what it measures. */
static void
outer_size (GtkWidget *widget,
            int       *width,
            int       *height)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GtkBorder margin, border, padding;

  gtk_style_context_get_margin (style, &margin);
  gtk_style_context_get_border (style, &border);
  gtk_style_context_get_padding (style, &padding);
  *width = gtk_widget_get_width (widget) + margin.left + margin.right + border.left + border.right
           + padding.left + padding.right + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  *height = gtk_widget_get_height (widget) + margin.top + margin.bottom + border.top + border.bottom
            + padding.top + padding.bottom + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
}

/* A label is cut when it is given less room than its words need: less
 * width than its widest line (or longest word, when it wraps), or less
 * height than its lines take at the width it got. A label that ellipsizes
 * was made to be shortened, and a label with no text has nothing to cut. */
static void
check_label (Walk     *walk,
             GtkLabel *label)
{
  GtkWidget *widget = GTK_WIDGET (label);
  int width, height;
  int min_w, nat_w, min_h, nat_h;

  if (*gtk_label_get_text (label) == '\0' || gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    return;

  outer_size (widget, &width, &height);

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  if (gtk_label_get_wrap (label))
    {
      if (width + SLACK < min_w)
        add_problem (walk, widget, g_strdup_printf ("is %d px wide but its longest word needs %d px", width, min_w));
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_h, &nat_h, NULL, NULL);
      if (height + SLACK < min_h)
        add_problem (walk, widget, g_strdup_printf ("is %d px high but its lines need %d px at %d px wide",
                                                    height, min_h, width));
    }
  else if (width + SLACK < nat_w)
    add_problem (walk, widget, g_strdup_printf ("is %d px wide but needs %d px", width, nat_w));
}

/* Why a widget is too wide: the chain of descendants whose minimum width
 * is the largest, down to the one that asks for it. */
static char *
widest_descendants (GtkWidget *widget)
{
  g_autoptr(GString) chain = g_string_new (NULL);

  for (int depth = 0; depth < 40 && widget != NULL; depth++)
    {
      GtkWidget *widest = NULL;
      int widest_min = -1;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min = 0;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          if (min > widest_min)
            {
              widest = child;
              widest_min = min;
            }
        }
      if (widest == NULL)
        break;
      if (GTK_IS_BUILDABLE (widest) && gtk_buildable_get_buildable_id (GTK_BUILDABLE (widest)) != NULL
          && !g_str_has_prefix (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widest)), "___"))
        g_string_append_printf (chain, " > #%s %d", gtk_buildable_get_buildable_id (GTK_BUILDABLE (widest)), widest_min);
      else if (GTK_IS_LABEL (widest))
        g_string_append_printf (chain, " > “%s” %d", gtk_label_get_text (GTK_LABEL (widest)), widest_min);
      else
        g_string_append_printf (chain, " > %s %d", gtk_widget_get_css_name (widest), widest_min);
      widget = widest;
    }
  return g_string_free (g_steal_pointer (&chain), FALSE);
}

/* A homogeneous stack measures the pages it does not show as well, and
 * so does everything around it; but it gives the page it shows at least
 * that page's own minimum. A widget given less than its minimum only
 * because a hidden page is bigger than the one shown draws nothing out of
 * place (what it shows is checked on its own). TRUE when such a stack
 * lies on the shown path inside @widget and asks, in @orientation, for
 * more than its shown page does. */
static gboolean
minimum_raised_by_hidden_page (GtkWidget      *widget,
                               GtkOrientation  orientation)
{
  if (GTK_IS_STACK (widget))
    {
      GtkStack *stack = GTK_STACK (widget);
      GtkWidget *shown = gtk_stack_get_visible_child (stack);
      gboolean homogeneous = orientation == GTK_ORIENTATION_HORIZONTAL ? gtk_stack_get_hhomogeneous (stack)
                                                                       : gtk_stack_get_vhomogeneous (stack);
      int stack_min = 0, shown_min = 0;

      if (shown == NULL)
        return FALSE;
      if (homogeneous)
        {
          gtk_widget_measure (widget, orientation, -1, &stack_min, NULL, NULL, NULL);
          gtk_widget_measure (shown, orientation, -1, &shown_min, NULL, NULL, NULL);
          if (stack_min > shown_min + SLACK)
            return TRUE;
        }
      return minimum_raised_by_hidden_page (shown, orientation);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child)
        && minimum_raised_by_hidden_page (child, orientation))
      return TRUE;
  return FALSE;
}

/* A widget given less than its minimum size is not shrunk by GTK: it (or
 * its children) draw at their minimum and spill over their neighbours and
 * their parent's edge, often without leaving the window. GTK itself calls
 * that a bug of the parent (its consistency checks warn of it). Returns
 * TRUE when @widget was. */
static gboolean
check_minimum (Walk      *walk,
               GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  int width, height, min_w, min_h;

  /* A scrolled window gives what it scrolls less than its minimum in the
   * scrolling direction on purpose: that is what scrolling is for (a
   * GtkViewport then gives its own child at least the child's minimum).
   * Sideways the scrolled window's own minimum, which holds its child's
   * when it does not scroll sideways, is checked where it is placed. */
  if (parent == NULL || GTK_IS_SCROLLED_WINDOW (parent))
    return FALSE;
  outer_size (widget, &width, &height);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  if (width + SLACK < min_w && !minimum_raised_by_hidden_page (widget, GTK_ORIENTATION_HORIZONTAL))
    {
      g_autofree char *why = widest_descendants (widget);

      add_problem (walk, widget, g_strdup_printf ("got %d px of width but needs at least %d px; widest inside:%s",
                                                  width, min_w, why));
      return TRUE;
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_h, NULL, NULL, NULL);
  if (height + SLACK < min_h && !minimum_raised_by_hidden_page (widget, GTK_ORIENTATION_VERTICAL))
    {
      add_problem (walk, widget, g_strdup_printf ("got %d px of height but needs at least %d px at %d px wide",
                                                  height, min_h, width));
      return TRUE;
    }
  return FALSE;
}

/* Containers whose children may lie outside them by design: a scrolled
 * window's view (what it scrolls lies past its edges and is clipped), and
 * a stack or revealer caught in the middle of its animation. */
static gboolean
may_hold_children_outside (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget))
    return TRUE;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget)
      && gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) != gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;
  return FALSE;
}

/* A child drawn past its parent's edge lies over the parent's neighbours
 * (a card over the heading above it, over a rounded container's border)
 * even when the window holds it. Returns TRUE when @widget was. */
static gboolean
check_inside_parent (Walk                  *walk,
                     GtkWidget             *widget,
                     const graphene_rect_t *bounds)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  graphene_rect_t outer;

  if (parent == NULL || may_hold_children_outside (parent)
      || !gtk_widget_compute_bounds (parent, walk->window, &outer))
    return FALSE;
  if (bounds->origin.x < outer.origin.x - SLACK
      || bounds->origin.y < outer.origin.y - SLACK
      || bounds->origin.x + bounds->size.width > outer.origin.x + outer.size.width + SLACK
      || bounds->origin.y + bounds->size.height > outer.origin.y + outer.size.height + SLACK)
    {
      g_autofree char *host = describe (parent);

      add_problem (walk, widget, g_strdup_printf ("spans %.0f…%.0f × %.0f…%.0f, outside its parent %s at %.0f…%.0f × %.0f…%.0f",
                                                  bounds->origin.x, bounds->origin.x + bounds->size.width,
                                                  bounds->origin.y, bounds->origin.y + bounds->size.height, host,
                                                  outer.origin.x, outer.origin.x + outer.size.width,
                                                  outer.origin.y, outer.origin.y + outer.size.height));
      return TRUE;
    }
  return FALSE;
}

static gboolean
breaks_value (const char *text,
              int         line_start)
{
  gunichar before = g_utf8_get_char (g_utf8_prev_char (text + line_start));
  gunichar after = g_utf8_get_char (text + line_start);

  return (before == 0x2013 || before == '/') && g_unichar_isalnum (after);
}

/* The label's own layout, at the width it was given: each line after the
 * first must begin at a place Pango's line-breaking rules allow (after a
 * space, a hyphen, a newline); a line begun anywhere else was cut out of
 * a word. A line begun right after a dash or a slash cut a value:
 * "0.1–" | "25.0 mL/h" or "mL/" | "h". Returns the byte index of the
 * first such line's start, or -1. */
static int
word_break_index (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const PangoLogAttr *attrs;
  int n_attrs = 0;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (GSList *lines = pango_layout_get_lines_readonly (layout); lines != NULL; lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;
      glong offset;

      if (line->start_index == 0)
        continue;
      offset = g_utf8_pointer_to_offset (text, text + line->start_index);
      if (offset < n_attrs && !attrs[offset].is_line_break)
        return line->start_index;
      if (breaks_value (text, line->start_index))
        return line->start_index;
    }
  return -1;
}

/* A word split over two lines ("Beatmungsger-ät") is read as two words:
 * a label that wraps must wrap between words. One that ellipsizes has
 * a single line by design. */
static void
check_word_breaks (Walk     *walk,
                   GtkLabel *label)
{
  int at;

  if (!gtk_label_get_wrap (label) || *gtk_label_get_text (label) == '\0'
      || gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE)
    return;
  at = word_break_index (label);
  if (at >= 0)
    {
      const char *text = pango_layout_get_text (gtk_label_get_layout (label));

      add_problem (walk, GTK_WIDGET (label), g_strdup_printf ("breaks a word or a value over two lines: “%.*s” | “%s”",
                                                              at, text, text + at));
    }
}

/* @clip: the part of the window this widget may show in. Inside a
 * scrolled window content may scroll up and down out of sight, but never
 * sideways (no screen scrolls sideways). */
static void
check_widget (Walk                  *walk,
              GtkWidget             *widget,
              const graphene_rect_t *clip,
              gboolean               scrolls)
{
  graphene_rect_t bounds;
  graphene_rect_t inner = *clip;
  gboolean inner_scrolls = scrolls;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_NATIVE (widget) && widget != walk->window)
    return;   /* a popover is a surface of its own */
  if (!gtk_widget_compute_bounds (widget, walk->window, &bounds))
    return;

  if (bounds.size.width > 0 && bounds.size.height > 0 && gtk_widget_get_opacity (widget) > 0)
    {
      double left = bounds.origin.x, right = left + bounds.size.width;
      double top = bounds.origin.y, bottom = top + bounds.size.height;
      double clip_right = clip->origin.x + clip->size.width;
      double clip_bottom = clip->origin.y + clip->size.height;

      /* Only the outermost widget that sticks out is named: its
       * children stick out with it. */
      if (left < clip->origin.x - SLACK || right > clip_right + SLACK)
        {
          g_autofree char *why = widest_descendants (widget);

          add_problem (walk, widget, g_strdup_printf ("spans x %.0f…%.0f, outside %.0f…%.0f; widest inside:%s",
                                                      left, right, clip->origin.x, clip_right, why));
          return;
        }
      if (!scrolls && (top < clip->origin.y - SLACK || bottom > clip_bottom + SLACK))
        {
          add_problem (walk, widget, g_strdup_printf ("spans y %.0f…%.0f, outside %.0f…%.0f",
                                                      top, bottom, clip->origin.y, clip_bottom));
          return;
        }
      /* Only the outermost widget that is squeezed or sticks out of
       * its parent is named, as above. */
      if (check_minimum (walk, widget) || check_inside_parent (walk, widget, &bounds))
        return;
      if (GTK_IS_LABEL (widget) && (!scrolls || (bottom > clip->origin.y && top < clip_bottom)))
        {
          check_label (walk, GTK_LABEL (widget));
          check_word_breaks (walk, GTK_LABEL (widget));
        }
    }

  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      inner = bounds;
      inner_scrolls = TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (walk, child, &inner, inner_scrolls);
}

GPtrArray *
ward_test_layout_problems (GtkWidget  *window,
                           const char *where)
{
  Walk walk = { window, where, g_ptr_array_new_with_free_func (g_free), 0, 0 };
  graphene_rect_t all;

  walk.width = gtk_widget_get_width (window);
  walk.height = gtk_widget_get_height (window);
  graphene_rect_init (&all, 0, 0, walk.width, walk.height);
  check_widget (&walk, window, &all, FALSE);
  return walk.problems;
}

void
ward_test_assert_fits (GtkWidget  *window,
                       const char *where)
{
  g_autoptr(GPtrArray) problems = ward_test_layout_problems (window, where);

  if (problems->len == 0)
    return;
  g_ptr_array_add (problems, NULL);
  {
    g_autofree char *all = g_strjoinv ("\n  ", (char **) problems->pdata);

    g_error ("%s does not fit:\n  %s", where, all);
  }
}

gboolean
ward_test_label_breaks_inside_word (GtkLabel *label)
{
  return word_break_index (label) >= 0;
}

void
ward_test_assert_fits_size (GtkWidget  *window,
                            int         width,
                            int         height,
                            const char *where)
{
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  g_assert_cmpint (gtk_widget_get_height (window), ==, height);
  ward_test_assert_fits (window, where);
}
