/* ward-fuzz-request-private.h: what a random request and its checks share */
#pragma once

#include "tests/app/devices/ward-fuzz-fixture.h"

G_BEGIN_DECLS

/* Longer than the slow device's delay plus a read back, shorter than the
 * two-minute hold by far. */
#define SLOW_DELAY_MS   150
#define SLOW_TIMEOUT_MS 100
#define LATE_MARGIN_US  (150 * 1000)
#define HOLD_S          120

/* What happens while the change is on its way, before or during the
 * device read just before sending. */
typedef enum
{
  MID_NONE,
  MID_IDLE,              /* nobody touches the kiosk for two minutes */
  MID_END,               /* tap-over: the session ends */
  MID_WITNESS_DISABLE,
  MID_WITNESS_DEMOTE,    /* the witness loses the role that let her check */
  MID_BEDSIDE_SAME,      /* someone turns this setting by hand */
  MID_BEDSIDE_PARTNER,   /* or the other alarm limit of its pair */
  MID_DRUG,              /* another drug is loaded */
  MID_OFFLINE,
  MID_REFUSE,
  MID_SLOW,              /* the device answers after the kiosk gave up */
  N_MID,
} Mid;

typedef struct
{
  Fuzz              *fuzz;
  FuzzPerson        *requester;
  WardSession       *session;
  FuzzPerson        *witness;
  FuzzDevice        *device;
  const char        *parameter;
  const OracleParam *param;
  WardDeviceChange  *change;
  Mid                mid;
  gboolean           have_old;
  double             expected_old;   /* on the device when the change was sent */
  gboolean           uncertain;      /* a late change may land on this device meanwhile */
  char              *drug_at_send;   /* the pump's drug when the device was read before sending */
  gboolean           validated;
  gboolean           raced;          /* turned by hand while the kiosk read it just before sending */
  GKeyFile          *at_send;        /* the device as that read saw it */
} Request;

typedef struct
{
  gboolean           done;
  gboolean           ok;
  WardChangeOutcome  outcome;
  GError            *error;
} Wait;

const OracleParam *fuzz_partner_of    (Fuzz              *fuzz,
                                       const char        *class_id,
                                       const OracleParam *param,
                                       gboolean          *param_is_low);
FuzzPerson        *fuzz_person_by_id  (Fuzz              *fuzz,
                                       gint64             user_id);
void               fuzz_check_request (Request           *r,
                                       Wait              *wait,
                                       GKeyFile          *before);

G_END_DECLS
