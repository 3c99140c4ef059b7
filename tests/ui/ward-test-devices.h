/* ward-test-devices.h: the device screens in the kiosk over a test ward, against wardgate-devsim */
#pragma once

#include "data/ward-device-changes.h"
#include "tests/common/ward-test-devsim.h"
#include "tests/ui/ward-test-kiosk.h"
#include "ui/devices/ward-device-page.h"
#include "ui/devices/ward-devices-section.h"

G_BEGIN_DECLS

#define WARD_TEST_CHARGE_BADGE "04C0FFEE"
#define WARD_TEST_BIOMED_BADGE "04B10ED0"

typedef struct _WardTestDevices WardTestDevices;
typedef void (*WardTestDevicesCheck) (WardTestDevices *f);

/* A test that starts the simulator with @devsim_state (NULL: its own
 * devices) and runs its check in the kiosk. */
typedef struct
{
  const char           *path;
  const char           *devsim_state;
  WardTestDevicesCheck  check;
} WardTestDevicesCase;

struct _WardTestDevices
{
  /* First, so that the kiosk's check can be handed back as this. */
  WardTestKiosk        k;
  WardTestDevsim       devsim;
  WardTestDevicesCheck check;
};

void                ward_test_devices_set_up          (WardTestDevices      *f,
                                                       gconstpointer         data);
void                ward_test_devices_tear_down       (WardTestDevices      *f,
                                                       gconstpointer         data);
void                ward_test_devices_add_cases       (const WardTestDevicesCase *cases,
                                                       gsize                      n_cases);
void                ward_test_devices_add             (const char           *path,
                                                       void                (*test) (WardTestDevices *f,
                                                                                    gconstpointer    data));
void                ward_test_devices_run             (WardTestDevices      *f,
                                                       WardTestDevicesCheck  check);

void                ward_test_devices_tap_badge       (WardTestDevices      *f,
                                                       const char           *badge);
void                ward_test_devices_sign_in         (WardTestDevices      *f,
                                                       const char           *username,
                                                       const char           *badge);
void                ward_test_devices_sign_out        (WardTestDevices      *f);

WardDevicesSection *ward_test_devices_section         (WardTestDevices      *f);
WardDevicePage     *ward_test_devices_page            (WardTestDevices      *f);
gboolean            ward_test_devices_cards_shown     (gpointer              f);
void                ward_test_devices_wait_for_text   (WardTestDevices      *f,
                                                       const char           *text);
void                ward_test_devices_open            (WardTestDevices      *f,
                                                       const char           *device_id);
WardParameterRow   *ward_test_devices_row             (WardTestDevices      *f,
                                                       const char           *parameter);
void                ward_test_devices_type_value      (WardTestDevices      *f,
                                                       const char           *parameter,
                                                       const char           *digits);
void                ward_test_devices_apply           (WardTestDevices      *f);
void                ward_test_devices_wait_for_answer (WardTestDevices      *f);
GPtrArray          *ward_test_devices_history         (WardTestDevices      *f,
                                                       const char           *device_id);
gint64              ward_test_devices_count_audit     (WardTestDevices      *f,
                                                       const char           *event);

G_END_DECLS
