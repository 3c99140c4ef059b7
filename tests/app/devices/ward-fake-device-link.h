/* ward-fake-device-link.h: an in-process device link for tests: devices, settings and scripted answers */
#pragma once

#include "app/devices/ward-device-link.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_FAKE_APPLY,             /* sets the value, answers APPLIED */
  WARD_FAKE_REFUSE,            /* leaves it, answers REFUSED with the detail */
  WARD_FAKE_NO_ANSWER,         /* leaves it, answers NO_ANSWER */
  WARD_FAKE_APPLY_UNANSWERED,  /* sets the value, but the answer is lost: NO_ANSWER */
  WARD_FAKE_APPLY_OTHER,       /* answers APPLIED but sets another value (a clamping device) */
  WARD_FAKE_NEVER_ANSWER,      /* never calls back until cancelled */
  WARD_FAKE_LINK_ERROR,        /* the gateway fails the call */
} WardFakeAnswer;

#define WARD_TYPE_FAKE_DEVICE_LINK (ward_fake_device_link_get_type ())
G_DECLARE_FINAL_TYPE (WardFakeDeviceLink, ward_fake_device_link, WARD, FAKE_DEVICE_LINK, GObject)

WardFakeDeviceLink *ward_fake_device_link_new          (void);
void                ward_fake_device_link_add_device   (WardFakeDeviceLink *self,
                                                        const char         *id,
                                                        const char         *class_id,
                                                        const char         *label,
                                                        GVariant           *settings);
void                ward_fake_device_link_set_number   (WardFakeDeviceLink *self,
                                                        const char         *id,
                                                        const char         *key,
                                                        double              value);
void                ward_fake_device_link_set_text     (WardFakeDeviceLink *self,
                                                        const char         *id,
                                                        const char         *key,
                                                        const char         *value);
double              ward_fake_device_link_get_number   (WardFakeDeviceLink *self,
                                                        const char         *id,
                                                        const char         *key);
GVariant           *ward_fake_device_link_get_settings (WardFakeDeviceLink *self,
                                                        const char         *id);
void                ward_fake_device_link_set_answer   (WardFakeDeviceLink *self,
                                                        WardFakeAnswer      answer,
                                                        const char         *detail);
void                ward_fake_device_link_set_offline  (WardFakeDeviceLink *self,
                                                        const char         *id,
                                                        gboolean            offline);
guint               ward_fake_device_link_get_n_applied (WardFakeDeviceLink *self);
guint               ward_fake_device_link_get_n_reads  (WardFakeDeviceLink *self);
const char         *ward_fake_device_link_get_last_change_id (WardFakeDeviceLink *self);

G_END_DECLS
