/* ward-device-page-view.c: the device page's screen: the device's own reading, the change being
 * prepared, and the answer card that follows every read. The page's lifecycle (ward-device-page.c)
 * and its checks (ward-device-page-apply.c) call down into this file; it calls neither. */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "app/devices/ward-device-snapshot.h"
#include "app/devices/ward-device-title.h"
#include "ui/devices/ward-device-card.h"
#include "ui/devices/ward-device-page-private.h"
#include "ui/ward-format.h"
#include "ui/ward-widget-util.h"

WardSession *
_ward_device_page_session (WardDevicePage *self)
{
  /* Only a session that may still act: an idle-locked one shows nothing. */
  if (ward_kiosk_get_actor (self->kiosk) == NULL)
    return NULL;
  return ward_auth_flow_get_session (ward_kiosk_get_flow (self->kiosk));
}

static WardCatalogue *
page_catalogue (WardDevicePage *self)
{
  return ward_kiosk_get_catalogue (self->kiosk);
}

static char *
page_drug (WardDevicePage *self)
{
  g_autofree char *drug = NULL;

  if (self->settings != NULL && g_variant_lookup (self->settings, WARD_DEVICE_SETTING_DRUG, "s", &drug)
      && *drug != '\0')
    return g_steal_pointer (&drug);
  return NULL;
}

static gboolean
page_current (WardDevicePage *self,
              const char     *param,
              double         *value)
{
  return self->settings != NULL && g_variant_lookup (self->settings, param, "d", value);
}

static gboolean
page_can_change (WardDevicePage *self)
{
  return self->device != NULL && self->device->status != WARD_DEVICE_STATUS_OFFLINE
      && self->settings != NULL && !self->busy && _ward_device_page_session (self) != NULL;
}

/* -- Words ------------------------------------------------------------ */

/* "Rate 10.0 → 12.0 mL/h": the old value as the device reported it. */
char *
_ward_device_page_summary (WardDevicePage *self)
{
  const WardParameterSpec *param;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  double old_value;

  if (self->pending_param == NULL)
    return NULL;
  param = ward_catalogue_get_parameter (page_catalogue (self), self->device->class_id, self->pending_param);
  old_text = page_current (self, self->pending_param, &old_value) ? ward_catalogue_format_value (param, old_value)
                                                                  : g_strdup (_("unknown"));
  new_text = ward_catalogue_format_with_unit (param, self->pending_value);
  /* Translators: a pending change: setting, old value → new value with unit, e.g. "Rate 10.0 → 12.0 mL/h". */
  return g_strdup_printf (_("%s %s → %s"), ward_parameter_spec_get_label (param), old_text, new_text);
}

void
_ward_device_page_show_problem (WardDevicePage *self,
                                const char     *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

/* -- Header ------------------------------------------------------------ */

static const char *
page_notice (WardDevicePage *self)
{
  WardSession *session = _ward_device_page_session (self);

  if (self->device->status == WARD_DEVICE_STATUS_OFFLINE)
    return _("This device is offline: nothing can be changed until it answers again.");
  if (self->settings == NULL)
    return _("The settings of this device could not be read, so nothing can be changed just now.");
  if (session != NULL && ward_session_get_kind (session) == WARD_SESSION_KIND_BREAK_GLASS)
    return _("Emergency access: every change is recorded and reviewed.");
  return NULL;
}

static void
page_update_header (WardDevicePage *self)
{
  g_autofree char *drug_id = page_drug (self);
  const WardDrugSpec *drug = drug_id != NULL
    ? ward_catalogue_get_drug (page_catalogue (self), self->device->class_id, drug_id) : NULL;
  const char *notice = page_notice (self);
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->title_label, ward_device_title (page_catalogue (self), self->device));
  if (self->device->status == WARD_DEVICE_STATUS_ALARM && self->device->alarm != NULL)
    /* Translators: the device page's subtitle during an alarm: "Alarm: Occlusion downstream". */
    subtitle = g_strdup_printf (_("Alarm: %s"), self->device->alarm);
  else
    subtitle = g_strdup (drug != NULL ? ward_drug_spec_get_label (drug) : ward_kiosk_get_bed (self->kiosk));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->status_label, ward_device_status_text (self->device));
  ward_device_status_style (GTK_WIDGET (self->status_label), self->device->status);
  gtk_label_set_label (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

/* -- Rows ------------------------------------------------------------------ */

WardParameterRow *
ward_device_page_get_row (WardDevicePage *self,
                          const char     *parameter)
{
  g_return_val_if_fail (WARD_IS_DEVICE_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      WardParameterRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (ward_parameter_row_get_parameter (row)->id, parameter) == 0)
        return row;
    }
  return NULL;
}

static void
page_update_row (WardDevicePage   *self,
                 WardParameterRow *row,
                 const char       *drug)
{
  const WardParameterSpec *param = ward_parameter_row_get_parameter (row);
  g_autofree char *current = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *limits = ward_catalogue_describe_limits (page_catalogue (self), self->device->class_id, param, drug);
  WardLimits unused;
  double value;

  if (page_current (self, param->id, &value))
    {
      current = ward_catalogue_format_with_unit (param, value);
      number = ward_catalogue_format_value (param, value);
    }
  if (g_strcmp0 (self->pending_param, param->id) == 0)
    pending = ward_catalogue_format_with_unit (param, self->pending_value);
  ward_parameter_row_update (row, current, number, pending, limits,
                             ward_catalogue_is_high_alert (page_catalogue (self), self->device->class_id, param->id, drug),
                             page_can_change (self) && current != NULL
                             && ward_catalogue_get_limits (page_catalogue (self), self->device->class_id, param->id,
                                                           drug, &unused));
}

/* Every value on screen carries its age: a nurse can tell a fresh
 * reading from one the device has not confirmed for a while. */
void
_ward_device_page_update_ages (WardDevicePage *self)
{
  g_autofree char *age = NULL;

  if (self->settings != NULL && self->read_at != 0)
    age = ward_format_read_age ((g_get_monotonic_time () - self->read_at) / G_USEC_PER_SEC);
  for (guint i = 0; i < self->rows->len; i++)
    ward_parameter_row_set_age (g_ptr_array_index (self->rows, i), age);
}

/* A typed value is taken as typed: the checks say what is wrong with it. */
static void
page_set_pending (WardDevicePage          *self,
                  const WardParameterSpec *param,
                  double                   value)
{
  double current;

  if (page_current (self, param->id, &current) && fabs (current - value) < param->step * 1e-6)
    {
      _ward_device_page_clear_pending (self);
      return;
    }
  g_free (self->pending_param);
  self->pending_param = g_strdup (param->id);
  self->pending_value = value;
  gtk_widget_set_visible (self->result_box, FALSE);
  g_clear_object (&self->sent_change);
  _ward_device_page_update (self);
}

static void
on_row_step (WardParameterRow *row,
             int               direction,
             WardDevicePage   *self)
{
  const WardParameterSpec *param = ward_parameter_row_get_parameter (row);
  g_autofree char *drug = page_drug (self);
  WardLimits limits;
  double base, value;

  if (!page_can_change (self))
    return;
  if (g_strcmp0 (self->pending_param, param->id) == 0)
    base = self->pending_value;
  else if (!page_current (self, param->id, &base))
    return;
  /* Back onto the step grid first, so every tap lands on an allowed
   * value; the steppers stop at the hard limits. */
  value = round (base / param->step + direction) * param->step;
  if (ward_catalogue_get_limits (page_catalogue (self), self->device->class_id, param->id, drug, &limits))
    value = CLAMP (value, limits.hard_min, limits.hard_max);
  page_set_pending (self, param, value);
}

static void
on_row_edit (WardParameterRow *row,
             WardDevicePage   *self)
{
  const WardParameterSpec *param = ward_parameter_row_get_parameter (row);
  g_autofree char *drug = page_drug (self);
  g_autofree char *limits = ward_catalogue_describe_limits (page_catalogue (self), self->device->class_id, param, drug);

  if (page_can_change (self))
    ward_value_entry_open (self->value_entry, param, limits);
}

static void
on_value_entered (WardValueEntry *entry,
                  double          value,
                  WardDevicePage *self)
{
  const WardParameterSpec *param = ward_value_entry_get_parameter (entry);

  if (param != NULL && page_can_change (self))
    page_set_pending (self, param, value);
}

static gboolean
page_rows_match (WardDevicePage *self,
                 GPtrArray      *permitted)
{
  if (permitted->len != self->rows->len)
    return FALSE;
  for (guint i = 0; i < permitted->len; i++)
    if (ward_parameter_row_get_parameter (g_ptr_array_index (self->rows, i)) != g_ptr_array_index (permitted, i))
      return FALSE;
  return TRUE;
}

/* Only what this session may change: a nurse never sees biomed's settings. */
static void
page_build_rows (WardDevicePage *self)
{
  WardSession *session = _ward_device_page_session (self);
  g_autoptr(GPtrArray) permitted = session != NULL
    ? ward_catalogue_list_permitted (page_catalogue (self), self->device->class_id, session)
    : g_ptr_array_new ();
  GtkWidget *child;

  if (page_rows_match (self, permitted))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < permitted->len; i++)
    {
      GtkWidget *row = ward_parameter_row_new (g_ptr_array_index (permitted, i));

      g_signal_connect_object (row, "step", G_CALLBACK (on_row_step), self, 0);
      g_signal_connect_object (row, "edit", G_CALLBACK (on_row_edit), self, 0);
      gtk_box_append (self->rows_box, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->no_rows_label, permitted->len == 0);
}
/* -- The change panel ----------------------------------------------------- */

const char *
_ward_device_page_reason (WardDevicePage *self)
{
  return ward_reason_picker_get_reason (self->reason_picker);
}

GtkWidget *
ward_device_page_get_reason_button (WardDevicePage *self,
                                    guint           index)
{
  return ward_reason_picker_get_button (self->reason_picker, index);
}

static void
on_reason_changed (WardReasonPicker *picker,
                   WardDevicePage   *self)
{
  _ward_device_page_show_problem (self, NULL);
}

/* The checks of the pipeline, run as the value changes: the screen only
 * explains them; Apply runs them again. */
static void
page_check_pending (WardDevicePage *self)
{
  WardSession *session = _ward_device_page_session (self);
  WardDeviceChangeContext context;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->change);
  /* The pipeline would refuse it too (nothing is sent to a device that
   * cannot be read); said here before Apply is pressed. */
  if (self->device->status == WARD_DEVICE_STATUS_OFFLINE || self->settings == NULL)
    {
      _ward_device_page_show_problem (self, _("This device is offline: the change cannot be sent."));
      return;
    }
  if (session == NULL || !ward_kiosk_get_change_context (self->kiosk, &context))
    {
      _ward_device_page_show_problem (self, _("Devices cannot be changed from this kiosk just now."));
      return;
    }
  self->change = ward_device_change_new (&context, session, self->device, self->settings,
                                         self->pending_param, self->pending_value);
  if (!ward_device_change_validate (self->change, &error))
    {
      _ward_device_page_show_problem (self, error->message);
      return;
    }
  _ward_device_page_show_problem (self, NULL);
  if (ward_device_change_needs_confirmation (self->change))
    {
      g_autofree char *message = ward_format_keep_values_whole (ward_device_change_get_limit_message (self->change));

      gtk_label_set_label (self->warning_label, message);
    }
}

static void
page_update_panel (WardDevicePage *self)
{
  gboolean pending = self->pending_param != NULL;
  g_autofree char *summary = _ward_device_page_summary (self);
  g_autofree char *drug_id = page_drug (self);
  const WardParameterSpec *param = pending
    ? ward_catalogue_get_parameter (page_catalogue (self), self->device->class_id, self->pending_param) : NULL;
  const WardDrugSpec *drug = drug_id != NULL && param != NULL && param->drug_limits
    ? ward_catalogue_get_drug (page_catalogue (self), self->device->class_id, drug_id) : NULL;
  gboolean valid, warned;

  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), !pending && !self->busy);
  gtk_widget_set_visible (self->summary_box, pending);
  gtk_widget_set_visible (self->actions_box, pending && !self->busy);
  if (!pending)
    {
      g_clear_object (&self->change);
      gtk_widget_set_visible (self->warning_box, FALSE);
      _ward_device_page_show_problem (self, NULL);
      return;
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->drug_label, drug != NULL ? ward_drug_spec_get_label (drug) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->drug_label), drug != NULL);
  if (self->busy)
    return;
  page_check_pending (self);
  valid = self->change != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->problem_label));
  warned = gtk_widget_get_visible (self->warning_box);
  gtk_widget_set_visible (self->warning_box, valid && ward_device_change_needs_confirmation (self->change));
  /* On a small screen the warning and its reasons sit below the fold: a
   * nurse must see why Apply will ask for more, and the first reason to
   * pick, before she presses it. */
  if (!warned && gtk_widget_get_visible (self->warning_box))
    ward_widget_scroll_into_view (self->panel_scroller, ward_reason_picker_get_button (self->reason_picker, 0));
  gtk_widget_set_visible (self->check_label, valid && ward_device_change_is_high_alert (self->change));
  if (valid && ward_device_change_is_high_alert (self->change))
    {
      /* Who may check, as the witness card will say it: from the roles
       * that hold the permission, never "a second nurse" by habit. */
      g_autofree char *who = ward_device_change_describe_witnesses (self->change, NULL);
      /* Translators: under a high-alert change, e.g. "A charge nurse must check this change before it is sent." */
      g_autofree char *note = g_strdup_printf (_("%s before it is sent."), who);

      gtk_label_set_label (GTK_LABEL (self->check_label), note);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "device.apply", valid);
}

void
_ward_device_page_update (WardDevicePage *self)
{
  g_autofree char *drug = NULL;

  if (self->device == NULL)
    return;
  drug = page_drug (self);
  page_update_header (self);
  for (guint i = 0; i < self->rows->len; i++)
    page_update_row (self, g_ptr_array_index (self->rows, i), drug);
  page_update_panel (self);
}

void
_ward_device_page_clear_pending (WardDevicePage *self)
{
  g_clear_pointer (&self->pending_param, g_free);
  g_clear_object (&self->change);
  ward_reason_picker_forget (self->reason_picker);
  _ward_device_page_update (self);
}

/* -- Loading -------------------------------------------------------------- */

/* Nothing is shown that cannot be trusted: no rows, only the reason. */
void
_ward_device_page_show_missing (WardDevicePage *self,
                                const char     *message)
{
  GtkWidget *child;

  g_clear_pointer (&self->device, ward_device_info_free);
  g_clear_pointer (&self->settings, g_variant_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (self->no_rows_label, FALSE);
  gtk_label_set_label (self->title_label, _("Device unavailable"));
  gtk_label_set_label (self->subtitle_label, ward_kiosk_get_bed (self->kiosk));
  gtk_label_set_label (self->status_label, _("Unavailable"));
  ward_device_status_style (GTK_WIDGET (self->status_label), WARD_DEVICE_STATUS_OFFLINE);
  gtk_label_set_label (self->notice_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
  g_clear_pointer (&self->pending_param, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
  gtk_widget_set_visible (self->summary_box, FALSE);
  gtk_widget_set_visible (self->actions_box, FALSE);
  gtk_widget_set_visible (self->warning_box, FALSE);
  self->read_at = 0;
  _ward_device_page_after_read (self);
  _ward_device_page_refresh_history (self);
}

static void
page_finish_load (WardDevicePage *self)
{
  self->read_at = self->settings != NULL ? g_get_monotonic_time () : 0;
  page_build_rows (self);
  _ward_device_page_update (self);
  _ward_device_page_update_ages (self);
  _ward_device_page_after_read (self);
  _ward_device_page_refresh_history (self);
}

static void
on_snapshot_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  WardDevicePage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WardDeviceSnapshot) snapshot = ward_device_snapshot_read_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (snapshot == NULL)
    {
      _ward_device_page_show_missing (self, error->message);
      return;
    }
  g_clear_pointer (&self->device, ward_device_info_free);
  g_clear_pointer (&self->settings, g_variant_unref);
  self->device = g_steal_pointer (&snapshot->device);
  self->settings = g_steal_pointer (&snapshot->settings);
  page_finish_load (self);
}

/* Status and settings, both from the device: the screen shows what is in
 * effect, never what was asked for. */
void
_ward_device_page_reload (WardDevicePage *self)
{
  WardDeviceLink *link = ward_kiosk_get_device_link (self->kiosk);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->device_id == NULL)
    return;
  if (ward_kiosk_get_catalogue (self->kiosk) == NULL)
    _ward_device_page_show_missing (self, _("The device list of this kiosk could not be loaded, so devices cannot be adjusted here. "
                               "Call IT."));
  else if (link == NULL || !ward_device_link_is_available (link))
    _ward_device_page_show_missing (self, _("The bedside devices cannot be reached from this kiosk just now."));
  else
    {
      self->load_cancellable = g_cancellable_new ();
      ward_device_snapshot_read_async (link, ward_kiosk_get_bed (self->kiosk), self->device_id,
                                       self->load_cancellable, on_snapshot_read, self);
    }
}

/* -- The answer ------------------------------------------------------------- */

/* From Apply to the answer the nurse is waiting, not idle: a witness
 * badging in or a slow pump must not find the screen locked. */
void
_ward_device_page_release_session (WardDevicePage *self)
{
  if (self->held_session != NULL)
    ward_session_release (self->held_session);
  g_clear_object (&self->held_session);
}

void
_ward_device_page_set_busy (WardDevicePage *self,
                            gboolean        busy,
                            const char     *what)
{
  WardSession *session = _ward_device_page_session (self);
  gboolean was_held = self->held_session != NULL;

  if (busy && self->held_session == NULL && session != NULL)
    {
      self->held_session = g_object_ref (session);
      ward_session_hold (session);
    }
  else if (!busy)
    _ward_device_page_release_session (self);
  /* The session bar says "No lock while you wait" from this moment, not
   * from the window's next tick a second later. */
  if ((self->held_session != NULL) != was_held)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.session-hold-changed", NULL);
  self->busy = busy;
  gtk_label_set_label (self->busy_label, what != NULL ? what : "");
  gtk_widget_set_visible (self->busy_box, busy && what != NULL);
  if (busy && what != NULL)
    gtk_spinner_start (self->busy_spinner);
  else
    gtk_spinner_stop (self->busy_spinner);
  _ward_device_page_update (self);
}

/* Every key touch awaited is cancelled, every overlay put away; what was
 * already sent goes on to its answer. */
void
_ward_device_page_stop_checks (WardDevicePage *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->step_up_overlay), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->witness_overlay), FALSE);
}


void
_ward_device_page_show_result (WardDevicePage *self,
                               const char     *title,
                               const char     *message,
                               const char     *style)
{
  static const char *const styles[] = { "result-applied", "result-refused", "result-no-answer", "result-not-sent" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (self->result_box, styles[i]);
  gtk_widget_add_css_class (self->result_box, style);
  gtk_label_set_label (self->result_title, title);
  gtk_label_set_label (self->result_label, message);
  gtk_widget_set_visible (self->result_box, TRUE);
}

static const char *
outcome_title (WardChangeOutcome outcome,
               gboolean          late,
               const char      **style)
{
  switch (outcome)
    {
    case WARD_CHANGE_APPLIED:
      *style = "result-applied";
      return late ? _("Applied late") : _("Applied");
    case WARD_CHANGE_REFUSED:
      *style = "result-refused";
      return _("Refused by the device");
    case WARD_CHANGE_NO_ANSWER:
    default:
      *style = "result-no-answer";
      return _("No answer from the device");
    }
}

/* Every read of the device refreshes the card from that same read, so the
 * card and the rows never show two different "current" values; a read
 * that shows a change without an answer in effect puts the late apply on
 * file and on screen. */
void
_ward_device_page_after_read (WardDevicePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *style = NULL;
  const char *title;

  if (self->sent_change == NULL)
    return;
  if (!ward_device_change_reconcile (self->sent_change, self->settings, &error) && error != NULL)
    g_warning ("Could not record a late answer from device %s: %s", self->device_id, error->message);
  title = outcome_title (ward_device_change_get_outcome (self->sent_change),
                         ward_device_change_is_applied_late (self->sent_change), &style);
  message = ward_device_change_describe_reading (self->sent_change, self->settings);
  _ward_device_page_show_result (self, title, message, style);
  if (self->awaiting_read)
    {
      self->awaiting_read = FALSE;
      _ward_device_page_set_busy (self, FALSE, NULL);
    }
}

void
_ward_device_page_install_view_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_value_entered);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed);
}
