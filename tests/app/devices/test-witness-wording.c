/* test-witness-wording.c: the double check's words come from who holds the permission in the store, every refusal names itself, and the witness is told what she checks */
#include "config.h"

#include <string.h>

#include "data/ward-directory.h"
#include "tests/app/devices/ward-change-test-ward.h"

static char *
title_of (WardDeviceChange  *change,
          char             **who_may)
{
  return ward_device_change_describe_witnesses (change, who_may);
}

static void
assert_roles (WardDeviceChange   *change,
              const char *const  *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) roles = ward_device_change_list_witness_roles (change, &error);

  g_assert_no_error (error);
  g_assert_nonnull (roles);
  g_assert_true (g_strv_equal ((const char *const *) roles, expected));
}

/* By default only charge nurses hold it: the card says so, and never
 * "a second nurse" to a ward where a nurse would be refused. */
static void
test_words_follow_permission (Ward          *ward,
                              gconstpointer  data)
{
  static const char *const charge_only[] = { "charge-nurse", NULL };
  static const char *const nurse_and_charge[] = { "nurse", "charge-nurse", NULL };
  static const char *const nobody[] = { NULL };
  WardStore *store = ward->site->fixture->store;
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-1", "rate_ml_h", 12);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *who = NULL;

  g_assert_true (ward_device_change_validate (change, &error));
  g_assert_true (ward_device_change_needs_witness (change));
  assert_roles (change, charge_only);
  title = title_of (change, &who);
  g_assert_cmpstr (title, ==, "A charge nurse must check this change");
  /* The title names the one role: no second line repeating it. */
  g_assert_null (who);
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&who, g_free);

  /* The site lets nurses check too: the words widen with it. */
  g_assert_true (ward_directory_permit (store, "nurse", WARD_PERMISSION_HIGH_ALERT, &error));
  g_assert_no_error (error);
  assert_roles (change, nurse_and_charge);
  title = title_of (change, &who);
  g_assert_cmpstr (title, ==, "A second person must check this change");
  g_assert_cmpstr (who, ==, "Who may check: Nurse, Charge nurse");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&who, g_free);

  /* Nobody holds it: the card says the change cannot be sent, and why. */
  g_assert_true (ward_directory_forbid (store, "nurse", WARD_PERMISSION_HIGH_ALERT, &error));
  g_assert_true (ward_directory_forbid (store, "charge-nurse", WARD_PERMISSION_HIGH_ALERT, &error));
  g_assert_no_error (error);
  assert_roles (change, nobody);
  title = title_of (change, &who);
  g_assert_cmpstr (title, ==, "Nobody here may check this change");
  g_assert_nonnull (strstr (who, "cannot be sent"));
}

static char *
refusal (WardDeviceChange *change,
         const char       *badge)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ward_device_change_witness_badge (change, badge, &error));
  g_assert_error (error, WARD_DEVICE_CHANGE_ERROR, WARD_DEVICE_CHANGE_ERROR_WITNESS);
  g_assert_null (ward_device_change_get_witness_name (change));
  return g_strdup (error->message);
}

/* Each refusal in its own words, with the person's name where there is
 * one; no two kinds alike. */
static void
test_refusals_named (Ward          *ward,
                     gconstpointer  data)
{
  WardStore *store = ward->site->fixture->store;
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) change = ward_propose (ward, session, "pump-1", "rate_ml_h", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  struct { const char *badge; const char *expected; } cases[] = {
    { NURSE_BADGE, "You cannot check your own change: a second person must tap their badge." },
    { NURSE2_BADGE, "Tom Reyes cannot check changes: the role Nurse does not hold the double-check permission." },
    { BIOMED_BADGE, "Sam Patel cannot check changes: the role Biomedical engineer does not hold the double-check "
                    "permission." },
    { CHARGE2_BADGE, "Grace Lin cannot check this change: the account is disabled." },
    { "DEADBEEF", "This badge is not recognised." },
    { ADMIN_BADGE, "Alex Morgan cannot check changes: the role Administrator does not hold the double-check "
                   "permission." },
  };

  g_assert_true (ward_directory_set_full_name (store, ward_person (ward, "nnurse2")->user_id, "Tom Reyes", &error));
  g_assert_true (ward_directory_set_full_name (store, ward_person (ward, "bbiomed")->user_id, "Sam Patel", &error));
  g_assert_true (ward_directory_set_full_name (store, ward_person (ward, "cnurse2")->user_id, "Grace Lin", &error));
  g_assert_true (ward_directory_set_full_name (store, ward_person (ward, "aadmin")->user_id, "Alex Morgan", &error));
  g_assert_true (ward_directory_set_disabled (store, ward_person (ward, "cnurse2")->user_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (ward_device_change_validate (change, &error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = refusal (change, cases[i].badge);

      g_assert_cmpstr (message, ==, cases[i].expected);
      for (guint j = 0; j < seen->len; j++)
        g_assert_cmpstr (message, !=, seen->pdata[j]);
      g_ptr_array_add (seen, g_steal_pointer (&message));
    }

  /* Someone with no role at all. */
  g_assert_true (ward_directory_revoke_role (store, ward_person (ward, "nnurse2")->user_id, "nurse", &error));
  g_assert_no_error (error);
  {
    g_autofree char *message = refusal (change, NURSE2_BADGE);

    g_assert_cmpstr (message, ==, "Tom Reyes cannot check changes: they hold no role with the double-check permission.");
  }

  /* The one who may: accepted, named. */
  g_assert_true (ward_device_change_witness_badge (change, CHARGE_BADGE, &error));
  g_assert_no_error (error);
}

/* The witness reads the device, old → new, the reason, and that the value
 * is outside the usual range, or sees no such note when it is not. */
static void
test_witness_is_told (Ward          *ward,
                      gconstpointer  data)
{
  g_autoptr(WardSession) session = ward_start_session (ward, "nnurse", WARD_SESSION_KIND_NORMAL, NULL);
  g_autoptr(WardDeviceChange) usual = ward_propose (ward, session, "pump-1", "rate_ml_h", 12);
  g_autoptr(WardDeviceChange) unusual = ward_propose (ward, session, "pump-1", "rate_ml_h", 22);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *within = NULL;
  g_autofree char *crossing = NULL;

  g_assert_true (ward_device_change_validate (usual, &error));
  g_assert_cmpstr (ward_device_change_get_device_label (usual), ==, "Bed 1 device");
  g_assert_null (ward_device_change_get_reason (usual));
  within = ward_device_change_describe_unusual (usual);
  g_assert_null (within);

  g_assert_true (ward_device_change_validate (unusual, &error));
  g_assert_no_error (error);
  g_assert_true (ward_device_change_needs_confirmation (unusual));
  g_assert_true (ward_device_change_confirm_soft_limit (unusual, "Bleeding risk reviewed, doctor's order", &error));
  g_assert_no_error (error);
  g_assert_true (ward_device_change_needs_witness (unusual));
  description = ward_device_change_describe (unusual);
  g_assert_cmpstr (description, ==, "Heparin 100 units/mL\nRate: 10.0 → 22.0 mL/h");
  g_assert_cmpstr (ward_device_change_get_reason (unusual), ==, "Bleeding risk reviewed, doctor's order");
  crossing = ward_device_change_describe_unusual (unusual);
  g_assert_cmpstr (crossing, ==, "Outside the usual range: 22.0 mL/h is above the usual maximum of 20.0 mL/h.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/devices/witness/words-follow-permission", Ward, NULL, ward_set_up, test_words_follow_permission,
              ward_tear_down);
  g_test_add ("/devices/witness/refusals-named", Ward, NULL, ward_set_up, test_refusals_named, ward_tear_down);
  g_test_add ("/devices/witness/witness-is-told", Ward, NULL, ward_set_up, test_witness_is_told, ward_tear_down);
  return g_test_run ();
}
