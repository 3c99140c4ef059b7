/* ward-fuzz-fixture.h: a ward driven at random: people, sessions, wardgate-devsim on D-Bus, and what is known of them */
#pragma once

#include "app/devices/ward-device-change.h"
#include "tests/app/devices/ward-fuzz-oracle.h"
#include "tests/common/ward-test-site.h"

G_BEGIN_DECLS

#define FUZZ_N_PEOPLE  6
#define FUZZ_N_DEVICES 3

typedef struct
{
  const char  *username;
  const char  *role;       /* as granted at the start */
  const char  *badge;
  gint64       user_id;
  WardSession *session;    /* NULL: none yet */
  gboolean     disabled;   /* as the harness left the account */
  gboolean     demoted;    /* the role revoked for now */
} FuzzPerson;

typedef struct
{
  const char *id;
  const char *class_id;
  GVariant   *screen;      /* settings as a screen read them a while ago */
  char       *newest;      /* change id of the newest record, or NULL */
} FuzzDevice;

/* What the harness knows of the last recorded change to one setting. */
typedef struct
{
  gint64   requested_at;
  double   new_value;
  gboolean unanswered;
} FuzzHold;

typedef struct
{
  WardTestSite            *site;
  WardCatalogue           *catalogue;
  Oracle                  *oracle;
  WardDeviceLink          *link;
  GDBusConnection         *bus;
  GSubprocess             *devsim;
  char                    *state_dir;
  char                    *state_file;
  WardDeviceChangeContext  context;
  GRand                   *rand;
  FuzzPerson               people[FUZZ_N_PEOPLE];
  FuzzDevice               devices[FUZZ_N_DEVICES];
  GHashTable              *holds;          /* "device/parameter" → FuzzHold */
  guint                    bedside_serial;

  /* A change the devices may still apply after its sender gave up. */
  gboolean                 in_flight;
  const char              *in_flight_device;
  const char              *in_flight_param;
  double                   in_flight_value;
  gint64                   in_flight_until_us;   /* real time */
  gint64                   in_flight_sent_at;    /* the store's clock, seconds */

  /* A change prepared and not sent yet (a Request), and the setting that
   * just went unanswered, tried again for a while. */
  gpointer                 kept;
  FuzzDevice              *focus_device;
  const char              *focus_param;
  guint                    focus_left;

  /* Tallies */
  guint                    n_requests;
  guint                    n_outcomes[3];
  guint                    n_refused_before_sending;
  guint                    n_recorded;
  guint                    n_soft;
  guint                    n_witnessed;
  guint                    n_late;
  guint                    n_raced;
  guint                    n_step_ups;
  guint                    n_idle_step_ups;
  guint                    n_violations;
  guint                    n_unchecked;
  guint                    n_invalid[WARD_DEVICE_CHANGE_ERROR_FAILED + 1];
  guint                    n_refusals[WARD_DEVICE_CHANGE_ERROR_FAILED + 1];
  gint64                   us_keys;
  gint64                   us_sending;
  gint64                   us_checking;
  char                    *first_violation;
} Fuzz;

Fuzz       *fuzz_new             (guint32      seed);
void        fuzz_free            (Fuzz        *fuzz);
void        fuzz_request         (Fuzz        *fuzz);
void        fuzz_finish          (Fuzz        *fuzz);
void        fuzz_forget_kept     (Fuzz        *fuzz);
void        fuzz_report          (Fuzz        *fuzz,
                                  double       seconds);

/* Shared by the fixture's two halves. */
void        fuzz_violation       (Fuzz        *fuzz,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (2, 3);
GKeyFile   *fuzz_read_state      (Fuzz        *fuzz);
gboolean    fuzz_state_number    (GKeyFile    *state,
                                  const char  *device_id,
                                  const char  *parameter,
                                  double      *value);
char       *fuzz_state_drug      (GKeyFile    *state,
                                  const char  *device_id);
void        fuzz_control         (Fuzz        *fuzz,
                                  const char  *method,
                                  GVariant    *parameters);
/* Someone at the bedside sets the device directly (no record). */
void        fuzz_bedside_set     (Fuzz        *fuzz,
                                  const char  *device_id,
                                  const char  *parameter,
                                  GVariant    *value);
GVariant   *fuzz_read_settings   (Fuzz        *fuzz,
                                  const char  *device_id);
void        fuzz_wait_until      (gint64       deadline_us);
void        fuzz_drain           (Fuzz        *fuzz);
WardSession *fuzz_session_for    (Fuzz        *fuzz,
                                  FuzzPerson  *person);
gboolean    fuzz_session_active  (Fuzz        *fuzz,
                                  WardSession *session);
void        fuzz_session_touch   (Fuzz        *fuzz,
                                  WardSession *session);
void        fuzz_session_end     (WardSession *session,
                                  const char  *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fuzz, fuzz_free)

G_END_DECLS
