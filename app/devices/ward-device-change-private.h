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
};

gboolean _ward_device_change_settings_number (GVariant    *settings,
                                              const char  *key,
                                              double      *value);
gboolean _ward_device_change_settings_drug   (GVariant    *settings,
                                              char       **drug);
gboolean _ward_device_change_authorise       (WardDeviceChange  *self,
                                              GError           **error);

G_END_DECLS
