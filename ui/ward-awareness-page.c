/* ward-awareness-page.c: the sign-in step where a security-awareness prompt is shown when one is due */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-awareness-page.h"
#include "ui/ward-widget-util.h"

/* The content allows two to four answers per prompt; the template has a
 * button for each, the unused ones hidden. */
#define MAX_CHOICES 4

struct _WardAwarenessPage
{
  GtkWidget               parent_instance;

  WardAwarenessScheduler *scheduler;
  WardAwarenessPrompt    *prompt;     /* on screen now, or NULL */
  gint64                  user_id;
  gboolean                handled;    /* answered or put off: no longer pending */

  GtkLabel               *topic_label;
  GtkLabel               *reason_label;
  GtkStack               *face_stack;
  GtkLabel               *scenario_label;
  GtkLabel               *question_label;
  GtkWidget              *answer_buttons[MAX_CHOICES];
  GtkLabel               *answer_labels[MAX_CHOICES];
  GtkLabel               *skip_label;
  GtkLabel               *skips_left_label;
  GtkWidget              *not_now_button;
  GtkWidget              *feedback_card;
  GtkImage               *feedback_icon;
  GtkLabel               *feedback_title;
  GtkLabel               *chosen_label;
  GtkLabel               *chosen_explanation;
  GtkWidget              *better_box;
  GtkLabel               *better_label;
  GtkLabel               *better_explanation;
  GtkLabel               *save_note_label;
  GtkWidget              *continue_button;
  GtkWidget              *pause_button;
};

G_DEFINE_FINAL_TYPE (WardAwarenessPage, ward_awareness_page, GTK_TYPE_WIDGET)

GtkWidget *
ward_awareness_page_get_answer_button (WardAwarenessPage *self,
                                       guint              index)
{
  g_return_val_if_fail (WARD_IS_AWARENESS_PAGE (self), NULL);

  if (self->prompt == NULL || index >= MIN (ward_awareness_prompt_get_n_choices (self->prompt), MAX_CHOICES))
    return NULL;
  return self->answer_buttons[index];
}

/* Says why the question comes now, so a repeat does not feel arbitrary. */
static const char *
describe_reason (WardAwarenessReason reason)
{
  switch (reason)
    {
    case WARD_AWARENESS_REASON_WRONG_ANSWER:
      return _("Once more on this topic, as last time was not quite right");
    case WARD_AWARENESS_REASON_SECURITY_EVENT:
      return _("Asked because of a recent sign-in problem on your account");
    case WARD_AWARENESS_REASON_FIRST:
    case WARD_AWARENESS_REASON_INTERVAL:
    case WARD_AWARENESS_REASON_NONE:
    default:
      return _("A short question before you start");
    }
}

static const char *
topic_title (WardAwarenessScheduler *scheduler,
             WardAwarenessPrompt    *prompt)
{
  WardAwarenessCatalogue *catalogue = ward_awareness_scheduler_get_catalogue (scheduler);
  WardAwarenessTopic *topic = catalogue != NULL
    ? ward_awareness_catalogue_lookup_topic (catalogue, ward_awareness_prompt_get_topic (prompt)) : NULL;

  return topic != NULL ? ward_awareness_topic_get_name (topic) : ward_awareness_prompt_get_topic (prompt);
}

static void
awareness_page_set_actions_enabled (WardAwarenessPage *self,
                                    gboolean           enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "awareness.answer", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "awareness.not-now", enabled);
}

/* Drops the prompt without touching the scheduler. */
static void
awareness_page_forget (WardAwarenessPage *self)
{
  g_clear_pointer (&self->prompt, ward_awareness_prompt_unref);
  g_clear_object (&self->scheduler);
  self->user_id = 0;
  self->handled = FALSE;
  gtk_label_set_label (self->topic_label, "");
  gtk_label_set_label (self->reason_label, "");
  gtk_label_set_label (self->skip_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->skip_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_note_label), FALSE);
  awareness_page_set_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->face_stack, "pause");
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
awareness_page_show_skip_note (WardAwarenessPage *self,
                               const char        *text)
{
  gtk_label_set_label (self->skip_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_label), TRUE);
  gtk_widget_set_visible (self->not_now_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->skips_left_label), FALSE);
}

/* "Not now" is limited: while it may be used it is an ordinary button,
 * with how often it still may; once used up the button goes and the card
 * says so, rather than offering what would be refused. */
static void
awareness_page_update_skip (WardAwarenessPage *self)
{
  guint left = ward_awareness_scheduler_skips_left (self->scheduler, self->user_id);
  g_autofree char *note = NULL;

  gtk_widget_set_visible (self->not_now_button, left > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->skips_left_label), left > 0);
  if (left == 0)
    {
      awareness_page_show_skip_note (self, _("This one cannot be put off. It takes less than a minute."));
      return;
    }
  /* Translators: beside the "Not now" button of the awareness card. */
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You can put this off %u more time",
                                       "You can put this off %u more times", left), left);
  gtk_label_set_label (self->skips_left_label, note);
}

static void
awareness_page_fill_answers (WardAwarenessPage *self)
{
  guint n = ward_awareness_prompt_get_n_choices (self->prompt);

  for (guint i = 0; i < MAX_CHOICES; i++)
    {
      const char *label = i < n ? ward_awareness_prompt_get_choice_label (self->prompt, i) : "";

      gtk_label_set_label (self->answer_labels[i], label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_visible (self->answer_buttons[i], i < n);
    }
}

static void
awareness_page_show_question (WardAwarenessPage *self,
                              WardAwarenessReason reason)
{
  g_autofree char *topic = g_strdup_printf (_("Security awareness · %s"), topic_title (self->scheduler, self->prompt));

  gtk_label_set_label (self->topic_label, topic);
  gtk_label_set_label (self->reason_label, describe_reason (reason));
  gtk_label_set_label (self->scenario_label, ward_awareness_prompt_get_scenario (self->prompt));
  gtk_label_set_label (self->question_label, ward_awareness_prompt_get_question (self->prompt));
  awareness_page_fill_answers (self);
  awareness_page_update_skip (self);
  awareness_page_set_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->face_stack, "question");
  /* The resting place of the focus while a question waits (see focus). */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
ward_awareness_page_start (WardAwarenessPage      *self,
                           WardAwarenessScheduler *scheduler)
{
  WardAwarenessPrompt *prompt;

  g_return_if_fail (WARD_IS_AWARENESS_PAGE (self));
  g_return_if_fail (scheduler == NULL || WARD_IS_AWARENESS_SCHEDULER (scheduler));

  awareness_page_forget (self);
  prompt = scheduler != NULL ? ward_awareness_scheduler_get_pending (scheduler) : NULL;
  if (prompt == NULL)
    return;

  self->scheduler = g_object_ref (scheduler);
  self->prompt = ward_awareness_prompt_ref (prompt);
  self->user_id = ward_awareness_scheduler_get_pending_user_id (scheduler);
  awareness_page_show_question (self, ward_awareness_scheduler_get_pending_reason (scheduler));
}

/* A cancelled sign-in leaves nothing pending for the next person; an
 * answered prompt was already taken off by the scheduler. */
void
ward_awareness_page_reset (WardAwarenessPage *self)
{
  g_return_if_fail (WARD_IS_AWARENESS_PAGE (self));

  if (self->scheduler != NULL && self->prompt != NULL && !self->handled
      && ward_awareness_scheduler_get_pending (self->scheduler) == self->prompt
      && ward_awareness_scheduler_get_pending_user_id (self->scheduler) == self->user_id)
    ward_awareness_scheduler_clear_pending (self->scheduler);
  awareness_page_forget (self);
}

static int
first_right_choice (WardAwarenessPrompt *prompt)
{
  for (guint i = 0; i < ward_awareness_prompt_get_n_choices (prompt); i++)
    if (ward_awareness_prompt_get_choice_correct (prompt, i))
      return (int) i;
  return -1;
}

static void
awareness_page_set_tone (WardAwarenessPage *self,
                         gboolean           correct)
{
  gtk_widget_remove_css_class (self->feedback_card, correct ? "awareness-not-quite" : "awareness-right");
  gtk_widget_add_css_class (self->feedback_card, correct ? "awareness-right" : "awareness-not-quite");
  gtk_image_set_from_icon_name (self->feedback_icon, correct ? "emblem-ok-symbolic" : "dialog-information-symbolic");
  /* The wrong answer's title does not say "wrong" and does not clash
   * with the safer choice's explanation below it, which the content
   * starts with "Right." */
  gtk_label_set_label (self->feedback_title, correct ? _("That’s right") : _("There is a safer choice"));
}

/* For a wrong answer the safer one is shown too, with its reason: the
 * point is to know what to do next time. */
static void
awareness_page_show_better (WardAwarenessPage *self,
                            gboolean           correct)
{
  int right = correct ? -1 : first_right_choice (self->prompt);
  g_autofree char *better = NULL;

  gtk_widget_set_visible (self->better_box, right >= 0);
  if (right < 0)
    return;
  /* Translators: after a wrong answer; %s is the text of the right answer. */
  better = g_strdup_printf (_("The safer choice: %s"), ward_awareness_prompt_get_choice_label (self->prompt, (guint) right));
  gtk_label_set_label (self->better_label, better);
  gtk_label_set_label (self->better_explanation,
                       ward_awareness_prompt_get_choice_explanation (self->prompt, (guint) right));
}

/* Everything the card now says, for a screen reader reading the title. */
static void
awareness_page_describe_feedback (WardAwarenessPage *self)
{
  g_autofree char *text = NULL;

  if (gtk_widget_get_visible (self->better_box))
    text = g_strjoin ("\n", gtk_label_get_label (self->chosen_label), gtk_label_get_label (self->chosen_explanation),
                      gtk_label_get_label (self->better_label), gtk_label_get_label (self->better_explanation), NULL);
  else
    text = g_strjoin ("\n", gtk_label_get_label (self->chosen_label),
                      gtk_label_get_label (self->chosen_explanation), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->feedback_title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
awareness_page_show_feedback (WardAwarenessPage *self,
                              guint              index,
                              gboolean           correct,
                              const char        *explanation)
{
  /* Translators: the answer the person picked, e.g. "You chose: Do not click, and report it to IT". */
  g_autofree char *chosen = g_strdup_printf (_("You chose: %s"),
                                             ward_awareness_prompt_get_choice_label (self->prompt, index));

  awareness_page_set_tone (self, correct);
  gtk_label_set_label (self->chosen_label, chosen);
  gtk_label_set_label (self->chosen_explanation, explanation);
  awareness_page_show_better (self, correct);
  awareness_page_describe_feedback (self);
  awareness_page_set_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->face_stack, "feedback");

  /* The title is an alert, so a screen reader reads the feedback out
   * without the focus; the focus goes where the next step is, so Enter
   * continues. */
  gtk_widget_grab_focus (self->continue_button);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

static void
answer (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (widget);
  int index = g_variant_get_int32 (parameter);
  const char *explanation = NULL;
  gboolean correct = FALSE;
  g_autoptr(GError) error = NULL;

  if (self->prompt == NULL || self->handled || index < 0
      || (guint) index >= ward_awareness_prompt_get_n_choices (self->prompt))
    return;

  self->handled = TRUE;
  if (!ward_awareness_scheduler_record_answer (self->scheduler, self->user_id, self->prompt,
                                               ward_awareness_prompt_get_choice_id (self->prompt, (guint) index),
                                               &correct, &explanation, &error))
    {
      /* Training never holds up a sign-in: the feedback comes from the
       * content, and the card says the answer was not kept. */
      g_warning ("Awareness answer not recorded: %s", error->message);
      correct = ward_awareness_prompt_get_choice_correct (self->prompt, (guint) index);
      explanation = ward_awareness_prompt_get_choice_explanation (self->prompt, (guint) index);
      gtk_label_set_label (self->save_note_label, _("Your answer could not be saved this time. You can carry on."));
      gtk_widget_set_visible (GTK_WIDGET (self->save_note_label), TRUE);
    }
  awareness_page_show_feedback (self, (guint) index, correct, explanation);
}

static void
not_now (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->prompt == NULL || self->handled)
    return;

  if (!ward_awareness_scheduler_record_skip (self->scheduler, self->user_id, self->prompt, &error))
    {
      if (g_error_matches (error, WARD_AWARENESS_ERROR, WARD_AWARENESS_ERROR_MUST_ANSWER))
        {
          awareness_page_show_skip_note (self, error->message);
          return;
        }
      /* Not kept, but an emergency is not held up by a database. */
      g_warning ("Awareness skip not recorded: %s", error->message);
    }
  self->handled = TRUE;
  awareness_page_set_actions_enabled (self, FALSE);
  gtk_widget_activate_action (widget, "win.awareness-done", NULL);
}

/* A stack showing this page moves a focus it finds in the page before
 * to the first thing here, after mapping it, through the focus vfunc
 * below: grabbing it here too would make that move go one further. */
static gboolean
stack_moves_focus_here (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return GTK_IS_STACK (parent) && focus != NULL
      && gtk_widget_is_ancestor (focus, parent) && !gtk_widget_is_ancestor (focus, widget);
}

static gboolean
awareness_page_asks (WardAwarenessPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->face_stack), "question") == 0;
}

/* Arriving at a question (from the code step, whose Enter may still be
 * in flight, or by Tab from outside), the focus rests on the card itself,
 * where Enter answers nothing: an answer is chosen, never fallen into.
 * From there Tab goes on to the answers as usual. */
static gboolean
ward_awareness_page_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!awareness_page_asks (self))
    return GTK_WIDGET_CLASS (ward_awareness_page_parent_class)->focus (widget, direction);
  if (focus == NULL || (focus != widget && !gtk_widget_is_ancestor (focus, widget)))
    return gtk_widget_grab_focus (widget);
  if (focus == widget)
    return direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_DOWN
      ? gtk_widget_child_focus (gtk_widget_get_first_child (widget), direction) : FALSE;
  return GTK_WIDGET_CLASS (ward_awareness_page_parent_class)->focus (widget, direction);
}

/* Whatever the face, the focus starts where the person acts. */
static void
ward_awareness_page_map (GtkWidget *widget)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (widget);
  const char *face;

  GTK_WIDGET_CLASS (ward_awareness_page_parent_class)->map (widget);
  if (stack_moves_focus_here (widget))
    return;
  face = gtk_stack_get_visible_child_name (self->face_stack);
  if (g_strcmp0 (face, "question") == 0)
    gtk_widget_grab_focus (widget);
  else if (g_strcmp0 (face, "feedback") == 0)
    gtk_widget_grab_focus (self->continue_button);
  else
    gtk_widget_grab_focus (self->pause_button);
}

static void
ward_awareness_page_dispose (GObject *object)
{
  WardAwarenessPage *self = WARD_AWARENESS_PAGE (object);
  ward_widget_unparent_children (GTK_WIDGET (object));
  g_clear_pointer (&self->prompt, ward_awareness_prompt_unref);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (ward_awareness_page_parent_class)->dispose (object);
}

static void
bind_answer_buttons (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < MAX_CHOICES; i++)
    {
      g_autofree char *button = g_strdup_printf ("answer_button_%u", i);
      g_autofree char *label = g_strdup_printf ("answer_label_%u", i);

      gtk_widget_class_bind_template_child_full (widget_class, button, FALSE,
                                                 G_STRUCT_OFFSET (WardAwarenessPage, answer_buttons)
                                                 + (gssize) (i * sizeof (gpointer)));
      gtk_widget_class_bind_template_child_full (widget_class, label, FALSE,
                                                 G_STRUCT_OFFSET (WardAwarenessPage, answer_labels)
                                                 + (gssize) (i * sizeof (gpointer)));
    }
}

static void
ward_awareness_page_class_init (WardAwarenessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_awareness_page_dispose;
  widget_class->map = ward_awareness_page_map;
  widget_class->focus = ward_awareness_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ward-awareness-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, topic_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, face_stack);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, scenario_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, skip_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, not_now_button);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, skips_left_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, feedback_card);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, feedback_icon);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, feedback_title);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, chosen_explanation);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, better_box);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, better_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, better_explanation);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, save_note_label);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, WardAwarenessPage, pause_button);
  bind_answer_buttons (widget_class);
  gtk_widget_class_install_action (widget_class, "awareness.answer", "i", answer);
  gtk_widget_class_install_action (widget_class, "awareness.not-now", NULL, not_now);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "awarenesspage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ward_awareness_page_init (WardAwarenessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  awareness_page_forget (self);
}
