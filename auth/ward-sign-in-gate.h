/* ward-sign-in-gate.h: whether a badge's owner may begin signing in, or use emergency access, before any factor */
#pragma once

#include <glib.h>

#include "auth/ward-code-factor.h"
#include "auth/ward-key-factor.h"
#include "auth/ward-policy.h"
#include "data/ward-directory.h"
#include "data/ward-store.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_AUTH_REFUSAL_NONE,
  WARD_AUTH_REFUSAL_UNKNOWN_BADGE,
  WARD_AUTH_REFUSAL_BADGE_COOLDOWN,
  WARD_AUTH_REFUSAL_DISABLED,
  WARD_AUTH_REFUSAL_LOCKED_OUT,
  WARD_AUTH_REFUSAL_DELAYED,
  WARD_AUTH_REFUSAL_NOT_ENROLLED,
  WARD_AUTH_REFUSAL_KEY,          /* the key step failed; the message says how */
  WARD_AUTH_REFUSAL_WRONG_CODE,
  WARD_AUTH_REFUSAL_TIMED_OUT,
  WARD_AUTH_REFUSAL_REASON_TOO_SHORT,
  WARD_AUTH_REFUSAL_NOT_ELIGIBLE, /* emergency access refused for this person */
  WARD_AUTH_REFUSAL_FAILED,       /* the kiosk itself failed (database) */
} WardAuthRefusal;

#define WARD_AUTH_REASON_MIN_LENGTH 10

/* A refusal as the gate decides it: what the person is told, and the short
 * reason the audit records. refusal is WARD_AUTH_REFUSAL_NONE when allowed. */
typedef struct
{
  WardAuthRefusal  refusal;
  const char      *why;       /* audit "why": "disabled", "locked", …; static */
  char            *message;   /* translated; owned: a delay names its length */
} WardGateVerdict;

void            ward_gate_verdict_clear           (WardGateVerdict *verdict);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WardGateVerdict, ward_gate_verdict_clear)

WardGateVerdict ward_sign_in_gate_check_account   (WardPolicy     *policy,
                                                   WardKeyFactor  *keys,
                                                   WardCodeFactor *codes,
                                                   WardUserRecord *user,
                                                   WardFactors     factors);
WardGateVerdict ward_sign_in_gate_check_emergency (WardStore      *store,
                                                   WardPolicy     *policy,
                                                   WardUserRecord *user);

/* What a factor's error means for the flow: WARD_AUTH_REFUSAL_NONE when the
 * person may simply try again, else the refusal that ends the attempt. */
WardAuthRefusal ward_sign_in_gate_final_refusal   (const GError   *factor_error);
/* The typed reason for emergency access, trimmed; NULL when too short. */
char           *ward_sign_in_gate_clean_reason    (const char     *reason);

G_END_DECLS
