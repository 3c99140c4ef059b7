/* ward-device-change-private.h: what the change's preparation and its sending share */
#pragma once

#include "app/devices/ward-device-change.h"

G_BEGIN_DECLS

struct _WardDeviceChange
{
  GObject                  parent_instance;
  WardStore               *store;
  WardPolicy              *policy;
  WardKeyFactor           *keys;
  WardCatalogue           *catalogue;
  WardDeviceLink          *link;
  WardSession             *session;
  WardDeviceInfo          *device;

  char                    *change_id;
  char                    *parameter;
  const WardParameterSpec *param;       /* NULL: not in the catalogue */
  char                    *drug;        /* NULL: none loaded, or not a pump */
  gboolean                 drug_known;  /* the device said which drug (or "none") */
  GVariant                *settings;    /* the device's settings as the screen showed them */
  double                   new_value;
  gboolean                 has_old_value;
  double                   old_value;   /* as the screen showed it */

  gboolean                 validated;
  gboolean                 high_alert;
  WardLimitCheck           check;
  char                    *reason;

  gint64                   witness_id;
  char                    *witness_username;
  char                    *witness_name;
  gboolean                 witness_confirmed;

  gboolean                 sent;
  WardChangeOutcome        outcome;
  char                    *outcome_message;
  gboolean                 has_actual_value;
  double                   actual_value;

  char                    *answer_detail;  /* the device's words with its answer */
  gboolean                 applied_late;   /* no answer in time, then seen in effect */
};

gboolean _ward_device_change_settings_number (GVariant    *settings,
                                              const char  *key,
                                              double      *value);
gboolean _ward_device_change_settings_drug   (GVariant    *settings,
                                              char       **drug);
char    *_ward_device_change_refusal_sentence (const char *device,
                                               const char *detail);
gboolean _ward_device_change_authorise       (WardDeviceChange  *self,
                                              GError           **error);
gboolean _ward_device_change_check_pairs     (WardDeviceChange  *self,
                                              GVariant          *settings,
                                              GError           **error);
gboolean _ward_device_change_check_unanswered (WardDeviceChange *self,
                                              GVariant          *settings,
                                              GError           **error);
gboolean _ward_device_change_recheck_witness (WardDeviceChange  *self,
                                              GError           **error);
void     _ward_device_change_audit_refusal   (WardDeviceChange  *self,
                                              const char        *actor,
                                              const char        *permission,
                                              const char        *why);
gboolean _ward_device_change_requires_uv     (WardDeviceChange  *self,
                                              gint64             user_id);
GError  *_ward_device_change_own_error       (GError            *cause,
                                              int                code);
gboolean _ward_device_change_fail            (GError           **error,
                                              GError            *cause,
                                              int                code);

G_END_DECLS
