/* ward-admin-util.h: what the administration sections share: the acting person, messages, names, times, shares, emergency sessions */
#pragma once

#include <gtk/gtk.h>

#include "app/admin/ward-break-glass-review.h"
#include "app/ward-kiosk.h"

G_BEGIN_DECLS

typedef enum
{
  WARD_ADMIN_TONE_INFO,
  WARD_ADMIN_TONE_SUCCESS,
  WARD_ADMIN_TONE_ERROR,
} WardAdminTone;

WardActor  *ward_admin_get_actor        (WardKiosk     *kiosk,
                                         GError       **error);
void        ward_admin_show_message     (GtkLabel      *label,
                                         WardAdminTone  tone,
                                         const char    *text);
void        ward_admin_hide_message     (GtkLabel      *label);
void        ward_admin_clear_list       (GtkListBox    *list);
char       *ward_admin_format_time      (gint64         unix_seconds);
char       *ward_admin_format_percent   (int            percent);
char       *ward_admin_describe_session (const WardSessionRecord *session);
const char *ward_admin_role_title       (const char    *role);
const char *ward_admin_role_heading     (const char    *role);
const char *ward_admin_permission_title (const char    *permission);
gboolean    ward_admin_permission_has_title (const char *permission);
GtkWidget  *ward_admin_list_placeholder (const char    *text);
GtkWidget  *ward_admin_warning_tag_new  (const char    *text,
                                         GtkAlign       valign);
char       *ward_admin_group_secret     (const char    *secret);
void        ward_admin_wipe_string      (char          *text);

G_END_DECLS
