#!/bin/sh
# kiosk-under-cage.sh: the kiosk as wardgate-kiosk.service runs it, cage --
# wardgate, on a headless output as an unprivileged user: it draws its lock
# screen with the site file's policy; a site file others could write puts it
# out of service, saying why; and a kill -9 of the kiosk takes cage down with
# it, which is what lets systemd's Restart=always bring both back.
# Usage: kiosk-under-cage.sh WARDGATE WARDGATE_ADMIN SCHEMA_DIR CATALOGUE CHECKER OUTPUT_DIR UNIT
set -eu
wardgate=$1 admin=$2 schemas=$3 catalogue=$4 checker=$5 output=$6 unit=$7

work=$(mktemp -d)
cage_pid=
cleanup() {
  if [ -n "$cage_pid" ] && kill -0 "$cage_pid" 2>/dev/null; then
    kill "$cage_pid" 2>/dev/null || true
    wait "$cage_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

# cage refuses to run as root: as root (CI), the kiosk runs as nobody, and
# the site file stays root's, as on a bedside PC.
# The prefix is a plain word list, not a function: a command started in the
# background through it is then cage itself, and $! is cage's pid.
if [ "$(id -u)" -eq 0 ]; then
  as_kiosk="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups --"
  owner="nobody:$(id -g nobody)"
else
  as_kiosk=
  owner=
fi

mkdir -p "$work/run" "$work/home" "$work/etc" "$work/bin" "$work/schemas"
chmod 700 "$work/run"
# The build folder may sit where the kiosk's user cannot go (/root in CI):
# the programs (their resources are built in) and the data they read are
# copied into the test's own folder.
cp "$wardgate" "$admin" "$work/bin/"
wardgate="$work/bin/$(basename "$wardgate")"
admin="$work/bin/$(basename "$admin")"
cp "$schemas/gschemas.compiled" "$work/schemas/"
schemas="$work/schemas"
cp "$catalogue" "$work/etc/catalogue.xml"
catalogue="$work/etc/catalogue.xml"
chmod -R a+rX "$work/bin" "$work/schemas" "$work/etc"
[ -z "$owner" ] || chown "$owner" "$work/run" "$work/home"
mkdir -p "$output/screenshots"

$as_kiosk env HOME="$work/home" WARDGATE_DB="$work/home/wardgate.db" "$admin" init > /dev/null

# A root-owned file is safe for nobody; run unprivileged, the test's own
# file would be refused (its owner is the kiosk user), so the lock screen
# run then takes the defaults.
printf '[site]\nname = Cage Test General\nward = Ward 9\nbed = Bed 1\n[session]\nidle-lock-seconds = 60\n' > "$work/etc/wardgate.conf"
chmod 644 "$work/etc/wardgate.conf"
good_config=
[ -z "$owner" ] || good_config="$work/etc/wardgate.conf"
printf '[site]\nname = Anyone Could Write This\n' > "$work/etc/unsafe.conf"
chmod 666 "$work/etc/unsafe.conf"

# Starts the kiosk under cage; $1: the site file, or empty for none.
# Two 90° turns: the output keeps its size but the kiosk's buffer no longer
# matches its transform, so cage composes the frame itself instead of
# scanning the client's buffer out directly, and grim can copy it.
start_kiosk() {
  $as_kiosk env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/run" \
      WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schemas" \
      WARDGATE_CATALOGUE="$catalogue" ${1:+WARDGATE_CONFIG=$1} \
      LANGUAGE=C LC_ALL=C.UTF-8 GTK_A11Y=none NO_AT_BRIDGE=1 GSK_RENDERER=cairo \
      DBUS_SESSION_BUS_ADDRESS=disabled: \
      cage -d -r -r -- "$wardgate" --db "$work/home/wardgate.db" > "$work/cage.log" 2>&1 &
  cage_pid=$!
}

# Waits until the screen shows what the checker expects (the first frames
# may still be the empty output), then keeps that capture.
capture_until() {
  name=$1
  shift
  tries=0
  while :; do
    if ! kill -0 "$cage_pid" 2>/dev/null; then
      cat "$work/cage.log" >&2
      echo "cage exited before the kiosk was drawn" >&2
      exit 1
    fi
    if $as_kiosk env XDG_RUNTIME_DIR="$work/run" WAYLAND_DISPLAY=wayland-0 grim "$work/run/shot.png" 2>/dev/null \
       && python3 "$checker" "$work/run/shot.png" "$@" > "$work/check.log" 2>&1; then
      cat "$work/check.log"
      cp "$work/run/shot.png" "$output/screenshots/$name"
      return 0
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
      cat "$work/check.log" "$work/cage.log" >&2
      exit 1
    fi
    sleep 1
  done
}

stop_kiosk() {
  kill "$cage_pid"
  wait "$cage_pid" || true
  cage_pid=
}

# 1. The lock screen: navy page, no amber out-of-service card.
start_kiosk "$good_config"
capture_until cage-lock-screen.png 1280 720 0b1f33 --absent ffb547
if grep -q "not protected\|out of service" "$work/cage.log"; then
  cat "$work/cage.log" >&2
  exit 1
fi

# 2. kill -9 of the kiosk: cage leaves with it, so the unit's main process
# ends and systemd restarts the unit (Restart=always, RestartSec=2s).
# setpriv and env replace themselves: $! is cage, and its child the kiosk.
[ "$(cat /proc/$cage_pid/comm)" = cage ] || { echo "pid $cage_pid is not cage" >&2; exit 1; }
kiosk_pid=$(pgrep -P "$cage_pid" -x wardgate || true)
[ -n "$kiosk_pid" ] || { echo "no kiosk process under cage" >&2; exit 1; }
kill -9 "$kiosk_pid"
waited=0
while kill -0 "$cage_pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
  sleep 0.1
  waited=$((waited + 1))
done
if kill -0 "$cage_pid" 2>/dev/null; then
  echo "cage kept running after its kiosk was killed" >&2
  exit 1
fi
status=0
wait "$cage_pid" || status=$?
# cage does not pass the kiosk's death on: it exits 0, and systemd sees a
# clean stop. Only Restart=always (not on-failure) brings the kiosk back.
echo "kill -9 of the kiosk (pid $kiosk_pid): cage (pid $cage_pid) exited with status $status within $((waited * 100 + 100)) ms"
cage_pid=
grep -q '^Restart=always$' "$unit" || { echo "the kiosk's unit does not restart it after a clean exit" >&2; exit 1; }

# 3. A site file anyone may write: the kiosk stays out of service (amber
# page and card) and says why on its standard error (the journal).
start_kiosk "$work/etc/unsafe.conf"
capture_until cage-unsafe-config.png 1280 720 2b1e06 --present ffb547
stop_kiosk
grep "is not protected" "$work/cage.log"
