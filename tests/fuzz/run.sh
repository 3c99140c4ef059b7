#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer, UndefinedBehaviorSanitizer)
# and runs each for a while, starting from the committed seed corpus.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET [TARGET…]]
#
# New inputs go to $build/fuzz-corpus/TARGET (add the interesting ones to
# tests/fuzz/corpus/TARGET/), crashes to $build/fuzz-artifacts/.
# WARDGATE_FUZZ_BUILD names the build folder (default: _build-fuzz).
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${WARDGATE_FUZZ_BUILD:-$src/_build-fuzz}"
seconds="${1:-60}"
shift || true

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" "$src" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Ddemo=true -Dtests=true
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for corpus in "$src"/tests/fuzz/corpus/*/; do
    target="$(basename "$corpus")"
    # pcsc-answer exists only in builds with PC/SC.
    if grep -q "'$target'" "$src/tests/fuzz/meson.build"; then
      targets+=("$target")
    fi
  done
fi

ninja -C "$build" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}")

mkdir -p "$build/fuzz-artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export G_DEBUG=fatal-criticals LC_ALL=C.UTF-8 GSETTINGS_BACKEND=memory
status=0
for target in "${targets[@]}"; do
  work="$build/fuzz-corpus/$target"
  mkdir -p "$work"
  echo "== $target: ${seconds} s"
  if ! "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -print_final_stats=1 \
       -artifact_prefix="$build/fuzz-artifacts/$target-" "$work" "$src/tests/fuzz/corpus/$target" \
       2>"$build/fuzz-$target.log"; then
    echo "!! $target found a problem: see $build/fuzz-$target.log and $build/fuzz-artifacts/"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz-$target.log" || true
done
exit $status
