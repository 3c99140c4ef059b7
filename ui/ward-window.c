/* ward-window.c: the kiosk's one fullscreen window: a stack of pages under an overlay layer */
#include "config.h"

#include "ui/ward-window-private.h"

G_DEFINE_FINAL_TYPE (WardWindow, ward_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SITE_CONFIG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CLAIM_BADGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* config: NULL when the site file was refused (the window then shows no
 * site, ward or bed). */
WardWindow *
ward_window_new (GtkApplication *application,
                 WardSiteConfig *config)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (config == NULL || WARD_IS_SITE_CONFIG (config), NULL);

  return g_object_new (WARD_TYPE_WINDOW,
                       "application", application,
                       "site-config", config,
                       NULL);
}

WardLockPage *
ward_window_get_lock_page (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->lock_page;
}

WardHomePage *
ward_window_get_home_page (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->home_page;
}

WardBadgeCapture *
ward_window_get_badge_capture (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->capture;
}

WardKiosk *
ward_window_get_kiosk (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->kiosk;
}

/* The kiosk whose sign-in the window shows; NULL while out of service. */
void
ward_window_set_kiosk (WardWindow *self,
                       WardKiosk  *kiosk)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (kiosk == NULL || WARD_IS_KIOSK (kiosk));

  if (self->kiosk == kiosk)
    return;
  _ward_window_disconnect_flow (self);
  g_set_object (&self->kiosk, kiosk);
  self->flow = kiosk != NULL ? ward_kiosk_get_flow (kiosk) : NULL;
  _ward_window_connect_flow (self);
  _ward_window_sync (self);
}

/* Demo builds put their helper strip at the bottom, always in view. */
void
ward_window_set_demo_strip (WardWindow *self,
                            GtkWidget  *strip)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (strip == NULL || GTK_IS_WIDGET (strip));

  if (self->demo_strip != NULL)
    gtk_box_remove (GTK_BOX (self->demo_slot), self->demo_strip);
  self->demo_strip = strip;
  if (strip != NULL)
    gtk_box_append (GTK_BOX (self->demo_slot), strip);
  gtk_widget_set_visible (self->demo_slot, strip != NULL);
  if (strip != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "with-demo-strip");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "with-demo-strip");
}

/* For screens built elsewhere (administration, devices): they become pages
 * of the stack, shown with ward_window_show_page() while someone is
 * signed in; locking always returns to the lock page. */
void
ward_window_add_page (WardWindow *self,
                      GtkWidget  *page,
                      const char *name)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);

  /* A page of the same name is replaced: one page per name, always. */
  {
    GtkWidget *existing = gtk_stack_get_child_by_name (self->stack, name);
    gboolean shown = existing != NULL && existing == gtk_stack_get_visible_child (self->stack);

    if (existing != NULL)
      gtk_stack_remove (self->stack, existing);
    /* Hidden until it is shown (see _ward_window_switch_page). */
    gtk_widget_set_visible (page, shown);
    gtk_stack_add_named (self->stack, page, name);
    if (shown)
      gtk_stack_set_visible_child (self->stack, page);
  }
}

/* Returns FALSE, changing nothing, when there is no page of that name. */
gboolean
ward_window_show_page (WardWindow *self,
                       const char *name)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return _ward_window_switch_page (self, name);
}

const char *
ward_window_get_visible_page (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* A kiosk is not closed by whoever stands in front of it (Alt+F4, a
 * compositor's close gesture): it stops only through the application's
 * "quit" action or a signal from the system, which destroy the window
 * without asking it. */
static gboolean
ward_window_close_request (GtkWindow *window)
{
  g_debug ("Refused a request to close the kiosk window");
  return TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  ward_window_tick (WARD_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
ward_window_map (GtkWidget *widget)
{
  WardWindow *self = WARD_WINDOW (widget);

  GTK_WIDGET_CLASS (ward_window_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
ward_window_unmap (GtkWidget *widget)
{
  WardWindow *self = WARD_WINDOW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (ward_window_parent_class)->unmap (widget);
}

static void
ward_window_constructed (GObject *object)
{
  WardWindow *self = WARD_WINDOW (object);

  G_OBJECT_CLASS (ward_window_parent_class)->constructed (object);

  /* Asked before the window is mapped, so that it opens fullscreen rather
   * than flashing up at its default size first; and here, not in init,
   * because GtkWindow's construct-time "fullscreened" property (FALSE)
   * is applied after init and would undo it. */
  gtk_window_fullscreen (GTK_WINDOW (self));
  ward_lock_page_set_site_config (self->lock_page, self->config);
  /* Readers differ in speed; the site says how fast its own are. */
  if (self->config != NULL)
    ward_badge_capture_set_max_gap_ms (self->capture, ward_site_config_get_badge_max_gap_ms (self->config));
}

static void
ward_window_dispose (GObject *object)
{
  WardWindow *self = WARD_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  _ward_window_disconnect_flow (self);
  if (self->inhibited)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (app != NULL && self->inhibit_cookie != 0)
        gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibited = FALSE;
    }
  self->flow = NULL;
  g_clear_object (&self->kiosk);
  g_clear_object (&self->capture);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (ward_window_parent_class)->dispose (object);
}

static void
ward_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WardWindow *self = WARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SITE_CONFIG:
      g_value_set_object (value, self->config);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WardWindow *self = WARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SITE_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ward_window_class_init (WardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ward_window_constructed;
  object_class->dispose = ward_window_dispose;
  object_class->get_property = ward_window_get_property;
  object_class->set_property = ward_window_set_property;
  widget_class->map = ward_window_map;
  widget_class->unmap = ward_window_unmap;
  window_class->close_request = ward_window_close_request;

  properties[PROP_SITE_CONFIG] =
    g_param_spec_object ("site-config", NULL, NULL, WARD_TYPE_SITE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A witness's badge belongs to the double check on screen, not to the
   * sign-in flow, where it would sign the nurse out. */
  signals[SIGNAL_CLAIM_BADGE] = g_signal_new ("claim-badge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, g_signal_accumulator_true_handled, NULL, NULL,
                                              G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  /* The template names these classes: their types must exist before parsing. */
  g_type_ensure (WARD_TYPE_LOCK_PAGE);
  g_type_ensure (WARD_TYPE_HOME_PAGE);
  g_type_ensure (WARD_TYPE_SESSION_BAR);
  g_type_ensure (WARD_TYPE_REFUSAL_BANNER);
  g_type_ensure (WARD_TYPE_IDLE_WARNING);
  g_type_ensure (WARD_TYPE_TAP_OVER_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ward-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WardWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, lock_page);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, home_page);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, session_bar);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, break_glass_banner);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, break_glass_label);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, refusal_banner);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, idle_warning);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, tap_over_card);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, demo_slot);

  /* Escape steps back out of any sign-in step, as Cancel does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

static void
ward_window_init (WardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The lock page first; the others wait hidden (see _ward_window_switch_page). */
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    gtk_widget_set_visible (page, page == GTK_WIDGET (self->lock_page));
  self->capture = ward_badge_capture_new (50);
  _ward_window_install_actions (self);
  _ward_window_attach_input (self);
  _ward_window_sync (self);
}
