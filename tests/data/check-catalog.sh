#!/bin/sh
# check-catalog.sh: the journal catalog has one entry for every MESSAGE_ID
# the audit writes (and none for an ID it does not), and journalctl builds
# its catalog database from it without a complaint.
# Usage: check-catalog.sh SOURCE-OF-IDS CATALOG
set -eu
source_file=$1
catalog=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

grep -o '"[0-9a-f]\{32\}"' "$source_file" | tr -d '"' | sort > "$root/ids"
grep '^-- [0-9a-f]\{32\}$' "$catalog" | cut -c4- | sort > "$root/entries"

count=$(wc -l < "$root/ids")
if [ "$count" -eq 0 ]; then
  echo "no MESSAGE_ID found in $source_file" >&2
  exit 1
fi
if [ -n "$(uniq -d "$root/entries")" ]; then
  echo "catalog entries given twice:" >&2
  uniq -d "$root/entries" >&2
  exit 1
fi
if ! diff -u "$root/ids" "$root/entries"; then
  echo "MESSAGE_IDs (-) and catalog entries (+) differ" >&2
  exit 1
fi

# Every entry carries a subject and says who defines it.
awk '/^-- /{ if (id != "" && !(subject && defined)) { print id; bad = 1 } id = $2; subject = 0; defined = 0 }
     /^Subject: ./{ subject = 1 } /^Defined-By: wardgate$/{ defined = 1 }
     END { if (id != "" && !(subject && defined)) { print id; bad = 1 } exit bad }' "$catalog" \
  || { echo "entries above lack a Subject: or Defined-By: line" >&2; exit 1; }

mkdir -p "$root/usr/lib/systemd/catalog"
cp "$catalog" "$root/usr/lib/systemd/catalog/wardgate.catalog"
journalctl --root "$root" --update-catalog 2> "$root/errors"
if [ -s "$root/errors" ]; then
  cat "$root/errors" >&2
  exit 1
fi
journalctl --root "$root" --list-catalog | grep ' wardgate: ' | cut -d' ' -f1 | sort > "$root/listed"
diff -u "$root/ids" "$root/listed"
echo "$count catalog entries, all known to journalctl"
