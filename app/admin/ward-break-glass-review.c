/* ward-break-glass-review.c: emergency sessions awaiting an administrator's review */
#include "config.h"

#include "app/admin/ward-break-glass-review.h"
#include "data/ward-audit.h"

GPtrArray *
ward_break_glass_review_list (WardStore  *store,
                              WardActor  *actor,
                              gboolean    unreviewed_only,
                              GError    **error)
{
  if (!ward_actor_require (actor, store, "audit.view", "break-glass list", error))
    return NULL;
  return ward_sessions_list_break_glass (store, unreviewed_only, error);
}

/* Someone in an emergency session cannot review emergency sessions. */
gboolean
ward_break_glass_review_mark (WardStore  *store,
                              WardActor  *actor,
                              gint64      session_id,
                              GError    **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);
  g_autofree char *details = ward_audit_details ("session", id_text, NULL);
  gboolean ok;

  if (!ward_actor_require (actor, store, "audit.view", "break-glass review", error))
    return FALSE;
  if (!ward_store_begin (store, error))
    return FALSE;
  ok = ward_sessions_mark_reviewed (store, session_id, ward_actor_get_user_id (actor), error)
    && ward_audit_append (store, WARD_AUDIT_BREAK_GLASS_REVIEWED, ward_actor_get_name (actor), NULL,
                          details, FALSE, error);
  if (!ok)
    {
      ward_store_rollback (store);
      return FALSE;
    }
  return ward_store_commit (store, error);
}
