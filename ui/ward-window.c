/* ward-window.c: the kiosk's one fullscreen window: a stack of pages under an overlay layer */
#include "config.h"

#include "ui/ward-window.h"

struct _WardWindow
{
  GtkApplicationWindow  parent_instance;

  GSettings            *settings;

  GtkOverlay           *overlay;
  GtkStack             *stack;
  WardLockPage         *lock_page;
};

G_DEFINE_FINAL_TYPE (WardWindow, ward_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

WardWindow *
ward_window_new (GtkApplication *application,
                 GSettings      *settings)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (WARD_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

GSettings *
ward_window_get_settings (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->settings;
}

WardLockPage *
ward_window_get_lock_page (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return self->lock_page;
}

void
ward_window_add_page (WardWindow *self,
                      GtkWidget  *page,
                      const char *name)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL);

  gtk_stack_add_named (self->stack, page, name);
}

void
ward_window_set_visible_page (WardWindow *self,
                              const char *name)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (gtk_stack_get_child_by_name (self->stack, name) != NULL);

  gtk_stack_set_visible_child_name (self->stack, name);
}

const char *
ward_window_get_visible_page (WardWindow *self)
{
  g_return_val_if_fail (WARD_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ward_window_add_overlay (WardWindow *self,
                         GtkWidget  *widget)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_add_overlay (self->overlay, widget);
}

void
ward_window_remove_overlay (WardWindow *self,
                            GtkWidget  *widget)
{
  g_return_if_fail (WARD_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_overlay_remove_overlay (self->overlay, widget);
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
  ward_lock_page_set_settings (self->lock_page, self->settings);
}

static void
ward_window_dispose (GObject *object)
{
  WardWindow *self = WARD_WINDOW (object);

  g_clear_object (&self->settings);

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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
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
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
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
  window_class->close_request = ward_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template names WardLockPage: its type must exist before parsing. */
  g_type_ensure (WARD_TYPE_LOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ward-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WardWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WardWindow, lock_page);
}

static void
ward_window_init (WardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
