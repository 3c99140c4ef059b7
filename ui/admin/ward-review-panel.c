/* ward-review-panel.c: the review of one emergency session, over the whole audit section: who, when, why, what was done, and the reviewer's note */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-audit-words.h"
#include "ui/admin/ward-review-panel.h"
#include "ui/ward-widget-util.h"

/* Built in code: its rows are made per session. The panel takes the whole
 * section while open, so that what the session did is read at full size
 * and the note and its button are always in sight below it. */
struct _WardReviewPanel
{
  GtkWidget  parent_instance;

  gint64     session_id;
  GtkWidget *name_label;
  GtkWidget *detail_label;
  GtkWidget *lines;
  GtkWidget *note_entry;
  GtkWidget *mark_button;
  GtkWidget *message_label;
};

G_DEFINE_FINAL_TYPE (WardReviewPanel, ward_review_panel, GTK_TYPE_WIDGET)

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

/* One line per action: when, what (and for a device change its
 * outcome), who; every line whole, wrapped rather than cut. */
static GtkWidget *
action_line (const WardBreakGlassAction *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *what_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
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
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (time, "admin-audit-time");
  gtk_widget_set_hexpand (what_box, TRUE);
  gtk_label_set_width_chars (GTK_LABEL (who), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (who), 16);
  gtk_widget_set_valign (who, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (what_box), text);
  /* Under the words, as in the audit list: beside them it would push
   * this line's name out of the column the other names stand in. */
  if (action->flagged)
    {
      GtkWidget *tag = ward_admin_warning_tag_new (_("Flagged"), GTK_ALIGN_START);

      gtk_widget_set_halign (tag, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (what_box), tag);
    }
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), what_box);
  gtk_box_append (GTK_BOX (box), who);
  gtk_widget_add_css_class (box, "admin-review-line");
  return box;
}

static void
note_changed (GtkEditable     *editable,
              WardReviewPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_set_sensitive (self->mark_button, g_utf8_strlen (text, -1) >= WARD_BREAK_GLASS_NOTE_MIN_CHARS);
}

/* Clicked rather than an action name: an action's helper would make the
 * button sensitive whenever the action is, note or not. */
static void
mark_clicked (GtkButton       *button,
              WardReviewPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "audit.mark-reviewed", "x", self->session_id);
}

/* Enter in the note is the same as the button, once the note may go. */
static void
note_activated (GtkEntry        *entry,
                WardReviewPanel *self)
{
  if (gtk_widget_is_sensitive (self->mark_button))
    mark_clicked (GTK_BUTTON (self->mark_button), self);
}

static GtkWidget *
button_new (const char *label,
            const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "admin-button");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
note_box (WardReviewPanel *self,
          GtkWidget      **close_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* What to write, above the note and whole (wrapped if need be): a
   * placeholder is cut by a narrow entry and gone once typing starts. */
  GtkWidget *caption = wrapped_label (_("Reviewer’s note: what you checked, and what follows"), "admin-field");
  GtkWidget *close = button_new (_("Back to the audit trail"), NULL);

  gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD);
  self->note_entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->note_entry, TRUE);
  /* The same large field as every other entry of the administration. */
  gtk_widget_add_css_class (self->note_entry, "admin-entry");
  gtk_entry_set_max_length (GTK_ENTRY (self->note_entry), WARD_BREAK_GLASS_NOTE_MAX_CHARS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("At least 10 characters"));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->note_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  g_signal_connect (self->note_entry, "changed", G_CALLBACK (note_changed), self);
  g_signal_connect (self->note_entry, "activate", G_CALLBACK (note_activated), self);
  self->mark_button = button_new (_("Mark as reviewed"), "suggested-action");
  g_signal_connect (self->mark_button, "clicked", G_CALLBACK (mark_clicked), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "audit.close-review");
  *close_out = close;
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), self->note_entry);
  return box;
}

/* Under the note, at the end: back, then the step that counts. */
static GtkWidget *
buttons_box (WardReviewPanel *self,
             GtkWidget       *close)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), close);
  gtk_box_append (GTK_BOX (box), self->mark_button);
  return box;
}

GtkWidget *
ward_review_panel_new (void)
{
  return g_object_new (WARD_TYPE_REVIEW_PANEL, NULL);
}

void
ward_review_panel_show_session (WardReviewPanel         *self,
                                const WardSessionRecord *session,
                                GPtrArray               *actions)
{
  g_autofree char *who = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *child;

  g_return_if_fail (WARD_IS_REVIEW_PANEL (self));
  g_return_if_fail (session != NULL);

  self->session_id = session->id;
  /* Translators: the person of an emergency session and their user name. */
  who = g_strdup_printf (_("Emergency access by %s (%s)"), session->full_name, session->username);
  detail = ward_admin_describe_session (session);
  gtk_label_set_label (GTK_LABEL (self->name_label), who);
  gtk_label_set_label (GTK_LABEL (self->detail_label), detail);
  while ((child = gtk_widget_get_first_child (self->lines)) != NULL)
    gtk_box_remove (GTK_BOX (self->lines), child);
  if (actions == NULL)
    gtk_box_append (GTK_BOX (self->lines), wrapped_label (_("What was done could not be read. Check the audit "
                                                             "trail for this time."), "admin-muted"));
  else if (actions->len == 0)
    gtk_box_append (GTK_BOX (self->lines), wrapped_label (_("Nothing was recorded in this session."), "admin-muted"));
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    gtk_box_append (GTK_BOX (self->lines), action_line (g_ptr_array_index (actions, i)));
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_widget_set_sensitive (self->mark_button, FALSE);
  gtk_widget_set_visible (self->message_label, FALSE);
}

gint64
ward_review_panel_get_session_id (WardReviewPanel *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_PANEL (self), 0);
  return self->session_id;
}

const char *
ward_review_panel_get_note (WardReviewPanel *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_PANEL (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
}

GtkWidget *
ward_review_panel_get_note_entry (WardReviewPanel *self)
{
  g_return_val_if_fail (WARD_IS_REVIEW_PANEL (self), NULL);
  return self->note_entry;
}

void
ward_review_panel_show_error (WardReviewPanel *self,
                              const char      *message)
{
  g_return_if_fail (WARD_IS_REVIEW_PANEL (self));
  gtk_label_set_label (GTK_LABEL (self->message_label), message);
  gtk_widget_set_visible (self->message_label, TRUE);
}

static void
ward_review_panel_class_init (WardReviewPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ward_review_panel_init (WardReviewPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *close = NULL;

  gtk_widget_add_css_class (box, "admin-card");
  gtk_widget_add_css_class (box, "admin-review-card");
  /* In place of the section's own box, so with the section's margins:
   * the card stands clear of the window's edges as the records did. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "admin-section");
  self->name_label = wrapped_label ("", "admin-card-title");
  self->detail_label = wrapped_label ("", "admin-muted");
  self->lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->message_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                      "xalign", 0.0f, "wrap", TRUE, NULL);
  gtk_widget_add_css_class (self->message_label, "admin-message");
  gtk_widget_add_css_class (self->message_label, "admin-error");
  gtk_widget_set_visible (self->message_label, FALSE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->lines);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), self->name_label);
  gtk_box_append (GTK_BOX (box), self->detail_label);
  gtk_box_append (GTK_BOX (box), wrapped_label (_("What was done in this session"), "admin-field"));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), self->message_label);
  gtk_box_append (GTK_BOX (box), note_box (self, &close));
  gtk_box_append (GTK_BOX (box), buttons_box (self, close));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Review of an emergency session"), -1);
}
