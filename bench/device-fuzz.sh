#!/bin/sh
# device-fuzz.sh: the randomised device-change test at scale (a million requests by default, a fresh seed)
#
#   bench/device-fuzz.sh BUILD_DIR [REQUESTS] [SEED]
#
# Runs tests/app/devices/test-device-fuzz from BUILD_DIR against its own
# wardgate-devsim on a private D-Bus session bus. Progress, the seed (to
# replay a failure) and the figures go to standard error; the exit status is
# non-zero when any request broke a rule.
set -eu

build=${1:?usage: $0 BUILD_DIR [REQUESTS] [SEED]}
requests=${2:-1000000}
seed=${3:-random}
source_root=$(cd "$(dirname "$0")/.." && pwd)

ninja -C "$build" tests/app/devices/test-device-fuzz app/devsim/wardgate-devsim >/dev/null
WARDGATE_FUZZ_REQUESTS=$requests \
WARDGATE_FUZZ_SEED=$seed \
WARDGATE_DEVSIM="$build/app/devsim/wardgate-devsim" \
WARDGATE_CATALOGUE="$source_root/data/devices/catalogue.xml" \
  exec dbus-run-session -- "$build/tests/app/devices/test-device-fuzz" -p /device-change/fuzz/random-requests
