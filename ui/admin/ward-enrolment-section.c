/* ward-enrolment-section.c: enrolling one person's badge, security keys and authenticator app at the kiosk */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-enrolment-section.h"
#include "ui/admin/ward-qr-view.h"
#include "ui/ward-keypad.h"

typedef enum
{
  STEP_WHO,
  STEP_BADGE,
  STEP_KEY,
  STEP_APP,
  STEP_DONE,
} Step;

static const char *const step_names[] = { "who", "badge", "key", "app", "done" };

struct _WardEnrolmentSection
{
  WardAdminSection parent_instance;

  char         *username;
  Step          step;
  gboolean      badge_done;
  guint         keys_done;
  gboolean      app_done;
  gboolean      disposed;
  GCancellable *key_cancellable;   /* set while a key enrolment runs */
  guint         qr_timeout_id;     /* hides a code left on screen */
  guint         qr_shown_seconds;

  GtkWidget    *title_label;
  GtkLabel     *step_label;
  GtkLabel     *person_label;
  GtkLabel     *news_label;
  GtkStack     *steps;
  GtkLabel     *intro_label;
  GtkEntry     *who_entry;
  GtkLabel     *who_message;
  GtkLabel     *badge_prompt;
  GtkLabel     *badge_message;
  GtkWidget    *badge_caption;
  GtkWidget    *badge_typed_box;
  GtkEntry     *badge_entry;
  GtkSpinner   *key_spinner;
  GtkLabel     *key_status;
  GtkLabel     *key_message;
  GtkWidget    *key_button;
  GtkWidget    *key_cancel_button;
  GtkStack     *qr_stack;
  GtkWidget    *show_qr_button;
  GtkWidget    *hide_qr_button;
  WardQrView   *qr_view;
  GtkLabel     *secret_label;
  GtkWidget    *app_steps_label;
  GtkEntry     *code_entry;
  WardKeypad   *keypad;
  GtkLabel     *app_message;
  GtkLabel     *done_title;
  GtkLabel     *summary_label;
  GtkWidget    *nav_box;
  GtkWidget    *finish_button;
  GtkButton    *next_button;
};

/* Long enough to open an app and scan, not long enough to leave a code to
 * whoever walks by an unattended kiosk. A property, so that a test can
 * watch the code go without waiting two minutes. */
#define QR_SHOWN_SECONDS 120

enum
{
  PROP_0,
  PROP_QR_SHOWN_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WardEnrolmentSection, ward_enrolment_section, WARD_TYPE_ADMIN_SECTION)

/* The secret leaves the screen as soon as it is not needed: once confirmed,
 * or when the step or the page is left, so nobody walking by later finds a
 * scannable code. */
static void
hide_secret (WardEnrolmentSection *self)
{
  g_clear_handle_id (&self->qr_timeout_id, g_source_remove);
  gtk_widget_set_visible (self->hide_qr_button, FALSE);
  ward_qr_view_clear (self->qr_view);
  gtk_label_set_label (self->secret_label, "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  gtk_stack_set_visible_child_name (self->qr_stack, "hidden");
}

static const char *
next_label (WardEnrolmentSection *self)
{
  switch (self->step)
    {
    case STEP_BADGE:
      return self->badge_done ? _("Next: security key") : _("Skip the badge");
    case STEP_KEY:
      return self->keys_done > 0 ? _("Next: authenticator app") : _("Skip the key");
    case STEP_APP:
      return _("Skip the app");
    case STEP_WHO:
    case STEP_DONE:
    default:
      return "";
    }
}

static gboolean
step_is_done (WardEnrolmentSection *self)
{
  return (self->step == STEP_BADGE && self->badge_done) || (self->step == STEP_KEY && self->keys_done > 0);
}

static void
update_nav (WardEnrolmentSection *self)
{
  gboolean in_steps = self->step >= STEP_BADGE && self->step <= STEP_APP;
  gboolean busy = self->key_cancellable != NULL;

  gtk_widget_set_visible (self->nav_box, in_steps);
  gtk_widget_set_visible (self->finish_button, in_steps && self->step != STEP_APP);
  gtk_button_set_label (self->next_button, next_label (self));
  if (step_is_done (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enrol.next", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enrol.finish", !busy);
}

static void
show_step_label (WardEnrolmentSection *self)
{
  static const char *const titles[] = { NULL, N_("Badge"), N_("Security key"), N_("Authenticator app"), NULL };
  g_autofree char *text = NULL;

  if (titles[self->step] != NULL)
    /* Translators: "Step 2 of 3 · Security key". */
    text = g_strdup_printf (_("Step %d of 3 · %s"), (int) self->step, _(titles[self->step]));
  gtk_label_set_label (self->step_label, text != NULL ? text : "");
}

static void
show_summary (WardEnrolmentSection *self)
{
  g_autofree char *title = g_strdup_printf (_("Enrolment finished for %s"),
                                            gtk_label_get_label (self->person_label));
  g_autofree char *keys = self->keys_done == 0 ? g_strdup (_("not changed"))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled", self->keys_done),
                       self->keys_done);
  g_autofree char *summary = g_strdup_printf (_("Badge: %s\nSecurity keys: %s\nAuthenticator app: %s"),
                                              self->badge_done ? _("enrolled") : _("not changed"), keys,
                                              self->app_done ? _("set up") : _("not changed"));

  gtk_label_set_label (self->done_title, title);
  gtk_label_set_label (self->summary_label, summary);
}

static void
go_to (WardEnrolmentSection *self,
       Step                  step)
{
  if (self->step == STEP_APP && step != STEP_APP)
    hide_secret (self);
  self->step = step;
  if (step == STEP_DONE)
    show_summary (self);
  gtk_stack_set_visible_child_name (self->steps, step_names[step]);
  /* While enrolling, the person's name takes the title's place: it is what
   * the enroller must check before each step. */
  gtk_widget_set_visible (self->title_label, step == STEP_WHO);
  gtk_widget_set_visible (GTK_WIDGET (self->person_label), step != STEP_WHO);
  if (step != STEP_BADGE)
    ward_admin_hide_message (self->news_label);
  show_step_label (self);
  update_nav (self);
  if (step == STEP_BADGE)
    gtk_widget_grab_focus (GTK_WIDGET (self->badge_entry));
  else if (step == STEP_KEY)
    gtk_widget_grab_focus (self->key_button);
}

static void set_key_busy     (WardEnrolmentSection *self,
                              gboolean              busy);
static void show_badge_state (WardEnrolmentSection *self);

static void
forget_progress (WardEnrolmentSection *self)
{
  if (self->key_cancellable != NULL)
    {
      g_cancellable_cancel (self->key_cancellable);
      g_clear_object (&self->key_cancellable);
      set_key_busy (self, FALSE);
    }
  hide_secret (self);
  g_clear_pointer (&self->username, g_free);
  self->badge_done = FALSE;
  self->keys_done = 0;
  self->app_done = FALSE;
  ward_admin_hide_message (self->news_label);
  ward_admin_hide_message (self->who_message);
  ward_admin_hide_message (self->badge_message);
  ward_admin_hide_message (self->key_message);
  ward_admin_hide_message (self->app_message);
  gtk_label_set_label (self->key_status, "");
  gtk_button_set_label (GTK_BUTTON (self->key_button), _("Enrol security key"));
  show_badge_state (self);
}

/* Someone who may not read accounts (a charge nurse) sees the user name
 * only: the full name comes from the account, behind users.manage. */
static gboolean
describe_person (WardEnrolmentSection  *self,
                 WardActor             *actor,
                 const char            *username,
                 GError               **error)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(WardUserRecord) user = NULL;
  g_autofree char *text = NULL;

  if (ward_actor_can (actor, "users.manage"))
    {
      user = ward_account_admin_show_user (ward_kiosk_get_accounts (kiosk), actor, username, error);
      if (user == NULL)
        return FALSE;
      if (user->disabled)
        {
          g_set_error (error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_DISABLED,
                       _("The account “%s” is disabled: nothing can be enrolled for it."), username);
          return FALSE;
        }
    }
  /* Translators: a person's full name and, in brackets, their user name. */
  text = user != NULL ? g_strdup_printf (_("%s (%s)"), user->full_name, username) : g_strdup (username);
  gtk_label_set_label (self->person_label, text);
  return TRUE;
}

void
ward_enrolment_section_start (WardEnrolmentSection *self,
                              const char           *username,
                              const char           *news)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  WardActor *actor;

  g_return_if_fail (WARD_IS_ENROLMENT_SECTION (self));

  forget_progress (self);
  gtk_editable_set_text (GTK_EDITABLE (self->who_entry), username != NULL ? username : "");
  actor = ward_admin_get_actor (kiosk, &error);
  if (username == NULL || *username == '\0')
    g_set_error_literal (&error, WARD_AUTH_ERROR, WARD_AUTH_ERROR_UNKNOWN_ACCOUNT, _("Type their user name first."));
  if (error != NULL || !describe_person (self, actor, username, &error))
    {
      go_to (self, STEP_WHO);
      ward_admin_show_message (self->who_message, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  self->username = g_strdup (username);
  if (news != NULL)
    ward_admin_show_message (self->news_label, WARD_ADMIN_TONE_SUCCESS, news);
  go_to (self, STEP_BADGE);
}

gboolean
ward_enrolment_section_wants_badge (WardEnrolmentSection *self)
{
  g_return_val_if_fail (WARD_IS_ENROLMENT_SECTION (self), FALSE);
  return self->step == STEP_BADGE && !self->badge_done;
}

/* Once the badge is in, the screen stops asking for it. */
static void
show_badge_state (WardEnrolmentSection *self)
{
  gtk_label_set_label (self->badge_prompt, self->badge_done ? _("Badge enrolled") : _("Tap their badge on the reader"));
  gtk_widget_set_visible (self->badge_caption, !self->badge_done);
  gtk_widget_set_visible (self->badge_typed_box, !self->badge_done);
  gtk_editable_set_text (GTK_EDITABLE (self->badge_entry), "");
}

static void
enrol_badge (WardEnrolmentSection *self,
             const char           *uid)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor == NULL
      || !ward_badge_admin_enroll (ward_kiosk_get_badges (kiosk), actor, self->username, uid, &error))
    {
      ward_admin_show_message (self->badge_message, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  self->badge_done = TRUE;
  show_badge_state (self);
  done = g_strdup_printf (_("Badge enrolled for %s."), gtk_label_get_label (self->person_label));
  ward_admin_show_message (self->badge_message, WARD_ADMIN_TONE_SUCCESS, done);
  update_nav (self);
}

gboolean
ward_enrolment_section_badge_read (WardEnrolmentSection *self,
                                   const char           *uid)
{
  g_return_val_if_fail (WARD_IS_ENROLMENT_SECTION (self), FALSE);

  if (!ward_enrolment_section_wants_badge (self))
    return FALSE;
  enrol_badge (self, uid);
  return TRUE;
}

static void
badge_typed (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);
  g_autofree char *uid = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->badge_entry))));

  if (self->step == STEP_BADGE)
    enrol_badge (self, uid);
}

static void
on_badge_entry_activate (GtkEntry             *entry,
                         WardEnrolmentSection *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "enrol.badge-typed", NULL);
}

static void
set_key_busy (WardEnrolmentSection *self,
              gboolean              busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), busy);
  gtk_spinner_set_spinning (self->key_spinner, busy);
  gtk_widget_set_visible (self->key_cancel_button, busy);
  gtk_widget_set_sensitive (self->key_button, !busy);
  update_nav (self);
}

/* What a key enrolment needs to know when it ends: whether it is still the
 * one the screen waits for (not cancelled by a reset meanwhile). */
typedef struct
{
  WardEnrolmentSection *self;
  GCancellable         *cancellable;
} KeyWait;

static void
key_wait_free (KeyWait *wait)
{
  g_object_unref (wait->self);
  g_object_unref (wait->cancellable);
  g_free (wait);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyWait, key_wait_free)

static void
show_key_enrolled (WardEnrolmentSection *self)
{
  self->keys_done++;
  ward_admin_show_message (self->key_message, WARD_ADMIN_TONE_SUCCESS,
                           self->keys_done == 1
                           ? _("Security key enrolled. If they have a backup key, enrol it now as well.")
                           : _("Backup key enrolled."));
  gtk_button_set_label (GTK_BUTTON (self->key_button), _("Enrol a backup key"));
}

static void
key_enrolled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KeyWait) wait = user_data;
  WardEnrolmentSection *self = wait->self;
  g_autoptr(GError) error = NULL;
  gint64 key_id = ward_key_factor_enroll_finish (WARD_KEY_FACTOR (source), result, &error);

  /* The section may have gone, or moved on to someone else, while the key
   * was being touched. */
  if (self->disposed || wait->cancellable != self->key_cancellable)
    return;
  g_clear_object (&self->key_cancellable);
  set_key_busy (self, FALSE);
  gtk_label_set_label (self->key_status, "");
  if (key_id <= 0)
    ward_admin_show_message (self->key_message, WARD_ADMIN_TONE_ERROR, error->message);
  else
    show_key_enrolled (self);
  update_nav (self);
  /* The key's button went insensitive while it waited: the focus goes on
   * to the way forward, not to "Stop here". */
  if (key_id > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
enrol_key (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  KeyWait *wait;

  if (self->key_cancellable != NULL || self->step != STEP_KEY)
    return;
  if (actor == NULL)
    {
      ward_admin_show_message (self->key_message, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  ward_admin_hide_message (self->key_message);
  gtk_label_set_label (self->key_status, _("Waiting for the key… Touch it now."));
  self->key_cancellable = g_cancellable_new ();
  wait = g_new0 (KeyWait, 1);
  wait->self = g_object_ref (self);
  wait->cancellable = g_object_ref (self->key_cancellable);
  set_key_busy (self, TRUE);
  ward_key_factor_enroll_async (ward_kiosk_get_keys (kiosk), actor, self->username, NULL, NULL,
                                self->key_cancellable, key_enrolled_cb, wait);
}

static void
cancel_key (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);

  if (self->key_cancellable != NULL)
    g_cancellable_cancel (self->key_cancellable);
}

static gboolean
on_qr_timeout (gpointer user_data)
{
  WardEnrolmentSection *self = user_data;

  self->qr_timeout_id = 0;
  hide_secret (self);
  return G_SOURCE_REMOVE;
}

static void
show_qr (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(WardCodeEnrolment) enrolment = NULL;
  char *grouped;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor != NULL)
    enrolment = ward_code_factor_begin_enrolment (ward_kiosk_get_codes (kiosk), actor, self->username,
                                                  ward_kiosk_get_site_name (kiosk), &error);
  if (enrolment == NULL || !ward_qr_view_set_text (self->qr_view, enrolment->otpauth_uri, &error))
    {
      /* Never a NULL error: a failure without one still gets a sentence. */
      ward_admin_show_message (self->app_message, WARD_ADMIN_TONE_ERROR,
                               error != NULL ? error->message : _("The QR code could not be made."));
      return;
    }
  grouped = ward_admin_group_secret (enrolment->secret_base32);
  gtk_label_set_label (self->secret_label, grouped);
  ward_admin_wipe_string (grouped);
  ward_admin_hide_message (self->app_message);
  gtk_widget_set_visible (self->app_steps_label, TRUE);
  gtk_stack_set_visible_child_name (self->qr_stack, "shown");
  gtk_widget_set_visible (self->hide_qr_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
  g_clear_handle_id (&self->qr_timeout_id, g_source_remove);
  self->qr_timeout_id = g_timeout_add_seconds (self->qr_shown_seconds, on_qr_timeout, self);
}

/* Hide: the person has scanned, or someone else came near the screen. */
static void
hide_qr (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);

  hide_secret (self);
  gtk_widget_grab_focus (self->show_qr_button);
}

static void
confirm_code (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strstrip (g_variant_dup_string (parameter, NULL));
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  if (actor != NULL && ward_qr_view_is_empty (self->qr_view))
    g_set_error_literal (&error, WARD_CODE_FACTOR_ERROR, WARD_CODE_FACTOR_ERROR_NOT_ENROLLED,
                         _("Show the code to scan first, then type the code the app shows."));
  if (error != NULL
      || !ward_code_factor_confirm_enrolment (ward_kiosk_get_codes (kiosk), actor, self->username, code, &error))
    {
      /* The keypad emptied the field already: the next try starts afresh.
       * The refusal says what to do instead, and takes the place of the
       * instructions so that the keypad stays on a 800 px screen. */
      gtk_widget_set_visible (self->app_steps_label, FALSE);
      ward_admin_show_message (self->app_message, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  self->app_done = TRUE;
  go_to (self, STEP_DONE);
}

static void
start_typed (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->who_entry))));

  ward_enrolment_section_start (self, username, NULL);
}

static void
on_who_activate (GtkEntry             *entry,
                 WardEnrolmentSection *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "enrol.start", NULL);
}

static void
next_step (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);

  if (self->step >= STEP_BADGE && self->step <= STEP_APP)
    go_to (self, self->step + 1);
}

static void
finish (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);

  if (self->step >= STEP_BADGE && self->step <= STEP_APP)
    go_to (self, STEP_DONE);
}

static void
restart (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ward_admin_section_reset (WARD_ADMIN_SECTION (widget));
}

static void
ward_enrolment_section_refresh (WardAdminSection *section)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (section);
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  WardActor *actor = ward_admin_get_actor (kiosk, NULL);

  /* Staff accounts is pointed to only for whom it is there: a charge
   * nurse enrols without seeing the accounts. */
  gtk_label_set_label (self->intro_label,
                       actor != NULL && ward_actor_can (actor, "users.manage")
                       ? _("Enrol the badge, security key and authenticator app of one person, with them standing here. "
                           "Open their account under Staff accounts, or type their user name.")
                       : _("Enrol the badge, security key and authenticator app of one person, with them standing here: "
                           "type their user name."));
  if (self->step == STEP_WHO)
    ward_admin_hide_message (self->who_message);
}

static void
ward_enrolment_section_reset (WardAdminSection *section)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (section);

  forget_progress (self);
  gtk_editable_set_text (GTK_EDITABLE (self->who_entry), "");
  go_to (self, STEP_WHO);
}

static void
ward_enrolment_section_unmap (GtkWidget *widget)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (widget);

  if (!self->app_done)
    hide_secret (self);
  GTK_WIDGET_CLASS (ward_enrolment_section_parent_class)->unmap (widget);
}

static void
ward_enrolment_section_dispose (GObject *object)
{
  WardEnrolmentSection *self = WARD_ENROLMENT_SECTION (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->qr_timeout_id, g_source_remove);
  if (self->key_cancellable != NULL)
    g_cancellable_cancel (self->key_cancellable);
  g_clear_object (&self->key_cancellable);
  g_clear_pointer (&self->username, g_free);
  G_OBJECT_CLASS (ward_enrolment_section_parent_class)->dispose (object);
}

static void
ward_enrolment_section_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  if (prop_id == PROP_QR_SHOWN_SECONDS)
    g_value_set_uint (value, WARD_ENROLMENT_SECTION (object)->qr_shown_seconds);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* A new time counts from the next showing: one on screen keeps its own. */
static void
ward_enrolment_section_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  if (prop_id == PROP_QR_SHOWN_SECONDS)
    WARD_ENROLMENT_SECTION (object)->qr_shown_seconds = g_value_get_uint (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, title_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, step_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, person_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, news_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, steps);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, intro_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, who_entry);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, who_message);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, badge_prompt);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, badge_message);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, badge_caption);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, badge_typed_box);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, badge_entry);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, key_spinner);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, key_status);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, key_message);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, key_button);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, key_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, qr_stack);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, show_qr_button);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, hide_qr_button);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, qr_view);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, secret_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, app_steps_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, code_entry);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, keypad);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, app_message);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, done_title);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, nav_box);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, finish_button);
  gtk_widget_class_bind_template_child (widget_class, WardEnrolmentSection, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_who_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_badge_entry_activate);
}

static void
ward_enrolment_section_class_init (WardEnrolmentSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "credentials.enroll";
  section_class->refresh = ward_enrolment_section_refresh;
  section_class->reset = ward_enrolment_section_reset;

  G_OBJECT_CLASS (klass)->dispose = ward_enrolment_section_dispose;
  G_OBJECT_CLASS (klass)->get_property = ward_enrolment_section_get_property;
  G_OBJECT_CLASS (klass)->set_property = ward_enrolment_section_set_property;
  widget_class->unmap = ward_enrolment_section_unmap;

  /* Never longer than the default: the time is a ceiling, not a comfort. */
  properties[PROP_QR_SHOWN_SECONDS] =
    g_param_spec_uint ("qr-shown-seconds", NULL, NULL, 1, QR_SHOWN_SECONDS, QR_SHOWN_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  g_type_ensure (WARD_TYPE_QR_VIEW);
  g_type_ensure (WARD_TYPE_KEYPAD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/ward-enrolment-section.ui");
  bind_children (widget_class);

  gtk_widget_class_install_action (widget_class, "enrol.start", NULL, start_typed);
  gtk_widget_class_install_action (widget_class, "enrol.badge-typed", NULL, badge_typed);
  gtk_widget_class_install_action (widget_class, "enrol.key", NULL, enrol_key);
  gtk_widget_class_install_action (widget_class, "enrol.cancel-key", NULL, cancel_key);
  gtk_widget_class_install_action (widget_class, "enrol.show-qr", NULL, show_qr);
  gtk_widget_class_install_action (widget_class, "enrol.hide-qr", NULL, hide_qr);
  /* The keypad's OK and Return hand over the typed code. */
  gtk_widget_class_install_action (widget_class, "enrol.confirm-code", "s", confirm_code);
  gtk_widget_class_install_action (widget_class, "enrol.next", NULL, next_step);
  gtk_widget_class_install_action (widget_class, "enrol.finish", NULL, finish);
  gtk_widget_class_install_action (widget_class, "enrol.restart", NULL, restart);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "enrolmentsection");
}

static void
ward_enrolment_section_init (WardEnrolmentSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_keypad_attach (self->keypad, GTK_EDITABLE (self->code_entry), "enrol.confirm-code");
  self->qr_shown_seconds = QR_SHOWN_SECONDS;
  go_to (self, STEP_WHO);
}
