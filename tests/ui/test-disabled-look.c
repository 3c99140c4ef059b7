/* test-disabled-look.c: every kind of button, enabled and disabled, from the pixels the kiosk's stylesheet draws: one disabled look, clearly less contrast; one delete key on both keypads */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "tests/ui/ward-test-screenshot.h"

/* The administration screens' buttons are styled under their page's CSS
 * node: a plain box under that name stands in for it here. */
#define TEST_TYPE_ADMIN_NODE (test_admin_node_get_type ())
G_DECLARE_FINAL_TYPE (TestAdminNode, test_admin_node, TEST, ADMIN_NODE, GtkWidget)

struct _TestAdminNode
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (TestAdminNode, test_admin_node, GTK_TYPE_WIDGET)

static void
test_admin_node_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (test_admin_node_parent_class)->dispose (object);
}

static void
test_admin_node_class_init (TestAdminNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_admin_node_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "adminpage");
}

static void
test_admin_node_init (TestAdminNode *self)
{
}

/* One kind of button as the screens make it: its words and its classes. */
typedef struct
{
  const char *label;
  const char *classes[3];
  gboolean    admin;
} Kind;

static const Kind kinds[] = {
  { "Next", { "primary-button" }, FALSE },                  /* suggested: sign-in, enrolment, overlays */
  { "Apply", { "primary-button", "change-button" }, FALSE },
  { "Back", { "secondary-button" }, FALSE },
  { "OK", { "keypad-key", "keypad-ok" }, FALSE },
  { "5", { "keypad-key", "keypad-digit" }, FALSE },
  { "+", { "stepper-button" }, FALSE },
  { "Next", { "admin-button", "suggested-action" }, TRUE },  /* enrolment's Next */
  { "Unlock", { "admin-button" }, TRUE },
};

typedef struct
{
  guchar background[3];  /* the fill: the colour most of the button is */
  guchar text[3];        /* the words: the colour farthest from the fill */
  double contrast;       /* WCAG contrast ratio of the two */
} Look;

static double
channel_luminance (guchar value)
{
  double c = value / 255.0;

  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const guchar rgb[3])
{
  return 0.2126 * channel_luminance (rgb[0]) + 0.7152 * channel_luminance (rgb[1])
         + 0.0722 * channel_luminance (rgb[2]);
}

static int
distance (const guchar a[3],
          const guchar b[3])
{
  return abs (a[0] - b[0]) + abs (a[1] - b[1]) + abs (a[2] - b[2]);
}

/* The window as drawn, in the renderer the kiosk uses: R, G, B, A rows. */
static guchar *
render_window (GtkWidget *window,
               gsize     *stride)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  guchar *pixels;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  *stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (*stride * gdk_texture_get_height (texture));
  /* B, G, R, A in memory, premultiplied: the window is opaque, so as is. */
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

/* Inside the button's edge: the fill is the commonest colour, the words
 * the pixel most unlike it. */
static Look
read_look (GtkWidget    *window,
           GtkWidget    *button,
           const guchar *pixels,
           gsize         stride)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  graphene_rect_t bounds;
  Look look = { 0 };
  guint best = 0;
  int best_distance = -1;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (gtk_widget_compute_bounds (button, window, &bounds));
  for (int y = (int) bounds.origin.y + 8; y < (int) (bounds.origin.y + bounds.size.height) - 8; y++)
    for (int x = (int) bounds.origin.x + 8; x < (int) (bounds.origin.x + bounds.size.width) - 8; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;
        guint rgb = ((guint) p[2] << 16) | ((guint) p[1] << 8) | p[0];

        g_hash_table_insert (counts, GUINT_TO_POINTER (rgb + 1),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (rgb + 1))) + 1));
      }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best)
      {
        guint rgb = GPOINTER_TO_UINT (key) - 1;

        best = GPOINTER_TO_UINT (value);
        look.background[0] = rgb >> 16;
        look.background[1] = (rgb >> 8) & 0xff;
        look.background[2] = rgb & 0xff;
      }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint rgb = GPOINTER_TO_UINT (key) - 1;
      guchar colour[3] = { rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff };

      if (distance (colour, look.background) > best_distance)
        {
          best_distance = distance (colour, look.background);
          memcpy (look.text, colour, 3);
        }
    }
  look.contrast = (MAX (luminance (look.background), luminance (look.text)) + 0.05)
                  / (MIN (luminance (look.background), luminance (look.text)) + 0.05);
  return look;
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* What WardApplication sets up for its windows. */
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE,
                "gtk-enable-animations", FALSE, NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkWidget *
kind_button (const Kind *kind)
{
  GtkWidget *button = gtk_button_new_with_label (kind->label);

  for (guint c = 0; c < G_N_ELEMENTS (kind->classes) && kind->classes[c] != NULL; c++)
    gtk_widget_add_css_class (button, kind->classes[c]);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Room enough inside the edge for a fill to read. */
  gtk_widget_set_size_request (button, 200, 80);
  return button;
}

/* A row per kind: enabled on the left, disabled on the right. */
static GtkWidget *
kind_row (const Kind *kind,
          GtkWidget **enabled,
          GtkWidget **disabled)
{
  GtkWidget *row = kind->admin ? g_object_new (TEST_TYPE_ADMIN_NODE, NULL)
                               : gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  *enabled = kind_button (kind);
  *disabled = kind_button (kind);
  gtk_widget_set_sensitive (*disabled, FALSE);
  if (kind->admin)
    {
      gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (row)), 24);
      gtk_widget_set_parent (*enabled, row);
      gtk_widget_set_parent (*disabled, row);
    }
  else
    {
      gtk_box_set_spacing (GTK_BOX (row), 24);
      gtk_box_append (GTK_BOX (row), *enabled);
      gtk_box_append (GTK_BOX (row), *disabled);
    }
  return row;
}

static void
test_one_disabled_look (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *enabled[G_N_ELEMENTS (kinds)], *disabled[G_N_ELEMENTS (kinds)];
  g_autofree guchar *pixels = NULL;
  g_autofree char *shot = NULL;
  Look first_disabled = { 0 };
  gsize stride;

  load_style ();
  gtk_widget_set_margin_start (column, 24);
  gtk_widget_set_margin_end (column, 24);
  gtk_widget_set_margin_top (column, 24);
  gtk_widget_set_margin_bottom (column, 24);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_box_append (GTK_BOX (column), kind_row (&kinds[i], &enabled[i], &disabled[i]));
  gtk_widget_add_css_class (window, "ward-kiosk");
  gtk_window_set_child (GTK_WINDOW (window), column);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  pixels = render_window (window, &stride);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      Look on = read_look (window, enabled[i], pixels, stride);
      Look off = read_look (window, disabled[i], pixels, stride);

      g_test_message ("%s (%s): enabled %.1f:1 (fill #%02x%02x%02x, words #%02x%02x%02x); "
                      "disabled %.1f:1 (fill #%02x%02x%02x, words #%02x%02x%02x)",
                      kinds[i].label, kinds[i].classes[0], on.contrast, on.background[0], on.background[1],
                      on.background[2], on.text[0], on.text[1], on.text[2], off.contrast, off.background[0],
                      off.background[1], off.background[2], off.text[0], off.text[1], off.text[2]);
      /* Clearly less: at most two thirds of the enabled button's contrast,
       * and below the 4.5:1 that reads as active text. */
      g_assert_cmpfloat (off.contrast, <=, on.contrast * 2 / 3);
      g_assert_cmpfloat (off.contrast, <, 4.5);
      /* Still readable: what is disabled must still say what it is. */
      g_assert_cmpfloat (off.contrast, >=, 2.0);
      /* One look: every disabled button has the same fill. */
      if (i == 0)
        first_disabled = off;
      else if (distance (off.background, first_disabled.background) > 6)
        g_error ("A disabled “%s” (%s) is filled #%02x%02x%02x, the first #%02x%02x%02x", kinds[i].label,
                 kinds[i].classes[0], off.background[0], off.background[1], off.background[2],
                 first_disabled.background[0], first_disabled.background[1], first_disabled.background[2]);
    }
  shot = ward_test_save_screenshot (window, "disabled-look.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The keypad a person meets at sign-in and again, smaller, in the
 * enrolment: the administration's size must not change its fills, so the
 * delete key is the same in both, darker than the digits. */
static void
test_one_delete_key (void)
{
  static const Kind sign_in_delete = { "x", { "keypad-key", "keypad-backspace" }, FALSE };
  static const Kind sign_in_digit = { "5", { "keypad-key", "keypad-digit" }, FALSE };
  static const Kind admin_delete = { "x", { "keypad-key", "keypad-backspace" }, TRUE };
  static const Kind admin_digit = { "5", { "keypad-key", "keypad-digit" }, TRUE };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  GtkWidget *sign_in[2], *admin[2], *unused;
  g_autofree guchar *pixels = NULL;
  Look delete_look, digit_look, admin_delete_look, admin_digit_look;
  gsize stride;

  load_style ();
  gtk_widget_set_margin_start (column, 24);
  gtk_widget_set_margin_top (column, 24);
  gtk_box_append (GTK_BOX (column), kind_row (&sign_in_delete, &sign_in[0], &unused));
  gtk_box_append (GTK_BOX (column), kind_row (&sign_in_digit, &sign_in[1], &unused));
  gtk_box_append (GTK_BOX (column), kind_row (&admin_delete, &admin[0], &unused));
  gtk_box_append (GTK_BOX (column), kind_row (&admin_digit, &admin[1], &unused));
  gtk_widget_add_css_class (window, "ward-kiosk");
  gtk_window_set_child (GTK_WINDOW (window), column);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  pixels = render_window (window, &stride);
  delete_look = read_look (window, sign_in[0], pixels, stride);
  digit_look = read_look (window, sign_in[1], pixels, stride);
  admin_delete_look = read_look (window, admin[0], pixels, stride);
  admin_digit_look = read_look (window, admin[1], pixels, stride);
  g_test_message ("delete #%02x%02x%02x and #%02x%02x%02x; digits #%02x%02x%02x and #%02x%02x%02x",
                  delete_look.background[0], delete_look.background[1], delete_look.background[2],
                  admin_delete_look.background[0], admin_delete_look.background[1], admin_delete_look.background[2],
                  digit_look.background[0], digit_look.background[1], digit_look.background[2],
                  admin_digit_look.background[0], admin_digit_look.background[1], admin_digit_look.background[2]);
  g_assert_cmpint (distance (delete_look.background, admin_delete_look.background), <=, 6);
  g_assert_cmpint (distance (delete_look.background, digit_look.background), >, 24);
  g_assert_cmpint (distance (admin_delete_look.background, admin_digit_look.background), >, 24);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/disabled-look/one-look", test_one_disabled_look);
  g_test_add_func ("/ui/disabled-look/one-delete-key", test_one_delete_key);

  return g_test_run ();
}
