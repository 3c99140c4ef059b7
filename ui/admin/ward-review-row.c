/* ward-review-row.c: one emergency session awaiting review: who, when, why, what was done, and the reviewer's note */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-audit-words.h"
#include "ui/admin/ward-review-row.h"

struct _WardReviewRow
{
  GtkListBoxRow  parent_instance;

  gint64         session_id;
  GtkWidget     *note_entry;
  GtkWidget     *button;
};

G_DEFINE_FINAL_TYPE (WardReviewRow, ward_review_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
describe_session (const WardSessionRecord *session)
{
  g_autofree char *started = ward_admin_format_time (session->started_at);
  g_autofree char *ended = session->ended_at != 0 ? ward_admin_format_time (session->ended_at)
                                                  : g_strdup (_("still open"));

  /* Translators: an emergency session: start, end, and the reason typed. */
  return g_strdup_printf (_("From %s to %s\nReason: “%s”"), started, ended,
                          session->reason != NULL ? session->reason : "");
}

/* One line per action: when, who, what, and for a device change its
 * outcome; every line whole, wrapped rather than cut. */
static GtkWidget *
action_line (const WardBreakGlassAction *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (action->at_us / G_USEC_PER_SEC);
  g_autofree char *when = g_date_time_format (at, "%X");
  const char *what = action->change ? action->what : ward_audit_words_for_event (action->event);
  g_autofree char *line = action->outcome != NULL
    /* Translators: a device change in an emergency session and what became of it: "Infusion pump · Rate: … — Applied". */
    ? g_strdup_printf (_("%s — %s"), what, action->outcome) : g_strdup (what);
  GtkWidget *time = gtk_label_new (when);
  GtkWidget *text = wrapped_label (line, action->change ? "admin-review-change" : "admin-review-event");
  GtkWidget *who = wrapped_label (action->who, "admin-muted");

  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_label_set_width_chars (GTK_LABEL (time), 9);
  gtk_widget_add_css_class (time, "admin-audit-time");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (who), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (who), 24);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), who);
  if (action->flagged)
    {
      GtkWidget *tag = gtk_label_new (_("Flagged"));

      gtk_widget_add_css_class (tag, "admin-tag");
      gtk_widget_add_css_class (tag, "admin-tag-warning");
      gtk_widget_set_valign (tag, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), tag);
    }
  return box;
}

static GtkWidget *
actions_box (GPtrArray *actions)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (box, "admin-review-actions");
  gtk_box_append (GTK_BOX (box), wrapped_label (_("What was done in this session"), "admin-field"));
  if (actions == NULL || actions->len == 0)
    gtk_box_append (GTK_BOX (box), wrapped_label (_("Nothing was recorded in this session."), "admin-muted"));
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    gtk_box_append (GTK_BOX (box), action_line (g_ptr_array_index (actions, i)));
  return box;
}

static void
note_changed (GtkEditable   *editable,
              WardReviewRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_set_sensitive (self->button, g_utf8_strlen (text, -1) >= WARD_BREAK_GLASS_NOTE_MIN_CHARS);
}

static GtkWidget *
note_box (WardReviewRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *caption = gtk_label_new (_("Reviewer’s note"));

  gtk_widget_add_css_class (caption, "admin-field");
  self->note_entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->note_entry, TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (self->note_entry), WARD_BREAK_GLASS_NOTE_MAX_CHARS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry),
                                  _("What you checked, and what follows (at least 10 characters)"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  self->button = gtk_button_new_with_label (_("Mark as reviewed"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "audit.mark-reviewed");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->button), "x", self->session_id);
  gtk_widget_add_css_class (self->button, "admin-button");
  gtk_widget_add_css_class (self->button, "suggested-action");
  gtk_widget_set_sensitive (self->button, FALSE);
  g_signal_connect (self->note_entry, "changed", G_CALLBACK (note_changed), self);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), self->note_entry);
  gtk_box_append (GTK_BOX (box), self->button);
  return box;
}

GtkWidget *
ward_review_row_new (const WardSessionRecord *session,
                     GPtrArray               *actions)
{
  WardReviewRow *self = g_object_new (WARD_TYPE_REVIEW_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  g_autofree char *who = g_strdup_printf (_("%s (%s)"), session->full_name, session->username);
  g_autofree char *what = describe_session (session);
  GtkWidget *name = wrapped_label (who, "admin-row-title");

  g_return_val_if_fail (session != NULL, NULL);
  self->session_id = session->id;
  gtk_label_set_wrap (GTK_LABEL (name), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), wrapped_label (what, "admin-muted"));
  gtk_box_append (GTK_BOX (box), actions_box (actions));
  gtk_box_append (GTK_BOX (box), note_box (self));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "admin-row");
  return GTK_WIDGET (self);
}

gint64
ward_review_row_get_session_id (WardReviewRow *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_ROW (self), 0);
  return self->session_id;
}

const char *
ward_review_row_get_note (WardReviewRow *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
}

GtkWidget *
ward_review_row_get_note_entry (WardReviewRow *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_ROW (self), NULL);
  return self->note_entry;
}

static void
ward_review_row_class_init (WardReviewRowClass *klass)
{
}

static void
ward_review_row_init (WardReviewRow *self)
{
}
