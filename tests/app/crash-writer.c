/* crash-writer.c: a kiosk-like process that writes through the app layer until it is killed */
#include "config.h"

#include <stdlib.h>

#include "app/admin/ward-account-admin.h"
#include "app/admin/ward-badge-admin.h"
#include "auth/ward-session.h"
#include "data/ward-audit.h"

/* crash-writer DB KEY PREFIX: adds accounts PREFIX-N with a badge each,
 * and opens and closes a session for each, as fast as it can. */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WardInstallKey) key = NULL;
  g_autoptr(WardClock) clock = ward_clock_new_system ();
  g_autoptr(WardStore) store = NULL;
  g_autoptr(WardAccountAdmin) accounts = NULL;
  g_autoptr(WardBadgeAdmin) badges = NULL;
  g_autoptr(WardActor) actor = NULL;
  const char *nurse[] = { "nurse", NULL };

  if (argc != 4)
    return 2;
  key = ward_install_key_load (argv[2], &error);
  if (key != NULL)
    store = ward_store_open (argv[1], key, clock, "crash-kiosk", WARD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  accounts = ward_account_admin_new (store);
  badges = ward_badge_admin_new (store);
  actor = ward_actor_new_for_account (store, "alice", &error);
  g_assert_no_error (error);

  for (guint i = 0; ; i++)
    {
      g_autofree char *username = g_strdup_printf ("%s-%u", argv[3], i);
      g_autofree char *uid = g_strdup_printf ("%08X%04X", g_random_int (), i & 0xffff);
      g_autoptr(WardSession) session = NULL;
      g_autoptr(WardUserRecord) user = NULL;

      if (!ward_account_admin_add_user (accounts, actor, username, "Kiosk Writer", nurse, &error)
          || !ward_badge_admin_enroll (badges, actor, username, uid, &error)
          || (user = ward_directory_find_user (store, username, &error)) == NULL
          || (session = ward_session_start (store, user->id, WARD_SESSION_KIND_NORMAL, NULL, NULL, &error)) == NULL
          || !ward_audit_append (store, WARD_AUDIT_SIGNED_IN, username, NULL, NULL, FALSE, &error))
        g_error ("%s", error->message);
      ward_session_end (session, "signed-out");
      g_print ("%u\n", i);
    }
  return 0;
}
