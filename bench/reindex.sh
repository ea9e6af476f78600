#!/usr/bin/env bash
# `lede reindex` on the corpus grown to N articles (as case 6 grows it: imported, then cloned by
# bench/scale.py, whose own reindex is skipped), timed ROUNDS times, each on a fresh copy of
# the grown site, for every binary given: wall clock, user and system CPU, peak memory.
# Usage: bench/reindex.sh [N] [LEDE…]   (default 100000 and target/release/lede; ROUNDS=3)
# e.g. bench/reindex.sh 100000 /tmp/lede-main target/release/lede   (alternates the two)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
shift || true
[ $# -gt 0 ] || set -- target/release/lede
rounds=${ROUNDS:-3}
corpus=${CORPUS:-../shared/bench-corpus/articles.json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/corpus.py "$corpus" > "$work/corpus.wxr"
"$1" import wordpress "$work/corpus.wxr" --data "$work/grown" > /dev/null
python3 bench/corpus.py --bios "$work/grown" "$corpus"
python3 -c 'import sys; sys.path.insert(0, "bench"); import scale; scale.grow(sys.argv[1], int(sys.argv[2]))' \
  "$work/grown/lede.db" "$n" >&2
for round in $(seq "$rounds"); do
  for lede in "$@"; do
    rm -rf "$work/site" && cp -a "$work/grown" "$work/site"
    /usr/bin/time -f "round $round $lede: %e s wall, %U s user, %S s system, %M KB peak" \
      "$lede" reindex --data "$work/site" 2>&1 >/dev/null | grep '^round'
  done
done
