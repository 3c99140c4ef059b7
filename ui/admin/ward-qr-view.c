/* ward-qr-view.c: a QR code drawn module by module, large enough to scan from a phone */
#include "config.h"

#include "auth/ward-qr-code.h"
#include "ui/admin/ward-qr-view.h"

struct _WardQrView
{
  GtkWidget   parent_instance;
  WardQrCode *code;
};

G_DEFINE_FINAL_TYPE (WardQrView, ward_qr_view, GTK_TYPE_WIDGET)

/* The text is usually an otpauth URI, a secret: only the modules are kept. */
gboolean
ward_qr_view_set_text (WardQrView  *self,
                       const char  *text,
                       GError     **error)
{
  g_autoptr(WardQrCode) code = NULL;

  g_return_val_if_fail (WARD_IS_QR_VIEW (self), FALSE);

  code = ward_qr_code_new (text, error);
  if (code == NULL)
    return FALSE;
  g_set_object (&self->code, code);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
ward_qr_view_clear (WardQrView *self)
{
  g_return_if_fail (WARD_IS_QR_VIEW (self));

  g_clear_object (&self->code);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ward_qr_view_is_empty (WardQrView *self)
{
  g_return_val_if_fail (WARD_IS_QR_VIEW (self), TRUE);
  return self->code == NULL;
}

static void
ward_qr_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = WARD_QR_VIEW_MIN_SIZE;
}

/* Whole pixels per module, from a whole-pixel origin, and pure black on
 * white, quiet zone included:
 * phone cameras read sharp edges and strong contrast best, and a dark page
 * around the code must not eat into its quiet zone. */
static void
ward_qr_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  WardQrView *self = WARD_QR_VIEW (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA black = { 0, 0, 0, 1 };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint size, modules, module_px;
  float left, top;

  if (self->code == NULL)
    return;

  size = ward_qr_code_get_size (self->code);
  modules = size + 2 * WARD_QR_CODE_QUIET_ZONE;
  module_px = MAX (1, MIN (width, height) / (int) modules);
  /* Centred on whole pixels too: a half-pixel origin blurs every module's
   * edge into grey seams that a phone's decoder can trip over. */
  left = (float) ((width - (int) (module_px * modules)) / 2);
  top = (float) ((height - (int) (module_px * modules)) / 2);

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (left, top, module_px * modules, module_px * modules));
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      if (ward_qr_code_get_module (self->code, x, y))
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (left + (x + WARD_QR_CODE_QUIET_ZONE) * module_px,
                                                        top + (y + WARD_QR_CODE_QUIET_ZONE) * module_px,
                                                        module_px, module_px));
}

static void
ward_qr_view_dispose (GObject *object)
{
  g_clear_object (&WARD_QR_VIEW (object)->code);
  G_OBJECT_CLASS (ward_qr_view_parent_class)->dispose (object);
}

static void
ward_qr_view_class_init (WardQrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ward_qr_view_dispose;
  widget_class->measure = ward_qr_view_measure;
  widget_class->snapshot = ward_qr_view_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/ward-qr-view.ui");
  gtk_widget_class_set_css_name (widget_class, "qrview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ward_qr_view_init (WardQrView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
