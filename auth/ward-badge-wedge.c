/* ward-badge-wedge.c: tells a keyboard-wedge badge reader's keystroke burst from a person typing */
#include "auth/ward-badge-wedge.h"

struct _WardBadgeWedge
{
  GObject   parent_instance;
  guint     max_gap_ms;
  guint     min_length;
  GString  *burst;       /* hex characters held back, as typed */
  GString  *discarded;   /* held-back characters that proved to be typing */
  gint64    last_us;     /* time of the last key that extended or rejected a burst */
  gboolean  rejecting;   /* a fast run that already failed: ignore it to its end */
  guint     runs_broken; /* runs of held-back keys ended by a pause: typing, or a stalled reader */
};

G_DEFINE_FINAL_TYPE (WardBadgeWedge, ward_badge_wedge, G_TYPE_OBJECT)

static void
ward_badge_wedge_finalize (GObject *object)
{
  WardBadgeWedge *self = WARD_BADGE_WEDGE (object);

  g_string_free (self->burst, TRUE);
  g_string_free (self->discarded, TRUE);
  G_OBJECT_CLASS (ward_badge_wedge_parent_class)->finalize (object);
}

static void
ward_badge_wedge_class_init (WardBadgeWedgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ward_badge_wedge_finalize;
}

static void
ward_badge_wedge_init (WardBadgeWedge *self)
{
  self->max_gap_ms = WARD_BADGE_WEDGE_DEFAULT_MAX_GAP_MS;
  self->min_length = WARD_BADGE_WEDGE_DEFAULT_MIN_LENGTH;
  self->burst = g_string_sized_new (WARD_BADGE_WEDGE_MAX_LENGTH);
  self->discarded = g_string_new (NULL);
}

/**
 * ward_badge_wedge_new:
 * @max_gap_ms: the longest gap between two keys of a burst; 0 for the default
 */
WardBadgeWedge *
ward_badge_wedge_new (guint max_gap_ms)
{
  WardBadgeWedge *self = g_object_new (WARD_TYPE_BADGE_WEDGE, NULL);

  /* init set the default: 0 keeps it. */
  if (max_gap_ms != 0)
    self->max_gap_ms = max_gap_ms;
  return self;
}

void
ward_badge_wedge_set_max_gap_ms (WardBadgeWedge *self,
                                 guint           max_gap_ms)
{
  g_return_if_fail (WARD_IS_BADGE_WEDGE (self));
  g_return_if_fail (max_gap_ms > 0);

  self->max_gap_ms = max_gap_ms;
}

guint
ward_badge_wedge_get_max_gap_ms (WardBadgeWedge *self)
{
  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), 0);
  return self->max_gap_ms;
}

void
ward_badge_wedge_set_min_length (WardBadgeWedge *self,
                                 guint           min_length)
{
  g_return_if_fail (WARD_IS_BADGE_WEDGE (self));
  g_return_if_fail (min_length >= 1 && min_length <= WARD_BADGE_WEDGE_MAX_LENGTH);

  self->min_length = min_length;
}

guint
ward_badge_wedge_get_min_length (WardBadgeWedge *self)
{
  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), 0);
  return self->min_length;
}

static gboolean
is_return (gunichar ch)
{
  return ch == '\r' || ch == '\n';
}

/* Only ASCII hex: g_unichar_isxdigit() would also take full-width digits,
 * which no reader types and which would not normalise to a hex UID. */
static gboolean
is_hex (gunichar ch)
{
  return ch < 0x80 && g_ascii_isxdigit ((char) ch);
}

static gboolean
in_run (WardBadgeWedge *self)
{
  return self->burst->len > 0 || self->rejecting;
}

/* A clock that went backwards cannot prove a key was fast, so it counts as
 * a pause: the safe side is to give the keys to the text field. */
static gboolean
follows_quickly (WardBadgeWedge *self,
                 gint64          time_us)
{
  gint64 gap_us = time_us - self->last_us;

  return gap_us >= 0 && gap_us <= (gint64) self->max_gap_ms * G_TIME_SPAN_MILLISECOND;
}

static void
discard_burst (WardBadgeWedge *self)
{
  g_string_append_len (self->discarded, self->burst->str, self->burst->len);
  g_string_truncate (self->burst, 0);
}

/* A run that is fast but cannot be a badge: what was held back goes to the
 * field, and the rest of the run passes through untouched. */
static WardBadgeWedgeResult
reject_burst (WardBadgeWedge *self,
              gint64          time_us)
{
  if (self->burst->len > 0)
    self->rejecting = TRUE;
  discard_burst (self);
  if (self->rejecting)
    self->last_us = time_us;
  return WARD_BADGE_WEDGE_IGNORED;
}

static WardBadgeWedgeResult
feed_return (WardBadgeWedge  *self,
             char           **uid_out)
{
  if (self->rejecting)
    {
      self->rejecting = FALSE;
      return WARD_BADGE_WEDGE_IGNORED;
    }
  if (self->burst->len == 0)
    return WARD_BADGE_WEDGE_IGNORED;
  if (self->burst->len < self->min_length)
    {
      discard_burst (self);
      return WARD_BADGE_WEDGE_IGNORED;
    }

  if (uid_out != NULL)
    *uid_out = g_ascii_strup (self->burst->str, self->burst->len);
  g_string_truncate (self->burst, 0);
  return WARD_BADGE_WEDGE_UID;
}

/**
 * ward_badge_wedge_feed:
 * @ch: the character the key produced, WARD_BADGE_WEDGE_RETURN, or 0
 * @time_us: when the key was pressed, monotonic microseconds
 * @uid_out: (out) (optional): the UID when the result is WARD_BADGE_WEDGE_UID,
 *   else NULL
 *
 * See the contract in the header.
 */
WardBadgeWedgeResult
ward_badge_wedge_feed (WardBadgeWedge  *self,
                       gunichar         ch,
                       gint64           time_us,
                       char           **uid_out)
{
  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), WARD_BADGE_WEDGE_IGNORED);

  if (uid_out != NULL)
    *uid_out = NULL;
  if (ch == 0)
    return WARD_BADGE_WEDGE_IGNORED;

  if (in_run (self) && !follows_quickly (self, time_us))
    {
      /* The length and the gap only: never the characters of a badge. */
      g_debug ("Key run of %u characters ended by a gap of %" G_GINT64_FORMAT " ms", (guint) self->burst->len,
               (time_us - self->last_us) / G_TIME_SPAN_MILLISECOND);
      if (self->burst->len > 0)
        self->runs_broken++;
      discard_burst (self);
      self->rejecting = FALSE;
    }

  if (is_return (ch))
    return feed_return (self, uid_out);
  if (self->rejecting)
    {
      self->last_us = time_us;
      return WARD_BADGE_WEDGE_IGNORED;
    }
  if (!is_hex (ch) || self->burst->len >= WARD_BADGE_WEDGE_MAX_LENGTH)
    return reject_burst (self, time_us);

  g_string_append_c (self->burst, (char) ch);
  self->last_us = time_us;
  return WARD_BADGE_WEDGE_CONSUMED;
}

/**
 * ward_badge_wedge_flush:
 * @now_us: the current monotonic time in microseconds
 *
 * Ends a run that has gone quiet for longer than the maximum gap.
 *
 * Returns: %TRUE when held-back characters moved to the discarded buffer
 */
gboolean
ward_badge_wedge_flush (WardBadgeWedge *self,
                        gint64          now_us)
{
  gboolean moved;

  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), FALSE);

  if (!in_run (self) || follows_quickly (self, now_us))
    return FALSE;

  moved = self->burst->len > 0;
  if (moved)
    self->runs_broken++;
  discard_burst (self);
  self->rejecting = FALSE;
  return moved;
}

/**
 * ward_badge_wedge_get_expiry_us:
 *
 * Returns: the monotonic time from which ward_badge_wedge_flush() gives
 *   held-back characters to the field, or 0 when none are held back
 */
gint64
ward_badge_wedge_get_expiry_us (WardBadgeWedge *self)
{
  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), 0);

  if (self->burst->len == 0)
    return 0;
  return self->last_us + (gint64) self->max_gap_ms * G_TIME_SPAN_MILLISECOND + 1;
}

/**
 * ward_badge_wedge_take_discarded:
 *
 * Returns: (transfer full) (nullable): the characters, in typing order, that
 *   were held back and turned out to be typing; %NULL when there are none
 */
char *
ward_badge_wedge_take_discarded (WardBadgeWedge *self)
{
  char *text;

  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), NULL);

  if (self->discarded->len == 0)
    return NULL;
  text = g_strndup (self->discarded->str, self->discarded->len);
  g_string_truncate (self->discarded, 0);
  return text;
}

/* Forgets everything, held-back and discarded characters included: for a
 * caller whose focus or page changed, where replaying would land elsewhere. */
void
ward_badge_wedge_reset (WardBadgeWedge *self)
{
  g_return_if_fail (WARD_IS_BADGE_WEDGE (self));

  g_string_truncate (self->burst, 0);
  g_string_truncate (self->discarded, 0);
  self->rejecting = FALSE;
  self->last_us = 0;
}

/* How many runs of held-back keys a pause longer than the maximum gap has
 * ended so far: a reader that stalls mid-burst shows here (and in the
 * debug log with the gap), never as a badge. */
guint
ward_badge_wedge_get_runs_broken (WardBadgeWedge *self)
{
  g_return_val_if_fail (WARD_IS_BADGE_WEDGE (self), 0);
  return self->runs_broken;
}
