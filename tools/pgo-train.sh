#!/usr/bin/env bash
# tools/pgo-train.sh -- the training run of the profile-guided build (see the
# Makefile's PGO): an instrumented dyad codes the project's own sentences.
#
# Usage: tools/pgo-train.sh INSTRUMENTED_DYAD
# Only files of this repository are read (the example reports, the sentences
# that assert no event, the spec examples), so the profile never depends on
# ../shared. Each run adds its counts to the .gcda files beside the objects.
set -euo pipefail
dyad=$(realpath "$1")
cd "$(dirname "$0")/.."
# the compiled-set cache of the training build, never the user's own: the first
# run compiles the built-in set, the later ones load it, so both paths are trained
export DYAD_CACHE_DIR="$(dirname "$dyad")/cache"
rm -rf "$DYAD_CACHE_DIR"

spec_texts="$(dirname "$dyad")/spec-texts.txt"
sed -n 's/^text: //p' tests/spec/coding.txt > "$spec_texts"

# repeated so the per-sentence path outweighs the one-off work of each run
# (wire.jsonl: 120 wire-style stories, about 430 sentences, as feeds write them)
news=()
for _ in $(seq 10); do news+=(examples/wire.jsonl examples/news.jsonl tests/data/input/nonevents.txt); done
"$dyad" code "${news[@]}" > /dev/null
"$dyad" code --all "${news[@]}" > /dev/null
# dyad's own rules off: a TABARI-format set (the spec dictionary)
specs=()
for _ in $(seq 30); do specs+=("$spec_texts"); done
"$dyad" code --dict tests/data/spec --input text --date 2024-01-01 "${specs[@]}" > /dev/null
