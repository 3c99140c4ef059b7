/* ward-test-files.h: a test's temporary folder, removed with all it holds */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void ward_test_remove_tree (const char *path);

G_END_DECLS
