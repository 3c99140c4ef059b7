/* ward-roles-section.c: what each role may do, as a table of boxes to tick */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ui/admin/ward-admin-util.h"
#include "ui/admin/ward-roles-section.h"
#include "ui/ward-widget-util.h"

struct _WardRolesSection
{
  WardAdminSection parent_instance;

  GHashTable *checks;   /* "role\npermission" → GtkCheckButton */

  GtkLabel   *message_label;
  GtkGrid    *heads;      /* the headings, above the scrolling part */
  GtkGrid    *matrix;
  GPtrArray  *columns;    /* per column, a GPtrArray of its cells (heading and boxes), borrowed */
  gboolean    large;      /* built for a large display: see shown_large() */
};

G_DEFINE_FINAL_TYPE (WardRolesSection, ward_roles_section, WARD_TYPE_ADMIN_SECTION)

static char *
check_key (const char *role,
           const char *permission)
{
  return g_strconcat (role, "\n", permission, NULL);
}

GtkCheckButton *
ward_roles_section_get_check (WardRolesSection *self,
                              const char       *role,
                              const char       *permission)
{
  g_autofree char *key = check_key (role, permission);

  g_return_val_if_fail (WARD_IS_ROLES_SECTION (self), NULL);
  return g_hash_table_lookup (self->checks, key);
}

static void
clear_matrix (WardRolesSection *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->checks);
  g_ptr_array_set_size (self->columns, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matrix))) != NULL)
    gtk_grid_remove (self->matrix, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->heads))) != NULL)
    gtk_grid_remove (self->heads, child);
}

static GPtrArray *
column_cells (WardRolesSection *self,
              guint             column)
{
  while (self->columns->len <= column)
    g_ptr_array_add (self->columns, g_ptr_array_new ());
  return self->columns->pdata[column];
}

/* A role's heading above the scrolling part and its boxes below are in
 * two grids, so each role column is given one width: the widest of its
 * cells, as each asks for it. Not a size group: a grid whose cells are in
 * size groups under-reports its height at 1024 px, and its last rows then
 * lie beyond the reach of scrolling. The names' column takes the rest of
 * the width in both grids alike. */
static void
align_columns (WardRolesSection *self)
{
  for (guint c = 1; c < self->columns->len; c++)
    {
      GPtrArray *cells = self->columns->pdata[c];
      int width = 0;

      for (guint i = 0; i < cells->len; i++)
        {
          int natural = 0;

          gtk_widget_set_size_request (cells->pdata[i], -1, -1);
          gtk_widget_measure (cells->pdata[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          width = MAX (width, natural);
        }
      for (guint i = 0; i < cells->len; i++)
        gtk_widget_set_size_request (cells->pdata[i], width, -1);
    }
}

/* On a large display (the window's "large" class, see ward-size-class.c)
 * the names' column is wide enough for a permission's name and its id on
 * one line, and the role headings for one line each: the whole table
 * then fits the screen's height, its last permissions in view without
 * scrolling. CSS cannot turn a box, so the table is built for the display
 * it is shown on, each time the administration page is opened. */
static gboolean
shown_large (WardRolesSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "large");
}

/* @row 0 is the headings, which stay in view while the boxes scroll under
 * them; each permission then takes one row, its name in column 0 and its
 * boxes under the role headings, so a row of boxes is never in view
 * without its name. The names wrap into their column, which is what lets
 * the table fit a 1024-wide screen. @stripe: every other permission on a
 * tinted band, so a row of boxes is read with its name. */
static void
attach_cell (WardRolesSection *self,
             GtkWidget        *cell,
             int               column,
             int               row,
             int               width,
             gboolean          stripe)
{
  gtk_widget_add_css_class (cell, "admin-matrix-cell");
  if (stripe)
    gtk_widget_add_css_class (cell, "admin-matrix-stripe");
  if (width == 1)
    g_ptr_array_add (column_cells (self, column), cell);
  if (row == 0)
    gtk_grid_attach (self->heads, cell, column, 0, width, 1);
  else
    gtk_grid_attach (self->matrix, cell, column, row, width, 1);
}

static void
add_role_heading (WardRolesSection     *self,
                  const WardRoleRecord *role,
                  int                   column)
{
  GtkWidget *label = gtk_label_new (ward_admin_role_heading (role->name));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Between words only: "Administr-ator" is not read as a role. A
   * column is then at least as wide as the longest word of its role. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), self->large ? -1 : 9);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "admin-matrix-head");
  attach_cell (self, label, column, 0, 1, FALSE);
}

/* Above the names: what the first column holds. */
static void
add_corner_heading (WardRolesSection *self)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (_("Permission"));

  /* In a box: the column's size group widens the cell, not the label. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "admin-matrix-head");
  gtk_box_append (GTK_BOX (cell), label);
  attach_cell (self, cell, 0, 0, 1, FALSE);
}

static void
add_permission_heading (WardRolesSection *self,
                        const char       *permission,
                        int               row,
                        gboolean          stripe)
{
  GtkWidget *box = self->large ? gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16)
                                : gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (ward_admin_permission_title (permission));
  GtkWidget *name = gtk_label_new (permission);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  /* Wraps rather than widens the table past a small screen. */
  gtk_label_set_width_chars (GTK_LABEL (title), self->large ? 24 : 16);
  gtk_label_set_max_width_chars (GTK_LABEL (title), self->large ? -1 : 16);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  /* On a large display the name keeps its line first, and the id breaks
   * only where its words allow ("high-" | "alert") if the line is too
   * short for both; a narrow column may break it anywhere. */
  gtk_label_set_wrap_mode (GTK_LABEL (name), self->large ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (name), self->large ? 4 : 16);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 16);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "admin-matrix-permission");
  gtk_widget_add_css_class (name, "admin-small");
  if (self->large)
    {
      /* Side by side, the name and the id read along one line. */
      gtk_widget_set_valign (title, GTK_ALIGN_BASELINE);
      gtk_widget_set_valign (name, GTK_ALIGN_BASELINE);
    }
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), name);
  attach_cell (self, box, 0, row, 1, stripe);
}

static void on_check_toggled (GtkCheckButton   *check,
                              WardRolesSection *self);

static void
add_check (WardRolesSection     *self,
           const WardRoleRecord *role,
           const char           *permission,
           int                   column,
           int                   row)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *check = gtk_check_button_new ();
  /* Translators: a box in the roles table, e.g. "Nurse: Adjust device settings". */
  g_autofree char *label = g_strdup_printf (_("%s: %s"), ward_admin_role_title (role->name),
                                            ward_admin_permission_title (permission));
  gboolean held = role->permissions != NULL
               && g_strv_contains ((const char *const *) role->permissions, permission);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), held);
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (check, TRUE);
  /* Centred in its cell, but the cell keeps its column's width: the
   * headings above are in another grid. */
  gtk_widget_set_hexpand (cell, FALSE);
  gtk_box_append (GTK_BOX (cell), check);
  gtk_widget_add_css_class (check, "admin-matrix-check");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (check, label);
  g_object_set_data_full (G_OBJECT (check), "role", g_strdup (role->name), g_free);
  g_object_set_data_full (G_OBJECT (check), "permission", g_strdup (permission), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  g_hash_table_insert (self->checks, check_key (role->name, permission), check);
  attach_cell (self, cell, column, row, 1, row % 2 == 0);
}

static void
build_matrix (WardRolesSection *self,
              GPtrArray        *roles,
              GStrv             permissions)
{
  self->large = shown_large (self);
  add_corner_heading (self);
  for (guint c = 0; c < roles->len; c++)
    add_role_heading (self, roles->pdata[c], 1 + c);
  for (guint r = 0; permissions[r] != NULL; r++)
    {
      add_permission_heading (self, permissions[r], 1 + r, r % 2 == 1);
      for (guint c = 0; c < roles->len; c++)
        add_check (self, roles->pdata[c], permissions[r], 1 + c, 1 + r);
    }
  align_columns (self);
  /* GTK 4.8 keeps a grid's size-request mode from while its cells were
   * being attached (constant size, before the wrapping ones came), and a
   * resize queued meanwhile does not make it ask again: the headings'
   * grid then asked for one line of height while its headings, wrapped to
   * their columns, took two, and were drawn past its bottom edge towards
   * the table. Measuring a grid makes GTK drop what it had kept, so the
   * layout measures it height for width. */
  gtk_widget_measure (GTK_WIDGET (self->heads), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->matrix), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
}

static void
load_matrix (WardRolesSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_auto(GStrv) permissions = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);

  clear_matrix (self);
  if (actor != NULL)
    roles = ward_account_admin_list_roles (ward_kiosk_get_accounts (kiosk), actor, &error);
  if (roles != NULL)
    permissions = ward_account_admin_list_permissions (ward_kiosk_get_accounts (kiosk), actor, &error);
  if (permissions == NULL)
    {
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, error->message);
      return;
    }
  build_matrix (self, roles, permissions);
}

/* A refused change puts the box back, so the table never shows a grant
 * that the store does not hold. */
static void
on_check_toggled (GtkCheckButton   *check,
                  WardRolesSection *self)
{
  WardKiosk *kiosk = ward_admin_section_get_kiosk (WARD_ADMIN_SECTION (self));
  const char *role = g_object_get_data (G_OBJECT (check), "role");
  const char *permission = g_object_get_data (G_OBJECT (check), "permission");
  gboolean permit = gtk_check_button_get_active (check);
  WardAccountAdmin *accounts = ward_kiosk_get_accounts (kiosk);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *refused = NULL;
  WardActor *actor = ward_admin_get_actor (kiosk, &error);
  gboolean ok;

  ok = actor != NULL
    && (permit ? ward_account_admin_permit (accounts, actor, role, permission, &error)
               : ward_account_admin_forbid (accounts, actor, role, permission, &error));
  if (!ok)
    {
      g_signal_handlers_block_by_func (check, on_check_toggled, self);
      gtk_check_button_set_active (check, !permit);
      g_signal_handlers_unblock_by_func (check, on_check_toggled, self);
      /* The store's words name the rule; the table says what it protects. */
      if (g_error_matches (error, WARD_STORE_ERROR, WARD_STORE_ERROR_LAST_ADMIN))
        refused = g_strdup_printf (_("Not changed: nobody would be left who can manage roles. %s"), error->message);
      else
        /* Translators: %s is why the change was refused. */
        refused = g_strdup_printf (_("Not changed. %s"), error->message);
      ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_ERROR, refused);
      return;
    }
  /* Translators: "Nurse may now: Read and verify the audit trail." */
  done = g_strdup_printf (permit ? _("%s may now: %s.") : _("%s may no longer: %s."),
                          ward_admin_role_title (role), ward_admin_permission_title (permission));
  ward_admin_show_message (self->message_label, WARD_ADMIN_TONE_SUCCESS, done);
}

static void
ward_roles_section_refresh (WardAdminSection *section)
{
  load_matrix (WARD_ROLES_SECTION (section));
}

static void
ward_roles_section_reset (WardAdminSection *section)
{
  clear_matrix (WARD_ROLES_SECTION (section));
}

static void
ward_roles_section_dispose (GObject *object)
{
  WardRolesSection *self = WARD_ROLES_SECTION (object);

  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  G_OBJECT_CLASS (ward_roles_section_parent_class)->dispose (object);
}

static void
ward_roles_section_class_init (WardRolesSectionClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WardAdminSectionClass *section_class = WARD_ADMIN_SECTION_CLASS (klass);

  section_class->permission = "roles.manage";
  section_class->refresh = ward_roles_section_refresh;
  section_class->reset = ward_roles_section_reset;

  G_OBJECT_CLASS (klass)->dispose = ward_roles_section_dispose;

  ward_widget_class_setup (widget_class, "/admin/ward-roles-section.ui", "rolessection", GTK_ACCESSIBLE_ROLE_GENERIC);
  gtk_widget_class_bind_template_child (widget_class, WardRolesSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, WardRolesSection, heads);
  gtk_widget_class_bind_template_child (widget_class, WardRolesSection, matrix);
}

static void
ward_roles_section_init (WardRolesSection *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  ward_admin_section_set_message_label (WARD_ADMIN_SECTION (self), self->message_label);
}
