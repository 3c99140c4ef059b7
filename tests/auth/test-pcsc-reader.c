/* test-pcsc-reader.c: the PC/SC badge source against a real pcscd with the vpcd virtual reader */
#include "auth/ward-pcsc-reader.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>

#define KNOWN_UID "04A1B2C3D4E5F6"
#define NO_SERVICE "The badge reader service is not running"
#define NO_READER "No badge reader is connected"
#define WAIT_MS 15000

/* ---- recording signals ---- */

typedef struct
{
  GThread        *owner;    /* the thread whose main context gets the signals */
  WardPcscReader *reader;
  GPtrArray      *events;   /* "present:UID@reader", "removed:reader", "readers", "error:msg" */
  guint           cursor;   /* events before it were already expected */
} Recorder;

static void
record (Recorder *rec, char *event)
{
  /* Never from the worker thread, even while this thread is not iterating. */
  g_assert_true (g_thread_self () == rec->owner);
  g_ptr_array_add (rec->events, event);
}

static void
on_present (Recorder *rec, const char *uid, const char *name)
{
  record (rec, g_strdup_printf ("present:%s@%s", uid, name));
}

static void
on_removed (Recorder *rec, const char *name)
{
  record (rec, g_strdup_printf ("removed:%s", name));
}

static void
on_readers (Recorder *rec)
{
  record (rec, g_strdup ("readers"));
}

static void
on_error (Recorder *rec, const char *message)
{
  record (rec, g_strdup_printf ("error:%s", message));
}

static void
recorder_init (Recorder *rec)
{
  rec->owner = g_thread_self ();
  rec->reader = ward_pcsc_reader_new ();
  rec->events = g_ptr_array_new_with_free_func (g_free);
  rec->cursor = 0;
  /* Swapped: the handlers take the recorder first and ignore the emitter. */
  g_signal_connect_swapped (rec->reader, "card-present", G_CALLBACK (on_present), rec);
  g_signal_connect_swapped (rec->reader, "card-removed", G_CALLBACK (on_removed), rec);
  g_signal_connect_swapped (rec->reader, "readers-changed", G_CALLBACK (on_readers), rec);
  g_signal_connect_swapped (rec->reader, "error", G_CALLBACK (on_error), rec);
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_object (&rec->reader);
  g_clear_pointer (&rec->events, g_ptr_array_unref);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static const char *
find_from_cursor (Recorder *rec, const char *prefix)
{
  for (guint i = rec->cursor; i < rec->events->len; i++)
    {
      const char *event = g_ptr_array_index (rec->events, i);

      if (g_str_has_prefix (event, prefix))
        {
          rec->cursor = i + 1;
          return event;
        }
    }
  return NULL;
}

/* Spins the main context until an event starting with @prefix arrives after
 * the cursor; the cursor moves past it. */
static const char *
expect_event (Recorder *rec, const char *prefix, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  const char *event;

  while ((event = find_from_cursor (rec, prefix)) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);

  if (event == NULL)
    {
      g_autoptr(GString) seen = g_string_new (NULL);

      for (guint i = 0; i < rec->events->len; i++)
        g_string_append_printf (seen, "%s[%s]", i == rec->cursor ? " >> " : " ",
                                (const char *) g_ptr_array_index (rec->events, i));
      g_printerr ("events so far:%s\n", seen->str);
      g_error ("no \"%s\" event within %u ms", prefix, timeout_ms);
    }
  return event;
}

/* Spins for @ms and returns how many new events start with @prefix. */
static guint
count_new_events (Recorder *rec, const char *prefix, guint ms)
{
  gboolean timed_out = FALSE;
  guint count = 0;

  g_timeout_add (ms, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = rec->cursor; i < rec->events->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (rec->events, i), prefix))
      count++;
  return count;
}

static void
stop_promptly (Recorder *rec)
{
  gint64 before = g_get_monotonic_time ();
  gint64 took;

  ward_pcsc_reader_stop (rec->reader);
  took = g_get_monotonic_time () - before;
  g_test_message ("stop() took %" G_GINT64_FORMAT " us", took);
  g_assert_cmpint (took, <, 1000 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (ward_pcsc_reader_is_running (rec->reader));
}

/* ---- the harness: a private pcscd, a control socket, virtual cards ---- */

static gboolean
have_harness (void)
{
  if (g_getenv ("WARD_PCSC_TEST_CONTROL") != NULL && g_getenv ("PCSCLITE_CSOCK_NAME") != NULL)
    return TRUE;
  g_test_fail_printf ("this test needs a private pcscd with the virtual reader: "
                      "run it as tests/auth/pcsc-harness.py %s", g_get_prgname ());
  return FALSE;
}

static void
harness_command (const char *command)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (g_getenv ("WARD_PCSC_TEST_CONTROL"));
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *answer = NULL;

  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  answer = g_data_input_stream_read_line (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "ok");
}

static const char *
test_reader_name (void)
{
  return g_getenv ("WARD_PCSC_TEST_READER");
}

/* Puts a virtual badge on the reader's first slot; extra options change how it answers. */
static GSubprocess *
card_on (const char *first_option, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *card;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("WARD_PCSC_TEST_PYTHON"));
  g_ptr_array_add (argv, (char *) g_getenv ("WARD_PCSC_TEST_CARD"));
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) g_getenv ("WARD_PCSC_TEST_VPCD_PORT"));
  va_start (args, first_option);
  for (const char *option = first_option; option != NULL; option = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) option);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  card = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return card;
}

static void
card_off (GSubprocess **card)
{
  if (*card == NULL)
    return;
  g_subprocess_send_signal (*card, SIGTERM);
  g_subprocess_wait (*card, NULL, NULL);
  g_clear_object (card);
}

static void
expect_reader_listed (Recorder *rec)
{
  g_auto(GStrv) names = NULL;

  expect_event (rec, "readers", WAIT_MS);
  names = ward_pcsc_reader_get_reader_names (rec->reader);
  g_assert_true (g_strv_contains ((const char * const *) names, test_reader_name ()));
}

static void
start_reader (Recorder *rec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ward_pcsc_reader_start (rec->reader, &error));
  g_assert_no_error (error);
  g_assert_true (ward_pcsc_reader_is_running (rec->reader));
}

/* ---- tests ---- */

static void
test_no_service (void)
{
  g_auto(GStrv) names = NULL;
  Recorder rec;

  if (!g_test_subprocess ())
    {
      /* A child of its own: libpcsclite reads PCSCLITE_CSOCK_NAME only once. */
      g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("PCSCLITE_CSOCK_NAME", "/nonexistent/wardgate-test/pcscd.comm", TRUE);
  recorder_init (&rec);
  start_reader (&rec);
  g_assert_cmpstr (expect_event (&rec, "error:", 5000), ==, "error:" NO_SERVICE);
  /* Retried several times meanwhile, but said once. */
  g_assert_cmpuint (count_new_events (&rec, "", 1500), ==, 0);
  names = ward_pcsc_reader_get_reader_names (rec.reader);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  /* Stopping during the back-off pause. */
  stop_promptly (&rec);
  recorder_clear (&rec);
}

static void
test_stop_while_waiting (void)
{
  Recorder rec;

  if (!have_harness ())
    return;

  recorder_init (&rec);
  start_reader (&rec);
  expect_reader_listed (&rec);
  /* Now blocked in SCardGetStatusChange with no timeout. */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  stop_promptly (&rec);
  g_assert_cmpuint (count_new_events (&rec, "", 300), ==, 0);

  /* And it starts again after a stop. */
  start_reader (&rec);
  expect_reader_listed (&rec);
  recorder_clear (&rec);   /* stop from dispose */
}

static void
test_card_present_removed (void)
{
  g_autoptr(GSubprocess) card = NULL;
  g_autofree char *present = NULL;
  g_autofree char *removed = NULL;
  Recorder rec;

  if (!have_harness ())
    return;

  present = g_strdup_printf ("present:%s@%s", KNOWN_UID, test_reader_name ());
  removed = g_strdup_printf ("removed:%s", test_reader_name ());

  recorder_init (&rec);
  start_reader (&rec);
  /* Busy elsewhere while the first events come: they must wait for this
   * thread rather than run in the worker. */
  g_usleep (500 * G_TIME_SPAN_MILLISECOND);
  expect_reader_listed (&rec);

  card = card_on ("--uid", "04a1b2c3d4e5f6", NULL);
  g_usleep (1500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (expect_event (&rec, "present:", WAIT_MS), ==, present);
  card_off (&card);
  g_assert_cmpstr (expect_event (&rec, "removed:", WAIT_MS), ==, removed);

  /* Tapped again: read again. */
  card = card_on ("--uid", KNOWN_UID, NULL);
  g_assert_cmpstr (expect_event (&rec, "present:", WAIT_MS), ==, present);
  card_off (&card);
  g_assert_cmpstr (expect_event (&rec, "removed:", WAIT_MS), ==, removed);

  g_assert_cmpuint (count_new_events (&rec, "error:", 200), ==, 0);
  stop_promptly (&rec);
  recorder_clear (&rec);
}

static void
test_card_refuses (void)
{
  g_autoptr(GSubprocess) card = NULL;
  Recorder rec;

  if (!have_harness ())
    return;

  recorder_init (&rec);
  start_reader (&rec);
  expect_reader_listed (&rec);

  /* Get Data answered with "function not supported" instead of 90 00. */
  card = card_on ("--sw", "6A81", NULL);
  g_assert_cmpstr (expect_event (&rec, "error:", WAIT_MS), ==,
                   "error:This badge could not be read. Please try again, or ask for help if it keeps happening.");
  card_off (&card);
  /* No card-present was sent, so no card-removed either. */
  g_assert_cmpuint (count_new_events (&rec, "", 1500), ==, 0);

  /* Taken away in the middle of the read. */
  card = card_on ("--vanish", NULL);
  g_test_message ("card taken away mid-read: %s", expect_event (&rec, "error:", WAIT_MS));
  card_off (&card);
  g_assert_cmpuint (count_new_events (&rec, "present:", 1500), ==, 0);
  g_assert_cmpuint (count_new_events (&rec, "removed:", 0), ==, 0);

  /* A good badge afterwards still reads. */
  card = card_on ("--uid", KNOWN_UID, NULL);
  g_assert_true (g_str_has_prefix (expect_event (&rec, "present:", WAIT_MS), "present:" KNOWN_UID "@"));
  card_off (&card);
  expect_event (&rec, "removed:", WAIT_MS);

  stop_promptly (&rec);
  recorder_clear (&rec);
}

static void
test_service_restart (void)
{
  g_autoptr(GSubprocess) card = NULL;
  g_auto(GStrv) names = NULL;
  Recorder rec;

  if (!have_harness ())
    return;

  recorder_init (&rec);
  start_reader (&rec);
  expect_reader_listed (&rec);
  card = card_on ("--uid", KNOWN_UID, NULL);
  expect_event (&rec, "present:", WAIT_MS);

  /* pcscd goes away with a badge on the reader: the pair is closed, the
   * reader list emptied, and the outage said once. */
  harness_command ("stop");
  expect_event (&rec, "removed:", WAIT_MS);
  expect_event (&rec, "readers", WAIT_MS);
  names = ward_pcsc_reader_get_reader_names (rec.reader);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  /* While pcscd shuts down it may first list no reader: allow that error. */
  expect_event (&rec, "error:" NO_SERVICE, WAIT_MS);
  g_assert_cmpuint (count_new_events (&rec, "error:", 1000), ==, 0);
  card_off (&card);

  /* Back, but without a reader. */
  harness_command ("start readers=0");
  g_assert_cmpstr (expect_event (&rec, "error:", WAIT_MS), ==, "error:" NO_READER);

  /* Back with the reader: found without a restart of ours. */
  harness_command ("stop");
  expect_event (&rec, "error:" NO_SERVICE, WAIT_MS);
  harness_command ("start readers=1");
  expect_reader_listed (&rec);
  card = card_on ("--uid", KNOWN_UID, NULL);
  g_assert_true (g_str_has_prefix (expect_event (&rec, "present:", WAIT_MS), "present:" KNOWN_UID "@"));
  card_off (&card);
  expect_event (&rec, "removed:", WAIT_MS);

  stop_promptly (&rec);
  recorder_clear (&rec);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pcsc-reader/no-service", test_no_service);
  g_test_add_func ("/pcsc-reader/stop-while-waiting", test_stop_while_waiting);
  g_test_add_func ("/pcsc-reader/card-present-removed", test_card_present_removed);
  g_test_add_func ("/pcsc-reader/card-refuses", test_card_refuses);
  g_test_add_func ("/pcsc-reader/service-restart", test_service_restart);

  return g_test_run ();
}
