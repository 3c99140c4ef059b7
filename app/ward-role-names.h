/* ward-role-names.h: roles as people call them, for sentences the kiosk and the command line show */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Charge nurse" for "charge-nurse"; a role the site added keeps its id. */
const char *ward_role_display_name  (const char        *role);
/* "Nurse, Charge nurse". */
char       *ward_role_display_names (const char *const *roles);
/* A sentence saying that someone in @role must check a change: "A charge
 * nurse must check this change"; NULL for a role without one. */
const char *ward_role_must_check    (const char        *role);

G_END_DECLS
