/* ward-test-devsim.h: wardgate-devsim run for a test, on the test's own session bus */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  /* Its devices.ini lives here; a test may put other files beside it. */
  char        *state_dir;
  GSubprocess *process;
} WardTestDevsim;

void ward_test_devsim_init    (WardTestDevsim     *devsim);
void ward_test_devsim_start   (WardTestDevsim     *devsim,
                               const char         *state,
                               const char * const *extra);
void ward_test_devsim_stop    (WardTestDevsim     *devsim);
void ward_test_devsim_clear   (WardTestDevsim     *devsim);
void ward_test_devsim_control (const char         *method,
                               GVariant           *parameters);

G_END_DECLS
