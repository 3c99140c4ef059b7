#!/bin/sh
# check-file-length.sh: no source file of Wardgate grows past 800 lines.
#
# A file that long holds more than one idea; split it along the seam a
# reader would look for before adding to it.
#
# Usage: check-file-length.sh SOURCE-ROOT
#        check-file-length.sh --self-test
set -eu

LIMIT=800

too_long () {
  # Prints "LINES PATH" for each file over the limit below $1.
  find "$1" \( -name .git -o -name 'build*' -o -name '_build*' -o -name subprojects \) -prune -o \
       -type f \( -name '*.c' -o -name '*.h' -o -name '*.css' -o -name '*.ui' -o -name '*.py' \
                  -o -name '*.sh' -o -name '*.sql' -o -name 'meson.build' \) -print |
    while read -r file; do
      lines=$(wc -l < "$file")
      if [ "$lines" -gt "$LIMIT" ]; then
        echo "$lines ${file#"$1"/}"
      fi
    done
}

if [ "${1:-}" = "--self-test" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  seq 1 "$LIMIT" > "$dir/short.c"
  seq 0 "$LIMIT" > "$dir/long.c"
  found=$(too_long "$dir")
  if [ "$found" != "$((LIMIT + 1)) long.c" ]; then
    echo "self-test: expected only long.c ($((LIMIT + 1)) lines), found: $found"
    exit 1
  fi
  echo "self-test: a file of $((LIMIT + 1)) lines is found, one of $LIMIT is not"
  exit 0
fi

root=${1:?usage: check-file-length.sh SOURCE-ROOT}
found=$(too_long "$root")
if [ -n "$found" ]; then
  echo "Files over $LIMIT lines (split them along their seams):"
  echo "$found"
  exit 1
fi
echo "No source file over $LIMIT lines."
