/* ward-audit-words.h: every audit event in words an administrator reads, instead of its id */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *ward_audit_words_for_event (const char *event);

G_END_DECLS
