#!/bin/sh
# check-potfiles.sh: every source file with words to translate is listed in
# po/POTFILES.in. A file left out has its words extracted by nobody: they
# stay English on a German screen, and no translation test can notice.
# The C sources, headers and templates are read here; the data files
# (desktop entry, metainfo, schema, awareness prompts, device catalogue)
# are listed by hand, each with its own rules.
# Usage: check-potfiles.sh SOURCE_ROOT
set -eu
root=$1
cd "$root"

missing=$(find app auth data ui -name '*.c' -o -name '*.h' -o -name '*.ui' | sort \
  | while read -r file; do
      if grep -qE '(^|[^A-Za-z0-9_])(N?C?_|g_dcgettext|g_dngettext|g_dpgettext2) ?\(|translatable="yes"' "$file" \
         && ! grep -qxF "$file" po/POTFILES.in; then
        echo "$file"
      fi
    done)
if [ -n "$missing" ]; then
  echo "These files have words to translate but are not in po/POTFILES.in:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "Every file with words to translate is in po/POTFILES.in."
