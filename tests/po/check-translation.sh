#!/bin/sh
# check-translation.sh: a translation, merged against a template extracted
# now from the sources, has every message translated and none fuzzy. A new
# or changed string in the code therefore fails this test until it is
# translated; what the .po file says about itself is not trusted.
# Usage: check-translation.sh SOURCE_ROOT LANGUAGE [XGETTEXT_DATA_DIR]...
set -eu
root=$1 language=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Where xgettext finds the ITS rules of the XML content (its/*.loc).
GETTEXTDATADIRS=$(printf '%s:' "$@")
export GETTEXTDATADIRS

# The arguments of meson's i18n.gettext(preset: 'glib'), as po/meson.build
# uses it for the wardgate-pot target.
xgettext --package-name=wardgate --directory="$root" --files-from="$root/po/POTFILES.in" \
  --output="$work/wardgate.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

msgmerge --quiet --no-wrap --output-file="$work/merged.po" "$root/po/$language.po" "$work/wardgate.pot"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$work/merged.po" 2>&1)
echo "$language: $stats"
case "$stats" in
  *fuzzy*|*untranslated*)
    echo "Not translated, or changed since translated (fuzzy):" >&2
    msgattrib --no-wrap --no-obsolete --untranslated "$work/merged.po" | grep '^msgid ' | tail -n +2 >&2 || true
    msgattrib --no-wrap --no-obsolete --only-fuzzy "$work/merged.po" | grep '^msgid ' | tail -n +2 >&2 || true
    exit 1 ;;
esac
