/* test-device-change-races.c: each rule checked again at the moment of sending, one race at a time */
#include "config.h"

#include "tests/app/devices/ward-change-test-ward.h"

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  return g_test_run ();
}
