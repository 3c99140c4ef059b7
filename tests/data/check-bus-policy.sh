#!/bin/sh
# check-bus-policy.sh: the system-bus policy of the device gateway, on a
# private bus configured as the system bus is (Debian's system.conf plus the
# shipped policy): only the gateway's user may own the name, the kiosk's user
# may call the gateway, anyone else is refused. The policy's users stand in
# as existing accounts: wardgate-gateway as nobody, wardgate as daemon, and
# a stranger is www-data. Switching users needs root (CI runs as root).
# Usage: check-bus-policy.sh POLICY DEVSIM
set -eu
policy=$1 devsim=$2
if [ "$(id -u)" -ne 0 ]; then
  echo "1..0 # SKIP switching between the gateway's, the kiosk's and a stranger's user needs root"
  exit 77
fi

work=$(mktemp -d)
bus_pid= gateway_pid=
cleanup() {
  [ -z "$gateway_pid" ] || kill "$gateway_pid" 2>/dev/null || true
  [ -z "$bus_pid" ] || kill "$bus_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
mkdir "$work/state"
chown nobody:"$(id -g nobody)" "$work/state"
cp "$devsim" "$work/wardgate-devsim"
chmod 755 "$work/wardgate-devsim"

sed -e 's/user="wardgate-gateway"/user="nobody"/' -e 's/user="wardgate"/user="daemon"/' "$policy" > "$work/policy.conf"
cat > "$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <include>/usr/share/dbus-1/system.conf</include>
  <include>$work/policy.conf</include>
</busconfig>
CONF
address="unix:path=$work/bus"
dbus-daemon --config-file="$work/bus.conf" --address="$address" --nofork --nopidfile --nosyslog 2> "$work/bus.log" &
bus_pid=$!
tries=0
until [ -S "$work/bus" ] || [ "$tries" -ge 50 ]; do sleep 0.1; tries=$((tries + 1)); done
[ -S "$work/bus" ] || { cat "$work/bus.log" >&2; echo "the bus did not start" >&2; exit 1; }

as() {
  who=$1
  shift
  setpriv --reuid="$who" --regid="$(id -g "$who")" --clear-groups env DBUS_SYSTEM_BUS_ADDRESS="$address" "$@"
}
ping_gateway() {
  as "$1" gdbus call --system --dest io.github.wardgate.DeviceGateway1 \
    --object-path /io/github/wardgate/DeviceGateway1 --method org.freedesktop.DBus.Peer.Ping
}
own_name() {
  as "$1" dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.RequestName string:io.github.wardgate.DeviceGateway1 uint32:4
}

# Nobody but the gateway's user may take the name, not even the kiosk's.
for who in daemon www-data; do
  if own_name "$who" > "$work/out" 2>&1; then
    cat "$work/out" >&2
    echo "user $who was allowed to own the gateway's name" >&2
    exit 1
  fi
  grep -q "AccessDenied" "$work/out" || { cat "$work/out" >&2; exit 1; }
  echo "ok: user $who may not own io.github.wardgate.DeviceGateway1"
done

# A plain command, not the function: $! is then the gateway itself.
setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env DBUS_SYSTEM_BUS_ADDRESS="$address" \
  "$work/wardgate-devsim" --system --state "$work/state" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
tries=0
until ping_gateway daemon > "$work/out" 2>&1 || [ "$tries" -ge 50 ]; do sleep 0.1; tries=$((tries + 1)); done
if ! ping_gateway daemon > "$work/out" 2>&1; then
  cat "$work/out" "$work/gateway.log" "$work/bus.log" >&2
  echo "the kiosk's user cannot reach the gateway run by the gateway's user" >&2
  exit 1
fi
echo "ok: the gateway's user owns the name and the kiosk's user reaches it"

if ping_gateway www-data > "$work/out" 2>&1; then
  echo "a stranger reached the gateway" >&2
  exit 1
fi
grep -q "AccessDenied" "$work/out" || { cat "$work/out" >&2; exit 1; }
echo "ok: a stranger is refused"
