/* ward-break-glass-review.h: emergency sessions awaiting an administrator's review, what each did, and the reviewer's note */
#pragma once

#include <glib-object.h>

#include "app/devices/ward-catalogue.h"
#include "auth/ward-actor.h"
#include "data/ward-sessions.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

#define WARD_BREAK_GLASS_REVIEW_ERROR (ward_break_glass_review_error_quark ())

typedef enum
{
  WARD_BREAK_GLASS_REVIEW_ERROR_NOTE,   /* the reviewer's note is missing, too short, too long or not text */
} WardBreakGlassReviewError;

/* A reviewer's note: at least this many characters, one line. */
#define WARD_BREAK_GLASS_NOTE_MIN_CHARS 10
#define WARD_BREAK_GLASS_NOTE_MAX_CHARS 2000

/* One thing that happened in an emergency session, in words. */
typedef struct
{
  gint64    at_us;
  char     *who;       /* full name, or the user name the record holds */
  char     *what;      /* "Infusion pump · Rate: 10.0 → 12.0 mL/h" or the event in words */
  char     *outcome;   /* for a device change: "Applied", "Refused by the device: …"; else NULL */
  char     *event;     /* the audit event name, for a screen that has its own words */
  gboolean  change;    /* a device change (from the change records) */
  gboolean  flagged;
} WardBreakGlassAction;

void       ward_break_glass_action_free   (WardBreakGlassAction *action);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WardBreakGlassAction, ward_break_glass_action_free)

GQuark     ward_break_glass_review_error_quark (void);

GPtrArray *ward_break_glass_review_list (WardStore   *store,
                                         WardActor   *actor,
                                         gboolean     unreviewed_only,
                                         GError     **error);
/* The session's device changes (old → new, outcome) and every other audit
 * record at its kiosk while it was open, in time order. @catalogue (may be
 * NULL) gives devices and settings their names. */
GPtrArray *ward_break_glass_review_actions (WardStore               *store,
                                            WardActor               *actor,
                                            WardCatalogue           *catalogue,
                                            const WardSessionRecord *session,
                                            GError                 **error);
/* Marks it reviewed with the reviewer's note, stored with the review and
 * written to the audit trail, in one transaction. */
gboolean   ward_break_glass_review_mark (WardStore   *store,
                                         WardActor   *actor,
                                         gint64       session_id,
                                         const char  *note,
                                         GError     **error);

G_END_DECLS
