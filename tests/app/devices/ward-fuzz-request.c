/* ward-fuzz-request.c: one random change request and the races around it, as a ward would make them */
#include "config.h"

#include <math.h>
#include <string.h>

#include "data/ward-device-changes.h"
#include "data/ward-directory.h"
#include "tests/app/devices/ward-fuzz-request-private.h"

static const char *const drugs[] = { "heparin", "insulin", "morphine", "noradrenaline", "saline", "", "vancomycin" };

static gboolean
one_in (Fuzz *fuzz,
        int   n)
{
  return g_rand_int_range (fuzz->rand, 0, n) == 0;
}

static double
grid (const OracleParam *param,
      double             k)
{
  return k * param->step;
}

static double
random_grid (Fuzz              *fuzz,
             const OracleParam *param,
             double             low,
             double             high)
{
  double k_low = ceil (low / param->step - 1e-9), k_high = floor (high / param->step + 1e-9);

  if (k_high < k_low)
    return grid (param, k_low);
  return grid (param, k_low + g_rand_int_range (fuzz->rand, 0, (gint32) (k_high - k_low) + 1));
}

const OracleParam *
fuzz_partner_of (Fuzz              *fuzz,
            const char        *class_id,
            const OracleParam *param,
            gboolean          *param_is_low)
{
  const OracleClass *klass = oracle_class (fuzz->oracle, class_id);

  if (param->below != NULL)
    {
      *param_is_low = TRUE;
      return oracle_param (fuzz->oracle, class_id, param->below);
    }
  for (guint i = 0; i < klass->params->len; i++)
    {
      const OracleParam *other = g_ptr_array_index (klass->params, i);

      if (g_strcmp0 (other->below, param->id) == 0)
        {
          *param_is_low = FALSE;
          return other;
        }
    }
  return NULL;
}

static gboolean
screen_number (GVariant   *screen,
               const char *key,
               double     *value)
{
  return screen != NULL && g_variant_lookup (screen, key, "d", value);
}

/* Values at and beyond every limit, off the grid and just off it, not
 * numbers at all, −0, next to the other alarm limit, at the dose limits. */
static double
pick_value (Fuzz              *fuzz,
            const char        *class_id,
            const OracleParam *param,
            const char        *drug,
            GVariant          *screen)
{
  OracleLimits limits;
  const OracleDrug *spec = oracle_drug (fuzz->oracle, class_id, drug);
  gboolean is_low = FALSE;
  const OracleParam *partner = fuzz_partner_of (fuzz, class_id, param, &is_low);
  double other = 0, value;

  if (!oracle_limits (fuzz->oracle, class_id, param->id, drug, &limits))
    limits = param->limits;
  switch (g_rand_int_range (fuzz->rand, 0, 12))
    {
    case 0: case 1: case 2:
      return random_grid (fuzz, param, limits.soft_min, limits.soft_max);
    case 3: case 4:
      return one_in (fuzz, 2) ? random_grid (fuzz, param, limits.soft_max, limits.hard_max)
                              : random_grid (fuzz, param, limits.hard_min, limits.soft_min);
    case 5:
      return one_in (fuzz, 2) ? limits.hard_max : limits.hard_min;
    case 6:
      return one_in (fuzz, 2) ? limits.hard_max + param->step * g_rand_int_range (fuzz->rand, 1, 4)
                              : limits.hard_min - param->step * g_rand_int_range (fuzz->rand, 1, 4);
    case 7:
      value = random_grid (fuzz, param, limits.hard_min, limits.hard_max);
      switch (g_rand_int_range (fuzz->rand, 0, 4))
        {
        case 0: return value + param->step * g_rand_double_range (fuzz->rand, 0.01, 0.99);
        case 1: return value + param->step * 1e-8;
        case 2: return value - param->step * 1e-8;
        default: return value * (1 + 1e-12);
        }
    case 8:
      {
        const double odd[] = { NAN, INFINITY, -INFINITY, -0.0, -0.0, 1e300, -1e-300 };
        return odd[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (odd))];
      }
    case 9:
      if (partner != NULL && screen_number (screen, partner->id, &other))
        {
          const double offsets[] = { 0, param->step, -param->step, 1e-7, -1e-7, 2 * param->step };
          return other + offsets[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (offsets))];
        }
      return random_grid (fuzz, param, limits.hard_min, limits.hard_max);
    case 10:
      if (spec != NULL && spec->concentration > 0 && g_strcmp0 (spec->dose_parameter, param->id) == 0)
        {
          const double doses[] = { spec->dose.hard_min, spec->dose.hard_max, spec->dose.soft_min, spec->dose.soft_max };
          double dose = doses[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (doses))];
          double rate = dose * (spec->per_minute ? 60.0 : 1.0) / spec->concentration;

          return round (rate / param->step) * param->step + param->step * g_rand_int_range (fuzz->rand, -1, 2);
        }
      return g_rand_double_range (fuzz->rand, -1000, 10000);
    default:
      return screen_number (screen, param->id, &other) ? other : 0;
    }
}

static void
advance_clock (Fuzz   *fuzz,
               gint64  seconds)
{
  WardClock *clock = fuzz->site->fixture->clock;

  /* A late change is real time away: the store's clock must not run past
   * its hold meanwhile, or the run would test a device slower than two
   * minutes instead of the rules. */
  if (fuzz->in_flight && ward_clock_get_now (clock) + seconds - fuzz->in_flight_sent_at >= HOLD_S - 20)
    fuzz_drain (fuzz);
  ward_clock_advance (clock, seconds * G_USEC_PER_SEC);
}

/* Someone at the bedside sets something directly, keeping alarm pairs in
 * order: the device, not the kiosk, is where that happens. */
static void
bedside_wander (Fuzz       *fuzz,
                FuzzDevice *device,
                const char *parameter)
{
  g_autoptr(GKeyFile) state = NULL;
  const OracleClass *klass = oracle_class (fuzz->oracle, device->class_id);
  const OracleParam *param;
  const OracleParam *partner;
  gboolean is_low = FALSE;
  double value, other;

  if (fuzz->in_flight && g_str_equal (fuzz->in_flight_device, device->id))
    return;
  if (g_str_equal (device->class_id, "infusion-pump") && (parameter == NULL || g_str_equal (parameter, "drug")))
    {
      fuzz_bedside_set (fuzz, device->id, "drug",
                        g_variant_new_string (drugs[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (drugs))]));
      return;
    }
  param = parameter != NULL ? oracle_param (fuzz->oracle, device->class_id, parameter)
                            : g_ptr_array_index (klass->params, g_rand_int_range (fuzz->rand, 0, klass->params->len));
  if (param == NULL)
    return;
  value = random_grid (fuzz, param, param->limits.hard_min, param->limits.hard_max);
  partner = fuzz_partner_of (fuzz, device->class_id, param, &is_low);
  state = fuzz_read_state (fuzz);
  if (partner != NULL && fuzz_state_number (state, device->id, partner->id, &other)
      && (is_low ? value >= other : value <= other))
    return;
  fuzz_bedside_set (fuzz, device->id, param->id, g_variant_new_double (value));
}

/* The other alarm limit moved by hand to just where this change would
 * cross it, keeping the pair on the device in order. */
static void
bedside_partner (Fuzz              *fuzz,
                 Request           *r,
                 const OracleParam *partner,
                 gboolean           param_is_low)
{
  g_autoptr(GKeyFile) state = fuzz_read_state (fuzz);
  double sent = ward_device_change_get_new_value (r->change), current, value;

  if ((fuzz->in_flight && g_str_equal (fuzz->in_flight_device, r->device->id))
      || !isfinite (sent) || !fuzz_state_number (state, r->device->id, r->param->id, &current))
    return;
  value = sent + (param_is_low ? 1 : -1) * partner->step * g_rand_int_range (fuzz->rand, -1, 2);
  if (value < partner->limits.hard_min || value > partner->limits.hard_max
      || (param_is_low ? value <= current : value >= current))
    return;
  fuzz_bedside_set (fuzz, r->device->id, partner->id, g_variant_new_double (value));
}

static FuzzPerson *
random_person (Fuzz *fuzz)
{
  return &fuzz->people[g_rand_int_range (fuzz->rand, 0, FUZZ_N_PEOPLE)];
}

FuzzPerson *
fuzz_person_by_id (Fuzz   *fuzz,
              gint64  user_id)
{
  for (guint i = 0; i < FUZZ_N_PEOPLE; i++)
    if (fuzz->people[i].user_id == user_id)
      return &fuzz->people[i];
  return NULL;
}

static gboolean
touch_key (Request    *r,
           gboolean    witness,
           FuzzPerson *owner)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ward_test_site_insert_key (r->fuzz->site, ward_test_site_person (r->fuzz->site, owner->username)->key);
  if (witness)
    ward_device_change_witness_key_async (r->change, NULL, NULL, ward_test_keep_result_cb, &result);
  else
    ward_device_change_step_up_async (r->change, NULL, NULL, ward_test_keep_result_cb, &result);
  /* Blocking iterations, not ward_test_wait_for_result()'s polling: the
   * fuzz run makes tens of thousands of touches. */
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = witness ? ward_device_change_witness_key_finish (r->change, result, NULL)
               : ward_device_change_step_up_finish (r->change, result, NULL);
  r->fuzz->us_keys += g_get_monotonic_time () - start;
  return ok;
}

static void
confirm (Request *r)
{
  g_auto(GStrv) picks = ward_device_change_list_reason_picks ();
  const char *reasons[] = {
    picks[g_rand_int_range (r->fuzz->rand, 0, g_strv_length (picks))],
    "Doctor ordered it on the round",
    "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0",
    "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
    "\u2060\u200bok\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u202f\u3000",
    "1234567890 --",
    "ok",
    NULL,
  };
  const char *reason = reasons[g_rand_int_range (r->fuzz->rand, 0, G_N_ELEMENTS (reasons))];

  if (reason == picks[0] || one_in (r->fuzz, 3))
    reason = reasons[0];
  if (ward_device_change_confirm_soft_limit (r->change, reason, NULL) && !oracle_real_reason (reason))
    fuzz_violation (r->fuzz, "a reason that says nothing was accepted for %s", r->parameter);
}

static void
witness (Request *r)
{
  Fuzz *fuzz = r->fuzz;
  FuzzPerson *who = one_in (fuzz, 3) ? random_person (fuzz) : &fuzz->people[2 + g_rand_int_range (fuzz->rand, 0, 2)];

  if (!ward_device_change_witness_badge (r->change, who->badge, NULL))
    return;
  if (touch_key (r, TRUE, one_in (fuzz, 20) ? random_person (fuzz) : who))
    r->witness = who;
}

static void
apply_mid (Request *r)
{
  Fuzz *fuzz = r->fuzz;
  gboolean is_low = FALSE;
  const OracleParam *partner;

  switch (r->mid)
    {
    case MID_IDLE:
      advance_clock (fuzz, 121);
      break;
    case MID_END:
      fuzz_session_end (r->session, "tap-over");
      break;
    case MID_WITNESS_DISABLE:
      if (r->witness != NULL)
        {
          g_assert_true (ward_directory_set_disabled (fuzz->site->fixture->store, r->witness->user_id, TRUE, NULL));
          r->witness->disabled = TRUE;
        }
      break;
    case MID_WITNESS_DEMOTE:
      if (r->witness != NULL && !r->witness->demoted)
        {
          g_assert_true (ward_directory_revoke_role (fuzz->site->fixture->store, r->witness->user_id,
                                                     r->witness->role, NULL));
          r->witness->demoted = TRUE;
        }
      break;
    case MID_BEDSIDE_SAME:
      if (r->param != NULL)
        bedside_wander (fuzz, r->device, r->param->id);
      break;
    case MID_BEDSIDE_PARTNER:
      partner = r->param != NULL ? fuzz_partner_of (fuzz, r->device->class_id, r->param, &is_low) : NULL;
      if (partner != NULL)
        bedside_partner (fuzz, r, partner, is_low);
      break;
    case MID_DRUG:
      if (g_str_equal (r->device->class_id, "infusion-pump"))
        bedside_wander (fuzz, r->device, "drug");
      break;
    case MID_OFFLINE:
      fuzz_control (fuzz, "SetOffline", g_variant_new ("(sb)", r->device->id, TRUE));
      break;
    case MID_REFUSE:
      fuzz_control (fuzz, "RefuseNext", g_variant_new ("(ss)", r->device->id, "Occlusion alarm active"));
      break;
    case MID_SLOW:
      fuzz_control (fuzz, "SetDelay", g_variant_new ("(u)", (guint) SLOW_DELAY_MS));
      break;
    case MID_NONE:
    case N_MID:
    default:
      break;
    }
}

static gboolean
mid_during_read (gpointer user_data)
{
  apply_mid (user_data);
  return G_SOURCE_REMOVE;
}

static void
restore (Request *r)
{
  Fuzz *fuzz = r->fuzz;

  if (r->mid == MID_OFFLINE)
    fuzz_control (fuzz, "SetOffline", g_variant_new ("(sb)", r->device->id, FALSE));
  if (r->mid == MID_SLOW)
    fuzz_control (fuzz, "SetDelay", g_variant_new ("(u)", 0u));
  if (r->mid == MID_REFUSE)
    {
      /* A refusal not used up would stay set: a hand turn to the value
       * the device already holds uses it up. */
      g_autoptr(GKeyFile) state = fuzz_read_state (fuzz);
      const OracleClass *klass = oracle_class (fuzz->oracle, r->device->class_id);
      const OracleParam *first = g_ptr_array_index (klass->params, 0);
      double value;

      if (fuzz_state_number (state, r->device->id, first->id, &value))
        fuzz_bedside_set (fuzz, r->device->id, first->id, g_variant_new_double (value));
    }
  if (r->witness != NULL && r->witness->disabled)
    {
      g_assert_true (ward_directory_set_disabled (fuzz->site->fixture->store, r->witness->user_id, FALSE, NULL));
      r->witness->disabled = FALSE;
    }
  if (r->witness != NULL && r->witness->demoted)
    {
      g_assert_true (ward_directory_grant_role (fuzz->site->fixture->store, r->witness->user_id, r->witness->role,
                                                "aadmin", NULL));
      r->witness->demoted = FALSE;
    }
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->outcome = ward_device_change_send_finish (WARD_DEVICE_CHANGE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
prepare (Request           *r,
         FuzzDevice        *device,
         const OracleParam *param)
{
  Fuzz *fuzz = r->fuzz;
  const OracleClass *klass;
  g_autoptr(GVariant) screen = NULL;
  g_autofree char *drug = NULL;
  g_autoptr(GError) invalid = NULL;
  WardDeviceInfo info;

  r->requester = random_person (fuzz);
  r->session = g_object_ref (fuzz_session_for (fuzz, r->requester));
  if (!one_in (fuzz, 10))
    fuzz_session_touch (fuzz, r->session);
  if (device != NULL)
    {
      r->device = device;
      r->param = param;
    }
  else if (fuzz->focus_left > 0 && one_in (fuzz, 2))
    {
      /* Just after a change went unanswered: the same setting again. */
      fuzz->focus_left--;
      r->device = fuzz->focus_device;
      r->param = oracle_param (fuzz->oracle, r->device->class_id, fuzz->focus_param);
    }
  else
    {
      r->device = &fuzz->devices[g_rand_int_range (fuzz->rand, 0, FUZZ_N_DEVICES)];
      klass = oracle_class (fuzz->oracle, r->device->class_id);
      r->param = one_in (fuzz, 50) ? NULL
               : g_ptr_array_index (klass->params, g_rand_int_range (fuzz->rand, 0, klass->params->len));
    }
  r->parameter = r->param != NULL ? r->param->id : "turbo";
  if (r->device->screen == NULL || !one_in (fuzz, 5))
    {
      g_clear_pointer (&r->device->screen, g_variant_unref);
      r->device->screen = fuzz_read_settings (fuzz, r->device->id);
    }
  screen = g_variant_ref (r->device->screen);
  g_variant_lookup (screen, "drug", "s", &drug);

  info = (WardDeviceInfo) { (char *) r->device->id, (char *) r->device->class_id, (char *) "Bed device",
                            (char *) "Bed 12", WARD_DEVICE_STATUS_ONLINE, NULL };
  r->change = ward_device_change_new (&fuzz->context, r->session, &info, screen, r->parameter,
                                      r->param != NULL ? pick_value (fuzz, r->device->class_id, r->param, drug, screen)
                                                       : 1.0);
  if (one_in (fuzz, 50))
    {
      fuzz->n_unchecked++;
      return;
    }
  if (!ward_device_change_validate (r->change, &invalid))
    {
      fuzz->n_invalid[invalid->code]++;
      return;
    }
  r->validated = TRUE;
  if (ward_device_change_needs_confirmation (r->change) && !one_in (fuzz, 20))
    confirm (r);
  if (ward_device_change_needs_step_up (r->change) && !one_in (fuzz, 20))
    {
      /* Now and then the kiosk was left alone before the key is touched. */
      fuzz->n_step_ups++;
      if (!fuzz->in_flight && one_in (fuzz, 15))
        {
          fuzz->n_idle_step_ups++;
          advance_clock (fuzz, 121);
        }
      touch_key (r, FALSE, one_in (fuzz, 20) ? random_person (fuzz) : r->requester);
    }
  if (ward_device_change_needs_witness (r->change) && !one_in (fuzz, 20))
    witness (r);
}

/* Checked, and every step it asked for done: it would go. */
static gboolean
ready (Request *r)
{
  return r->validated && !ward_device_change_needs_confirmation (r->change)
      && !ward_device_change_needs_step_up (r->change) && !ward_device_change_needs_witness (r->change);
}

/* Sends it, with something happening on the way now and then, and checks
 * everything the device, the database and the oracle say afterwards. */
static void
send_and_check (Request *r)
{
  Fuzz *fuzz = r->fuzz;
  g_autoptr(GKeyFile) before = NULL;
  Wait wait = { 0 };
  gboolean during_read;
  gint64 started;

  if (r->mid != MID_SLOW)
    r->mid = one_in (fuzz, 4) ? (Mid) g_rand_int_range (fuzz->rand, 1, N_MID - 1) : MID_NONE;
  /* Nothing moves the clock past the hold of a change that may still land,
   * nor keeps it from landing; and as two idle minutes end every session
   * of the run, they are rarer. */
  if (r->mid == MID_IDLE && (fuzz->in_flight || !one_in (fuzz, 4)))
    r->mid = MID_NONE;
  if ((r->mid == MID_OFFLINE || r->mid == MID_REFUSE) && fuzz->in_flight
      && g_str_equal (fuzz->in_flight_device, r->device->id))
    r->mid = MID_NONE;
  during_read = r->mid != MID_SLOW && one_in (fuzz, 2);
  r->raced = during_read && (r->mid == MID_BEDSIDE_SAME || r->mid == MID_BEDSIDE_PARTNER || r->mid == MID_DRUG);
  r->uncertain = fuzz->in_flight && g_str_equal (fuzz->in_flight_device, r->device->id);

  before = fuzz_read_state (fuzz);
  if (!during_read)
    apply_mid (r);
  {
    /* What the device holds when the change goes, a bedside turn included;
     * a turn during that read comes after it, so the read saw the device
     * as it was before. */
    g_autoptr(GKeyFile) at_send = during_read ? NULL : fuzz_read_state (fuzz);

    r->have_old = fuzz_state_number (at_send != NULL ? at_send : before, r->device->id, r->parameter,
                                     &r->expected_old);
    r->drug_at_send = fuzz_state_drug (at_send != NULL ? at_send : before, r->device->id);
    r->at_send = g_key_file_ref (at_send != NULL ? at_send : before);
  }
  if (during_read)
    g_idle_add_full (G_PRIORITY_HIGH, mid_during_read, r, NULL);
  started = g_get_monotonic_time ();
  ward_device_change_send_async (r->change, r->mid == MID_SLOW ? SLOW_TIMEOUT_MS : 5000, NULL, sent_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  fuzz->us_sending += g_get_monotonic_time () - started;
  started = g_get_monotonic_time ();
  fuzz_check_request (r, &wait, before);
  fuzz->us_checking += g_get_monotonic_time () - started;
  if (r->mid == MID_SLOW && wait.error == NULL && wait.outcome == WARD_CHANGE_NO_ANSWER)
    {
      fuzz->focus_device = r->device;
      fuzz->focus_param = r->parameter;
      fuzz->focus_left = 20;
    }
  g_clear_error (&wait.error);
  restore (r);
}

static void
request_clear (Request *r)
{
  g_clear_object (&r->change);
  g_clear_object (&r->session);
  g_clear_pointer (&r->drug_at_send, g_free);
  g_clear_pointer (&r->at_send, g_key_file_unref);
}

void
fuzz_request (Fuzz *fuzz)
{
  Request r = { .fuzz = fuzz };

  fuzz->n_requests++;
  if (fuzz->in_flight && g_get_monotonic_time () >= fuzz->in_flight_until_us)
    fuzz_drain (fuzz);
  /* Seconds between requests; fewer while a late change may land, which
   * takes real time. */
  advance_clock (fuzz, g_rand_int_range (fuzz->rand, 0, fuzz->in_flight ? 2 : 4));
  if (one_in (fuzz, 25))
    bedside_wander (fuzz, &fuzz->devices[g_rand_int_range (fuzz->rand, 0, FUZZ_N_DEVICES)], NULL);

  /* Now and then a change prepared a while ago is sent at last (a screen
   * left open), and one prepared now is kept back for later instead. */
  if (fuzz->kept != NULL && one_in (fuzz, 6))
    {
      r = *(Request *) fuzz->kept;
      g_clear_pointer (&fuzz->kept, g_free);
      send_and_check (&r);
      request_clear (&r);
      return;
    }
  prepare (&r, NULL, NULL);
  if (fuzz->kept == NULL && ready (&r) && one_in (fuzz, 8))
    {
      fuzz->kept = g_memdup2 (&r, sizeof r);
      return;
    }
  /* A slow device costs the time allowed for its answer: kept for changes
   * that would go, one at a time. A second change to the same setting is
   * prepared first and sent straight after the one that gets no answer:
   * the second bolus. */
  if (!fuzz->in_flight && ready (&r) && one_in (fuzz, 60))
    {
      Request second = { .fuzz = fuzz };

      prepare (&second, r.device, r.param);
      r.mid = MID_SLOW;
      send_and_check (&r);
      send_and_check (&second);
      request_clear (&second);
    }
  else
    send_and_check (&r);
  request_clear (&r);
}

void
fuzz_forget_kept (Fuzz *fuzz)
{
  if (fuzz->kept != NULL)
    request_clear (fuzz->kept);
  g_clear_pointer (&fuzz->kept, g_free);
}
