#!/bin/sh
# verify-units.sh: systemd-analyze verify on the kiosk's units, as built,
# with the programs they start taken from the build folder (the installed
# paths do not exist yet) and their man pages from it too. Any complaint,
# even one systemd counts as a warning, fails the test.
# Usage: verify-units.sh BINDIR WARDGATE DEVSIM MANDIR UNIT...
set -eu
bindir=$1 wardgate=$2 devsim=$3 mandir=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/units" "$work/man/man1" "$work/man/man5" "$work/man/man8"
for page in "$mandir"/*.[158]; do
  section=${page##*.}
  ln -s "$page" "$work/man/man$section/"
done
for unit in "$@"; do
  sed -e "s#$bindir/wardgate-devsim#$devsim#g" \
      -e "s#$bindir/wardgate\$#$wardgate#g" \
      "$unit" > "$work/units/$(basename "$unit")"
done

cd "$work/units"
MANPATH="$work/man" systemd-analyze verify --man=yes ./*.service > "$work/out" 2>&1 || status=$?
cat "$work/out"
if [ "${status:-0}" -ne 0 ] || [ -s "$work/out" ]; then
  echo "systemd-analyze verify complained" >&2
  exit 1
fi
echo "verified: $(ls)"

# The sandbox may not loosen unnoticed: exposure at most 2.0 for the kiosk
# (it needs the GPU, input, FIDO2 keys and its tty), 1.0 for the gateway.
for unit in *.service; do
  case "$unit" in
    wardgate-kiosk.service) threshold=20 ;;
    *) threshold=10 ;;
  esac
  systemd-analyze security --offline=true --threshold=$threshold --no-pager "./$unit" | tail -n 1
done
