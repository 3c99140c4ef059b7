/* ward-natural-bin.c: holds one widget at no less than its natural width, so a box beside a wide neighbour cannot squeeze it */
#include "config.h"

#include "ui/ward-natural-bin.h"
#include "ui/ward-widget-util.h"

/* A GtkBox hands out room above the children's minimum widths in
 * proportion to what each still wants; a list of wrapping labels (the
 * administration sidebar) then gets a different width beside each section
 * and jumps as the person moves between them. Reporting the child's
 * natural width as its minimum too keeps it at the width its own labels
 * ask for, in whatever language and text size they are shown. */
struct _WardNaturalBin
{
  GtkWidget parent_instance;
};

enum
{
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WardNaturalBin, ward_natural_bin, GTK_TYPE_WIDGET)

GtkWidget *
ward_natural_bin_get_child (WardNaturalBin *self)
{
  g_return_val_if_fail (WARD_IS_NATURAL_BIN (self), NULL);
  return gtk_widget_get_first_child (GTK_WIDGET (self));
}

void
ward_natural_bin_set_child (WardNaturalBin *self,
                            GtkWidget      *child)
{
  GtkWidget *old;

  g_return_if_fail (WARD_IS_NATURAL_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  old = gtk_widget_get_first_child (GTK_WIDGET (self));
  if (old == child)
    return;
  if (old != NULL)
    gtk_widget_unparent (old);
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

static void
ward_natural_bin_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural;
}

static void
ward_natural_bin_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
ward_natural_bin_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
ward_natural_bin_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (prop_id == PROP_CHILD)
    g_value_set_object (value, ward_natural_bin_get_child (WARD_NATURAL_BIN (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ward_natural_bin_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (prop_id == PROP_CHILD)
    ward_natural_bin_set_child (WARD_NATURAL_BIN (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ward_natural_bin_class_init (WardNaturalBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_widget_dispose_children;
  object_class->get_property = ward_natural_bin_get_property;
  object_class->set_property = ward_natural_bin_set_property;
  widget_class->measure = ward_natural_bin_measure;
  widget_class->size_allocate = ward_natural_bin_size_allocate;
  widget_class->get_request_mode = ward_natural_bin_get_request_mode;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "naturalbin");
}

static void
ward_natural_bin_init (WardNaturalBin *self)
{
}
