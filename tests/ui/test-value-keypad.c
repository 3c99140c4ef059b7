/* test-value-keypad.c: the device value keypad at the small bedside screens: Cancel well away from ".", Esc still cancels, the card fits */
#include "config.h"

#include <math.h>

#include "tests/ui/ward-test-devices.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-ui.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-parameter-row.h"
#include "ui/devices/ward-value-entry.h"
#include "ui/ward-keypad.h"

/* A slip of a gloved finger off "." must land on nothing that throws the
 * change away: this much clear screen between the two keys. */
#define MIN_GAP 48.0

typedef struct
{
  WardTestDevices  d;          /* first: the kiosk's check hands this back */
  int              width;
  int              height;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;

  ward_test_devices_set_up (&f->d, NULL);
  f->width = size[0];
  f->height = size[1];
  ward_test_set_window_size (f->width, f->height);
  ward_test_devsim_start (&f->d.devsim, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_devices_tear_down (&f->d, NULL);
  ward_test_set_window_size (1280, 800);
}

static GtkWidget *
root (Fixture *f)
{
  return GTK_WIDGET (f->d.k.window);
}

static graphene_rect_t
bounds_in_window (Fixture   *f,
                  GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, root (f), &bounds));
  return bounds;
}

/* The shortest distance between two rectangles: 0 when they touch. */
static double
gap_between (const graphene_rect_t *a,
             const graphene_rect_t *b)
{
  double dx = MAX (0, MAX (b->origin.x - (a->origin.x + a->size.width), a->origin.x - (b->origin.x + b->size.width)));
  double dy = MAX (0, MAX (b->origin.y - (a->origin.y + a->size.height), a->origin.y - (b->origin.y + b->size.height)));

  return sqrt (dx * dx + dy * dy);
}

static void
assert_inside_window (Fixture               *f,
                      const char            *what,
                      const graphene_rect_t *bounds)
{
  if (bounds->origin.x < 0 || bounds->origin.y < 0
      || bounds->origin.x + bounds->size.width > f->width
      || bounds->origin.y + bounds->size.height > f->height)
    g_error ("%s (x %.0f…%.0f, y %.0f…%.0f) is outside the %d×%d window", what, bounds->origin.x,
             bounds->origin.x + bounds->size.width, bounds->origin.y, bounds->origin.y + bounds->size.height,
             f->width, f->height);
}

static WardValueEntry *
open_keypad (Fixture *f)
{
  WardValueEntry *entry = ward_device_page_get_value_entry (ward_test_devices_page (&f->d));

  ward_test_xinput_click (ward_parameter_row_get_value_button (ward_test_devices_row (&f->d, "rate_ml_h")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
  gtk_test_widget_wait_for_draw (root (f));
  return entry;
}

static void
check_keypad (WardTestDevices *d)
{
  Fixture *f = (Fixture *) d;
  g_autofree char *where = g_strdup_printf ("device-keypad-%dx%d", f->width, f->height);
  g_autofree char *file = g_strdup_printf ("%s.png", where);
  WardValueEntry *entry;
  graphene_rect_t point, cancel;
  double gap;

  ward_test_kiosk_sign_in (&f->d.k, "nnurse", WARD_TEST_NURSE_BADGE);
  ward_test_xinput_require (root (f));
  ward_test_devices_open (&f->d, "pump-1");
  entry = open_keypad (f);

  g_assert_true (gtk_widget_get_sensitive (ward_value_entry_get_decimal_button (entry)));
  point = bounds_in_window (f, ward_value_entry_get_decimal_button (entry));
  cancel = bounds_in_window (f, ward_value_entry_get_cancel_button (entry));
  gap = gap_between (&point, &cancel);
  g_test_message ("%s: \".\" at x %.0f…%.0f, y %.0f…%.0f; Cancel at x %.0f…%.0f, y %.0f…%.0f; %.0f px apart", where,
                  point.origin.x, point.origin.x + point.size.width, point.origin.y,
                  point.origin.y + point.size.height, cancel.origin.x, cancel.origin.x + cancel.size.width,
                  cancel.origin.y, cancel.origin.y + cancel.size.height, gap);
  g_assert_cmpfloat (gap, >=, MIN_GAP);
  /* Cancel has a row of its own: nothing beside it, below every key. */
  g_assert_cmpfloat (cancel.origin.y, >=, point.origin.y + point.size.height);
  g_assert_cmpfloat (cancel.origin.y, >=,
                     bounds_in_window (f, ward_keypad_get_button (ward_value_entry_get_keypad (entry), "ok")).origin.y
                     + bounds_in_window (f, ward_keypad_get_button (ward_value_entry_get_keypad (entry), "ok")).size.height);
  assert_inside_window (f, "Cancel", &cancel);
  assert_inside_window (f, "The \".\" key", &point);
  ward_test_assert_fits (root (f), where);
  ward_test_kiosk_screenshot (&f->d.k, file);

  /* Esc still puts the keypad away, typed digits and all, and the
   * setting is left as the device has it. */
  ward_test_xinput_click (ward_keypad_get_button (ward_value_entry_get_keypad (entry), "2"));
  g_assert_cmpstr (gtk_editable_get_text (ward_value_entry_get_entry (entry)), ==, "2");
  ward_test_xinput_key (root (f), "Escape");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry)));
  g_assert_null (ward_parameter_row_get_pending_text (ward_test_devices_row (&f->d, "rate_ml_h")));
  g_assert_cmpstr (ward_window_get_visible_page (f->d.k.window), ==, "device");

  /* And Cancel, a finger's tap, does the same. */
  entry = open_keypad (f);
  ward_test_xinput_click (ward_value_entry_get_cancel_button (entry));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry)));
  g_assert_null (ward_parameter_row_get_pending_text (ward_test_devices_row (&f->d, "rate_ml_h")));
}

static void
test_keypad (Fixture       *f,
             gconstpointer  data)
{
  ward_test_devices_run (&f->d, check_keypad);
}

int
main (int   argc,
      char *argv[])
{
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 } };

  ward_test_kiosk_init_on_bus (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/value-keypad/%dx%d", sizes[i][0], sizes[i][1]);

      g_test_add (path, Fixture, sizes[i], fixture_set_up, test_keypad, fixture_tear_down);
    }
  return g_test_run ();
}
