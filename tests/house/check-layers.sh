#!/bin/sh
# check-layers.sh: the layers ui → app → auth → data hold in every include line.
# Usage: check-layers.sh SOURCE_ROOT
# A layer may include only the layers below it; ui/ reaches data/ only
# through app/ (whose calls check permissions); nothing below ui/ uses GTK.
set -u

# --self-test: a tree with one planted upward include must be refused.
if [ "${1:-}" = "--self-test" ]; then
  tree=$(mktemp -d)
  trap 'rm -rf "$tree"' EXIT
  mkdir -p "$tree/ui" "$tree/app" "$tree/auth" "$tree/data"
  echo '#include "data/ward-store.h"' > "$tree/ui/planted.c"
  if "$0" "$tree" 2>/dev/null; then
    echo "a ui/ file including data/ was not refused" >&2
    exit 1
  fi
  echo '#include "auth/ward-session.h"' > "$tree/ui/planted.c"
  echo '#include <gtk/gtk.h>' > "$tree/auth/planted.c"
  if "$0" "$tree" 2>/dev/null; then
    echo "an auth/ file using GTK was not refused" >&2
    exit 1
  fi
  echo "planted includes are refused"
  exit 0
fi

root=$1
status=0

refuse () {
  echo "$1" >&2
  status=1
}

check () {
  layer=$1
  forbidden=$2
  why=$3
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($forbidden)/" \
           --include='*.c' --include='*.h' "$root/$layer" 2>/dev/null)
  if [ -n "$hits" ]; then
    refuse "$layer/ $why:"
    echo "$hits" >&2
  fi
}

check ui   'data'          'includes data/ (use the app/ calls, which check permissions)'
check app  'ui'            'includes a layer above it'
check auth 'ui|app'        'includes a layer above it'
check data 'ui|app|auth'   'includes a layer above it'

for layer in app auth data; do
  hits=$(grep -rnE '#[[:space:]]*include[[:space:]]+<gtk/' --include='*.c' --include='*.h' "$root/$layer")
  [ -z "$hits" ] || { refuse "$layer/ uses GTK:"; echo "$hits" >&2; }
done

[ $status -eq 0 ] && echo "layers hold: ui → app → auth → data"
exit $status
