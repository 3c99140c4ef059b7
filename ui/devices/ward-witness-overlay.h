/* ward-witness-overlay.h: the independent double check of a high-alert change: a second person's badge, then key */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  WARD_WITNESS_STAGE_BADGE,   /* waiting for the second person's badge */
  WARD_WITNESS_STAGE_KEY,     /* waiting for their key */
} WardWitnessStage;

/* What the card says; borrowed for the call. */
typedef struct
{
  const char *title;     /* who must check: "A charge nurse must check this change" */
  const char *who_may;   /* "Who may check: Charge nurse"; NULL: not said */
  const char *device;    /* the device's name; NULL: unknown */
  const char *change;    /* the drug if any, and "Rate: 10.0 → 12.0 mL/h" */
  const char *reason;    /* the reason given; NULL: none was needed */
  const char *unusual;   /* outside the usual range, in words; NULL: within it */
} WardWitnessBrief;

#define WARD_TYPE_WITNESS_OVERLAY (ward_witness_overlay_get_type ())
/* Its buttons activate "device.retry-witness-key" and "device.cancel-change". */
G_DECLARE_FINAL_TYPE (WardWitnessOverlay, ward_witness_overlay, WARD, WITNESS_OVERLAY, GtkWidget)

void              ward_witness_overlay_open            (WardWitnessOverlay     *self,
                                                        const WardWitnessBrief *brief);
void              ward_witness_overlay_show_badge_step (WardWitnessOverlay *self);
void              ward_witness_overlay_show_key_step   (WardWitnessOverlay *self,
                                                        const char         *witness_name);
void              ward_witness_overlay_show_error      (WardWitnessOverlay *self,
                                                        const char         *message);
WardWitnessStage  ward_witness_overlay_get_stage       (WardWitnessOverlay *self);

G_END_DECLS
