#!/bin/sh
# check-translation.sh: every message of a translation is translated and none is fuzzy.
# Usage: check-translation.sh FILE.po
set -eu
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$1" 2>&1)
echo "$stats"
case "$stats" in
  *fuzzy*|*untranslated*) echo "$1 is not complete" >&2; exit 1 ;;
esac
