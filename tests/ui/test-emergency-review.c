/* test-emergency-review.c: the review of an emergency session at the kiosk: what it did in words and time order, and a reviewer's note typed on the keyboard, stored and audited */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "app/admin/ward-break-glass-review.h"
#include "data/ward-audit.h"
#include "data/ward-session-review.h"
#include "tests/common/ward-test-changes.h"
#include "tests/ui/ward-test-kiosk.h"
#include "tests/ui/ward-test-layout.h"
#include "tests/ui/ward-test-xinput.h"
#include "ui/admin/ward-admin-page.h"
#include "ui/admin/ward-review-panel.h"

#define NURSE_BADGE "04A1B2C3"
#define ADMIN_BADGE "04D4E5F6"
#define TOM_BADGE   "04778899"
#define NOTE        "Checked with the charge nurse: arrest in bed 12, justified."

typedef struct
{
  WardTestKiosk  k;
  WardStore     *store;
  gint64         session_id;
  int            width;
  int            height;
} Fixture;

static void
advance_seconds (Fixture *f,
                 gint64   seconds)
{
  ward_clock_advance (f->k.site->fixture->clock, seconds * G_USEC_PER_SEC);
}

static void
change (Fixture            *f,
        const char         *change_id,
        double              old_value,
        double              new_value,
        const char         *reason,
        WardSettingOutcome  outcome)
{
  ward_test_site_pump_change (f->k.site, "nnurse", f->session_id, change_id, old_value, new_value, reason, outcome);
}

/* Nadia Okafor's emergency session: two pump changes (one refused by the
 * pump) and Tom Reyes refused as a witness in between. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;
  g_autoptr(GError) error = NULL;

  ward_test_configure_site ("Bed 12");
  f->width = size != NULL ? size[0] : 1280;
  f->height = size != NULL ? size[1] : 800;
  ward_test_set_window_size (f->width, f->height);
  f->k.site = ward_test_site_new ();
  f->store = f->k.site->fixture->store;
  ward_test_site_add_person (f->k.site, "nnurse", "nurse", NURSE_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->k.site, "aadmin", "admin", ADMIN_BADGE, TRUE, TRUE);
  ward_test_site_add_person (f->k.site, "treyes", "nurse", TOM_BADGE, TRUE, TRUE);
  ward_test_site_rename (f->k.site, "nnurse", "Nadia Okafor");
  ward_test_site_rename (f->k.site, "treyes", "Tom Reyes");

  advance_seconds (f, 60);
  f->session_id = ward_sessions_open (f->store, ward_test_site_person (f->k.site, "nnurse")->user_id, "break-glass",
                                      "Patient in VF, key left in the locker", &error);
  g_assert_no_error (error);
  g_assert_true (ward_audit_append (f->store, WARD_AUDIT_BREAK_GLASS_STARTED, "nnurse", "nnurse", "{}", TRUE, &error));
  advance_seconds (f, 40);
  change (f, "c-1", 10, 12, NULL, WARD_SETTING_OUTCOME_APPLIED);
  advance_seconds (f, 20);
  g_assert_true (ward_audit_append (f->store, WARD_AUDIT_PERMISSION_REFUSED, "treyes", "pump-1", "{}", FALSE, &error));
  advance_seconds (f, 20);
  change (f, "c-2", 12, 22, "Bleeding risk reviewed, doctor's order", WARD_SETTING_OUTCOME_REFUSED);
  advance_seconds (f, 60);
  g_assert_true (ward_sessions_close (f->store, f->session_id, "signed-out", &error));
  g_assert_no_error (error);
  advance_seconds (f, 120);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ward_test_kiosk_tear_down (&f->k, data);
}

/* The administrator signs in and opens the audit section. */
static void
open_audit (Fixture *f)
{
  GtkWidget *page;

  ward_test_kiosk_sign_in (&f->k, "aadmin", ADMIN_BADGE);
  g_assert_true (gtk_widget_activate_action (ward_test_kiosk_root (&f->k), "win.show-admin", NULL));
  ward_test_spin (200);
  page = ward_test_find_widget (ward_test_kiosk_root (&f->k), WARD_TYPE_ADMIN_PAGE);
  g_assert_nonnull (page);
  g_assert_true (ward_admin_page_show_section (WARD_ADMIN_PAGE (page), "audit"));
  ward_test_spin (300);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (&f->k));
}

/* The card's own "Show" opens the list of waiting sessions (it stays
 * one line otherwise, so the records keep the room), by keyboard. */
static void
open_waiting_list (Fixture *f)
{
  GtkWidget *toggle = ward_test_find_by_id (ward_test_kiosk_root (&f->k), "review_toggle");

  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  /* It says what it does, and is not mistaken for a session's own Review. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Show");
  gtk_widget_grab_focus (toggle);
  ward_test_xinput_key (ward_test_kiosk_root (&f->k), "Return");
  ward_test_spin (200);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (&f->k));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (toggle)), ==, "Hide");
}

/* "Review" on the waiting session, by keyboard: focus, then Enter. */
static WardReviewPanel *
open_review (Fixture *f)
{
  GtkWidget *button = ward_test_find_button (ward_test_find_by_id (ward_test_kiosk_root (&f->k), "sessions_list"),
                                             "Review");
  GtkWidget *panel;

  g_assert_nonnull (button);

  gtk_widget_grab_focus (button);
  ward_test_xinput_key (ward_test_kiosk_root (&f->k), "Return");
  ward_test_spin (200);
  gtk_test_widget_wait_for_draw (ward_test_kiosk_root (&f->k));
  panel = ward_test_find_widget (ward_test_kiosk_root (&f->k), WARD_TYPE_REVIEW_PANEL);
  g_assert_nonnull (panel);
  return WARD_REVIEW_PANEL (panel);
}

static GtkWidget *
mark_button (WardReviewPanel *row)
{
  GtkWidget *button = ward_test_find_button (GTK_WIDGET (row), "Mark as reviewed");

  g_assert_nonnull (button);
  return button;
}

/* Each of @texts shown in the row, each below the one before. */
static void
assert_in_order (WardReviewPanel   *row,
                 const char *const *texts)
{
  double last_y = -1;

  for (guint i = 0; texts[i] != NULL; i++)
    {
      GtkLabel *label = ward_test_find_label (GTK_WIDGET (row), texts[i], TRUE);
      graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);
      graphene_point_t in_row;

      if (label == NULL)
        g_error ("The review does not show “%s”", texts[i]);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (label), GTK_WIDGET (row), &point, &in_row));
      g_assert_cmpfloat (in_row.y, >, last_y);
      last_y = in_row.y;
    }
}

/* The panel reads as one table: the flagged line's name stands in the
 * column the other lines' names stand in, and the card keeps the
 * section's margins instead of running into the window's edges. */
static void
assert_review_laid_out (WardReviewPanel *panel,
                        GtkWidget       *window)
{
  GtkWidget *flagged_who = GTK_WIDGET (ward_test_find_label (GTK_WIDGET (panel), "Nadia Okafor", FALSE));
  GtkWidget *other_who = GTK_WIDGET (ward_test_find_label (GTK_WIDGET (panel), "Tom Reyes", FALSE));
  GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (panel));
  graphene_point_t flagged_at, other_at;
  graphene_rect_t bounds;

  g_assert_nonnull (flagged_who);
  g_assert_nonnull (other_who);
  g_assert_true (gtk_widget_compute_point (flagged_who, window, &GRAPHENE_POINT_INIT (0, 0), &flagged_at));
  g_assert_true (gtk_widget_compute_point (other_who, window, &GRAPHENE_POINT_INIT (0, 0), &other_at));
  g_assert_cmpfloat_with_epsilon (flagged_at.x, other_at.x, 0.5);

  g_assert_true (gtk_widget_compute_bounds (card, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window) - 16);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window) - 16);
}

static void
check_review (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  static const char *const in_order[] = {
    "Emergency access started",
    "Infusion pump · Rate: 10.0 mL/h → 12.0 mL/h — Applied",
    "Refused: not permitted",
    "Infusion pump · Rate: 12.0 mL/h → 22.0 mL/h (reason: “Bleeding risk reviewed, doctor's order”) — Refused by "
    "the device: Occlusion",
    NULL,
  };
  WardReviewPanel *row;
  GtkWidget *entry;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  WardAuditFilter filter = { .event = "break-glass.reviewed", .limit = 1 };

  open_audit (f);
  ward_test_assert_shows (ward_test_kiosk_root (&f->k), "1 emergency session awaits review");
  open_waiting_list (f);
  ward_test_assert_shows_part (ward_test_kiosk_root (&f->k), "Nadia Okafor (nnurse)");
  ward_test_kiosk_screenshot (&f->k, "emergency-review-waiting.png");
  row = open_review (f);
  entry = ward_review_panel_get_note_entry (row);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->k.window)) == entry
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->k.window)), entry));
  ward_test_assert_shows (GTK_WIDGET (row), "Emergency access by Nadia Okafor (nnurse)");
  ward_test_assert_shows_part (GTK_WIDGET (row), "Patient in VF, key left in the locker");
  ward_test_assert_hides (ward_test_kiosk_root (&f->k), "1 emergency session awaits review");
  ward_test_assert_shows (GTK_WIDGET (row), "What was done in this session");
  assert_in_order (row, in_order);
  ward_test_assert_shows (GTK_WIDGET (row), "Tom Reyes");
  /* Words, not ids. */
  g_assert_null (ward_test_find_label (GTK_WIDGET (row), "rate_ml_h", TRUE));
  g_assert_null (ward_test_find_label (GTK_WIDGET (row), "permission.refused", TRUE));
  g_assert_null (ward_test_find_label (GTK_WIDGET (row), "pump-1", TRUE));

  /* No note, no review: the button waits. */
  g_assert_false (gtk_widget_is_sensitive (mark_button (row)));
  assert_review_laid_out (row, GTK_WIDGET (f->k.window));
  ward_test_kiosk_screenshot (&f->k, "emergency-review.png");

  /* Typed on the keyboard: too short, the button still waits. */
  gtk_widget_grab_focus (entry);
  if (ward_test_kiosk_xdotool_usable (&f->k))
    ward_test_kiosk_xdotool_type (&f->k, "Justified", 20);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "Justified");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Justified");
  g_assert_false (gtk_widget_is_sensitive (mark_button (row)));

  /* Asked for all the same (a stale screen): refused in words, nothing marked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "audit.mark-reviewed", "x", f->session_id));
  ward_test_spin (100);
  ward_test_assert_shows_part (GTK_WIDGET (row), "Write a note of at least 10 characters");
  g_assert_null (ward_session_review_get_note (f->store, f->session_id, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));

  /* Enter on a short note does nothing either. */
  gtk_widget_grab_focus (entry);
  ward_test_xinput_key (ward_test_kiosk_root (&f->k), "Return");
  g_assert_null (ward_session_review_get_note (f->store, f->session_id, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));

  /* The note in full, then Enter. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (entry);
  if (ward_test_kiosk_xdotool_usable (&f->k))
    ward_test_kiosk_xdotool_type (&f->k, NOTE, 10);
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), NOTE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, NOTE);
  g_assert_true (gtk_widget_is_sensitive (mark_button (row)));
  ward_test_kiosk_screenshot (&f->k, "emergency-review-note.png");
  ward_test_xinput_key (ward_test_kiosk_root (&f->k), "Return");
  ward_test_spin (200);

  ward_test_assert_shows_part (ward_test_kiosk_root (&f->k), "Marked as reviewed.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
  ward_test_assert_hides (ward_test_kiosk_root (&f->k), "1 emergency session awaits review");
  stored = ward_session_review_get_note (f->store, f->session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, NOTE);
  records = ward_audit_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_nonnull (strstr (((WardAuditRecord *) records->pdata[0])->details, NOTE));
  ward_test_kiosk_screenshot (&f->k, "emergency-review-done.png");
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_review, FALSE);
}

static void
check_fits (WardTestKiosk *k)
{
  Fixture *f = (Fixture *) k;
  g_autofree char *where = g_strdup_printf ("emergency-review-%dx%d", f->width, f->height);
  g_autofree char *file = g_strdup_printf ("layout-%s.png", where);

  open_audit (f);
  open_waiting_list (f);
  open_review (f);
  ward_test_wait_for_transitions (ward_test_kiosk_root (&f->k));
  ward_test_kiosk_screenshot (&f->k, file);
  ward_test_assert_fits_size (ward_test_kiosk_root (&f->k), f->width, f->height, where);
  ward_test_assert_placeholders_whole (ward_test_kiosk_root (&f->k));
}

static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  ward_test_kiosk_run (&f->k, check_fits, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 } };

  ward_test_kiosk_init (&argc, &argv);

  g_test_add ("/ui/emergency-review/actions-and-note", Fixture, NULL, fixture_set_up, test_review, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/emergency-review/fits/%dx%d", sizes[i][0], sizes[i][1]);

      g_test_add (path, Fixture, sizes[i], fixture_set_up, test_fits, fixture_tear_down);
    }
  return g_test_run ();
}
