/* ward-actor-refusal.c: the words of a refusal to act on someone who holds more rights than the one asking */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "auth/ward-actor-refusal.h"
#include "data/ward-directory.h"

/* Whoever may manage accounts or roles is, to the person refused, an
 * administrator: that is the word she knows. */
static gboolean
target_is_administrator (WardStore *store,
                         gint64     target_user_id)
{
  g_auto(GStrv) held = ward_directory_held_permissions (store, target_user_id, NULL);

  return held != NULL
      && (g_strv_contains ((const char *const *) held, "users.manage")
          || g_strv_contains ((const char *const *) held, "roles.manage"));
}

/* The refused person reads this, at the kiosk or on the command line: it
 * says "you" to her and names the other person as a person (full name,
 * or user name when the account has none), with what she can do next. */
char *
ward_actor_refusal_over (WardStore  *store,
                         const char *operation,
                         gint64      target_user_id)
{
  g_autoptr(WardUserRecord) target = ward_directory_get_user (store, target_user_id, NULL);
  const char *name = target == NULL ? _("this person")
                   : (target->full_name != NULL && *target->full_name != '\0') ? target->full_name
                   : target->username;
  gboolean admin = target_is_administrator (store, target_user_id);

  if (g_strcmp0 (operation, "unlock") == 0)
    return admin
      /* Translators: %s is a person's full name, e.g. "You cannot unlock Alex Morgan: …". */
      ? g_strdup_printf (_("You cannot unlock %s: only an administrator can unlock administrators."), name)
      /* Translators: %s is a person's full name. */
      : g_strdup_printf (_("You cannot unlock %s: they hold rights that you do not, so only an administrator can unlock them."), name);

  return admin
    /* Translators: %s is a person's full name; credentials are badges, security keys and the authenticator app. */
    ? g_strdup_printf (_("You cannot change the sign-in credentials of %s: only an administrator can do that for administrators."), name)
    /* Translators: %s is a person's full name. */
    : g_strdup_printf (_("You cannot change the sign-in credentials of %s: they hold rights that you do not, so ask an administrator."), name);
}
