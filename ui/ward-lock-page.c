/* ward-lock-page.c: the locked screen: where the kiosk stands, the time, and how to sign in */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-language.h"
#include "ui/ward-lock-page.h"
#include "ui/ward-widget-util.h"

struct _WardLockPage
{
  GtkWidget   parent_instance;

  WardSiteConfig *config;
  WardClock  *clock;
  char       *out_of_service_reason;
  char       *out_of_service_details;
  char       *shown_minute;
  guint       tick_id;

  GtkLabel   *site_label;
  GtkLabel   *location_label;
  GtkLabel   *time_label;
  GtkLabel   *date_label;
  GtkStack   *prompt_stack;
  GtkLabel   *notice_label;
  GtkLabel   *return_label;
  GtkLabel   *summary_label;
  GtkLabel   *reason_label;
  GtkExpander *it_details;
  GtkLabel   *call_it_label;
  GtkDropDown *language_dropdown;
  GtkWidget  *emergency_button;
};

G_DEFINE_FINAL_TYPE (WardLockPage, ward_lock_page, GTK_TYPE_WIDGET)

/* A test sets a fake WardClock so that screenshots do not change with the
 * time of day; the kiosk itself shows the system's local time. */
static GDateTime *
lock_page_now (WardLockPage *self)
{
  if (self->clock != NULL)
    return g_date_time_new_from_unix_local (ward_clock_get_now (self->clock));
  return g_date_time_new_now_local ();
}

static void
lock_page_update_clock (WardLockPage *self)
{
  g_autoptr(GDateTime) now = lock_page_now (self);
  /* Translators: the lock screen clock, a g_date_time_format() string.
   * Use your region's usual clock, e.g. "%l:%M %p" for a 12-hour one. */
  g_autofree char *minute = g_date_time_format (now, C_("lock screen clock", "%H:%M"));
  g_autofree char *date = NULL;

  /* Ticks come every second; only a new minute changes what is shown, so
   * the labels (and the screen reader) are not disturbed 59 times out of 60. */
  if (g_strcmp0 (minute, self->shown_minute) == 0)
    return;

  /* Translators: the lock screen date, a g_date_time_format() string. */
  date = g_date_time_format (now, C_("lock screen date", "%A %-d %B %Y"));
  gtk_label_set_label (self->time_label, minute);
  gtk_label_set_label (self->date_label, date);
  g_free (self->shown_minute);
  self->shown_minute = g_steal_pointer (&minute);
}

/* A one-second tick rather than one timer per minute: the shown minute is
 * then at most a second late, and it follows the wall clock through NTP
 * corrections and daylight-saving changes without any arithmetic. */
static gboolean
lock_page_tick (gpointer user_data)
{
  lock_page_update_clock (WARD_LOCK_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
lock_page_update_location (WardLockPage *self)
{
  g_autofree char *ward = NULL;
  g_autofree char *bed = NULL;
  g_autofree char *line = NULL;

  /* No site file to trust: better no bed on screen than a wrong one. */
  if (self->config == NULL)
    {
      gtk_label_set_label (self->site_label, "");
      gtk_label_set_label (self->location_label, "");
      return;
    }

  ward = g_strdup (ward_site_config_get_ward_name (self->config));
  bed = g_strdup (ward_site_config_get_bed_name (self->config));
  /* Translators: the ward and the bed this kiosk serves, e.g. "Ward 4B · Bed 12". */
  line = g_strdup_printf (_("%s · %s"), ward, bed);
  gtk_label_set_label (self->site_label, ward_site_config_get_site_name (self->config));
  gtk_label_set_label (self->location_label, line);
}

static char *
lock_page_describe_it_contact (WardLockPage *self)
{
  const char *extension = self->config != NULL ? ward_site_config_get_it_extension (self->config) : NULL;

  if (extension != NULL && *extension != '\0')
    /* Translators: %s is a telephone extension, e.g. "4357". */
    return g_strdup_printf (_("Call IT on extension %s."), extension);
  return g_strdup (_("Please call IT."));
}

static void
lock_page_update_state (WardLockPage *self)
{
  g_autofree char *contact = NULL;

  /* Emergency access needs the store as much as a normal sign-in does. */
  gtk_widget_set_visible (self->emergency_button, self->out_of_service_reason == NULL);

  if (self->out_of_service_reason == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "out-of-service");
      gtk_stack_set_visible_child_name (self->prompt_stack, "badge");
      return;
    }

  contact = lock_page_describe_it_contact (self);
  gtk_label_set_label (self->summary_label, self->out_of_service_reason);
  gtk_label_set_label (self->reason_label, self->out_of_service_details != NULL ? self->out_of_service_details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->it_details), self->out_of_service_details != NULL);
  /* Folded each time: the next person at the bed reads the plain words. */
  gtk_expander_set_expanded (self->it_details, FALSE);
  gtk_label_set_label (self->call_it_label, contact);
  /* The class lets the stylesheet turn the whole page amber, so the state
   * is seen from across the room, not only read up close. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "out-of-service");
  gtk_stack_set_visible_child_name (self->prompt_stack, "out-of-service");
}

/* The application rebuilds the window in the chosen language; the choice
 * is made while locked, so nothing is lost. */
static void
on_language_selected (GtkDropDown  *dropdown,
                      GParamSpec   *pspec,
                      WardLockPage *self)
{
  guint n_languages = 0;
  const WardLanguage *languages = ward_language_get_all (&n_languages);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= n_languages || g_str_equal (languages[selected].code, ward_language_get_current ()))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "app.set-language", "s", languages[selected].code);
}

/* Each language by its own name: someone who cannot read the current one
 * still finds theirs. */
static void
lock_page_fill_languages (WardLockPage *self)
{
  guint n_languages = 0;
  const WardLanguage *languages = ward_language_get_all (&n_languages);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = ward_language_get_current ();
  guint selected = 0;

  for (guint i = 0; i < n_languages; i++)
    {
      gtk_string_list_append (names, languages[i].native_name);
      if (g_str_equal (languages[i].code, current))
        selected = i;
    }
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->language_dropdown, selected);
  g_signal_connect (self->language_dropdown, "notify::selected", G_CALLBACK (on_language_selected), self);
}

/* The site's file is read once at start: what it says does not change
 * under a running kiosk, so there is nothing to follow. */
void
ward_lock_page_set_site_config (WardLockPage   *self,
                                WardSiteConfig *config)
{
  g_return_if_fail (WARD_IS_LOCK_PAGE (self));
  g_return_if_fail (config == NULL || WARD_IS_SITE_CONFIG (config));

  if (!g_set_object (&self->config, config))
    return;

  lock_page_update_location (self);
  lock_page_update_state (self);
}

void
ward_lock_page_set_clock (WardLockPage *self,
                          WardClock    *clock)
{
  g_return_if_fail (WARD_IS_LOCK_PAGE (self));
  g_return_if_fail (clock == NULL || WARD_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;

  /* Forget the shown minute so that the new time source is shown at once. */
  g_clear_pointer (&self->shown_minute, g_free);
  lock_page_update_clock (self);
}

gboolean
ward_lock_page_get_out_of_service (WardLockPage *self)
{
  g_return_val_if_fail (WARD_IS_LOCK_PAGE (self), FALSE);
  return self->out_of_service_reason != NULL;
}

const char *
ward_lock_page_get_out_of_service_reason (WardLockPage *self)
{
  g_return_val_if_fail (WARD_IS_LOCK_PAGE (self), NULL);
  return self->out_of_service_reason;
}

const char *
ward_lock_page_get_out_of_service_details (WardLockPage *self)
{
  g_return_val_if_fail (WARD_IS_LOCK_PAGE (self), NULL);
  return self->out_of_service_details;
}

/* reason: a sentence for the person at the bed, or NULL to put the kiosk
 * back in service; details: the technical cause for IT (an error message
 * from the store, for instance), shown only when asked for, or NULL. */
void
ward_lock_page_set_out_of_service (WardLockPage *self,
                                   const char   *reason,
                                   const char   *details)
{
  g_return_if_fail (WARD_IS_LOCK_PAGE (self));

  /* g_set_str() is GLib 2.76: compare and copy by hand. */
  if (g_strcmp0 (self->out_of_service_reason, reason) == 0 &&
      g_strcmp0 (self->out_of_service_details, details) == 0)
    return;
  g_free (self->out_of_service_reason);
  self->out_of_service_reason = g_strdup (reason);
  g_free (self->out_of_service_details);
  self->out_of_service_details = reason != NULL ? g_strdup (details) : NULL;

  lock_page_update_state (self);
}

/* A sentence about what the lock took away (a change never sent), shown
 * until the next person starts signing in; NULL clears it. */
void
ward_lock_page_set_notice (WardLockPage *self,
                           const char   *notice)
{
  g_return_if_fail (WARD_IS_LOCK_PAGE (self));
  gtk_label_set_label (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

/* The person whose session is held after an idle lock, and until when
 * (Unix time) she may come back with badge and key alone; NULL clears it.
 * Only her name and a time: nothing of what was on her screen. */
void
ward_lock_page_set_return (WardLockPage *self,
                           const char   *name,
                           gint64        until)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (WARD_IS_LOCK_PAGE (self));
  if (name == NULL || until <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->return_label), FALSE);
      return;
    }
  time = g_date_time_new_from_unix_local (until);
  /* The same clock format as the lock screen's own clock. */
  clock = g_date_time_format (time, C_("lock screen clock", "%H:%M"));
  /* Translators: on the lock screen after an idle lock; %1$s is a person's
   * name, %2$s a time of day, e.g. "Locked — Nadia Okafor can return with
   * badge and key until 03:42". A no-break space joins the time to the
   * word before it, so that a wrapped line never leaves it alone. */
  text = g_strdup_printf (_("Locked — %1$s can return with badge and key until %2$s"), name, clock);
  if (g_strcmp0 (gtk_label_get_label (self->return_label), text) != 0)
    gtk_label_set_label (self->return_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->return_label), TRUE);
}

static void
ward_lock_page_map (GtkWidget *widget)
{
  WardLockPage *self = WARD_LOCK_PAGE (widget);

  GTK_WIDGET_CLASS (ward_lock_page_parent_class)->map (widget);

  /* The focus rests on the page itself, which Enter does not activate: a
   * reader's burst that is not recognised ends in Return, and must not
   * open the language menu or press the emergency button. Tab still
   * reaches every control. */
  gtk_widget_grab_focus (widget);
  lock_page_update_clock (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, lock_page_tick, self);
}

/* Nobody sees an unmapped clock: no wake-ups while another page is shown. */
static void
ward_lock_page_unmap (GtkWidget *widget)
{
  WardLockPage *self = WARD_LOCK_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  ward_lock_page_set_notice (self, NULL);
  GTK_WIDGET_CLASS (ward_lock_page_parent_class)->unmap (widget);
}

static void
ward_lock_page_dispose (GObject *object)
{
  WardLockPage *self = WARD_LOCK_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->config);
  g_clear_object (&self->clock);

  /* gtk_widget_dispose_template() is 4.8 too, but was seen to leave a
   * child behind; unparenting every child is what works there. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ward_lock_page_parent_class)->dispose (object);
}

static void
ward_lock_page_finalize (GObject *object)
{
  WardLockPage *self = WARD_LOCK_PAGE (object);

  g_free (self->out_of_service_reason);
  g_free (self->out_of_service_details);
  g_free (self->shown_minute);

  G_OBJECT_CLASS (ward_lock_page_parent_class)->finalize (object);
}

static void
ward_lock_page_class_init (WardLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_lock_page_dispose;
  object_class->finalize = ward_lock_page_finalize;
  widget_class->map = ward_lock_page_map;
  widget_class->unmap = ward_lock_page_unmap;

  ward_widget_class_setup (widget_class, "/ward-lock-page.ui", "lockpage", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, site_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, prompt_stack);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, return_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, it_details);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, call_it_label);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WardLockPage, emergency_button);
}

static void
ward_lock_page_init (WardLockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  lock_page_update_clock (self);
  lock_page_fill_languages (self);
}
