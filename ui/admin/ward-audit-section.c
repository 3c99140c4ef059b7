/* ward-audit-section.c: the audit trail, newest first, with filters, chain verification and break-glass review */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-break-glass-review.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-audit-filters.h"
#include "ui/admin/ward-audit-section.h"
#include "ui/admin/ward-audit-words.h"
#include "ui/admin/ward-review-panel.h"
#include "ui/admin/ward-review-queue.h"
#include "ui/ward-widget-util.h"

/* A screen of history; older records are for wardgate-admin and the SIEM. */
#define MAX_LISTED 200

struct _WardAuditSection
{
  WardAdminSection parent_instance;

  GtkLabel         *verdict_label;
  WardReviewQueue  *review_queue;
  WardAuditFilters *filters;
  GtkLabel         *message_label;
  GtkListBox       *records_list;
  WardReviewPanel  *review_panel;   /* over the whole section while a review is open */
};

G_DEFINE_FINAL_TYPE (WardAuditSection, ward_audit_section, WARD_TYPE_ADMIN_SECTION)

static const char *
describe_event (const char *event)
{
  const char *words = ward_audit_words_for_event (event);

  /* An event from a newer kiosk on the same store: its id is all there is. */
  return words != NULL ? words : event;
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class,
            int         width_chars)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (width_chars > 0)
    {
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
    }
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
describe_people (const WardAuditRecord *record)
{
  if (record->subject != NULL && *record->subject != '\0' && g_strcmp0 (record->subject, record->actor) != 0)
    /* Translators: who did something, and to whom: "aadmin → jbloggs". */
    return g_strdup_printf (_("%s → %s"), record->actor, record->subject);
  return g_strdup (record->actor);
}

static GtkWidget *
record_row_new (const WardAuditRecord *record)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);  /* as the heads in the .ui */
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, record->seq);
  g_autofree char *when = ward_admin_format_time (record->at_us / G_USEC_PER_SEC);
  g_autofree char *people = describe_people (record);
  GtkWidget *event = cell_label (describe_event (record->event), "admin-audit-event", 0);
  /* Wide enough for a date and time on one line ("Sat 28 Nov 2026, 08:20";
   * longer ones, as the German, wrap): one line per record leaves
   * the most records in view. */
  GtkWidget *time = cell_label (when, "admin-audit-time", 18);

  /* What happened and when are read whole: they wrap, never shortened. */
  gtk_label_set_ellipsize (GTK_LABEL (event), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (event), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (time), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (time), TRUE);
  GtkWidget *what = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_hexpand (what, TRUE);
  gtk_widget_set_valign (what, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (what), event);
  gtk_box_append (GTK_BOX (box), cell_label (seq, "admin-audit-seq", 5));
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), what);
  gtk_box_append (GTK_BOX (box), cell_label (people, "admin-audit-people", 16));
  if (record->flagged)
    {
      GtkWidget *tag = ward_admin_warning_tag_new (_("Flagged"), GTK_ALIGN_FILL);

      /* Under what happened, not in a column of its own: a fifth column
       * pushed the row past a 1024-wide screen. */
      gtk_widget_set_halign (tag, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (what), tag);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "admin-audit-row");
  return row;
}

static void
load_records (WardAuditSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  WardAuditFilter filter = { .limit = MAX_LISTED };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  ward_audit_filters_apply (self->filters, ward_clock_get_now (ward_store_get_clock (ward_kiosk_get_store (kiosk))),
                            &filter);
  ward_admin_clear_list (self->records_list);
  if (actor != NULL)
    records = ward_account_admin_list_audit (ward_kiosk_get_accounts (kiosk), actor, &filter, &error);
  if (records == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  ward_admin_hide_message (self->message_label);
  for (guint i = 0; i < records->len; i++)
    gtk_list_box_append (self->records_list, record_row_new (records->pdata[i]));
}

static void
on_filter_changed (WardAuditSection *self)
{
  if (ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self)) != NULL)
    load_records (self);
}

static void
load_reviews (WardAuditSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor != NULL)
    sessions = ward_break_glass_review_list (ward_kiosk_get_store (kiosk), actor, TRUE, &error);
  ward_review_queue_show (self->review_queue, sessions);
}

/* The review takes the whole section: the trail's own screen goes while
 * it is open, and comes back as it was. */
static void
show_review_panel (WardAuditSection *self,
                   gboolean          shown)
{
  gtk_widget_set_visible (gtk_widget_get_first_child (GTK_WIDGET (self)), !shown);
  gtk_widget_set_visible (GTK_WIDGET (self->review_panel), shown);
  if (shown)
    gtk_widget_grab_focus (ward_review_panel_get_note_entry (self->review_panel));
}

static void
open_review (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WardAuditSection *self = WARD_AUDIT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  gint64 session_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  WardSessionRecord *session = NULL;

  if (actor != NULL)
    sessions = ward_break_glass_review_list (ward_kiosk_get_store (kiosk), actor, TRUE, &error);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    if (((WardSessionRecord *) sessions->pdata[i])->id == session_id)
      session = sessions->pdata[i];
  if (session == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR,
                               error != NULL ? error->message
                                             : _("This emergency session no longer awaits review."));
      load_reviews (self);
      return;
    }
  actions = ward_break_glass_review_actions (ward_kiosk_get_store (kiosk), actor,
                                             ward_kiosk_get_catalogue (kiosk), session, &error);
  /* The review goes on: the panel says the actions could not be read. */
  if (actions == NULL)
    g_warning ("Could not read what emergency session %" G_GINT64_FORMAT " did: %s", session_id, error->message);
  ward_review_panel_show_session (self->review_panel, session, actions);
  show_review_panel (self, TRUE);
}

static void
close_review (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  show_review_panel (WARD_AUDIT_SECTION (widget), FALSE);
}

static void
mark_reviewed (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WardAuditSection *self = WARD_AUDIT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  gint64 session_id = g_variant_get_int64 (parameter);
  const char *note = ward_review_panel_get_session_id (self->review_panel) == session_id
                     ? ward_review_panel_get_note (self->review_panel) : NULL;

  if (actor == NULL
      || !ward_break_glass_review_mark (ward_kiosk_get_store (kiosk), actor, session_id, note, &error))
    {
      ward_review_panel_show_error (self->review_panel, error->message);
      return;
    }
  show_review_panel (self, FALSE);
  load_reviews (self);
  load_records (self);
  ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_SUCCESS,
                           _("Marked as reviewed. The review and your note are on the audit trail under your name."));
}

static void
verify (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  WardAuditSection *self = WARD_AUDIT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  WardAuditVerdict verdict = { 0 };
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor == NULL || !ward_account_admin_verify_audit (ward_kiosk_get_accounts (kiosk), actor,
                                                         &verdict, &error))
    {
      ward_admin_show_message (self->verdict_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  if (verdict.intact)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The audit chain is intact: %lld record verified.",
                                         "The audit chain is intact: %lld records verified.", verdict.n_checked),
                            (long long) verdict.n_checked);
  else
    text = g_strdup_printf (_("Broken at record %lld: it was changed or removed after it "
                              "was written, so the trail from there on cannot be trusted. Tell IT now."),
                            (long long) verdict.first_bad_seq);
  ward_admin_show_message (self->verdict_label, verdict.intact ? WARD_ADMIN_TONE_SUCCESS : WARD_ADMIN_TONE_ERROR,
                           text);
  load_records (self);
}

static void
ward_audit_section_refresh (WardAdminSection *section)
{
  WardAuditSection *self = WARD_AUDIT_SECTION (section);

  load_reviews (self);
  load_records (self);
}

static void
ward_audit_section_reset (WardAdminSection *section)
{
  WardAuditSection *self = WARD_AUDIT_SECTION (section);

  ward_admin_hide_message (self->verdict_label);
  ward_admin_clear_list (self->records_list);
  ward_review_queue_show (self->review_queue, NULL);
  /* Nobody finds a half-written note of someone else's. */
  gtk_editable_set_text (GTK_EDITABLE (ward_review_panel_get_note_entry (self->review_panel)), "");
  show_review_panel (self, FALSE);
}

static void
ward_audit_section_class_init (WardAuditSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "audit.view";
  section_class->refresh = ward_audit_section_refresh;
  section_class->reset = ward_audit_section_reset;

  g_type_ensure (WARD_TYPE_REVIEW_QUEUE);
  g_type_ensure (WARD_TYPE_AUDIT_FILTERS);
  ward_widget_class_setup (widget_class, "/admin/ward-audit-section.ui", "auditsection", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardAuditSection, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, WardAuditSection, review_queue);
  gtk_widget_class_bind_template_child (widget_class, WardAuditSection, filters);
  gtk_widget_class_bind_template_child (widget_class, WardAuditSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardAuditSection, records_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify);
  gtk_widget_class_install_action (widget_class, "audit.mark-reviewed", "x", mark_reviewed);
  gtk_widget_class_install_action (widget_class, "audit.open-review", "x", open_review);
  gtk_widget_class_install_action (widget_class, "audit.close-review", NULL, close_review);
}

static void
ward_audit_section_init (WardAuditSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_admin_section_set_message_label (WARD_ADMIN_SECTION (self), self->message_label);
  gtk_list_box_set_placeholder (self->records_list,
                                ward_admin_list_placeholder (_("No records match these filters.")));
  /* The section lays its children over each other: the review panel,
   * after the template's box, is shown instead of it while open. */
  self->review_panel = WARD_REVIEW_PANEL (ward_review_panel_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->review_panel), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->review_panel), GTK_WIDGET (self));
}
