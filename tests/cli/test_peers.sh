#!/usr/bin/env bash
# test_peers.sh -- regression guards on the peers' validation suites and the gold sets in
# ../shared (not part of the project). Skips, saying so, where ../shared is absent.
# The floors are the figures of the issues' bars (TABARI 95%) or just under today's.
set -eu
DYAD=${DYAD:-build/dyad}
shared=../shared
if [ ! -d "$shared/peers" ]; then echo "skip: ../shared not found (peer suites and gold sets not run)"; exit 0; fi
fail() { echo "FAIL: $*"; exit 1; }
passed() { sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p' | tail -1; }

n=$($DYAD validate "$shared/peers/tabari/Validate.project" 2>/dev/null | passed)
[ "${n:-0}" -ge 417 ] || fail "TABARI suite: $n of 438 pass, want at least 417 (95%)"
n=$($DYAD validate "$shared/peers/petrarch1/PETR.UnitTest.records.xml" 2>/dev/null | passed)
[ "${n:-0}" -ge 242 ] || fail "PETRARCH-1 unit tests: $n of 284 pass, want at least 242 (85%)"
$DYAD validate "$shared/peers/universal-petrarch/PETR_Validate_records_2_02.xml" > "${TMPDIR:-/tmp}/dyad-up.$$" 2>/dev/null || true
n=$(passed < "${TMPDIR:-/tmp}/dyad-up.$$")
[ "${n:-0}" -ge 228 ] || fail "UniversalPetrarch suite: $n of 274 pass, want at least 228"
# its authors' measure, the issue's bar: found at least 80% of expected events, at most 15% extra per record
fx=$(sed -n 's/^found \([0-9.]*\)% of expected events, extra \([0-9.]*\)% per record$/\1 \2/p' "${TMPDIR:-/tmp}/dyad-up.$$")
rm -f "${TMPDIR:-/tmp}/dyad-up.$$"
python3 -c "import sys; f, x = map(float, '$fx'.split()); sys.exit(0 if f >= 80 and x <= 15 else 1)" ||
  fail "UniversalPetrarch found/extra: $fx, want found >= 80 and extra <= 15"

# the production dictionaries load; only their known malformed lines are reported
d=$($DYAD dict-check "$shared/peers/tabari/production/CAMEO.production.project" 2>/dev/null | sed -n 's/.*diagnostics \([0-9]*\)$/\1/p')
[ "${d:-99}" -le 16 ] || fail "TABARI production set: $d diagnostics, want at most 16"
d=$($DYAD dict-check "$shared/peers/petrarch2" 2>/dev/null | sed -n 's/.*diagnostics \([0-9]*\)$/\1/p')
[ "${d:-99}" -le 24 ] || fail "Phoenix set: $d diagnostics, want at most 24"

if [[ "$DYAD" == *" "* ]]; then
  echo "skip: gold-set scorers not run under a wrapper ($DYAD)"
elif command -v python3 >/dev/null; then
  s=$(python3 "$shared/eval/score_plover.py" "$DYAD" "$shared/gold/plover/PLOVER_GSR_CAMEO.txt" | sed -n 's/.*typed+source \([0-9.]*\)$/\1/p')
  python3 -c "import sys; sys.exit(0 if float('$s') >= 0.50 else 1)" || fail "PLOVER typed+source $s, want at least 0.50"
  q=$(python3 "$shared/eval/score_quad.py" "$DYAD" "$shared/gold/conflibert/cameo_class_test.tsv" | sed -n 's/.*agrees on \([0-9.]*\)% of all.*/\1/p')
  python3 -c "import sys; sys.exit(0 if float('$q') >= 65 else 1)" || fail "ConfliBERT quad agreement $q%, want at least 65%"
  # the train split is not used to find rules: a held-out check
  q=$(python3 "$shared/eval/score_quad.py" "$DYAD" "$shared/gold/conflibert/cameo_class_train.tsv" | sed -n 's/.*agrees on \([0-9.]*\)% of all.*/\1/p')
  python3 -c "import sys; sys.exit(0 if float('$q') >= 66 else 1)" || fail "ConfliBERT train-split quad agreement $q%, want at least 66%"
  # who did what to whom (tools/score_roles.py) and country-level F1 (tools/score_country.py)
  r=$(python3 tools/score_roles.py "$DYAD" "$shared/gold/conflibert/cameo_class_test.tsv" "$shared/gold/conflibert/cameo_ner_test.txt" | sed -n 's/.*full match: P [0-9.]* R [0-9.]* F1 \([0-9.]*\);.*/\1/p')
  python3 -c "import sys; sys.exit(0 if float('$r') >= 0.68 else 1)" || fail "ConfliBERT role F1 $r, want at least 0.68"
  r=$(python3 tools/score_country.py "$DYAD" "$shared/gold/plover/PLOVER_GSR_CAMEO.txt" | sed -n 's/.*F1 \([0-9.]*\)$/\1/p')
  python3 -c "import sys; sys.exit(0 if float('$r') >= 0.59 else 1)" || fail "PLOVER country-level F1 $r, want at least 0.59"
fi
echo "peers ok"
