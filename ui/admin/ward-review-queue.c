/* ward-review-queue.c: the emergency sessions awaiting review, at the top of the audit trail */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-break-glass-review.h"
#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-review-queue.h"
#include "ui/ward-widget-util.h"

struct _WardReviewQueue
{
  GtkWidget   parent_instance;

  GtkLabel   *title_label;
  GtkListBox *sessions_list;
};

G_DEFINE_FINAL_TYPE (WardReviewQueue, ward_review_queue, GTK_TYPE_WIDGET)

static GtkWidget *
session_row_new (const WardSessionRecord *session)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 20);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *who = g_strdup_printf (_("%s (%s)"), session->full_name, session->username);
  g_autofree char *what = ward_admin_describe_session (session);
  GtkWidget *button = gtk_button_new_with_label (_("Review"));
  GtkWidget *name = gtk_label_new (who);
  GtkWidget *detail = gtk_label_new (what);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "admin-row-title");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "admin-muted");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "audit.open-review");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", session->id);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "admin-button");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "admin-row");
  return row;
}

/* @sessions: WardSessionRecord, or NULL. Shown only while something
 * awaits review: then it is the first thing an auditor should see. */
void
ward_review_queue_show (WardReviewQueue *self,
                        GPtrArray       *sessions)
{
  g_autofree char *title = NULL;

  g_return_if_fail (WARD_IS_REVIEW_QUEUE (self));

  ward_admin_clear_list (self->sessions_list);
  gtk_widget_set_visible (GTK_WIDGET (self), sessions != NULL && sessions->len > 0);
  if (sessions == NULL || sessions->len == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u emergency session awaits review",
                                        "%u emergency sessions await review", sessions->len), sessions->len);
  gtk_label_set_label (self->title_label, title);
  for (guint i = 0; i < sessions->len; i++)
    gtk_list_box_append (self->sessions_list, session_row_new (sessions->pdata[i]));
}

/* The list opens and closes with one button, which says which it will do. */
static void
on_toggled (GtkToggleButton *toggle,
            WardReviewQueue *self)
{
  gtk_button_set_label (GTK_BUTTON (toggle), gtk_toggle_button_get_active (toggle)
                        /* Translators: closes the list of emergency sessions awaiting review. */
                        ? _("Hide")
                        /* Translators: opens the list of emergency sessions awaiting review. */
                        : _("Show"));
}

static void
ward_review_queue_class_init (WardReviewQueueClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ward_widget_dispose_children;

  ward_widget_class_setup (widget_class, "/admin/ward-review-queue.ui", "reviewqueue", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardReviewQueue, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardReviewQueue, sessions_list);
  gtk_widget_class_bind_template_callback (widget_class, on_toggled);
}

static void
ward_review_queue_init (WardReviewQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
