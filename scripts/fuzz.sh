#!/usr/bin/env bash
# Builds the libFuzzer targets and runs them.
#   scripts/fuzz.sh SECONDS   fuzz each target for SECONDS (new crashes go to tests/fuzz/regressions/)
#   scripts/fuzz.sh replay    run the committed corpus and regressions once (part of make test)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-30}
out=build-fuzz
mkdir -p "$out"
sources="src/core/arena.c src/core/buf.c src/http/params.c src/web/html.c src/rules/validate.c src/rules/clock.c src/rules/periods.c"
[ -f src/web/csv.c ] && sources="$sources src/web/csv.c"
sources="$sources src/alloc/alloc.c src/alloc/alloc_instance.c"
targets=$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//')
# The readers of uploaded pupil lists (src/import/) build without src/ on the include path:
# the project's src/web/csv.h would hide libcsv's <csv.h>.
import_sources="src/core/arena.c src/core/buf.c src/http/params.c $(ls src/import/*.c | tr '\n' ' ')"
import_libs="-Isrc/core -Isrc/http -lcsv -lzip -lexpat -lfreexl -lm"
for t in $targets; do
  if [ ! "$out/$t" -nt "tests/fuzz/$t.c" ] || [ -n "$(find src -newer "$out/$t" -name '*.[ch]' | head -1)" ]; then
    case $t in
      fuzz_import_*) args="$import_sources $import_libs" ;;
      *) args="-Isrc -Isrc/core -Isrc/http -Isrc/web -Isrc/store -Isrc/rules -Isrc/alloc -Isrc/mail -Isrc/school -Isrc/service -Isrc/admin -Isrc/account -Isrc/cli -Ibuild $sources" ;;
    esac
    # shellcheck disable=SC2086
    clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      "tests/fuzz/$t.c" $args -o "$out/$t"
  fi
done
status=0
for t in $targets; do
  name=${t#fuzz_}
  corpus=tests/fuzz/corpus/$name regressions=tests/fuzz/regressions/$name
  mkdir -p "$corpus" "$regressions"
  if [ "$mode" = replay ]; then
    files=$(find "$corpus" "$regressions" -type f ! -name '.*')
    # shellcheck disable=SC2086
    "$out/$t" -runs=0 $files >/dev/null 2>"$out/$t.log" || { echo "fuzz replay FAILED: $t"; tail -30 "$out/$t.log"; status=1; }
    continue
  fi
  work=$(mktemp -d)
  echo "fuzzing $t for $mode s"
  if ! "$out/$t" -max_total_time="$mode" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/$t-" \
       "$work" "$corpus" >"$out/$t.log" 2>&1; then
    echo "fuzz FAILED: $t"; tail -40 "$out/$t.log"
    for crash in "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-*; do
      [ -f "$crash" ] && mv "$crash" "$regressions/" && echo "  saved $regressions/$(basename "$crash")"
    done
    status=1
  else
    grep -E '^Done|stat::number_of_executed_units' "$out/$t.log" | tail -1 || true
  fi
  rm -rf "$work"
done
[ "$mode" = replay ] && [ $status = 0 ] && echo "fuzz replay: $(echo $targets | wc -w) targets, corpus and regressions pass"
exit $status
