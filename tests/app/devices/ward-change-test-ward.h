/* ward-change-test-ward.h: a small ward of people and devices behind a fake link, for the change pipeline's tests */
#pragma once

#include "app/devices/ward-device-change.h"
#include "data/ward-audit.h"
#include "data/ward-device-changes.h"
#include "tests/app/devices/ward-fake-device-link.h"
#include "tests/common/ward-test-site.h"

G_BEGIN_DECLS

#define NURSE_BADGE    "04A1B2C3"
#define NURSE2_BADGE   "04A1B2C4"
#define CHARGE_BADGE   "04C1C2C3"
#define CHARGE2_BADGE  "04C1C2C4"
#define BIOMED_BADGE   "04B1B2B3"
#define ADMIN_BADGE    "04D1D2D3"

/* Six people (two nurses, two charge nurses, a biomed, an admin), each
 * with a badge and a soft key; pumps, a ventilator and a monitor. */
typedef struct
{
  WardTestSite            *site;
  WardCatalogue           *catalogue;
  WardFakeDeviceLink      *link;
  WardDeviceChangeContext  context;
} Ward;

typedef struct
{
  gboolean           done;
  gboolean           ok;
  WardChangeOutcome  outcome;
  GError            *error;
} Wait;

void                     ward_set_up         (Ward                    *ward,
                                              gconstpointer            data);
void                     ward_tear_down      (Ward                    *ward,
                                              gconstpointer            data);
WardTestPerson          *ward_person         (Ward                    *ward,
                                              const char              *username);
WardSession             *ward_start_session  (Ward                    *ward,
                                              const char              *username,
                                              WardSessionKind          kind,
                                              const WardSessionLimits *limits);
const char              *ward_class_of       (const char              *device_id);
WardDeviceChange        *ward_propose        (Ward                    *ward,
                                              WardSession             *session,
                                              const char              *device_id,
                                              const char              *parameter,
                                              double                   value);
/* Sends and waits for the answer. */
WardChangeOutcome        ward_send           (WardDeviceChange        *change,
                                              guint                    timeout_ms,
                                              GError                 **error);
void                     ward_sent_cb        (GObject                 *source,
                                              GAsyncResult            *result,
                                              gpointer                 user_data);
gboolean                 ward_wait_done      (gpointer                 data);
/* Touches the key of key_owner: the reader holds whichever key is inserted. */
gboolean                 ward_touch_key      (Ward                    *ward,
                                              WardDeviceChange        *change,
                                              gboolean                 witness,
                                              const char              *key_owner,
                                              GError                 **error);
guint                    ward_count_events   (Ward                    *ward,
                                              WardAuditEvent           event);
WardAuditRecord         *ward_newest_event   (Ward                    *ward,
                                              WardAuditEvent           event);
guint                    ward_count_changes  (Ward                    *ward,
                                              const char              *device_id);
WardSettingChangeRecord *ward_record_of      (Ward                    *ward,
                                              WardDeviceChange        *change);
void                     ward_assert_refused (WardDeviceChange        *change,
                                              int                      code,
                                              const char              *words);

G_END_DECLS
