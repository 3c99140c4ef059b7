/* ward-enrolment-section.h: enrolling one person's badge, security keys and authenticator app at the kiosk */
#pragma once

#include <gtk/gtk.h>

#include "ui/admin/ward-admin-section.h"

G_BEGIN_DECLS

#define WARD_TYPE_ENROLMENT_SECTION (ward_enrolment_section_get_type ())
G_DECLARE_FINAL_TYPE (WardEnrolmentSection, ward_enrolment_section, WARD, ENROLMENT_SECTION, WardAdminSection)

void     ward_enrolment_section_start          (WardEnrolmentSection *self,
                                                const char           *username,
                                                const char           *news);
gboolean ward_enrolment_section_wants_badge    (WardEnrolmentSection *self);
gboolean ward_enrolment_section_badge_read     (WardEnrolmentSection *self,
                                                const char           *uid);

G_END_DECLS
