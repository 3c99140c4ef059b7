#!/bin/sh
# lint-man.sh: every manual page is free of mandoc's complaints, down to
# style (or of groff's warnings where mandoc is not installed).
# Usage: lint-man.sh PAGE...
set -eu
for page in "$@"; do
  if command -v mandoc > /dev/null; then
    out=$(mandoc -Tlint -W style "$page" 2>&1) || true
  else
    out=$(groff -man -ww -z "$page" 2>&1) || true
  fi
  if [ -n "$out" ]; then
    echo "$out" >&2
    exit 1
  fi
  echo "clean: $(basename "$page")"
done
