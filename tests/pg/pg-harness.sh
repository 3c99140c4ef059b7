#!/usr/bin/env bash
# pg-harness.sh: runs a test program against a PostgreSQL server of its own.
# The server lives in a temporary folder, listens on a Unix socket only, runs
# as an unprivileged OS user when started by root, and is always stopped.
# Usage: pg-harness.sh PROGRAM [ARGS…]
set -euo pipefail

bindir=""
for candidate in "${WARDGATE_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
  echo "Bail out! no PostgreSQL server binaries (install postgresql-15)" >&2
  exit 99
fi

run_as=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  # The server refuses to run as root.
  owner="wardgate-test"
  if ! id "$owner" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner" 2>/dev/null \
      || id "$owner" >/dev/null 2>&1
  fi
  run_as=(runuser -u "$owner" --)
fi

top="$(mktemp -d /tmp/wardgate-pg-XXXXXX)"
chmod 0755 "$top"
mkdir -p "$top/data" "$top/sock"
[ "$(id -u)" -eq 0 ] && chown "$owner" "$top/data" "$top/sock"

stop() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$top/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$top"
}
trap stop EXIT

"${run_as[@]}" "$bindir/initdb" -D "$top/data" --auth=trust --username=wardgate_admin \
  --encoding=UTF8 --locale=C.UTF-8 >"$top/initdb.log" 2>&1 || { cat "$top/initdb.log" >&2; exit 99; }
# Durability is not under test here: fsync off keeps hundreds of fresh
# databases fast on a small machine.
"${run_as[@]}" "$bindir/pg_ctl" -D "$top/data" -w -t 60 -l "$top/data/server.log" \
  -o "-c listen_addresses= -k $top/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$top/data/server.log" >&2; exit 99; }

export WARDGATE_TEST_BACKEND=pg
export WARDGATE_TEST_PG="host=$top/sock user=wardgate_admin dbname=postgres"
export WARDGATE_TEST_PG_SOCKET="$top/sock"
export WARDGATE_TEST_PG_DATA="$top/data"
export WARDGATE_TEST_PG_CTL="$bindir/pg_ctl"
export WARDGATE_TEST_PG_RUN_AS="${run_as[*]}"

set +e
"$@"
status=$?
set -e
exit $status
