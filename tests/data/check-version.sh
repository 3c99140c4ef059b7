#!/bin/sh
# check-version.sh: PROGRAM --version prints its name and the project's
# version on one line and exits 0, without needing a display or a database.
# Usage: check-version.sh PROGRAM NAME VERSION
set -eu
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$1" --version)
echo "$out"
case "$out" in
  "$2 $3"|"$2 $3 (demo build)") ;;
  *) echo "expected “$2 $3”" >&2; exit 1 ;;
esac
