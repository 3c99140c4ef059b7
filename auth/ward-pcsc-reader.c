/* ward-pcsc-reader.c: badge UIDs from PC/SC readers, watched in a worker thread */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <winscard.h>

#include "auth/ward-pcsc-card.h"
#include "auth/ward-pcsc-reader.h"

/* pcsc-lite's pseudo-reader whose state changes when readers come or go. */
#define PNP_READER "\\\\?PnP?\\Notification"

/* Delays between attempts to reach pcscd: short at first, since systemd
 * restarts it quickly, then no more often than this. */
#define BACKOFF_MIN_MS 250
#define BACKOFF_MAX_MS 5000

/* How often stop() repeats SCardCancel: the worker may be between two
 * PC/SC calls when the first one is sent, and then it cancels nothing. */
#define CANCEL_RETRY_MS 50


struct _WardPcscReader
{
  GObject        parent_instance;
  GMainContext  *context;        /* where signals are emitted */
  GStrv          reader_names;   /* owned by the main thread */
  guint          generation;     /* bumped by start and stop: older events are dropped */
  GThread       *thread;

  GMutex         lock;           /* guards the fields below */
  GCond          cond;
  gboolean       stopping;
  gboolean       thread_done;
  gboolean       have_pcsc;
  SCARDCONTEXT   pcsc;           /* the worker's context, for SCardCancel */
};

enum
{
  SIGNAL_CARD_PRESENT,
  SIGNAL_CARD_REMOVED,
  SIGNAL_READERS_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WardPcscReader, ward_pcsc_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (ward-pcsc-reader-error-quark, ward_pcsc_reader_error)

/* ---- events: from the worker to the creating main context ---- */

typedef enum
{
  EVENT_READERS,
  EVENT_PRESENT,
  EVENT_REMOVED,
  EVENT_ERROR,
} EventKind;

typedef struct
{
  WardPcscReader *self;      /* owned */
  guint           generation;
  EventKind       kind;
  char           *text;      /* uid for PRESENT, reader for REMOVED, message for ERROR */
  char           *reader;    /* reader for PRESENT */
  GStrv           names;     /* READERS */
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_object_unref (event->self);
  g_free (event->text);
  g_free (event->reader);
  g_strfreev (event->names);
  g_free (event);
}

static gboolean
event_dispatch (gpointer data)
{
  Event *event = data;
  WardPcscReader *self = event->self;

  /* Stopped (or restarted) since the worker sent it. */
  if (event->generation != self->generation)
    return G_SOURCE_REMOVE;

  switch (event->kind)
    {
    case EVENT_READERS:
      g_strfreev (self->reader_names);
      self->reader_names = g_steal_pointer (&event->names);
      g_signal_emit (self, signals[SIGNAL_READERS_CHANGED], 0);
      break;
    case EVENT_PRESENT:
      g_signal_emit (self, signals[SIGNAL_CARD_PRESENT], 0, event->text, event->reader);
      break;
    case EVENT_REMOVED:
      g_signal_emit (self, signals[SIGNAL_CARD_REMOVED], 0, event->text);
      break;
    case EVENT_ERROR:
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, event->text);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* ---- the worker ---- */

typedef struct
{
  char     *name;
  DWORD     state;      /* the last event state, as the next current state */
  gboolean  reported;   /* card-present was sent for the card on it */
} Slot;

typedef struct
{
  WardPcscReader *self;          /* not owned: stop() joins before it can go */
  guint           generation;
  SCARDCONTEXT    pcsc;
  GPtrArray      *slots;         /* of Slot */
  DWORD           pnp_state;
  gboolean        told_no_service;
  gboolean        told_no_reader;
} Worker;

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_free (slot->name);
  g_free (slot);
}

static Worker *
worker_new (WardPcscReader *self)
{
  Worker *w = g_new0 (Worker, 1);

  w->self = self;
  w->generation = self->generation;
  w->slots = g_ptr_array_new_with_free_func (slot_free);
  return w;
}

static void
worker_free (Worker *w)
{
  g_ptr_array_unref (w->slots);
  g_free (w);
}

static void
post (Worker     *w,
      EventKind   kind,
      const char *text,
      const char *reader,
      GStrv       names)
{
  Event *event = g_new0 (Event, 1);
  GSource *source;

  event->self = g_object_ref (w->self);
  event->generation = w->generation;
  event->kind = kind;
  event->text = g_strdup (text);
  event->reader = g_strdup (reader);
  event->names = names;

  /* An idle source, not g_main_context_invoke(): that one runs the function
   * at once in the calling thread whenever it can acquire the context, and
   * the default context is free whenever the main thread is not iterating. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, event_dispatch, event, event_free);
  g_source_set_static_name (source, "[wardgate] PC/SC event");
  g_source_attach (source, w->self->context);
  g_source_unref (source);
}

static gboolean
is_stopping (Worker *w)
{
  gboolean stopping;

  g_mutex_lock (&w->self->lock);
  stopping = w->self->stopping;
  g_mutex_unlock (&w->self->lock);
  return stopping;
}

/* Waits @ms unless stop() comes first. */
static void
pause_unless_stopped (Worker *w,
                      guint   ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&w->self->lock);
  while (!w->self->stopping && g_cond_wait_until (&w->self->cond, &w->self->lock, deadline))
    ;
  g_mutex_unlock (&w->self->lock);
}

static gboolean
service_gone (LONG rv)
{
  return ward_pcsc_card_service_gone (rv);
}

static void
report_once (Worker     *w,
             gboolean   *told,
             const char *message)
{
  if (*told)
    return;
  *told = TRUE;
  post (w, EVENT_ERROR, message, NULL, NULL);
}

static void
mark_removed (Worker *w,
              Slot   *slot)
{
  if (!slot->reported)
    return;
  slot->reported = FALSE;
  post (w, EVENT_REMOVED, slot->name, NULL, NULL);
}

static GStrv
slot_names (Worker *w)
{
  GStrv names = g_new0 (char *, w->slots->len + 1);

  for (guint i = 0; i < w->slots->len; i++)
    names[i] = g_strdup (((Slot *) g_ptr_array_index (w->slots, i))->name);
  return names;
}

/* The readers are gone with pcscd: close the pairs that were open. */
static void
forget_readers (Worker *w)
{
  if (w->slots->len == 0)
    return;
  for (guint i = 0; i < w->slots->len; i++)
    mark_removed (w, g_ptr_array_index (w->slots, i));
  g_ptr_array_set_size (w->slots, 0);
  post (w, EVENT_READERS, NULL, NULL, slot_names (w));
}

static LONG
list_readers (SCARDCONTEXT   pcsc,
              GStrv         *names_out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  LPSTR multi = NULL;
  DWORD len = SCARD_AUTOALLOCATE;
  LONG rv;

  rv = SCardListReaders (pcsc, NULL, (LPSTR) &multi, &len);
  if (rv == SCARD_S_SUCCESS)
    {
      /* A multi-string: names end with NUL, the list with an empty name. */
      for (const char *p = multi; *p != '\0'; p += strlen (p) + 1)
        g_strv_builder_add (builder, p);
      SCardFreeMemory (pcsc, multi);
    }
  else if (rv != SCARD_E_NO_READERS_AVAILABLE)
    return rv;

  *names_out = g_strv_builder_end (builder);
  return SCARD_S_SUCCESS;
}

static Slot *
take_slot (GPtrArray  *slots,
           const char *name)
{
  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (slots, i);

      if (g_str_equal (slot->name, name))
        return g_ptr_array_steal_index (slots, i);
    }
  return NULL;
}

/* Rebuilds the slots in the order pcscd lists them, keeping the known
 * state of readers that stay, so that a card on them is not read again. */
static void
update_slots (Worker *w,
              GStrv   names)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&w->slots);

  w->slots = g_ptr_array_new_with_free_func (slot_free);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Slot *slot = take_slot (old, names[i]);

      if (slot == NULL)
        {
          slot = g_new0 (Slot, 1);
          slot->name = g_strdup (names[i]);
          slot->state = SCARD_STATE_UNAWARE;
        }
      g_ptr_array_add (w->slots, slot);
    }
  for (guint i = 0; i < old->len; i++)
    mark_removed (w, g_ptr_array_index (old, i));
}

static LONG
refresh_readers (Worker *w)
{
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) known = slot_names (w);
  LONG rv;

  rv = list_readers (w->pcsc, &names);
  if (rv != SCARD_S_SUCCESS)
    return rv;

  if (!g_strv_equal ((const char * const *) names, (const char * const *) known))
    {
      g_debug ("PC/SC: %u reader(s) now", g_strv_length (names));
      update_slots (w, names);
      post (w, EVENT_READERS, NULL, NULL, g_steal_pointer (&names));
    }

  if (w->slots->len == 0)
    report_once (w, &w->told_no_reader, _("No badge reader is connected"));
  else
    w->told_no_reader = FALSE;
  return SCARD_S_SUCCESS;
}

/* Reads the UID of the card in @slot, through the card module. */
static WardPcscRead
read_uid (Worker  *w,
          Slot    *slot,
          char   **uid_out)
{
  return ward_pcsc_card_read_uid (w->pcsc, slot->name, uid_out);
}

static WardPcscRead
read_card (Worker *w,
           Slot   *slot)
{
  g_autofree char *uid = NULL;
  WardPcscRead result = read_uid (w, slot, &uid);

  switch (result)
    {
    case WARD_PCSC_READ_OK:
      slot->reported = TRUE;
      post (w, EVENT_PRESENT, uid, slot->name, NULL);
      break;
    case WARD_PCSC_READ_REMOVED:
      post (w, EVENT_ERROR,
            _("The badge was taken away too soon. Please hold it on the reader a moment longer."),
            NULL, NULL);
      break;
    case WARD_PCSC_READ_UNREADABLE:
      post (w, EVENT_ERROR,
            _("This badge could not be read. Please try again, or ask for help if it keeps happening."),
            NULL, NULL);
      break;
    case WARD_PCSC_READ_SERVICE_GONE:
    default:
      break;
    }
  return result;
}

/* pcsc-lite counts card events in the upper 16 bits of the event state:
 * a change there with the card still present is another card (or the same
 * one tapped again) that came and went between two calls. */
static gboolean
is_new_card (DWORD before,
             DWORD after)
{
  if (!(after & SCARD_STATE_PRESENT))
    return FALSE;
  return !(before & SCARD_STATE_PRESENT) || (before >> 16) != (after >> 16);
}

static LONG
handle_slot_change (Worker *w,
                    Slot   *slot,
                    DWORD   event_state)
{
  gboolean new_card = is_new_card (slot->state, event_state);

  slot->state = event_state & ~SCARD_STATE_CHANGED;
  if (new_card || !(event_state & SCARD_STATE_PRESENT))
    mark_removed (w, slot);
  if (new_card && read_card (w, slot) == WARD_PCSC_READ_SERVICE_GONE)
    return SCARD_E_NO_SERVICE;
  return SCARD_S_SUCCESS;
}

/* Blocks until a reader or card changes; stop() wakes it with SCardCancel. */
static LONG
wait_for_change (Worker *w)
{
  guint n = w->slots->len + 1;
  g_autofree SCARD_READERSTATE *states = g_new0 (SCARD_READERSTATE, n);
  LONG rv;

  states[0].szReader = PNP_READER;
  states[0].dwCurrentState = w->pnp_state;
  for (guint i = 1; i < n; i++)
    {
      Slot *slot = g_ptr_array_index (w->slots, i - 1);

      states[i].szReader = slot->name;
      states[i].dwCurrentState = slot->state;
    }

  rv = SCardGetStatusChange (w->pcsc, INFINITE, states, n);
  if (rv != SCARD_S_SUCCESS)
    return rv;

  w->pnp_state = states[0].dwEventState & ~SCARD_STATE_CHANGED;
  for (guint i = 1; i < n && rv == SCARD_S_SUCCESS; i++)
    if (states[i].dwEventState & SCARD_STATE_CHANGED)
      rv = handle_slot_change (w, g_ptr_array_index (w->slots, i - 1), states[i].dwEventState);
  return rv;
}

/* Runs while pcscd answers; returns why it stopped. */
static LONG
watch (Worker *w)
{
  for (;;)
    {
      LONG rv = refresh_readers (w);

      if (rv == SCARD_S_SUCCESS)
        rv = wait_for_change (w);
      if (is_stopping (w))
        return SCARD_E_CANCELLED;
      /* A reader that left between listing and waiting: list again. */
      if (rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_TIMEOUT || rv == SCARD_E_CANCELLED)
        continue;
      if (rv != SCARD_S_SUCCESS)
        return rv;
    }
}

static LONG
establish (Worker *w)
{
  LONG rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &w->pcsc);

  if (rv != SCARD_S_SUCCESS)
    return rv;

  g_mutex_lock (&w->self->lock);
  if (w->self->stopping)
    rv = SCARD_E_CANCELLED;
  else
    {
      w->self->pcsc = w->pcsc;
      w->self->have_pcsc = TRUE;
    }
  g_mutex_unlock (&w->self->lock);

  if (rv != SCARD_S_SUCCESS)
    SCardReleaseContext (w->pcsc);
  return rv;
}

static void
release (Worker *w)
{
  /* Hidden from stop() first, so that it never cancels a freed context. */
  g_mutex_lock (&w->self->lock);
  w->self->have_pcsc = FALSE;
  g_mutex_unlock (&w->self->lock);
  SCardReleaseContext (w->pcsc);
  w->pcsc = 0;
}

static void
after_failure (Worker *w,
               LONG    rv,
               guint  *backoff_ms)
{
  if (service_gone (rv))
    {
      g_debug ("PC/SC: no service (%s)", pcsc_stringify_error (rv));
      forget_readers (w);
      report_once (w, &w->told_no_service, _("The badge reader service is not running"));
      /* That message replaces any earlier one: once the service is back,
       * a missing reader is news again. */
      w->told_no_reader = FALSE;
    }
  else
    g_warning ("PC/SC: %s; trying again", pcsc_stringify_error (rv));

  pause_unless_stopped (w, *backoff_ms);
  *backoff_ms = MIN (*backoff_ms * 2, BACKOFF_MAX_MS);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  WardPcscReader *self = w->self;
  guint backoff_ms = BACKOFF_MIN_MS;

  while (!is_stopping (w))
    {
      LONG rv = establish (w);

      if (rv == SCARD_S_SUCCESS)
        {
          w->told_no_service = FALSE;
          backoff_ms = BACKOFF_MIN_MS;
          rv = watch (w);
          release (w);
        }
      if (is_stopping (w))
        break;
      after_failure (w, rv, &backoff_ms);
    }

  worker_free (w);
  g_mutex_lock (&self->lock);
  self->thread_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* ---- the object ---- */

static void
ward_pcsc_reader_dispose (GObject *object)
{
  ward_pcsc_reader_stop (WARD_PCSC_READER (object));
  G_OBJECT_CLASS (ward_pcsc_reader_parent_class)->dispose (object);
}

static void
ward_pcsc_reader_finalize (GObject *object)
{
  WardPcscReader *self = WARD_PCSC_READER (object);

  g_strfreev (self->reader_names);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (ward_pcsc_reader_parent_class)->finalize (object);
}

static void
ward_pcsc_reader_class_init (WardPcscReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ward_pcsc_reader_dispose;
  object_class->finalize = ward_pcsc_reader_finalize;

  signals[SIGNAL_CARD_PRESENT] =
    g_signal_new ("card-present", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_CARD_REMOVED] =
    g_signal_new ("card-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_READERS_CHANGED] =
    g_signal_new ("readers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ward_pcsc_reader_init (WardPcscReader *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->reader_names = g_new0 (char *, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

WardPcscReader *
ward_pcsc_reader_new (void)
{
  return g_object_new (WARD_TYPE_PCSC_READER, NULL);
}

/**
 * ward_pcsc_reader_start:
 *
 * Starts watching the readers. pcscd need not be running: that is reported
 * with the "error" signal and retried. Starting a running reader does nothing.
 *
 * Returns: %FALSE with @error set when the watcher thread could not start
 */
gboolean
ward_pcsc_reader_start (WardPcscReader  *self,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  Worker *w;

  g_return_val_if_fail (WARD_IS_PCSC_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->thread != NULL)
    return TRUE;

  self->stopping = FALSE;
  self->thread_done = FALSE;
  self->generation++;
  w = worker_new (self);
  self->thread = g_thread_try_new ("ward-pcsc", worker_main, w, &local_error);
  if (self->thread == NULL)
    {
      worker_free (w);
      g_set_error (error, WARD_PCSC_READER_ERROR, WARD_PCSC_READER_ERROR_FAILED,
                   _("The badge reader cannot be watched: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ward_pcsc_reader_stop:
 *
 * Stops watching and waits for the worker thread. Events not yet delivered
 * are dropped. Safe to call when not running, and from dispose.
 */
void
ward_pcsc_reader_stop (WardPcscReader *self)
{
  g_return_if_fail (WARD_IS_PCSC_READER (self));

  if (self->thread == NULL)
    return;

  self->generation++;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  while (!self->thread_done)
    {
      gint64 retry = g_get_monotonic_time () + CANCEL_RETRY_MS * G_TIME_SPAN_MILLISECOND;

      if (self->have_pcsc)
        SCardCancel (self->pcsc);
      g_cond_wait_until (&self->cond, &self->lock, retry);
    }
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->thread));
  g_strfreev (self->reader_names);
  self->reader_names = g_new0 (char *, 1);
}

gboolean
ward_pcsc_reader_is_running (WardPcscReader *self)
{
  g_return_val_if_fail (WARD_IS_PCSC_READER (self), FALSE);
  return self->thread != NULL;
}

/**
 * ward_pcsc_reader_get_reader_names:
 *
 * Returns: (transfer full): the readers known at the last "readers-changed"
 *   signal; empty, never %NULL
 */
char **
ward_pcsc_reader_get_reader_names (WardPcscReader *self)
{
  g_return_val_if_fail (WARD_IS_PCSC_READER (self), NULL);
  return g_strdupv (self->reader_names);
}
