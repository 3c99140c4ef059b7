/* ward-role-names.c: roles as people call them, for sentences the kiosk and the command line show */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/ward-role-names.h"

/* Whole sentences per role, not a role name put into one sentence: the
 * article and the case change with the role in most languages. */
static const struct
{
  const char *id;
  const char *name;
  const char *must_check;
} roles[] = {
  { "nurse", N_("Nurse"), N_("A nurse must check this change") },
  { "charge-nurse", N_("Charge nurse"), N_("A charge nurse must check this change") },
  { "biomed", N_("Biomedical engineer"), N_("A biomedical engineer must check this change") },
  { "admin", N_("Administrator"), N_("An administrator must check this change") },
  { "physician", N_("Physician"), N_("A physician must check this change") },
  { "break-glass", N_("Emergency access"), NULL },
};

const char *
ward_role_display_name (const char *role)
{
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i].id))
      return _(roles[i].name);
  /* A role the site added: its own name is the best there is. */
  return role;
}

char *
ward_role_display_names (const char *const *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, ward_role_display_name (list[i]));
    }
  return g_string_free (text, FALSE);
}

const char *
ward_role_must_check (const char *role)
{
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i].id))
      return roles[i].must_check != NULL ? _(roles[i].must_check) : NULL;
  return NULL;
}
