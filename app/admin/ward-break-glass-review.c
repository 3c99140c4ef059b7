/* ward-break-glass-review.c: emergency sessions awaiting an administrator's review, what each did, and the reviewer's note */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "app/admin/ward-break-glass-review.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "data/ward-session-review.h"
#include "data/ward-text.h"

G_DEFINE_QUARK (ward-break-glass-review-error-quark, ward_break_glass_review_error)

void
ward_break_glass_action_free (WardBreakGlassAction *action)
{
  if (action == NULL)
    return;
  g_free (action->who);
  g_free (action->what);
  g_free (action->outcome);
  g_free (action->event);
  g_free (action);
}

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

/* -- What the session did ---------------------------------------------------- */

/* The catalogue knows a setting by its device class; the change record
 * keeps only the device and the setting's id, which name one class. */
static const WardParameterSpec *
find_parameter (WardCatalogue      *catalogue,
                const char         *parameter,
                const char        **device_kind)
{
  GPtrArray *kinds = catalogue != NULL ? ward_catalogue_get_kinds (catalogue) : NULL;

  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      const WardDeviceKind *kind = g_ptr_array_index (kinds, i);

      for (guint j = 0; j < kind->parameters->len; j++)
        {
          const WardParameterSpec *spec = g_ptr_array_index (kind->parameters, j);

          if (g_strcmp0 (spec->id, parameter) == 0)
            {
              *device_kind = ward_device_kind_get_label (kind);
              return spec;
            }
        }
    }
  return NULL;
}

static char *
format_value (const WardParameterSpec *spec,
              double                   value,
              const char              *unit)
{
  if (spec != NULL)
    return ward_catalogue_format_with_unit (spec, value);
  return g_strdup_printf ("%g %s", value, unit != NULL ? unit : "");
}

static char *
describe_outcome (const WardSettingChangeRecord *record)
{
  switch (record->outcome)
    {
    case WARD_SETTING_OUTCOME_APPLIED:
      return g_strdup (_("Applied"));
    case WARD_SETTING_OUTCOME_REFUSED:
      return record->outcome_detail != NULL && *record->outcome_detail != '\0'
        /* Translators: a device change the device refused, with its words. */
        ? g_strdup_printf (_("Refused by the device: %s"), record->outcome_detail)
        : g_strdup (_("Refused by the device"));
    case WARD_SETTING_OUTCOME_NO_ANSWER:
      return g_strdup (_("No answer from the device"));
    case WARD_SETTING_OUTCOME_PENDING:
    default:
      return g_strdup (_("Never sent"));
    }
}

static WardBreakGlassAction *
action_for_change (WardCatalogue                 *catalogue,
                   const WardSettingChangeRecord *record)
{
  WardBreakGlassAction *action = g_new0 (WardBreakGlassAction, 1);
  const char *kind = NULL;
  const WardParameterSpec *spec = find_parameter (catalogue, record->parameter, &kind);
  g_autofree char *old_text = record->has_old_value ? format_value (spec, record->old_value, record->unit)
                                                    : g_strdup (_("unknown"));
  g_autofree char *new_text = format_value (spec, record->new_value, record->unit);
  g_autofree char *change = NULL;

  /* TRANSLATORS: a setting, its old and its new value, as in "Rate: 5.0 mL/h → 8.0 mL/h" */
  change = g_strdup_printf (_("%s: %s → %s"), spec != NULL ? ward_parameter_spec_get_label (spec) : record->parameter,
                            old_text, new_text);
  action->at_us = record->requested_at * G_USEC_PER_SEC;
  action->who = g_strdup (record->full_name != NULL ? record->full_name : record->username);
  action->what = kind != NULL ? g_strdup_printf ("%s · %s", kind, change) : g_steal_pointer (&change);
  if (record->reason != NULL)
    {
      /* Translators: a device change and the reason given for it. */
      g_autofree char *with_reason = g_strdup_printf (_("%s (reason: “%s”)"), action->what, record->reason);

      g_free (action->what);
      action->what = g_steal_pointer (&with_reason);
    }
  action->outcome = describe_outcome (record);
  action->change = TRUE;
  return action;
}

static char *
full_name_of (WardStore  *store,
              GHashTable *names,
              const char *username)
{
  const char *known = g_hash_table_lookup (names, username);
  g_autoptr(WardUserRecord) user = NULL;

  if (known != NULL)
    return g_strdup (known);
  user = ward_directory_find_user (store, username, NULL);
  g_hash_table_insert (names, g_strdup (username), g_strdup (user != NULL ? user->full_name : username));
  return g_strdup (g_hash_table_lookup (names, username));
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const WardBreakGlassAction *x = *(WardBreakGlassAction *const *) a;
  const WardBreakGlassAction *y = *(WardBreakGlassAction *const *) b;

  return x->at_us < y->at_us ? -1 : x->at_us > y->at_us ? 1 : (int) y->change - (int) x->change;
}

GPtrArray *
ward_break_glass_review_actions (WardStore               *store,
                                 WardActor               *actor,
                                 WardCatalogue           *catalogue,
                                 const WardSessionRecord *session,
                                 GError                 **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ward_break_glass_action_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 until;

  g_return_val_if_fail (session != NULL, NULL);
  if (!ward_actor_require (actor, store, "audit.view", "break-glass actions", error))
    return NULL;
  changes = ward_device_changes_list_for_session (store, session->id, error);
  if (changes == NULL)
    return NULL;
  /* A session still open is read up to the last second there is. */
  until = session->ended_at != 0 ? (session->ended_at + 1) * G_USEC_PER_SEC - 1 : G_MAXINT64;
  records = ward_session_review_list_audit (store, session->kiosk_id, session->started_at * G_USEC_PER_SEC,
                                            until, error);
  if (records == NULL)
    return NULL;

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (actions, action_for_change (catalogue, g_ptr_array_index (changes, i)));
  for (guint i = 0; i < records->len; i++)
    {
      WardAuditRecord *record = g_ptr_array_index (records, i);
      WardBreakGlassAction *action;

      /* The change records above say it with old, new and outcome. */
      if (g_str_has_prefix (record->event, "device.change-"))
        continue;
      action = g_new0 (WardBreakGlassAction, 1);
      action->at_us = record->at_us;
      action->who = full_name_of (store, names, record->actor);
      action->event = g_strdup (record->event);
      action->flagged = record->flagged;
      g_ptr_array_add (actions, action);
    }
  g_ptr_array_sort (actions, by_time);
  return g_steal_pointer (&actions);
}

/* -- The review ------------------------------------------------------------------ */

static char *
check_note (const char  *note,
            GError     **error)
{
  g_autofree char *clean = ward_text_clean (note);
  glong length = clean != NULL ? g_utf8_strlen (clean, -1) : 0;

  if (clean == NULL || length < WARD_BREAK_GLASS_NOTE_MIN_CHARS)
    {
      g_set_error (error, WARD_BREAK_GLASS_REVIEW_ERROR, WARD_BREAK_GLASS_REVIEW_ERROR_NOTE,
                   _("Write a note of at least %d characters on one line: what you checked, and what follows."),
                   WARD_BREAK_GLASS_NOTE_MIN_CHARS);
      return NULL;
    }
  if (length > WARD_BREAK_GLASS_NOTE_MAX_CHARS)
    {
      g_set_error (error, WARD_BREAK_GLASS_REVIEW_ERROR, WARD_BREAK_GLASS_REVIEW_ERROR_NOTE,
                   _("The note is too long: keep it under %d characters."), WARD_BREAK_GLASS_NOTE_MAX_CHARS);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Someone in an emergency session cannot review emergency sessions. */
gboolean
ward_break_glass_review_mark (WardStore   *store,
                              WardActor   *actor,
                              gint64       session_id,
                              const char  *note,
                              GError     **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, session_id);
  g_autofree char *clean = NULL;
  g_autofree char *details = NULL;
  gboolean ok;

  if (!ward_actor_require (actor, store, "audit.view", "break-glass review", error))
    return FALSE;
  clean = check_note (note, error);
  if (clean == NULL)
    return FALSE;
  details = ward_audit_details ("session", id_text, "note", clean, NULL);
  if (!ward_store_begin (store, error))
    return FALSE;
  ok = ward_sessions_mark_reviewed (store, session_id, ward_actor_get_user_id (actor), error)
    && ward_session_review_set_note (store, session_id, clean, error)
    && ward_audit_append (store, WARD_AUDIT_BREAK_GLASS_REVIEWED, ward_actor_get_name (actor), NULL,
                          details, FALSE, error);
  return ward_store_finish (store, ok, error);
}
