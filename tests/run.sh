#!/usr/bin/env bash
# run.sh -- runs every unit-test binary given, then the CLI tests; prints a
# closing "N passed, N failed" line. VALGRIND=1 runs each under valgrind.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
pass=0; fail=0
# compiled dictionary sets go to a folder of this run's own, not the user's cache
export DYAD_CACHE_DIR
DYAD_CACHE_DIR=$(mktemp -d /tmp/dyad-test-cache.XXXXXX)
run() {  # name, command...
  local name=$1; shift
  if "$@" >"/tmp/dyad-test.$$" 2>&1; then pass=$((pass+1)); echo "ok    $name"
  else fail=$((fail+1)); echo "FAIL  $name"; sed 's/^/      /' "/tmp/dyad-test.$$" | tail -40; fi
}
vg=()
[ "${VALGRIND:-0}" = 1 ] && vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite)
for t in "$@"; do run "$(basename "$t")" "${vg[@]}" "$t"; done
for h in code dict; do
  run "fuzz-replay-$h" "${vg[@]}" "$BUILD/fuzz-replay-$h" fuzz/corpus/$h/*
done
dyad="$BUILD/dyad"
[ ${#vg[@]} -gt 0 ] && dyad="${vg[*]} $BUILD/dyad"
for t in tests/cli/*.sh; do run "$(basename "$t")" env DYAD="$dyad" bash "$t"; done
rm -rf "/tmp/dyad-test.$$" "$DYAD_CACHE_DIR"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
