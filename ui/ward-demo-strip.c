/* ward-demo-strip.c: the demo helper strip: a badge per demo person, the virtual key, the current code (demo builds only) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/ward-demo-strip.h"
#include "ui/ward-format.h"
#include "ui/ward-window.h"
#include "ui/ward-widget-util.h"

#if !WARD_DEMO_BUILD
#error "The demo strip exists only in builds configured with -Ddemo=true"
#endif

struct _WardDemoStrip
{
  GtkWidget     parent_instance;

  WardDemo     *demo;
  WardAuthFlow *flow;
  gint64        key_owner;   /* whose virtual key is in the reader */
  guint         refresh_id;
  guint         give_back_id;

  GtkBox       *people_box;
  GtkLabel     *code_label;
};

G_DEFINE_FINAL_TYPE (WardDemoStrip, ward_demo_strip, GTK_TYPE_WIDGET)

/* The person signing in needs their code; nobody else's is shown. */
void
ward_demo_strip_refresh (WardDemoStrip *self)
{
  WardAuthState state;
  gint64 user_id;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (WARD_IS_DEMO_STRIP (self));

  state = ward_auth_flow_get_state (self->flow);
  user_id = ward_auth_flow_get_pending_user_id (self->flow);
  if (user_id > 0 && (state == WARD_AUTH_STATE_KEY || state == WARD_AUTH_STATE_CODE))
    code = ward_demo_current_code (self->demo, user_id);

  /* Short, so the strip fits beside the badges at 1280 px; the screen above
   * already says who is signing in. */
  if (code != NULL)
    /* Translators: the demo strip's code for the person signing in, e.g. "Code 123456". */
    text = g_strdup_printf (_("Code %s"), code);
  gtk_label_set_label (self->code_label, text != NULL ? text : _("Code ––––––"));
}

/* As if the person plugged in their own key when the key step begins. */
static void
on_flow_changed (WardAuthFlow  *flow,
                 WardDemoStrip *self)
{
  gint64 user_id = ward_auth_flow_get_pending_user_id (flow);

  if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_KEY && user_id != self->key_owner)
    {
      ward_demo_insert_key_of (self->demo, user_id);
      self->key_owner = user_id;
    }
  else if (ward_auth_flow_get_state (flow) == WARD_AUTH_STATE_LOCKED)
    self->key_owner = 0;
  ward_demo_strip_refresh (self);
}

/* A second person checking a change brings their own key to the bed:
 * their virtual key goes into the reader with their badge. */
static void
demo_strip_insert_key_of (WardDemoStrip *self,
                          WardWindow    *window,
                          const char    *username)
{
  gint64 user_id = ward_demo_user_id (self->demo, username);

  if (user_id == 0)
    return;
  ward_demo_insert_key_of (self->demo, user_id);
  self->key_owner = user_id;
}

/* Badges go through the window, as a reader's do: a double check on
 * screen takes a witness's badge before the sign-in flow sees it. */
static void
on_person_clicked (GtkButton     *button,
                   WardDemoStrip *self)
{
  const char *badge = g_object_get_data (G_OBJECT (button), "badge-uid");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!WARD_IS_WINDOW (root))
    {
      ward_auth_flow_badge (self->flow, badge);
      return;
    }
  if (ward_auth_flow_get_state (self->flow) == WARD_AUTH_STATE_SIGNED_IN)
    demo_strip_insert_key_of (self, WARD_WINDOW (root), g_object_get_data (G_OBJECT (button), "username"));
  ward_window_badge (WARD_WINDOW (root), badge);
}

static gboolean
on_give_back_key (gpointer user_data)
{
  WardDemoStrip *self = user_data;
  WardSession *session = ward_auth_flow_get_session (self->flow);

  self->give_back_id = 0;
  if (session != NULL && ward_auth_flow_get_state (self->flow) == WARD_AUTH_STATE_SIGNED_IN)
    {
      ward_demo_insert_key_of (self->demo, ward_session_get_user_id (session));
      self->key_owner = ward_session_get_user_id (session);
    }
  return G_SOURCE_REMOVE;
}

static void
on_touch_key_clicked (GtkButton     *button,
                      WardDemoStrip *self)
{
  WardSession *session = ward_auth_flow_get_session (self->flow);

  ward_demo_touch_key (self->demo);
  /* After a witness's touch, the signed-in person's key goes back in, for
   * the next time she is asked to touch it. */
  if (session != NULL && self->key_owner != ward_session_get_user_id (session) && self->give_back_id == 0)
    self->give_back_id = g_timeout_add (1500, on_give_back_key, self);
}

static GtkWidget *
demo_strip_person_button (WardDemoStrip        *self,
                          const WardDemoPerson *person)
{
  /* Translators: a demo person's button: their name, then their role. */
  g_autofree char *text = g_strdup_printf (_("%s\n%s"), person->full_name, ward_format_role (person->role));
  /* Translators: what a demo person's button does, for screen readers. */
  g_autofree char *name = g_strdup_printf (_("Tap the badge of %s"), person->full_name);
  GtkWidget *button = gtk_button_new_with_label (text);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  /* Five people share the strip's width: long names shorten, not widen it. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  g_object_set_data (G_OBJECT (button), "badge-uid", (gpointer) person->badge_uid);
  g_object_set_data (G_OBJECT (button), "username", (gpointer) person->username);
  gtk_widget_add_css_class (button, "demo-person");
  /* The demo buttons must not take the focus from a code being typed. */
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_person_clicked), self);
  return button;
}

GtkWidget *
ward_demo_strip_new (WardDemo     *demo,
                     WardAuthFlow *flow)
{
  WardDemoStrip *self;
  const WardDemoPerson *people;
  guint n_people = 0;

  g_return_val_if_fail (WARD_IS_DEMO (demo), NULL);
  g_return_val_if_fail (WARD_IS_AUTH_FLOW (flow), NULL);

  self = g_object_new (WARD_TYPE_DEMO_STRIP, NULL);
  self->demo = g_object_ref (demo);
  self->flow = g_object_ref (flow);
  g_signal_connect_object (flow, "changed", G_CALLBACK (on_flow_changed), self, 0);

  people = ward_demo_get_people (&n_people);
  for (guint i = 0; i < n_people; i++)
    gtk_box_append (self->people_box, demo_strip_person_button (self, &people[i]));
  ward_demo_strip_refresh (self);
  return GTK_WIDGET (self);
}

static gboolean
on_refresh_timeout (gpointer user_data)
{
  ward_demo_strip_refresh (WARD_DEMO_STRIP (user_data));
  return G_SOURCE_CONTINUE;
}

/* Codes change every 30 seconds: the one shown must be the one that works. */
static void
ward_demo_strip_map (GtkWidget *widget)
{
  WardDemoStrip *self = WARD_DEMO_STRIP (widget);

  GTK_WIDGET_CLASS (ward_demo_strip_parent_class)->map (widget);
  ward_demo_strip_refresh (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (1, on_refresh_timeout, self);
}

static void
ward_demo_strip_unmap (GtkWidget *widget)
{
  WardDemoStrip *self = WARD_DEMO_STRIP (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (ward_demo_strip_parent_class)->unmap (widget);
}

static void
ward_demo_strip_dispose (GObject *object)
{
  WardDemoStrip *self = WARD_DEMO_STRIP (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->give_back_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->demo);
  g_clear_object (&self->flow);

  G_OBJECT_CLASS (ward_demo_strip_parent_class)->dispose (object);
}

static void
ward_demo_strip_class_init (WardDemoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_demo_strip_dispose;
  widget_class->map = ward_demo_strip_map;
  widget_class->unmap = ward_demo_strip_unmap;

  ward_widget_class_setup (widget_class, "/ward-demo-strip.ui", "demostrip", GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, WardDemoStrip, people_box);
  gtk_widget_class_bind_template_child (widget_class, WardDemoStrip, code_label);
  gtk_widget_class_bind_template_callback (widget_class, on_touch_key_clicked);
}

static void
ward_demo_strip_init (WardDemoStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
